// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

export type OrgUnitKind = 'division' | 'department' | 'team'
export type SigningLevel = 'none' | 'team' | 'department' | 'division'
export type DeputyRuleKind = 'permanent' | 'chain'

/** Bereich / Abteilung / Team, as a tree. */
export interface OrgUnitTable {
  id: Generated<string>
  parent_id: string | null
  kind: OrgUnitKind
  name: string
  short_code: string
  valid_from: Date
  valid_to: Date | null
}

/** A post (Stelle); vacant when no post_holding covers the instant. */
export interface PostTable {
  id: Generated<string>
  unit_id: string
  title: string
  /** numeric(4,2): pg returns it as a string so that no precision is lost on the way. */
  fte: ColumnType<string, string | number, string | number>
  task_area: string | null
  signing_level: Generated<SigningLevel>
  /** bigint comes back as a number (see database.ts); amounts stay far below 2^53 cents. */
  signing_limit_cents: number | null
  is_head_of_unit: Generated<boolean>
  valid_from: Date
  valid_to: Date | null
}

/** A staff person. Holds personal data (see the migration's retention note). */
export interface PersonTable {
  id: Generated<string>
  display_name: string
  staff_user_id: string | null
  created_at: Generated<Date>
}

export interface PostHoldingTable {
  id: Generated<string>
  post_id: string
  person_id: string
  valid_from: Date
  valid_to: Date | null
}

export interface AbsenceTable {
  id: Generated<string>
  person_id: string
  valid_from: Date
  valid_to: Date | null
}

export interface DeputyRuleTable {
  id: Generated<string>
  post_id: string
  deputy_post_id: string
  kind: DeputyRuleKind
  position: number | null
  valid_from: Date
  valid_to: Date | null
}

export interface InterimAssignmentTable {
  id: Generated<string>
  post_id: string
  acting_post_id: string | null
  acting_person_id: string | null
  valid_from: Date
  valid_to: Date | null
}

/** Dated attributes of a post (ADR 0012): override the post row's own attributes for their period. */
export interface PostVersionTable {
  id: Generated<string>
  post_id: string
  title: string
  fte: ColumnType<string, string | number, string | number>
  task_area: string | null
  signing_level: SigningLevel
  signing_limit_cents: number | null
  valid_from: Date
  valid_to: Date | null
}

export type OrgUnitRow = Selectable<OrgUnitTable>
export type PostRow = Selectable<PostTable>
export type PersonRow = Selectable<PersonTable>
export type PostHoldingRow = Selectable<PostHoldingTable>
export type AbsenceRow = Selectable<AbsenceTable>
export type DeputyRuleRow = Selectable<DeputyRuleTable>
export type InterimAssignmentRow = Selectable<InterimAssignmentTable>
export type PostVersionRow = Selectable<PostVersionTable>
