// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated } from 'kysely'

/** The dated task catalogue of the organisational review (configuration, no personal data). */
export interface OrgReviewCatalogueTable {
  id: Generated<string>
  valid_from: Date
  catalogue: ColumnType<unknown, string, string>
  created_by: string | null
  created_at: Generated<Date>
}

/** A self-recording window of a unit (4–8 weeks); no personal data. */
export interface TimeRecordingWindowTable {
  id: Generated<string>
  unit_id: string
  /** `YYYY-MM-DD` */
  starts_on: ColumnType<string, string, string>
  ends_on: ColumnType<string, string, string>
  opened_by: string
  opened_at: Generated<Date>
}

/** Minutes one staff member recorded for a task type (employee data; only aggregates of ≥ 3 people leave). */
export interface TimeRecordingTable {
  id: Generated<string>
  window_id: string
  staff_user_id: string
  task_type: string
  minutes: number
  recorded_on: ColumnType<string, string, string>
  created_at: Generated<Date>
}
