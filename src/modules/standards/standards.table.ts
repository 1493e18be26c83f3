// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** draft → in_review → approved → published; in_review may go back to draft. */
export type StandardVersionStatus = 'draft' | 'in_review' | 'approved' | 'published'

/** A process standard (Prozessstandard), e.g. "Erstantrag Grundsicherung". No personal data. */
export interface ProcessStandardTable {
  id: Generated<string>
  /** Stable key used in the exchange format and by cases, e.g. `erstantrag-grundsicherung`. */
  key: string
  title: string
  description: Generated<string>
  /** Whoever acts for this post approves versions; null until configured. */
  approver_post_id: string | null
  /** Approver must be someone else than the person who submitted the version for review. */
  four_eyes: Generated<boolean>
  created_at: Generated<Date>
}

/** One version of a standard; immutable once published (a database trigger refuses changes). */
export interface ProcessStandardVersionTable {
  id: Generated<string>
  standard_id: string
  version: number
  status: Generated<StandardVersionStatus>
  /** The steps as in the exchange format (jsonb; written as a JSON string, read as parsed JSON). */
  steps: ColumnType<unknown, string, string>
  change_note: Generated<string>
  created_by: string | null
  created_at: Generated<Date>
  submitted_by: string | null
  submitted_at: Date | null
  approved_by: string | null
  approved_by_name: string | null
  approved_for_post_id: string | null
  /** True when a deputy (or interim, or unit head) approved for the post: shown as "i.V.". */
  approved_on_behalf: boolean | null
  approved_at: Date | null
  published_by: string | null
  published_at: Date | null
  /** Calendar date (Europe/Berlin) from which the version is in force; set on publication. */
  valid_from: string | null
}

export type ProcessStandardRow = Selectable<ProcessStandardTable>
export type ProcessStandardVersionRow = Selectable<ProcessStandardVersionTable>
