// SPDX-License-Identifier: EUPL-1.2
/**
 * A returned payment paid again, end to end: a released run, a camt.053 return, the case held, the caseworker
 * resolving it with a new account, the next run paying a "Rückläufer" line to that account exactly once, and a
 * second return of the re-payment held and paid again once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildOrgUnit } from '../../../test/factories/organisation.factory.js'
import { buildGrantedCase } from '../../../test/factories/payments.factory.js'
import { camt053 } from '../../../test/support/camt.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'
import type { StaffPrincipal } from '../../http/context.js'
import { PaymentRefusedError } from './payments.errors.js'
import { computeRun, createPreview, releaseRun } from './payments.service.js'

const IMPORT = '/zahlungen/kontoauszug/einlesen'
const NEW_IBAN = 'DE02120300000000202051'
const debtor = { name: 'Stadt', iban: 'DE89023000000000451001', bic: null }

let ctx: TestContext
let head: StaffWithPost
let lead: StaffPrincipal
let leadClient: TestClient
let worker: TestClient
let stranger: TestClient
let applicationId = ''
let reference = ''
let firstItem = { id: '', e2e: '' }

function principal(user: {
  id: string
  username: string
  displayName: string
  role: StaffPrincipal['role']
}) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
}

const xml = (body: string) => ({
  name: 'auszug.xml',
  bytes: new TextEncoder().encode(body),
  type: 'text/xml',
})

async function run(month: string, execution: string, at: Date) {
  const id = await createPreview(ctx.db, lead, { targetMonth: month, executionDate: execution }, at)
  await releaseRun(ctx.db, debtor, principal(head), id, at)
  const item = await ctx.db
    .selectFrom('payment_item')
    .select(['id', 'end_to_end_id', 'payee_iban', 'amount_cents'])
    .where('run_id', '=', id)
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const lines = await ctx.db
    .selectFrom('payment_line')
    .select(['kind', 'service_month', 'amount_cents', 'component', 'repays_item_id', 'return_reason'])
    .where('item_id', '=', item.id)
    .orderBy('id')
    .execute()
  return { runId: id, item, lines }
}

function returnStatement(statementId: string, e2e: string, amount: string, reason: string, day: string) {
  return camt053({
    iban: debtor.iban,
    statementId,
    entries: [
      {
        ref: `R-${statementId}`,
        amount,
        indicator: 'CRDT',
        bookingDate: day,
        txs: [{ endToEndId: e2e, returnReason: reason, returnInfo: 'KONTO ERLOSCHEN' }],
      },
    ],
  })
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const division = await buildOrgUnit(ctx.db, { kind: 'division', parentId: null })
  head = await buildStaffWithPost(ctx.db, { unitId: division.id, role: 'division_head', isHeadOfUnit: true })
  const leadUser = await buildStaffUser(ctx.db, { role: 'team_lead' })
  lead = principal(leadUser)
  const caseworker = await buildStaffWithPost(ctx.db, { role: 'caseworker' })
  const granted = await buildGrantedCase(ctx.db, head.id, {
    periodFrom: '2026-12-01',
    surname: 'Rueckzahlung',
    postId: caseworker.postId,
  })
  applicationId = granted.applicationId
  reference = granted.reference
  // Another household, paid normally, so that a run exists while the returned case is held.
  await buildGrantedCase(ctx.db, head.id, { periodFrom: '2026-12-01', surname: 'Normal' })
  leadClient = await signIn(ctx.app, leadUser)
  worker = await signIn(ctx.app, caseworker)
  stranger = await signIn(ctx.app, await buildStaffWithPost(ctx.db, { role: 'caseworker' }))
})

afterAll(async () => {
  await ctx.close()
})

describe('returned payment paid again', () => {
  it('should hold the case while the return of a released payment is open', async () => {
    const december = await run('2026-12', '2026-11-30', new Date('2026-11-20T09:00:00Z'))
    expect(december.item.amount_cents).toBe(98_350)
    firstItem = { id: december.item.id, e2e: december.item.end_to_end_id }
    const res = await leadClient.upload(
      IMPORT,
      xml(returnStatement('2026-12-02-001', firstItem.e2e, '983.50', 'AC04', '2026-12-02')),
    )
    expect(await res.text()).toContain('1 Rückläufer')
    const computed = await computeRun(ctx.db, '2027-01', new Date('2026-12-10T09:00:00Z'))
    expect(computed.payments.find((p) => p.applicationId === applicationId)).toBeUndefined()
    expect(computed.skipped.find((s) => s.applicationId === applicationId)).toMatchObject({
      reason: 'return_open',
      cents: 98_350 * 2,
    })
    // The preview names the reason; discarded again for the resolution that follows.
    const previewId = await createPreview(
      ctx.db,
      lead,
      { targetMonth: '2027-01', executionDate: '2026-12-30' },
      new Date('2026-12-10T09:00:00Z'),
    )
    const preview = await (await leadClient.get(`/zahlungen/${previewId}`)).text()
    const skipped = preview.slice(preview.indexOf('Nicht gezahlt'))
    expect(skipped).toContain('Rückläufer nicht geklärt – Zahlung angehalten')
    expect(skipped).toContain(reference)
    expect((await leadClient.post(`/zahlungen/${previewId}/verwerfen`, {})).status).toBe(303)
  })

  it('should refuse a bad new account with 422 and a German message, resolving nothing', async () => {
    const path = `/sachbearbeitung/antraege/${applicationId}/ruecklaeufer`
    expect(
      (await stranger.post(path, { kontoinhaber: 'X Y', iban: NEW_IBAN, seite: 'zahlungen' })).status,
    ).toBe(404)
    const bad = await worker.post(path, {
      kontoinhaber: 'Eva Rueckzahlung',
      iban: 'DE00 1234',
      seite: 'zahlungen',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie eine gültige IBAN ein')
    const booking = await ctx.db
      .selectFrom('payment_booking')
      .select('resolved_at')
      .where('item_id', '=', firstItem.id)
      .executeTakeFirstOrThrow()
    expect(booking.resolved_at).toBeNull()
    expect(await ctx.db.selectFrom('payment_account').select('id').execute()).toHaveLength(0)
  })

  it('should pay the returned amount again to the new account as a Rückläufer line, exactly once', async () => {
    const res = await worker.post(`/sachbearbeitung/antraege/${applicationId}/ruecklaeufer`, {
      kontoinhaber: 'Eva Rueckzahlung',
      iban: 'DE02 1203 0000 0000 2020 51',
      bic: '',
      seite: 'zahlungen',
    })
    expect(res.status).toBe(303)
    const page = await (await worker.get(`/sachbearbeitung/antraege/${applicationId}/zahlungen`)).text()
    expect(page).toContain('geklärt – wird erneut gezahlt')
    expect(page).toContain('Eva Rueckzahlung, IBAN DE02 … 2051')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'payment.return_resolved')
      .where('subject_id', '=', applicationId)
      .executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ accountId: expect.any(String) })

    const january = await run('2027-01', '2026-12-30', new Date('2026-12-10T09:00:00Z'))
    expect(january.item.payee_iban).toBe(NEW_IBAN)
    expect(january.item.amount_cents).toBe(98_350 * 2)
    expect(january.lines.filter((l) => l.kind === 'repayment')).toEqual([
      {
        kind: 'repayment',
        service_month: '2026-12',
        amount_cents: 98_350,
        component: 'Rückläufer',
        repays_item_id: firstItem.id,
        return_reason: 'AC04',
      },
    ])
    const runPage = await (await leadClient.get(`/zahlungen/${january.runId}`)).text()
    expect(runPage).toContain(`erneute Zahlung des Rückläufers ${firstItem.e2e} (AC04 – Konto erloschen)`)
    // A second run for the same month pays nothing more.
    await expect(
      createPreview(
        ctx.db,
        lead,
        { targetMonth: '2027-01', executionDate: '2026-12-30' },
        new Date('2026-12-10T09:00:00Z'),
      ),
    ).rejects.toBeInstanceOf(PaymentRefusedError)
    // The re-payment comes back too: held again, then paid again once, naming the re-payment.
    await leadClient.upload(
      IMPORT,
      xml(returnStatement('2027-01-05-001', january.item.end_to_end_id, '1967.00', 'AC01', '2027-01-05')),
    )
    const held = await computeRun(ctx.db, '2027-02', new Date('2027-01-10T09:00:00Z'))
    expect(held.skipped.find((s) => s.applicationId === applicationId)?.reason).toBe('return_open')
    expect((await worker.post(`/sachbearbeitung/antraege/${applicationId}/ruecklaeufer`, {})).status).toBe(
      303,
    )
    const february = await run('2027-02', '2027-01-29', new Date('2027-01-10T09:00:00Z'))
    const repaid = february.lines.filter((l) => l.kind === 'repayment')
    expect(repaid.map((l) => [l.service_month, l.amount_cents, l.repays_item_id, l.return_reason])).toEqual([
      ['2026-12', 98_350, january.item.id, 'AC01'],
      ['2027-01', 98_350, january.item.id, 'AC01'],
    ])
    expect(february.item.amount_cents).toBe(98_350 * 3)
    // Net over the three runs: every month paid exactly once.
    const kept = await ctx.db
      .selectFrom('payment_line as l')
      .leftJoin('payment_booking as b', (j) =>
        j.onRef('b.item_id', '=', 'l.item_id').on('b.status', '=', 'returned'),
      )
      .select(['l.service_month', (eb) => eb.fn.sum<string>('l.amount_cents').as('cents')])
      .where('l.application_id', '=', applicationId)
      .where('b.id', 'is', null)
      .groupBy('l.service_month')
      .orderBy('l.service_month')
      .execute()
    expect(kept.map((k) => [k.service_month, Number(k.cents)])).toEqual([
      ['2026-12', 98_350],
      ['2027-01', 98_350],
      ['2027-02', 98_350],
    ])
  })
})
