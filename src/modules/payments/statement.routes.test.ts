// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildGrantedCase } from '../../../test/factories/payments.factory.js'
import { buildReleasedRun, type ReleasedItem } from '../../../test/factories/statement.factory.js'
import { camt053 } from '../../../test/support/camt.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'

const PATH = '/zahlungen/kontoauszug/einlesen'

let ctx: TestContext
let lead: TestClient
let caseworker: TestClient
let admin: TestClient
let iban = ''
let items: Record<'a' | 'b' | 'c' | 'd', ReleasedItem>

const xmlFile = (xml: string) => ({
  name: 'auszug.xml',
  bytes: new TextEncoder().encode(xml),
  type: 'text/xml',
})

beforeAll(async () => {
  ctx = await freshTestContext()
  const { db } = ctx
  iban = ctx.deps.config.paymentDebtor.iban
  const leadUser = await buildStaffWithPost(db, { role: 'team_lead', isHeadOfUnit: true })
  const releaser = await buildStaffUser(db, { role: 'division_head' })
  const worker = await buildStaffWithPost(db, { role: 'caseworker' })
  const amounts = { a: 98_350, b: 30_000, c: 56_300, d: 42_050 }
  const cases: Array<{ applicationId: string; amountCents: number }> = []
  for (const [key, cents] of Object.entries(amounts)) {
    const granted = await buildGrantedCase(db, leadUser.id, {
      periodFrom: '2026-12-01',
      surname: `Rueck${key}`,
      postId: worker.postId,
    })
    cases.push({ applicationId: granted.applicationId, amountCents: cents })
  }
  const built = await buildReleasedRun(db, {
    approvalPostId: leadUser.postId,
    createdBy: leadUser.id,
    releasedBy: releaser.id,
    items: cases,
  })
  const [a, b, c, d] = built.items
  if (!a || !b || !c || !d) {
    throw new Error('four items expected')
  }
  items = { a, b, c, d }
  lead = await signIn(ctx.app, leadUser)
  caseworker = await signIn(ctx.app, worker)
  admin = await signIn(ctx.app, await buildStaffUser(db, { role: 'administrator' }))
})

afterAll(async () => {
  await ctx.close()
})

function statement() {
  return camt053({
    iban,
    statementId: '2026-12-02-001',
    entries: [
      // The batch debit of the run: A and B executed; D with an amount that differs.
      {
        ref: 'E1',
        amount: '1688.50',
        indicator: 'DBIT',
        bookingDate: '2026-11-30',
        txs: [
          { endToEndId: items.a.e2e, amount: '983.50' },
          { endToEndId: items.b.e2e, amount: '300.00' },
          { endToEndId: items.d.e2e, amount: '405.00' },
        ],
      },
      // C came back: account closed.
      {
        ref: 'E2',
        amount: '563.00',
        indicator: 'CRDT',
        bookingDate: '2026-12-02',
        txs: [{ endToEndId: items.c.e2e, returnReason: 'AC04', returnInfo: 'KONTO ERLOSCHEN' }],
      },
      // Someone else's transfer to the office's account: not ours.
      { ref: 'E3', amount: '12.00', indicator: 'CRDT', txs: [{ endToEndId: 'FREMD-4711' }] },
    ],
  })
}

async function bookings() {
  return ctx.db
    .selectFrom('payment_booking')
    .select(['item_id', 'status', 'return_reason', 'amount_cents', 'booking_date'])
    .orderBy('amount_cents')
    .execute()
}

describe('bank statement import', () => {
  it('should refuse caseworkers and administrators (403) and store nothing', async () => {
    expect((await caseworker.upload(PATH, xmlFile(statement()))).status).toBe(403)
    expect((await admin.upload(PATH, xmlFile(statement()))).status).toBe(403)
    expect(await ctx.db.selectFrom('payment_statement').select('id').execute()).toHaveLength(0)
  })

  it('should offer the upload form on the payment run list', async () => {
    const html = await (await lead.get('/zahlungen')).text()
    expect(html).toContain(`action="${PATH}"`)
    expect(html).toContain('Kontoauszug (camt.053, XML)')
  })

  it('should refuse a file that is not a statement with 422, a German message and nothing stored', async () => {
    const pdf = await lead.upload(PATH, { name: 'auszug.pdf', bytes: new TextEncoder().encode('%PDF-1.4 x') })
    expect(pdf.status).toBe(422)
    expect(await pdf.text()).toContain('Die Datei ist kein lesbarer XML-Kontoauszug')
    const broken = statement().replace(/<Amt Ccy="EUR">983.50<\/Amt>/, '<Amt Ccy="EUR">983,50</Amt>')
    const bad = await lead.upload(PATH, xmlFile(broken))
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Der Betrag in Ntry[1]/NtryDtls/TxDtls[1]/Amt ist ungültig')
    const other = await lead.upload(
      PATH,
      xmlFile(statement().replace(`<IBAN>${iban}</IBAN>`, '<IBAN>DE75023000000000999999</IBAN>')),
    )
    expect(other.status).toBe(422)
    expect(await other.text()).toContain('gehört zum Konto DE75023000000000999999')
    expect(await ctx.db.selectFrom('payment_statement').select('id').execute()).toHaveLength(0)
    expect(await bookings()).toHaveLength(0)
  })

  it('should mark executed and returned payments, report the mismatch and the unmatched entry', async () => {
    const res = await lead.upload(PATH, xmlFile(statement()))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Kontoauszug 2026-12-02-001 eingelesen')
    expect(html).toContain(
      '2 als ausgeführt vermerkt, 1 Rückläufer, 0 bereits eingelesen, 1 ohne Zuordnung, 1 mit abweichendem Betrag.',
    )
    expect(html).toContain('AC04 – Konto erloschen')
    expect(html).toContain('FREMD-4711')
    expect(html).toContain('405,00')
    expect(await bookings()).toEqual([
      {
        item_id: items.b.id,
        status: 'executed',
        return_reason: null,
        amount_cents: 30_000,
        booking_date: '2026-11-30',
      },
      {
        item_id: items.c.id,
        status: 'returned',
        return_reason: 'AC04',
        amount_cents: 56_300,
        booking_date: '2026-12-02',
      },
      {
        item_id: items.a.id,
        status: 'executed',
        return_reason: null,
        amount_cents: 98_350,
        booking_date: '2026-11-30',
      },
    ])
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('action', 'in', ['payment.statement_import', 'payment.returned'])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['payment.returned', 'payment.statement_import'])
    expect(audit[0]?.subject_id).toBe(items.c.applicationId)
  })

  it('should put the returned case into the caseworker’s inbox, marked, with the reason on the case page', async () => {
    const row = await ctx.db
      .selectFrom('application')
      .select(['next_deadline_kind', 'next_deadline_at'])
      .where('id', '=', items.c.applicationId)
      .executeTakeFirstOrThrow()
    expect(row.next_deadline_kind).toBe('payment_returned')
    expect(row.next_deadline_at?.toISOString().slice(0, 10)).toBe('2026-12-02')
    const page0 = await (await caseworker.get('/sachbearbeitung/antraege')).text()
    const inbox = page0.slice(page0.indexOf('<tbody'))
    const first = inbox.indexOf(items.c.reference)
    expect(first).toBeGreaterThan(-1)
    expect(inbox).toContain('Zahlung zurückgekommen')
    // The returned case comes before the other cases of the same post.
    for (const other of [items.a, items.b, items.d]) {
      expect(inbox.indexOf(other.reference)).toBeGreaterThan(first)
    }
    const page = await caseworker.get(`/sachbearbeitung/antraege/${items.c.applicationId}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Zahlung zurückgekommen (Kontoauszug 2026-12-02-001, Buchungstag 02.12.2026)')
    expect(html).toContain('AC04 – Konto erloschen')
    // The executed case is not marked.
    const executed = await ctx.db
      .selectFrom('application')
      .select('next_deadline_kind')
      .where('id', '=', items.a.applicationId)
      .executeTakeFirstOrThrow()
    expect(executed.next_deadline_kind).not.toBe('payment_returned')
  })

  it('should change nothing when the same statement is imported again', async () => {
    const notesBefore = await ctx.db.selectFrom('case_note').select('id').execute()
    const res = await lead.upload(PATH, xmlFile(statement()))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(
      '0 als ausgeführt vermerkt, 0 Rückläufer, 3 bereits eingelesen, 1 ohne Zuordnung, 1 mit abweichendem Betrag.',
    )
    expect(await bookings()).toHaveLength(3)
    expect(await ctx.db.selectFrom('payment_statement').select('id').execute()).toHaveLength(1)
    expect(await ctx.db.selectFrom('case_note').select('id').execute()).toHaveLength(notesBefore.length)
  })

  it('should mark a reversal of an executed payment as returned from a later statement', async () => {
    const later = camt053({
      iban,
      statementId: '2026-12-05-001',
      entries: [
        {
          ref: 'S1',
          amount: '300.00',
          indicator: 'CRDT',
          reversal: true,
          bookingDate: '2026-12-05',
          txs: [{ endToEndId: items.b.e2e }],
        },
      ],
    })
    const res = await lead.upload(PATH, xmlFile(later))
    expect(await res.text()).toContain('0 als ausgeführt vermerkt, 1 Rückläufer')
    const b = await ctx.db
      .selectFrom('payment_booking')
      .select(['status', 'return_reason'])
      .where('item_id', '=', items.b.id)
      .orderBy('status')
      .execute()
    expect(b).toEqual([
      { status: 'executed', return_reason: null },
      { status: 'returned', return_reason: null },
    ])
    const html = await (await caseworker.get(`/sachbearbeitung/antraege/${items.b.applicationId}`)).text()
    expect(html).toContain('ohne Rückgabegrund')
  })

  it('should let the caseworker mark a return as resolved, which takes the mark off the case', async () => {
    const path = `/sachbearbeitung/antraege/${items.c.applicationId}/ruecklaeufer`
    const stranger = await signIn(ctx.app, await buildStaffWithPost(ctx.db, { role: 'caseworker' }))
    // Need-to-know: a case outside one's scope does not exist for them.
    expect((await stranger.post(path, {})).status).toBe(404)
    expect((await admin.post(path, {})).status).toBe(403)
    const before = await (await caseworker.get(`/sachbearbeitung/antraege/${items.c.applicationId}`)).text()
    expect(before).toContain('Rückläufer als geklärt vermerken')
    expect(before).toContain(
      `href="/sachbearbeitung/antraege/${items.c.applicationId}/zahlungen">Neue Bankverbindung erfassen`,
    )
    const res = await caseworker.post(path, {})
    expect(res.status).toBe(303)
    const booking = await ctx.db
      .selectFrom('payment_booking')
      .select(['resolved_at', 'resolved_by'])
      .where('item_id', '=', items.c.id)
      .executeTakeFirstOrThrow()
    expect(booking.resolved_at).not.toBeNull()
    const row = await ctx.db
      .selectFrom('application')
      .select('next_deadline_kind')
      .where('id', '=', items.c.applicationId)
      .executeTakeFirstOrThrow()
    expect(row.next_deadline_kind).not.toBe('payment_returned')
    const after = await (await caseworker.get(`/sachbearbeitung/antraege/${items.c.applicationId}`)).text()
    expect(after).not.toContain('Rückläufer als geklärt vermerken')
    expect(after).toContain('Rückläufer als geklärt vermerkt.')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'payment.return_resolved')
      .where('subject_id', '=', items.c.applicationId)
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('should keep the unmatched entry and the amount difference once, even after the re-import', async () => {
    const rows = await ctx.db
      .selectFrom('payment_statement_exception')
      .select([
        'kind',
        'entry_reference',
        'end_to_end_id',
        'amount_cents',
        'expected_cents',
        'item_id',
        'resolved_at',
      ])
      .orderBy('entry_key')
      .execute()
    expect(rows).toEqual([
      {
        kind: 'amount_mismatch',
        entry_reference: 'E1',
        end_to_end_id: items.d.e2e,
        amount_cents: 40_500,
        expected_cents: 42_050,
        item_id: items.d.id,
        resolved_at: null,
      },
      {
        kind: 'unmatched',
        entry_reference: 'E3',
        end_to_end_id: 'FREMD-4711',
        amount_cents: 1_200,
        expected_cents: null,
        item_id: null,
        resolved_at: null,
      },
    ])
  })

  it('should list the kept entries for the payment office and refuse caseworkers (403)', async () => {
    expect((await caseworker.get('/zahlungen/kontoauszug/klaerung')).status).toBe(403)
    expect((await admin.get('/zahlungen/kontoauszug/klaerung')).status).toBe(403)
    const res = await lead.get('/zahlungen/kontoauszug/klaerung')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Kontoauszug: Buchungen zur Klärung')
    expect(html).toContain('FREMD-4711')
    expect(html).toContain(`abweichender Betrag: Zahlung zu ${items.d.reference} über 420,50`)
    expect(html).toContain('ohne Zuordnung: Gutschrift ohne Rückgabegrund')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'payment.statement_exceptions_view')
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('should mark an entry resolved with a note (audited), refusing an empty note with 422', async () => {
    const row = await ctx.db
      .selectFrom('payment_statement_exception')
      .select('id')
      .where('entry_reference', '=', 'E3')
      .executeTakeFirstOrThrow()
    const path = `/zahlungen/kontoauszug/klaerung/${row.id}`
    expect((await caseworker.post(path, { vermerk: 'Erledigt' })).status).toBe(403)
    const form = await lead.get(path)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Vermerk zur Klärung')
    const bad = await lead.post(path, { vermerk: ' a ' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie einen Vermerk zur Klärung ein (3 bis 1000 Zeichen).')
    const unchanged = await ctx.db
      .selectFrom('payment_statement_exception')
      .select('resolved_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(unchanged.resolved_at).toBeNull()
    const ok = await lead.post(path, {
      vermerk: 'Gutschrift eines Dritten, an die Stadtkasse weitergeleitet',
    })
    expect(ok.status).toBe(303)
    const resolved = await ctx.db
      .selectFrom('payment_statement_exception')
      .select(['resolved_at', 'resolution_note'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(resolved.resolution_note).toBe('Gutschrift eines Dritten, an die Stadtkasse weitergeleitet')
    expect(resolved.resolved_at).not.toBeNull()
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'payment.statement_exception_resolved')
      .where('subject_id', '=', row.id)
      .execute()
    expect(audit).toHaveLength(1)
    const list = await (await lead.get('/zahlungen/kontoauszug/klaerung')).text()
    expect(list.slice(list.indexOf('Zuletzt geklärt'))).toContain('an die Stadtkasse weitergeleitet')
    // Resolved entries have no resolve form any more.
    const gone = await lead.get(path)
    expect(gone.status).toBe(404)
    expect(await gone.text()).toContain(
      'Diese Buchung gibt es nicht, oder sie ist bereits als geklärt vermerkt.',
    )
  })
})
