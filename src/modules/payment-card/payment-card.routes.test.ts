// SPDX-License-Identifier: EUPL-1.2
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import {
  buildCase,
  buildStaffWithPost,
  buildTeam,
  type StaffWithPost,
} from '../../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { cardKeyringFor } from './card-iban.js'

const CARD_IBAN = 'DE89370400440532013000'
const PAYEE_IBAN = 'DE02120300000000202051'
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

const lines: string[] = []
let ctx: TestContext
let keyring: DocumentKeyring
let team: Awaited<ReturnType<typeof buildTeam>>
let worker: StaffWithPost
let caseworker: TestClient
let lead: TestClient
let caseId: string
let foreignCaseId: string
let adultId: string

const base = (id: string) => `/sachbearbeitung/antraege/${id}/bezahlkarte`

async function auditActions(applicationId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_event')
    .select('action')
    .where('subject_id', '=', applicationId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

async function counts() {
  const [members, cards, changes, approvals] = await Promise.all(
    (['household_member', 'payment_card', 'payment_card_status_change', 'card_approval'] as const).map(
      async (table) =>
        Number(
          (
            await ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
    ),
  )
  return { members, cards, changes, approvals }
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  ctx = await freshTestContext({}, pino({ level: 'trace' }, sink))
  keyring = await cardKeyringFor(ctx.deps.config)
  team = await buildTeam(ctx.db, { caseworkers: 2 })
  worker = team.caseworkers[0] as StaffWithPost
  caseId = (await buildCase(ctx.db, { postId: worker.postId, benefitType: 'asylblg' })).applicationId
  foreignCaseId = (
    await buildCase(ctx.db, { postId: (team.caseworkers[1] as StaffWithPost).postId, benefitType: 'asylblg' })
  ).applicationId
  caseworker = await signIn(ctx.app, worker)
  lead = await signIn(ctx.app, team.lead)
})
afterAll(async () => {
  await ctx.close()
})

describe('access to the card section of a case', () => {
  it('should show the section to the caseworker of the case and audit the read', async () => {
    const res = await caseworker.get(base(caseId))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Bedarfsgemeinschaft')
    expect(html).toContain('Für diesen Fall ist keine Karte erfasst.')
    expect(await auditActions(caseId)).toContain('payment_card.view')
  })

  it('should link the section from the case page', async () => {
    const html = await (await caseworker.get(`/sachbearbeitung/antraege/${caseId}`)).text()
    expect(html).toContain(`href="${base(caseId)}"`)
    expect(html).toContain('Bezahlkarte und Zahlungsfreigaben dieses Falls')
  })

  it('should answer a foreign case exactly like a missing one (404)', async () => {
    const foreign = await caseworker.get(base(foreignCaseId))
    const missing = await caseworker.get(base(UNKNOWN))
    expect(foreign.status).toBe(404)
    expect(missing.status).toBe(404)
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, '')
    expect(strip(await foreign.text())).toBe(strip(await missing.text()))
    expect(
      (
        await caseworker.post(`${base(foreignCaseId)}/mitglieder`, {
          vorname: 'A',
          nachname: 'B',
          rolle: 'adult',
        })
      ).status,
    ).toBe(404)
  })

  it('should let the team lead in, and refuse administrators, data-protection officers and complaints coordinators (403)', async () => {
    expect((await lead.get(base(caseId))).status).toBe(200)
    for (const role of ['administrator', 'data_protection_officer', 'complaints_coordinator'] as const) {
      const client = await signIn(ctx.app, await buildStaffUser(ctx.db, { role }))
      expect((await client.get(base(caseId))).status, role).toBe(403)
      expect((await client.get('/bezahlkarte')).status, role).toBe(403)
      expect((await client.get('/bezahlkarte/freigaben')).status, role).toBe(403)
    }
  })

  it('should let auditors read but not change (403 on every change)', async () => {
    const auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
    const res = await auditor.get(base(caseId))
    expect(res.status).toBe(200)
    expect(await res.text()).not.toContain('Mitglied hinzufügen</span>')
    const before = await counts()
    expect(
      (await auditor.post(`${base(caseId)}/mitglieder`, { vorname: 'A', nachname: 'B', rolle: 'adult' }))
        .status,
    ).toBe(403)
    expect(await counts()).toEqual(before)
  })
})

describe('household and cards', () => {
  it('should refuse an incomplete member with specific German errors (422) and store nothing', async () => {
    const before = await counts()
    const res = await caseworker.post(`${base(caseId)}/mitglieder`, {
      vorname: '',
      nachname: 'Haddad',
      geburtsdatum: '31.02.2001',
      rolle: '',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Geben Sie den Vornamen ein.')
    expect(html).toContain('Geben Sie das Geburtsdatum als Datum ein')
    expect(html).toContain('Wählen Sie, ob die Person erwachsen oder ein Kind ist.')
    expect(html).toContain('name="nachname" type="text" value="Haddad"')
    expect(await counts()).toEqual(before)
  })

  it('should add an adult and a child booked on the adult’s card', async () => {
    const res = await caseworker.post(`${base(caseId)}/mitglieder`, {
      vorname: 'Amira',
      nachname: 'Haddad',
      geburtsdatum: '02.05.1990',
      rolle: 'adult',
    })
    expect(redirectTarget(res)).toBe(`${base(caseId)}?hinweis=member`)
    const adult = await ctx.db
      .selectFrom('household_member')
      .selectAll()
      .where('application_id', '=', caseId)
      .executeTakeFirstOrThrow()
    adultId = adult.id
    expect(adult).toMatchObject({ role: 'adult', birth_date: '1990-05-02', card_holder_member_id: null })
    const missingHolder = await caseworker.post(`${base(caseId)}/mitglieder`, {
      vorname: 'Lina',
      nachname: 'Haddad',
      rolle: 'child',
    })
    expect(missingHolder.status).toBe(422)
    expect(await missingHolder.text()).toContain(
      'Wählen Sie, auf wessen Karte die Leistungen des Kindes gebucht werden.',
    )
    expect(
      (
        await caseworker.post(`${base(caseId)}/mitglieder`, {
          vorname: 'Lina',
          nachname: 'Haddad',
          rolle: 'child',
          karte_von: adultId,
        })
      ).status,
    ).toBe(303)
    const html = await (await caseworker.get(base(caseId))).text()
    expect(html).toContain('Lina Haddad')
    expect(html).toMatch(/Kind<\/td><td class="kern-table__cell">Amira Haddad/)
  })

  it('should refuse booking a child on another child’s card or a member of another case (422)', async () => {
    const child = await ctx.db
      .selectFrom('household_member')
      .select('id')
      .where('application_id', '=', caseId)
      .where('role', '=', 'child')
      .executeTakeFirstOrThrow()
    const foreignAdult = await buildMember(ctx.db, foreignCaseId)
    for (const holder of [child.id, foreignAdult.id]) {
      const before = await counts()
      const res = await caseworker.post(`${base(caseId)}/mitglieder`, {
        vorname: 'X',
        nachname: 'Y',
        rolle: 'child',
        karte_von: holder,
      })
      expect(res.status).toBe(422)
      expect(await counts()).toEqual(before)
    }
  })

  it('should refuse a card with a wrong IBAN (422, German message) and store nothing', async () => {
    const before = await counts()
    const res = await caseworker.post(`${base(caseId)}/karten`, {
      mitglied: adultId,
      iban: 'DE89370400440532013001',
      bargeld: '50,00',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Die Prüfziffer der IBAN stimmt nicht.')
    expect(await counts()).toEqual(before)
  })

  it('should store an ordered card with its IBAN sealed, show it masked and the cash limit in cents', async () => {
    const res = await caseworker.post(`${base(caseId)}/karten`, {
      mitglied: adultId,
      iban: 'de89 3704 0044 0532 0130 00',
      bargeld: '50,00',
    })
    expect(redirectTarget(res)).toBe(`${base(caseId)}?hinweis=card`)
    const card = await ctx.db
      .selectFrom('payment_card')
      .selectAll()
      .where('application_id', '=', caseId)
      .executeTakeFirstOrThrow()
    expect(card).toMatchObject({
      status: 'ordered',
      cash_limit_cents: 5000,
      iban_last4: '3000',
      iban_key_id: 'local',
    })
    expect(card.iban_enc.toString('latin1')).not.toContain(CARD_IBAN)
    const html = await (await caseworker.get(base(caseId))).text()
    expect(html).toContain('DE** **** **** **** **30 00')
    expect(html).not.toContain(CARD_IBAN)
    expect(html).not.toContain('DE89 3704')
    expect(html).toMatch(/50,00\s€/)
  })

  it('should refuse a second current card for the same person (409)', async () => {
    const res = await caseworker.post(`${base(caseId)}/karten`, {
      mitglied: adultId,
      iban: PAYEE_IBAN,
      bargeld: '50',
    })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Diese Person hat bereits eine Karte.')
  })

  it('should show the full IBAN to the caseworker only on its own audited page, never to a department head', async () => {
    const card = await ctx.db
      .selectFrom('payment_card')
      .select('id')
      .where('application_id', '=', caseId)
      .executeTakeFirstOrThrow()
    const res = await caseworker.get(`${base(caseId)}/karten/${card.id}/iban`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toContain('DE89 3704 0044 0532 0130 00')
    expect(await auditActions(caseId)).toContain('payment_card.iban_read')
    const head = await signIn(ctx.app, await buildStaffWithPost(ctx.db, { role: 'department_head' }))
    expect((await head.get(`${base(caseId)}/karten/${card.id}/iban`)).status).toBe(403)
    expect((await caseworker.get(`${base(foreignCaseId)}/karten/${card.id}/iban`)).status).toBe(404)
  })

  it('should walk the lifecycle: activate, block, refuse an invalid step (409), replace with history', async () => {
    const card = await ctx.db
      .selectFrom('payment_card')
      .select('id')
      .where('application_id', '=', caseId)
      .executeTakeFirstOrThrow()
    const status = (ziel: string) => caseworker.post(`${base(caseId)}/karten/${card.id}/status`, { ziel })
    expect((await status('blocked')).status).toBe(409)
    expect(redirectTarget(await status('active'))).toBe(`${base(caseId)}?hinweis=status`)
    expect((await status('ordered')).status).toBe(409)
    expect((await status('blocked')).status).toBe(303)
    const badReplace = await caseworker.post(`${base(caseId)}/karten/${card.id}/ersetzen`, { iban: '' })
    expect(badReplace.status).toBe(422)
    expect(await badReplace.text()).toContain('Geben Sie die IBAN ein.')
    expect((await caseworker.get(`${base(caseId)}/karten/${card.id}/ersetzen`)).status).toBe(200)
    expect(
      (await caseworker.post(`${base(caseId)}/karten/${card.id}/ersetzen`, { iban: PAYEE_IBAN })).status,
    ).toBe(303)
    const cards = await ctx.db
      .selectFrom('payment_card')
      .select(['id', 'status', 'replaces_card_id', 'cash_limit_cents'])
      .where('application_id', '=', caseId)
      .orderBy('created_at')
      .execute()
    expect(cards).toEqual([
      { id: card.id, status: 'replaced', replaces_card_id: null, cash_limit_cents: 5000 },
      { id: expect.any(String), status: 'ordered', replaces_card_id: card.id, cash_limit_cents: 5000 },
    ])
    const history = await ctx.db
      .selectFrom('payment_card_status_change')
      .select('to_status')
      .where('card_id', '=', card.id)
      .orderBy('id')
      .execute()
    expect(history.map((h) => h.to_status)).toEqual(['ordered', 'active', 'blocked', 'replaced'])
    expect((await status('active')).status).toBe(409)
    const html = await (await caseworker.get(base(caseId))).text()
    expect(html).toContain('ersetzt durch Karte …2051')
    expect(html).toContain('ersetzt Karte …3000')
    const fresh = cards[1]?.id ?? ''
    expect((await caseworker.post(`${base(caseId)}/karten/${fresh}/status`, { ziel: 'active' })).status).toBe(
      303,
    )
  })

  it('should list the register with only the cards of visible cases', async () => {
    const other = await buildMember(ctx.db, foreignCaseId, { givenName: 'Fremde', surname: 'Person' })
    await buildCard(ctx.db, keyring, foreignCaseId, other.id)
    const res = await caseworker.get('/bezahlkarte')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Amira Haddad')
    expect(html).not.toContain('Fremde Person')
    const filtered = await (await caseworker.get('/bezahlkarte?status=replaced')).text()
    expect(filtered.match(/Amira Haddad/g)?.length).toBe(1)
  })
})

describe('approvals', () => {
  let approvalId: string

  it('should refuse a transfer request with a wrong payee IBAN (422) and store nothing', async () => {
    const before = await counts()
    const res = await caseworker.post(`${base(caseId)}/freigaben/ueberweisung`, {
      empfaenger: 'Wohnbau GmbH',
      iban: 'DE0212030000000020205',
      zweck: 'Miete',
      betrag: '400',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Die IBAN hat nicht die richtige Länge.')
    expect(await counts()).toEqual(before)
  })

  it('should record a standing transfer with a deadline of 5 working days', async () => {
    const res = await caseworker.post(`${base(caseId)}/freigaben/ueberweisung`, {
      empfaenger: 'Wohnbau GmbH',
      iban: 'DE02 1203 0000 0000 2020 51',
      zweck: 'Miete Januar',
      betrag: '412,50',
      dauerauftrag: 'ja',
    })
    expect(redirectTarget(res)).toBe(`${base(caseId)}?hinweis=requested`)
    const row = await ctx.db
      .selectFrom('card_approval')
      .selectAll()
      .where('application_id', '=', caseId)
      .executeTakeFirstOrThrow()
    approvalId = row.id
    expect(row).toMatchObject({
      kind: 'transfer',
      payee_iban: PAYEE_IBAN,
      amount_cents: 41250,
      standing: true,
      status: 'open',
      requested_via: 'staff',
      responsible_post_id: worker.postId,
    })
    expect(row.due_on > new Date().toISOString().slice(0, 10)).toBe(true)
  })

  it('should put the open request into the caseworker’s work list with who acts for the post', async () => {
    const html = await (await caseworker.get('/bezahlkarte/freigaben')).text()
    expect(html).toContain('Wohnbau GmbH, 412,50')
    expect(html).toContain('Ihre Stelle')
    expect(html).toContain(worker.displayName)
  })

  it('should refuse a refusal without reason and a decision without outcome (422), storing nothing', async () => {
    const path = `${base(caseId)}/freigaben/${approvalId}/entscheidung`
    const noReason = await caseworker.post(path, { ergebnis: 'refused', begruendung: ' ' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Geben Sie an, warum der Antrag abgelehnt wird.')
    const noOutcome = await caseworker.post(path, { begruendung: 'x' })
    expect(noOutcome.status).toBe(422)
    expect(await noOutcome.text()).toContain('Wählen Sie „Freigeben“ oder „Ablehnen“.')
    const row = await ctx.db
      .selectFrom('card_approval')
      .select('status')
      .where('id', '=', approvalId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('open')
  })

  it('should not let the portal be ticked before a decision (409)', async () => {
    const res = await caseworker.post(`${base(caseId)}/freigaben/${approvalId}/portal`, { eingetragen: 'ja' })
    expect(res.status).toBe(409)
  })

  it('should approve once, then need the portal checkbox, then record who entered it', async () => {
    const path = `${base(caseId)}/freigaben/${approvalId}`
    expect(
      redirectTarget(
        await caseworker.post(`${path}/entscheidung`, { ergebnis: 'approved', begruendung: '' }),
      ),
    ).toBe(`${path}?hinweis=decided`)
    expect(
      (await caseworker.post(`${path}/entscheidung`, { ergebnis: 'refused', begruendung: 'zu spät' })).status,
    ).toBe(409)
    const listed = await (await caseworker.get('/bezahlkarte/freigaben')).text()
    expect(listed).toContain('Im Portal eintragen')
    const unticked = await caseworker.post(`${path}/portal`, {})
    expect(unticked.status).toBe(422)
    expect(await unticked.text()).toContain(
      'Bestätigen Sie, dass die Entscheidung im Portal eingetragen ist.',
    )
    expect((await caseworker.post(`${path}/portal`, { eingetragen: 'ja' })).status).toBe(303)
    const row = await ctx.db
      .selectFrom('card_approval')
      .selectAll()
      .where('id', '=', approvalId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'approved', decided_by: worker.id, portal_entered_by: worker.id })
    expect(row.portal_entered_at).toBeInstanceOf(Date)
    const page = await (await caseworker.get(path)).text()
    expect(page).toContain(`eingetragen von ${worker.displayName}`)
    expect(await auditActions(caseId)).toEqual(
      expect.arrayContaining([
        'payment_card.approval_request',
        'payment_card.approval_decide',
        'payment_card.portal_entered',
      ]),
    )
    expect((await caseworker.post(`${path}/portal`, { eingetragen: 'ja' })).status).toBe(409)
  })

  it('should escalate an overdue request to the acting lead of the unit, not to another caseworker', async () => {
    const travel = await caseworker.post(`${base(caseId)}/freigaben/reise`, {
      von: '01.01.2099',
      bis: '05.01.2099',
      grund: 'Arzttermin in Hamburg',
    })
    expect(travel.status).toBe(303)
    await ctx.db
      .updateTable('card_approval')
      .set({ due_on: '2020-01-06' })
      .where('kind', '=', 'travel')
      .where('application_id', '=', caseId)
      .execute()
    const leadList = await (await lead.get('/bezahlkarte/freigaben')).text()
    expect(leadList).toContain('Überfällig – eskaliert an Sie als Leitung')
    expect(leadList).toContain('01.01.2099 – 05.01.2099')
    const mine = await (await caseworker.get('/bezahlkarte/freigaben')).text()
    expect(mine).toContain('Frist überschritten')
    const colleague = await signIn(ctx.app, team.caseworkers[1] as StaffWithPost)
    expect(await (await colleague.get('/bezahlkarte/freigaben')).text()).toContain('Nichts zu tun.')
  })

  it('should report open and overdue requests and time to decision to leads only', async () => {
    const res = await lead.get('/bezahlkarte/auswertung')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/Offene Anträge<\/dt><dd class="kern-description-list-item__value">1</)
    expect(html).toMatch(/davon Frist überschritten<\/dt><dd class="kern-description-list-item__value">1</)
    expect(html).toMatch(/Entschieden im Zeitraum<\/dt><dd class="kern-description-list-item__value">1</)
    expect(html).toContain('Stunden')
    expect((await caseworker.get('/bezahlkarte/auswertung')).status).toBe(403)
  })
})

describe('logs', () => {
  it('should never contain a card or payee IBAN', () => {
    const all = lines.join('\n')
    expect(lines.length).toBeGreaterThan(20)
    for (const secret of [
      CARD_IBAN,
      PAYEE_IBAN,
      'DE89 3704',
      'DE02 1203',
      'de89',
      'DE02120300000000202051',
    ]) {
      expect(all, `log contains ${secret}`).not.toContain(secret)
    }
  })
})
