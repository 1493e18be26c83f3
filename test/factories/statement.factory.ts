// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/db/database.js'
import { camt053 } from '../support/camt.js'
import { buildStaffUser } from './applications.factory.js'
import { buildStaffWithPost } from './cases.factory.js'
import { buildGrantedCase } from './payments.factory.js'

export interface ReleasedItem {
  id: string
  e2e: string
  applicationId: string
  reference: string
  amountCents: number
}

/**
 * A released payment run with one item per given case, written directly (as the release leaves it), for
 * tests of the bank statement import. `createdBy` and `releasedBy` must differ (four eyes).
 */
export async function buildReleasedRun(
  db: Db,
  options: {
    approvalPostId: string
    createdBy: string
    releasedBy: string
    items: Array<{ applicationId: string; amountCents: number }>
    reference?: string
  },
): Promise<{ runId: string; items: ReleasedItem[] }> {
  const run = await db
    .insertInto('payment_run')
    .values({
      reference: options.reference ?? 'ZL-2026-12-01',
      target_month: '2026-12',
      execution_date: '2026-11-30',
      approval_post_id: options.approvalPostId,
      created_by: options.createdBy,
      total_cents: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const items: ReleasedItem[] = []
  for (const given of options.items) {
    const app = await db
      .selectFrom('application')
      .select(['reference', 'applicant_surname'])
      .where('id', '=', given.applicationId)
      .executeTakeFirstOrThrow()
    const id = randomUUID()
    const item = {
      id,
      e2e: id.replace(/-/g, ''),
      applicationId: given.applicationId,
      reference: app.reference,
      amountCents: given.amountCents,
    }
    await db
      .insertInto('payment_item')
      .values({
        id,
        run_id: run.id,
        end_to_end_id: item.e2e,
        application_id: given.applicationId,
        case_reference: app.reference,
        payee_name: app.applicant_surname,
        payee_iban: 'DE02120300000000202051',
        payee_source: 'application',
        amount_cents: given.amountCents,
        remittance: `Leistungen 12/2026 Az. ${app.reference}`,
      })
      .execute()
    items.push(item)
  }
  await db
    .updateTable('payment_run')
    .set({
      status: 'released',
      released_by: options.releasedBy,
      released_at: new Date(),
      pain001: '<Document/>',
      order_csv: 'x',
      item_count: items.length,
      total_cents: items.reduce((n, i) => n + i.amountCents, 0),
    })
    .where('id', '=', run.id)
    .execute()
  return { runId: run.id, items }
}

/**
 * The set-up of the statement browser specs: a granted case on a caseworker's post, paid (983,50 €) in a
 * released run that a team lead prepared and a division head released, and a camt.053 statement of `day`
 * (id `AUSZUG-<day>`) that returns that payment with `returnReason` and holds one entry `unknownRef` that
 * matches no payment (end-to-end id `UNBEKANNT-<n>` of `unknownRef` `X<n>`).
 */
export async function buildReturnedPaymentStatement(
  db: Db,
  debtorIban: string,
  options: { day: string; returnReason: string; unknownRef: string },
) {
  const lead = await buildStaffWithPost(db, { role: 'team_lead', isHeadOfUnit: true })
  const releaser = await buildStaffUser(db, { role: 'division_head' })
  const worker = await buildStaffWithPost(db, { role: 'caseworker' })
  const granted = await buildGrantedCase(db, lead.id, { periodFrom: '2026-12-01', postId: worker.postId })
  const { items } = await buildReleasedRun(db, {
    approvalPostId: lead.postId,
    createdBy: lead.id,
    releasedBy: releaser.id,
    items: [{ applicationId: granted.applicationId, amountCents: 98_350 }],
  })
  const item = items[0]
  if (!item) {
    throw new Error('one item expected')
  }
  const xml = camt053({
    iban: debtorIban,
    statementId: `AUSZUG-${options.day}`,
    entries: [
      {
        ref: 'R1',
        amount: '983.50',
        indicator: 'CRDT',
        bookingDate: options.day,
        txs: [{ endToEndId: item.e2e, returnReason: options.returnReason }],
      },
      {
        ref: options.unknownRef,
        amount: '20.00',
        indicator: 'CRDT',
        txs: [{ endToEndId: `UNBEKANNT-${options.unknownRef.slice(1)}` }],
      },
    ],
  })
  return { lead, worker, granted, item, xml }
}
