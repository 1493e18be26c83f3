// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

export type DeadlineKind =
  | 'undecided'
  | 'objection'
  | 'period_ending'
  | 'documents_overdue'
  | 'step_overdue'
  | 'payment_returned'
export type DecisionKind = 'initial' | 'objection'
export type DecisionOutcome = 'granted' | 'partly_granted' | 'refused'
export type DecisionStatus = 'awaiting_approval' | 'returned' | 'final'

type Json<T> = ColumnType<T, string, string>

export interface RoutingRuleTable {
  id: Generated<string>
  position: number
  benefit_type: string | null
  surname_from: string | null
  surname_to: string | null
  /** Exactly one of target_post_id and target_unit_id (a team: its queue and its own rules). */
  target_post_id: string | null
  target_unit_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Set: a team's own rule, asked only for cases routed to that team. */
  within_unit_id: ColumnType<string | null, string | null | undefined, string | null>
  valid_from: Date
  valid_to: Date | null
  created_by: string | null
  created_at: Generated<Date>
}

export interface CaseAssignmentTable {
  id: Generated<number>
  application_id: string
  post_id: string | null
  /** The team queue the case went to (post_id null). */
  queue_unit_id: ColumnType<string | null, string | null | undefined, string | null>
  rule_id: string | null
  assigned_by: string | null
  reason: string | null
  assigned_at: Generated<Date>
}

export interface CaseShareTable {
  id: Generated<string>
  application_id: string
  staff_user_id: string
  shared_by: string
  reason: string
  valid_from: Generated<Date>
  valid_to: Date | null
}

export interface PriorityConfigTable {
  id: Generated<string>
  valid_from: Date
  rules: Json<unknown>
  created_by: string | null
  created_at: Generated<Date>
}

export interface CaseNoteTable {
  id: Generated<string>
  application_id: string
  author_id: string
  acting_for_post_id: string | null
  body: string
  created_at: Generated<Date>
}

export interface DocumentRequestTable {
  id: Generated<string>
  application_id: string
  description: string
  /** date column, read as 'YYYY-MM-DD' (see database.ts) */
  due_on: string
  requested_by: string
  acting_for_post_id: string | null
  requested_at: Generated<Date>
  fulfilled_at: Date | null
  cancelled_at: Date | null
}

export interface ApprovalRuleTable {
  id: Generated<string>
  benefit_type: string | null
  min_monthly_cents: Generated<number>
  /** null = the head post of the case's unit */
  approving_post_id: string | null
  valid_from: Date
  valid_to: Date | null
}

/** One line of a decision's monthly amount, e.g. Regelbedarf or Kosten der Unterkunft. */
export interface AmountComponent {
  label: string
  cents: number
}

export interface DecisionTable {
  id: Generated<string>
  application_id: string
  kind: DecisionKind
  outcome: DecisionOutcome
  monthly_amount_cents: number
  components: Json<AmountComponent[]>
  period_from: string | null
  period_to: string | null
  legal_basis: string
  reasons: string
  status: DecisionStatus
  decided_by: string
  decided_via_post_id: string | null
  decided_for_post_id: string | null
  decided_acting_kind: string | null
  decided_at: Generated<Date>
  approval_post_id: string | null
  approved_by: string | null
  approved_via_post_id: string | null
  approved_acting_kind: string | null
  approved_at: Date | null
  return_reason: string | null
  letter_storage_key: string | null
  letter_sha256: Buffer | null
}

export type RoutingRuleRow = Selectable<RoutingRuleTable>
export type CaseNoteRow = Selectable<CaseNoteTable>
export type DocumentRequestRow = Selectable<DocumentRequestTable>
export type DecisionRow = Selectable<DecisionTable>
export type ApprovalRuleRow = Selectable<ApprovalRuleTable>
