// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

const HISTORY = (id: string) => `/sachbearbeitung/antraege/${id}/zugriffe`

async function scenario(surname: string) {
  const team = await buildTeam(ctx.db, { caseworkers: 2 })
  const [owner, colleague] = team.caseworkers
  if (!owner || !colleague) {
    throw new Error('team without caseworkers')
  }
  const other = await buildTeam(ctx.db, { caseworkers: 1 })
  const created = await buildCase(ctx.db, { postId: owner.postId, surname, givenName: 'Erika' })
  const second = await buildCase(ctx.db, { postId: owner.postId, surname, givenName: 'Erika' })
  const app = await ctx.db
    .selectFrom('application')
    .selectAll()
    .where('id', '=', created.applicationId)
    .executeTakeFirstOrThrow()
  return { team, owner, colleague, outsider: other.caseworkers[0], app, secondId: second.applicationId }
}

describe('case access history', () => {
  it('should show the responsible staff who read the case, and audit the view', async () => {
    const { owner, app } = await scenario('Lindqvist')
    const client = await signIn(ctx.app, owner)
    await client.get(`/sachbearbeitung/antraege/${app.id}`)
    const res = await client.get(HISTORY(app.id))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`Zugriffsprotokoll: ${app.reference}`)
    expect(html).toContain(owner.displayName)
    expect(html).toContain('application.view')
    expect(html).toContain('Sachbearbeitung')
    const views = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'access_history.view')
      .where('subject_id', '=', app.id)
      .execute()
    expect(views).toMatchObject([{ actor_id: owner.id, purpose: 'access_history' }])
    // The case page links to it.
    expect(await (await client.get(`/sachbearbeitung/antraege/${app.id}`)).text()).toContain(HISTORY(app.id))
  })

  it('should answer 404 to staff without need-to-know and record the refusal', async () => {
    const { outsider, app } = await scenario('Quast')
    if (!outsider) {
      throw new Error('no outsider')
    }
    const client = await signIn(ctx.app, outsider)
    expect((await client.get(HISTORY(app.id))).status).toBe(404)
    const denied = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'case.denied')
      .where('subject_id', '=', app.id)
      .execute()
    expect(denied).toMatchObject([{ actor_id: outsider.id, outcome: 'denied' }])
  })

  it('should show the DPO the history, filtered by user and time, but not the case content', async () => {
    const { owner, colleague, outsider, app } = await scenario('Zimmermann-Ost')
    const ownerClient = await signIn(ctx.app, owner)
    await ownerClient.get(`/sachbearbeitung/antraege/${app.id}`)
    if (outsider) {
      await (await signIn(ctx.app, outsider)).get(`/sachbearbeitung/antraege/${app.id}`)
    }
    const dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
    const client = await signIn(ctx.app, dpo)
    expect((await client.get(`/sachbearbeitung/antraege/${app.id}`)).status).toBe(403)
    const all = await (await client.get(HISTORY(app.id))).text()
    expect(all).toContain(owner.displayName)
    expect(all).toContain('verweigert')
    expect(all).not.toContain(app.applicant_given_name)
    expect(all).not.toContain(colleague.displayName)
    const onlyOwner = await (await client.get(`${HISTORY(app.id)}?wer=${owner.id}`)).text()
    expect(onlyOwner).toContain('application.view')
    expect(onlyOwner).not.toContain('case.denied')
    const future = await (await client.get(`${HISTORY(app.id)}?von=01.01.2099`)).text()
    expect(future).toContain('Keine Zugriffe im gewählten Zeitraum.')
    const bad = await client.get(`${HISTORY(app.id)}?von=32.13.2026`)
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie das Datum in der Form 26.11.2026 ein.')
    const views = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'access_history.view')
      .where('actor_id', '=', dpo.id)
      .execute()
    expect(views.length).toBeGreaterThanOrEqual(3)
    expect(views[0]).toMatchObject({ purpose: 'data_protection_control', subject_id: app.id })
  })

  it('should page through a long history', async () => {
    const { owner, app } = await scenario('Paginski')
    const client = await signIn(ctx.app, owner)
    for (let i = 0; i < 52; i++) {
      await client.get(`/sachbearbeitung/antraege/${app.id}`)
    }
    const first = await (await client.get(HISTORY(app.id))).text()
    const next = /href="([^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toMatch(/vor=\d+/)
    const second = await (await client.get(next ?? '')).text()
    expect(second).toContain('application.view')
    expect(/rel="next"/.test(second)).toBe(false)
  })
})

describe("a person's access history", () => {
  it('should let the DPO find a person by name, birth date or file number and see all her cases', async () => {
    const { owner, app, secondId } = await scenario('Voßberg')
    await (await signIn(ctx.app, owner)).get(`/sachbearbeitung/antraege/${secondId}`)
    const dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
    const client = await signIn(ctx.app, dpo)
    const byName = await (await client.get('/datenschutz/personen?name=vo%C3%9F')).text()
    expect(byName).toContain('Voßberg, Erika')
    const byReference = await (await client.get(`/datenschutz/personen?aktenzeichen=${app.reference}`)).text()
    expect(byReference).toContain('Voßberg, Erika')
    const empty = await client.get('/datenschutz/personen?name=')
    expect(empty.status).toBe(422)
    const history = await (await client.get(`/datenschutz/personen/zugriffe?fall=${app.id}`)).text()
    const second = await ctx.db
      .selectFrom('application')
      .select('reference')
      .where('id', '=', secondId)
      .executeTakeFirstOrThrow()
    expect(history).toContain(second.reference)
    expect(history).toContain(owner.displayName)
    // Two searches (the empty one was refused before searching) and one view on each of her two cases.
    const audited = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('actor_id', '=', dpo.id)
      .where('action', 'in', ['person.search', 'access_history.view'])
      .orderBy('id')
      .execute()
    expect(audited.map((r) => r.action)).toEqual([
      'person.search',
      'person.search',
      'access_history.view',
      'access_history.view',
    ])
    expect(
      audited
        .slice(2)
        .map((r) => r.subject_id)
        .sort(),
    ).toEqual([app.id, secondId].sort())
  })

  it('should refuse the person search to a caseworker', async () => {
    const { owner } = await scenario('Refus')
    const client = await signIn(ctx.app, owner)
    expect((await client.get('/datenschutz/personen?name=Refus')).status).toBe(403)
  })
})
