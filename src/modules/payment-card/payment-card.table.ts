// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A member of a household (Bedarfsgemeinschaft) of an AsylbLG case. */
export type MemberRole = 'adult' | 'child'
/** The card lifecycle: bestellt → aktiv → gesperrt → ersetzt / geschlossen. */
export type CardStatus = 'ordered' | 'active' | 'blocked' | 'replaced' | 'closed'
/** A transfer to a payee, or permission to use the card outside Schleswig-Holstein. */
export type ApprovalKind = 'transfer' | 'travel'
export type ApprovalStatus = 'open' | 'approved' | 'refused'

/** Personal data; deleted with the case. */
export interface HouseholdMemberTable {
  id: Generated<string>
  application_id: string
  given_name: string
  surname: string
  birth_date: ColumnType<string | null, string | null | undefined, string | null>
  role: MemberRole
  /** Children only: the adult on whose card the child's benefits are booked. */
  card_holder_member_id: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: Generated<Date>
}

/** Personal data (sealed IBAN); deleted with the case. */
export interface PaymentCardTable {
  id: Generated<string>
  application_id: string
  member_id: string
  /** AES-256-GCM box (iv ‖ tag ‖ ciphertext) under the document master key `iban_key_id`; aad = card id. */
  iban_enc: Buffer
  iban_key_id: string
  iban_last4: string
  status: CardStatus
  cash_limit_cents: number
  replaces_card_id: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: Generated<Date>
}

/** The dated status history of a card. */
export interface PaymentCardStatusChangeTable {
  id: Generated<string>
  card_id: string
  from_status: CardStatus | null
  to_status: CardStatus
  changed_at: ColumnType<Date, Date | undefined, never>
  changed_by: string | null
}

/** Personal data; deleted with the case. */
export interface CardApprovalTable {
  id: Generated<string>
  application_id: string
  card_id: string | null
  kind: ApprovalKind
  payee_name: string | null
  payee_iban: string | null
  purpose: string | null
  amount_cents: number | null
  standing: ColumnType<boolean, boolean | undefined, boolean>
  travel_from: string | null
  travel_to: string | null
  reason: string | null
  requested_via: 'citizen' | 'staff'
  requested_by: string | null
  requested_at: ColumnType<Date, Date | undefined, never>
  responsible_post_id: string | null
  due_on: string
  status: ColumnType<ApprovalStatus, ApprovalStatus | undefined, ApprovalStatus>
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_for_post_id: ColumnType<string | null, string | null | undefined, string | null>
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>
  portal_entered_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  portal_entered_by: ColumnType<string | null, string | null | undefined, string | null>
}

export type HouseholdMemberRow = Selectable<HouseholdMemberTable>
export type PaymentCardRow = Selectable<PaymentCardTable>
export type NewPaymentCardRow = Insertable<PaymentCardTable>
export type CardApprovalRow = Selectable<CardApprovalTable>

/**
 * Personal data; deleted with the case. A dated change of the card a child's benefits are booked on (ADR 0030);
 * append-only. Before the first row the child's mapping is `household_member.card_holder_member_id`.
 */
export interface HouseholdChildCardTable {
  id: Generated<string>
  application_id: string
  child_member_id: string
  holder_member_id: string
  /** date column, read as 'YYYY-MM-DD' */
  valid_from: string
  reason: string
  created_by: string | null
  created_at: Generated<Date>
}
