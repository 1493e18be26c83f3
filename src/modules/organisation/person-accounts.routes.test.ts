// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildPerson } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'

const PEOPLE = '/verwaltung/organisation/personen'
const flat = (html: string) => html.replace(/\s+/g, ' ')

let ctx: TestContext
let admin: TestClient
let lead: TestClient
let caseworker: TestClient

async function linkOf(personId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('person')
    .select('staff_user_id')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return row.staff_user_id
}

async function audits(action: string, personId: string) {
  return ctx.db
    .selectFrom('audit_event')
    .select(['actor_id', 'details'])
    .where('action', '=', action)
    .where('subject_id', '=', personId)
    .execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
  lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'division_head' }))
  caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
})

afterAll(async () => {
  await ctx?.close()
})

describe('person ↔ sign-in account', () => {
  it('should let only administrators see and change the links', async () => {
    const person = await buildPerson(ctx.db, 'Nur Verwaltung')
    expect((await admin.get(PEOPLE)).status).toBe(200)
    expect((await admin.get('/verwaltung/organisation')).status).toBe(200)
    expect(await (await admin.get('/verwaltung/organisation')).text()).toContain(`href="${PEOPLE}"`)
    for (const client of [lead, caseworker]) {
      expect((await client.get(PEOPLE)).status).toBe(403)
      const account = await buildStaffUser(ctx.db, { role: 'caseworker' })
      expect((await client.post(`${PEOPLE}/${person.id}/konto`, { staffUserId: account.id })).status).toBe(
        403,
      )
    }
    expect(await linkOf(person.id)).toBeNull()
  })

  it('should link a person to a free account, audited, and list it', async () => {
    const person = await buildPerson(ctx.db, 'Frieda Verknüpft')
    const account = await buildStaffUser(ctx.db, { role: 'caseworker', displayName: 'Frieda V. (Konto)' })
    const form = flat(await (await admin.get(`${PEOPLE}/${person.id}/konto`)).text())
    expect(form).toContain('Anmeldekonto verknüpfen: Frieda Verknüpft')
    expect(form).toContain('Frieda V. (Konto)')
    const res = await admin.post(`${PEOPLE}/${person.id}/konto`, { staffUserId: account.id })
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${PEOPLE}?gespeichert=1`)
    expect(await linkOf(person.id)).toBe(account.id)
    expect(await audits('organisation.person_link', person.id)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ staffUserId: account.id }) }),
    ])
    const list = flat(await (await admin.get(`${PEOPLE}?gespeichert=1`)).text())
    expect(list).toContain('Die Verknüpfung wurde gespeichert.')
    expect(list).toContain(`Frieda V. (Konto) (${account.username})`)
    // A linked account is no longer offered to anyone else.
    const other = await buildPerson(ctx.db, 'Andere Person')
    expect(await (await admin.get(`${PEOPLE}/${other.id}/konto`)).text()).not.toContain(account.id)
  })

  it('should refuse a second account for a person and an account that belongs to someone else, with German errors', async () => {
    const anna = await buildPerson(ctx.db, 'Anna Erste')
    const bert = await buildPerson(ctx.db, 'Bert Zweiter')
    const annaAccount = await buildStaffUser(ctx.db, { role: 'caseworker' })
    const spare = await buildStaffUser(ctx.db, { role: 'caseworker' })
    expect((await admin.post(`${PEOPLE}/${anna.id}/konto`, { staffUserId: annaAccount.id })).status).toBe(303)

    const taken = await admin.post(`${PEOPLE}/${bert.id}/konto`, { staffUserId: annaAccount.id })
    expect(taken.status).toBe(422)
    const takenHtml = flat(await taken.text())
    expect(takenHtml).toContain('<title>Fehler:')
    expect(takenHtml).toContain('Dieses Anmeldekonto ist schon mit Anna Erste verknüpft.')
    expect(await linkOf(bert.id)).toBeNull()

    const second = await admin.post(`${PEOPLE}/${anna.id}/konto`, { staffUserId: spare.id })
    expect(second.status).toBe(422)
    expect(flat(await second.text())).toContain('Die Person ist schon mit einem Anmeldekonto verknüpft.')
    expect(await linkOf(anna.id)).toBe(annaAccount.id)

    const none = await admin.post(`${PEOPLE}/${bert.id}/konto`, { staffUserId: '' })
    expect(none.status).toBe(422)
    expect(flat(await none.text())).toContain('Wählen Sie ein Anmeldekonto aus der Liste.')
    const unknown = await admin.post(`${PEOPLE}/${bert.id}/konto`, {
      staffUserId: '00000000-0000-4000-8000-000000000000',
    })
    expect(unknown.status).toBe(422)
    expect(flat(await unknown.text())).toContain('Dieses Anmeldekonto gibt es nicht oder es ist gesperrt.')
    expect((await admin.get(`${PEOPLE}/00000000-0000-4000-8000-000000000000/konto`)).status).toBe(404)
  })

  it('should unlink, audited, and refuse to unlink a person without an account', async () => {
    const person = await buildPerson(ctx.db, 'Carla Lösen')
    const account = await buildStaffUser(ctx.db, { role: 'team_lead' })
    await admin.post(`${PEOPLE}/${person.id}/konto`, { staffUserId: account.id })
    const res = await admin.post(`${PEOPLE}/${person.id}/konto-loesen`, {})
    expect(res.status).toBe(303)
    expect(await linkOf(person.id)).toBeNull()
    expect(await audits('organisation.person_unlink', person.id)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ staffUserId: account.id }) }),
    ])
    const again = await admin.post(`${PEOPLE}/${person.id}/konto-loesen`, {})
    expect(again.status).toBe(422)
    expect(flat(await again.text())).toContain('Die Person ist mit keinem Anmeldekonto verknüpft.')
    expect(await audits('organisation.person_unlink', person.id)).toHaveLength(1)
  })
})
