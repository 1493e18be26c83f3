// SPDX-License-Identifier: EUPL-1.2
import type { Kysely, Transaction } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Database } from '../../db/schema.js'
import type { AmountComponent } from '../cases/index.js'

type Q = Kysely<Database> | Transaction<Database>

/** The approving post of payment runs: the head post of the division (the top unit), in force at `at`. */
export function approvalPost(db: Q, at: Date) {
  return db
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.unit_id')
    .select(['post.id', 'post.title'])
    .where('org_unit.kind', '=', 'division')
    .where('org_unit.parent_id', 'is', null)
    .where('post.is_head_of_unit', '=', true)
    .where('post.valid_from', '<=', at)
    .where((eb) => eb.or([eb('post.valid_to', 'is', null), eb('post.valid_to', '>', at)]))
    .where('org_unit.valid_from', '<=', at)
    .where((eb) => eb.or([eb('org_unit.valid_to', 'is', null), eb('org_unit.valid_to', '>', at)]))
    .orderBy('org_unit.short_code')
    .limit(1)
    .executeTakeFirst()
}

/** Final decisions with a benefit period: the only ones that can make money due. */
export function finalDecisionsWithPeriod(db: Q) {
  return db
    .selectFrom('decision')
    .select([
      'id',
      'application_id',
      'outcome',
      'monthly_amount_cents',
      'components',
      'period_from',
      'period_to',
      'legal_basis',
      'decided_at',
      'approved_at',
    ])
    .where('status', '=', 'final')
    .where('period_from', 'is not', null)
    .execute() as Promise<
    Array<{
      id: string
      application_id: string
      outcome: 'granted' | 'partly_granted' | 'refused'
      monthly_amount_cents: number
      components: AmountComponent[]
      period_from: string | null
      period_to: string | null
      legal_basis: string
      decided_at: Date
      approved_at: Date | null
    }>
  >
}

/** The cases that have a final decision with a benefit period, with what the payee resolution reads. */
export function casesWithDecisions(db: Q) {
  return db
    .selectFrom('application')
    .select(['id', 'reference', 'answers', 'status', 'status_changed_at'])
    .select((eb) =>
      jsonObjectFrom(
        eb
          .selectFrom('payment_account as pa')
          .select(['pa.account_holder', 'pa.iban', 'pa.bic'])
          .whereRef('pa.application_id', '=', 'application.id')
          .orderBy('pa.recorded_at', 'desc')
          .limit(1),
      ).as('recordedAccount'),
    )
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('decision')
        .select('application_id')
        .where('status', '=', 'final')
        .where('period_from', 'is not', null),
    )
    .orderBy('reference')
    .execute()
}

export function oneOffGrants(db: Q) {
  return db.selectFrom('payment_one_off').selectAll().execute()
}

/** Suspensions in force on `day` ('YYYY-MM-DD'). */
export function suspensionsOn(db: Q, day: string) {
  return db
    .selectFrom('payment_suspension')
    .select('application_id')
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
    .execute()
}

/**
 * What released runs paid, per case, as the ledger `settleLedger` reads: lines summed per service month,
 * one-off grant and re-paid item; the lines of a payment the bank sent back keep their item id (all others
 * are summed with item id null, so a run over many years stays a grouped query).
 */
export function paidLedger(db: Q) {
  return db
    .selectFrom('payment_line as l')
    .innerJoin('payment_item as i', 'i.id', 'l.item_id')
    .innerJoin('payment_run as r', 'r.id', 'i.run_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('payment_booking')
          .select('item_id')
          .distinct()
          .where('status', '=', 'returned')
          .as('rb'),
      (join) => join.onRef('rb.item_id', '=', 'l.item_id'),
    )
    .select([
      'l.application_id',
      'l.service_month',
      'l.one_off_id',
      'l.repays_item_id',
      'rb.item_id as returned_item_id',
      (eb) => eb.fn.sum<string>('l.amount_cents').as('cents'),
    ])
    .where('r.status', '=', 'released')
    .groupBy(['l.application_id', 'l.service_month', 'l.one_off_id', 'l.repays_item_id', 'rb.item_id'])
    .execute()
}

/** Payments the bank sent back (return bookings), with whether a caseworker resolved them. */
export function returnBookings(db: Q) {
  return db
    .selectFrom('payment_booking')
    .select(['application_id', 'item_id', 'return_reason', 'resolved_at'])
    .where('status', '=', 'returned')
    .orderBy('created_at')
    .execute()
}

export function listRuns(db: Q) {
  return db
    .selectFrom('payment_run as r')
    .innerJoin('staff_user as c', 'c.id', 'r.created_by')
    .leftJoin('staff_user as rel', 'rel.id', 'r.released_by')
    .select([
      'r.id',
      'r.reference',
      'r.target_month',
      'r.execution_date',
      'r.status',
      'r.item_count',
      'r.total_cents',
      'r.created_at',
      'r.released_at',
      'c.display_name as created_by_name',
      'rel.display_name as released_by_name',
    ])
    .orderBy('r.created_at', 'desc')
    .limit(100)
    .execute()
}

export function runById(db: Q, id: string) {
  return db
    .selectFrom('payment_run as r')
    .innerJoin('staff_user as c', 'c.id', 'r.created_by')
    .leftJoin('staff_user as rel', 'rel.id', 'r.released_by')
    .innerJoin('post as p', 'p.id', 'r.approval_post_id')
    .selectAll('r')
    .select([
      'c.display_name as created_by_name',
      'rel.display_name as released_by_name',
      'p.title as approval_post_title',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

export function itemsOfRun(db: Q, runId: string) {
  return db
    .selectFrom('payment_item')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('case_reference')
    .execute()
}

export function linesOfRun(db: Q, runId: string) {
  return db
    .selectFrom('payment_line as l')
    .innerJoin('payment_item as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .where('i.run_id', '=', runId)
    .orderBy('l.id')
    .execute()
}

/** How many runs exist for a target month (for the next reference). */
export async function runCountFor(db: Q, month: string): Promise<number> {
  const row = await db
    .selectFrom('payment_run')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('target_month', '=', month)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
