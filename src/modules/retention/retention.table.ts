// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** A deletion run: daily (scheduled, once per day across instances) or started by hand (tests, operators). */
export interface DeletionRunTable {
  id: Generated<string>
  trigger: 'scheduled' | 'manual'
  /** 'YYYY-MM-DD' of a scheduled run; null for manual runs. */
  run_day: string | null
  started_at: Generated<Date>
  finished_at: Date | null
  error: string | null
}

/** One batch of one category in a run. Never holds deleted content: ids, counts, rule. */
export interface DeletionLogTable {
  id: Generated<number>
  run_id: string
  category: string
  rule: string
  action: 'deleted' | 'anonymised'
  count: number
  subject_ids: ColumnType<string[], string[] | undefined, string[]>
  release_id: string | null
  logged_at: Generated<Date>
}

/** The DPO's release of exactly these ids of a category for deletion by the next run. */
export interface DeletionReleaseTable {
  id: Generated<string>
  category: string
  subject_ids: ColumnType<string[], string[], string[]>
  released_by: string
  released_at: Generated<Date>
  expires_at: Date
  consumed_at: Date | null
  run_id: string | null
}

export interface StaffAnonymisationTable {
  staff_user_id: string
  anonymised_at: Generated<Date>
  run_id: string | null
}

export type DeletionLogRow = Selectable<DeletionLogTable>
export type DeletionReleaseRow = Selectable<DeletionReleaseTable>
