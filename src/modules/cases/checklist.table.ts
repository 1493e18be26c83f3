// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** Which checklist of a case: the application's (initial) or the objection's. */
export type ChecklistCaseKind = 'initial' | 'objection'
export type ChecklistMarkState = 'done' | 'waived'
export type ChecklistEventKind = 'done' | 'waived' | 'reopened' | 'adopted'

/** Configuration: the process standard (by key) a case of a benefit type and kind follows. No personal data. */
export interface CaseStandardMappingTable {
  benefit_type: string
  case_kind: ChecklistCaseKind
  standard_key: string
}

/** The checklist a case follows, pinned to one standard version. Part of the case file. */
export interface CaseChecklistTable {
  id: Generated<string>
  application_id: string
  case_kind: ChecklistCaseKind
  standard_key: string
  standard_version_id: string
  version: number
  /** The start of the case (or of the objection): step deadlines count from here. */
  started_at: Date
  pinned_at: Generated<Date>
  adopted_by: string | null
  adopted_at: Date | null
  /** Due dates ('YYYY-MM-DD') of the steps not yet complete; derived, kept by the checklist service. */
  open_step_due_dates: ColumnType<string[], string[] | undefined, string[]>
}

/** The current state of one item (an item without a row is open). Part of the case file. */
export interface CaseChecklistMarkTable {
  checklist_id: string
  step_key: string
  item_index: number
  state: ChecklistMarkState
  reason: string | null
  marked_by: string
  acting_for_post_id: string | null
  marked_at: Generated<Date>
}

/** Append-only history of ticks, waivers, reopenings and version adoptions. Part of the case file. */
export interface CaseChecklistEventTable {
  id: Generated<string>
  application_id: string
  checklist_id: string
  kind: ChecklistEventKind
  step_key: string | null
  item_text: string | null
  reason: string | null
  version: number
  by_staff_id: string
  acting_for_post_id: string | null
  at: Generated<Date>
}

export type CaseChecklistRow = Selectable<CaseChecklistTable>
export type CaseChecklistMarkRow = Selectable<CaseChecklistMarkTable>
