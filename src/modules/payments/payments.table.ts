// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { LineKind, LineRule } from './money-rules.js'

/** A case with money due that a run does not pay. */
export interface SkippedCase {
  applicationId: string
  reference: string
  reason: 'no_account' | 'held' | 'return_open'
  cents: number
}

export type PaymentRunStatus = 'preview' | 'released'
export type PayeeSource = 'application' | 'card'

/** bigint columns: pg returns them as strings unless parsed; database.ts parses int8 to number. */
type Cents = ColumnType<number, number, number>

export interface PaymentOneOffTable {
  id: Generated<string>
  application_id: string
  decision_id: string | null
  label: string
  amount_cents: Cents
  /** date column, read as 'YYYY-MM-DD' */
  due_on: string
  legal_basis: string
  created_by: string | null
  created_at: Generated<Date>
}

export interface PaymentSuspensionTable {
  id: Generated<string>
  application_id: string
  valid_from: string
  valid_to: string | null
  reason: string
  created_by: string | null
  created_at: Generated<Date>
  ended_by: string | null
  ended_at: Date | null
  end_reason: string | null
}

/** A bank account a caseworker recorded for a case; the latest is in force (payee.ts). Personal data. */
export interface PaymentAccountTable {
  id: Generated<string>
  application_id: string
  account_holder: string
  /** Electronic form, checked with ibantools. */
  iban: string
  bic: string | null
  recorded_by: string
  recorded_at: Generated<Date>
}

export interface PaymentRunTable {
  id: Generated<string>
  reference: string
  target_month: string
  execution_date: string
  status: Generated<PaymentRunStatus>
  approval_post_id: string
  created_by: string
  created_at: Generated<Date>
  item_count: Generated<number>
  total_cents: ColumnType<number, number | undefined, number>
  held_count: Generated<number>
  skipped: ColumnType<SkippedCase[], string | undefined, string>
  released_by: string | null
  released_via_post_id: string | null
  released_acting_kind: string | null
  released_at: Date | null
  message_id: string | null
  pain001: string | null
  pain001_sha256: Buffer | null
  order_csv: string | null
}

export interface PaymentItemTable {
  id: string
  run_id: string
  end_to_end_id: string
  application_id: string
  case_reference: string
  payee_name: string
  payee_iban: string
  payee_bic: string | null
  payee_source: PayeeSource
  payee_source_ref: string | null
  street: string | null
  building_number: string | null
  postal_code: string | null
  town: string | null
  country: string | null
  amount_cents: Cents
  remittance: string
}

export interface PaymentLineTable {
  id: Generated<number>
  item_id: string
  application_id: string
  kind: LineKind
  service_month: string
  amount_cents: Cents
  decision_id: string | null
  one_off_id: string | null
  component: string
  legal_basis: string
  covered_from: string
  covered_to: string
  benefit_days: number
  rule: LineRule
  /** For a 'repayment' line: the returned payment item it pays again. */
  repays_item_id: string | null
  return_reason: string | null
}

export type PaymentRunRow = Selectable<PaymentRunTable>
export type PaymentItemRow = Selectable<PaymentItemTable>
export type PaymentLineRow = Selectable<PaymentLineTable>
