// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

export type BookingStatus = 'executed' | 'returned'

/** One imported bank statement (camt.053 Stmt). No personal data. Retention: as payment_run. */
export interface PaymentStatementTable {
  id: Generated<string>
  statement_id: string
  account_iban: string
  message_id: string
  camt_version: string
  imported_by: string
  imported_at: Generated<Date>
}

/**
 * The bank's answer for one released payment item: executed or returned (with the ISO return reason).
 * Personal data. Retention: as payment_item. Released items are immutable, so their status lives here.
 */
export interface PaymentBookingTable {
  id: Generated<string>
  item_id: string
  application_id: string
  statement_id: string
  /** Entry and transaction within the statement; with statement_id the idempotency key. */
  entry_key: string
  status: BookingStatus
  /** date column, read as 'YYYY-MM-DD' */
  booking_date: string
  amount_cents: ColumnType<number, number, number>
  return_reason: string | null
  return_info: string | null
  resolved_at: Date | null
  resolved_by: string | null
  created_at: Generated<Date>
}

export type PaymentBookingRow = Selectable<PaymentBookingTable>

export type StatementExceptionKind = 'unmatched' | 'amount_mismatch'

/**
 * A statement entry the import could not book (unmatched or with a different amount), kept for the payment
 * office until someone marks it resolved with a note. Personal data. Retention: as payment_statement.
 */
export interface PaymentStatementExceptionTable {
  id: Generated<string>
  statement_id: string
  /** Entry and transaction within the statement; with statement_id the idempotency key. */
  entry_key: string
  entry_reference: string
  kind: StatementExceptionKind
  booking_date: string
  direction: 'credit' | 'debit'
  amount_cents: ColumnType<number, number, number>
  end_to_end_id: string | null
  item_id: string | null
  application_id: string | null
  /** For an amount difference: the amount of the payment item. */
  expected_cents: ColumnType<number | null, number | null | undefined, number | null>
  why: string
  resolved_at: Date | null
  resolved_by: string | null
  resolution_note: string | null
  created_at: Generated<Date>
}

export type PaymentStatementExceptionRow = Selectable<PaymentStatementExceptionTable>
