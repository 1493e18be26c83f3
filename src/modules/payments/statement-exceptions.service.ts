// SPDX-License-Identifier: EUPL-1.2
/**
 * Statement entries the camt.053 import could not book (no or unknown payment id, credits without a return
 * reason, entries not booked, amount differences), kept in `payment_statement_exception` until someone of the
 * payment office marks each one resolved with a note. Listing and resolving are audited.
 * @module
 */
import type { Db } from '../../db/database.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { CasePaymentRefusedError } from './case-payments.service.js'
import { PaymentRefusedError } from './payments.errors.js'

type Actor = { id: string; requestId?: string | null | undefined }

function exceptionQuery(db: Db) {
  return db
    .selectFrom('payment_statement_exception as x')
    .innerJoin('payment_statement as s', 's.id', 'x.statement_id')
    .leftJoin('payment_item as i', 'i.id', 'x.item_id')
    .leftJoin('staff_user as u', 'u.id', 'x.resolved_by')
    .select([
      'x.id',
      'x.kind',
      'x.entry_reference',
      'x.booking_date',
      'x.direction',
      'x.amount_cents',
      'x.expected_cents',
      'x.end_to_end_id',
      'x.why',
      'x.resolved_at',
      'x.resolution_note',
      's.statement_id',
      'i.case_reference',
      'u.display_name as resolved_by_name',
    ])
}

/** Open entries (oldest first) and the last 50 resolved ones; audited as `payment.statement_exceptions_view`. */
export async function listStatementExceptions(db: Db, actor: Actor) {
  const base = exceptionQuery(db)
  const [open, resolved] = await Promise.all([
    base.where('x.resolved_at', 'is', null).orderBy('x.booking_date').orderBy('x.entry_key').execute(),
    base.where('x.resolved_at', 'is not', null).orderBy('x.resolved_at', 'desc').limit(50).execute(),
  ])
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.statement_exceptions_view',
      subject: { type: 'payment_statement_exception', id: 'list' },
      requestId: actor.requestId ?? null,
      details: { open: open.length, resolved: resolved.length },
    }),
  )
  return { open, resolved }
}

/**
 * Marks one entry resolved with a note (3 to 1000 characters, checked by the caller's form); audited as
 * `payment.statement_exception_resolved`.
 * @throws PaymentRefusedError entry_not_found for an unknown id; CasePaymentRefusedError when already resolved
 */
export async function resolveStatementException(db: Db, actor: Actor, id: string, resolutionNote: string) {
  if (!isUuid(id)) {
    throw new PaymentRefusedError('entry_not_found')
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('payment_statement_exception')
      .select(['id', 'resolved_at', 'kind'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!row) {
      throw new PaymentRefusedError('entry_not_found')
    }
    if (row.resolved_at !== null) {
      throw new CasePaymentRefusedError('vermerk', 'payments.exceptions.error_resolved')
    }
    await trx
      .updateTable('payment_statement_exception')
      .set({ resolved_at: new Date(), resolved_by: actor.id, resolution_note: resolutionNote })
      .where('id', '=', id)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.statement_exception_resolved',
      subject: { type: 'payment_statement_exception', id },
      requestId: actor.requestId ?? null,
      details: { kind: row.kind },
    })
  })
}

/**
 * One open entry, for its resolve form; audited as `payment.statement_exception_view`.
 * @throws PaymentRefusedError entry_not_found for an unknown or already resolved entry
 */
export async function loadStatementException(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) {
    throw new PaymentRefusedError('entry_not_found')
  }
  const row = await exceptionQuery(db)
    .where('x.id', '=', id)
    .where('x.resolved_at', 'is', null)
    .executeTakeFirst()
  if (!row) {
    throw new PaymentRefusedError('entry_not_found')
  }
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.statement_exception_view',
      subject: { type: 'payment_statement_exception', id },
      requestId: actor.requestId ?? null,
      details: { kind: row.kind },
    }),
  )
  return row
}
