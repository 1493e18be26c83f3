// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { formatIsoDate, todayIso } from '../../shared/dates.js'
import { cardKeyringFor } from './card-iban.js'
import { parseRemap } from './child-mapping.js'

let ctx: TestContext
let team: Awaited<ReturnType<typeof buildTeam>>
let caseworker: TestClient
let caseId: string
let mother: { id: string }
let father: { id: string }
let child: { id: string }

const base = (id: string) => `/sachbearbeitung/antraege/${id}/bezahlkarte`
/** The first of next month, as a German date and as ISO. */
function nextMonthFirst(): { de: string; iso: string } {
  const [y, m] = todayIso().split('-').map(Number) as [number, number]
  const iso = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { de: formatIsoDate(iso), iso }
}

async function mappings() {
  return ctx.db
    .selectFrom('household_child_card')
    .select(['holder_member_id', 'valid_from', 'reason', 'created_by'])
    .where('child_member_id', '=', child.id)
    .execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  team = await buildTeam(ctx.db, { caseworkers: 1 })
  const worker = team.caseworkers[0] as StaffWithPost
  caseId = (await buildCase(ctx.db, { postId: worker.postId, benefitType: 'asylblg' })).applicationId
  mother = await buildMember(ctx.db, caseId, { givenName: 'Amal', surname: 'Haddad' })
  father = await buildMember(ctx.db, caseId, { givenName: 'Karim', surname: 'Haddad' })
  child = await buildMember(ctx.db, caseId, {
    givenName: 'Lina',
    surname: 'Haddad',
    role: 'child',
    cardHolderMemberId: mother.id,
  })
  caseworker = await signIn(ctx.app, worker)
})
afterAll(async () => {
  await ctx.close()
})

describe('re-map a child onto another adult’s card', () => {
  it('should link the screen from the household table and show the current mapping', async () => {
    const page = await (await caseworker.get(base(caseId))).text()
    expect(page).toContain(`${base(caseId)}/mitglieder/${child.id}/karte`)
    const res = await caseworker.get(`${base(caseId)}/mitglieder/${child.id}/karte`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Karte des Kindes ändern: Lina Haddad')
    expect(html).toContain('Derzeit gebucht auf die Karte von Amal Haddad.')
    expect(html).toContain('von Anfang an')
  })

  it('should refuse bad input with 422 and specific German messages, storing nothing', async () => {
    const url = `${base(caseId)}/mitglieder/${child.id}/karte`
    const cases: Array<[Record<string, string>, string]> = [
      [{ karte_von: '', gueltig_ab: nextMonthFirst().de, grund: 'x' }, 'Wählen Sie die erwachsene Person'],
      [
        { karte_von: father.id, gueltig_ab: '', grund: 'x' },
        'Geben Sie an, ab wann die neue Zuordnung gilt.',
      ],
      [{ karte_von: father.id, gueltig_ab: '31.02.2027', grund: 'x' }, 'Geben Sie ein gültiges Datum ein'],
      [{ karte_von: father.id, gueltig_ab: '01.01.2020', grund: 'x' }, 'Ersten des laufenden Monats'],
      [
        { karte_von: father.id, gueltig_ab: nextMonthFirst().de, grund: '  ' },
        'Geben Sie den Grund der Änderung an.',
      ],
      [
        { karte_von: father.id, gueltig_ab: nextMonthFirst().de, grund: 'a'.repeat(2001) },
        'höchstens 2000 Zeichen',
      ],
      [
        { karte_von: father.id, gueltig_ab: nextMonthFirst().de, grund: 'a\u0007b' },
        'Zeichen, die nicht erlaubt sind',
      ],
      [
        { karte_von: child.id, gueltig_ab: nextMonthFirst().de, grund: 'x' },
        'gehören zu einer erwachsenen Person',
      ],
      [
        { karte_von: mother.id, gueltig_ab: nextMonthFirst().de, grund: 'x' },
        'bereits auf der Karte dieser Person',
      ],
    ]
    for (const [form, message] of cases) {
      const res = await caseworker.post(url, form)
      expect(res.status, message).toBe(422)
      expect(await res.text()).toContain(message)
    }
    expect(await mappings()).toEqual([])
  })

  it('should store the dated re-mapping with its reason, audit it, and show it in the history', async () => {
    const from = nextMonthFirst()
    const res = await caseworker.post(`${base(caseId)}/mitglieder/${child.id}/karte`, {
      karte_von: father.id,
      gueltig_ab: from.de,
      grund: 'Mutter im Krankenhaus',
    })
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${base(caseId)}?hinweis=remapped`)
    const rows = await mappings()
    expect(rows).toEqual([
      {
        holder_member_id: father.id,
        valid_from: from.iso,
        reason: 'Mutter im Krankenhaus',
        created_by: (team.caseworkers[0] as StaffWithPost).id,
      },
    ])
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', caseId)
      .where('action', 'in', ['payment_card.child_map', 'payment_card.child_map_view'])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toContain('payment_card.child_map')
    expect(audit.find((a) => a.action === 'payment_card.child_map')?.details).toMatchObject({
      childId: child.id,
      from: mother.id,
      to: father.id,
      validFrom: from.iso,
    })
    const html = await (await caseworker.get(`${base(caseId)}/mitglieder/${child.id}/karte`)).text()
    expect(html).toContain('Mutter im Krankenhaus')
    expect(html).toContain(from.de)
    // A second change must lie after the first.
    const again = await caseworker.post(`${base(caseId)}/mitglieder/${child.id}/karte`, {
      karte_von: mother.id,
      gueltig_ab: from.de,
      grund: 'zurück',
    })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('Das Datum muss nach der letzten Änderung der Zuordnung liegen.')
    expect(await mappings()).toHaveLength(1)
  })

  it('should refuse auditors and administrators: a change screen, with the roles of the household form', async () => {
    const auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
    const url = `${base(caseId)}/mitglieder/${child.id}/karte`
    expect((await auditor.get(url)).status).toBe(403)
    const post = await auditor.post(url, { karte_von: mother.id, gueltig_ab: '01.01.2099', grund: 'x' })
    expect(post.status).toBe(403)
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    expect((await admin.get(url)).status).toBe(403)
  })
})

describe('parseRemap', () => {
  it('should accept the first of the current month and refuse the day before', () => {
    expect(parseRemap({ karte_von: 'x', gueltig_ab: '01.06.2026', grund: 'g' }, '2026-06-20').ok).toBe(true)
    expect(parseRemap({ karte_von: 'x', gueltig_ab: '31.05.2026', grund: 'g' }, '2026-06-20').ok).toBe(false)
    expect(parseRemap({ karte_von: 'x', gueltig_ab: '20.06.2027', grund: 'g' }, '2026-06-20').ok).toBe(true)
    expect(parseRemap({ karte_von: 'x', gueltig_ab: '21.06.2027', grund: 'g' }, '2026-06-20').ok).toBe(false)
  })
})

describe('citizen link to the card requests', () => {
  async function citizenFor(c: { reference: string; accessCode: string }): Promise<TestClient> {
    const client = new TestClient(ctx.app)
    expect((await client.post('/antrag/status', c)).status).toBe(200)
    return client
  }

  it('should show the link only to AsylbLG applicants and card households', async () => {
    const keyring = await cardKeyringFor(ctx.deps.config)
    const grusi = await buildCase(ctx.db, { benefitType: 'grusi' })
    const grusiInRegister = await buildCase(ctx.db, { benefitType: 'grusi' })
    const adult = await buildMember(ctx.db, grusiInRegister.applicationId)
    await buildCard(ctx.db, keyring, grusiInRegister.applicationId, adult.id)
    const asyl = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const link = 'href="/antrag/bezahlkarte"'
    const statusOf = async (c: { reference: string; accessCode: string }) => {
      const res = await (await citizenFor(c)).get('/antrag/status/ansicht')
      expect(res.status).toBe(200)
      return res.text()
    }
    const plain = await statusOf({ reference: grusi.reference, accessCode: grusi.accessCode })
    expect(plain).toContain(grusi.reference)
    expect(plain).not.toContain(link)
    expect(await statusOf({ reference: asyl.reference, accessCode: asyl.accessCode })).toContain(link)
    expect(
      await statusOf({ reference: grusiInRegister.reference, accessCode: grusiInRegister.accessCode }),
    ).toContain(link)
  })

  it('should tell someone without a card household in German that the card does not concern her, with no forms', async () => {
    const grusi = await buildCase(ctx.db, { benefitType: 'grusi' })
    const client = await citizenFor({ reference: grusi.reference, accessCode: grusi.accessCode })
    const res = await client.get('/antrag/bezahlkarte')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Für Ihren Antrag gibt es keine Bezahlkarte.')
    expect(html).not.toContain('Überweisung beantragen')
    expect(html).not.toContain('Ihre Anträge')
    const post = await client.post('/antrag/bezahlkarte', {
      art: 'reise',
      von: '01.01.2099',
      bis: '02.01.2099',
      grund: 'Besuch',
    })
    expect(post.status).toBe(409)
    expect(await post.text()).toContain('Für diesen Haushalt ist keine Bezahlkarte ausgegeben.')
    const stored = await ctx.db
      .selectFrom('card_approval')
      .select('id')
      .where('application_id', '=', grusi.applicationId)
      .execute()
    expect(stored).toEqual([])
  })
})
