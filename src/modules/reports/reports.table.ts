// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

type Json<T> = ColumnType<T, string, string>

export type CommitteeReportStatus = 'draft' | 'in_review' | 'released'

/** Dated report settings (population per year, traffic-light thresholds); no personal data. */
export interface ReportSettingTable {
  id: Generated<string>
  valid_from: Date
  settings: Json<unknown>
  created_by: string | null
  created_at: Generated<Date>
}

/** One immutable monthly snapshot of the key figures (aggregates only). */
export interface ReportSnapshotTable {
  id: Generated<string>
  /** `YYYY-MM` */
  month: string
  /** 1 for the first snapshot of a month; each correction adds one. */
  sequence: number
  figures: Json<unknown>
  note: string | null
  created_by: string | null
  created_at: Generated<Date>
}

/** One version of the committee report (Vorlage) with its free texts and lifecycle. */
export interface CommitteeReportTable {
  id: Generated<string>
  month: string
  version: number
  status: Generated<CommitteeReportStatus>
  /** Free-text paragraphs by key (`situation`, `outlook`, `finances`, `staffing`, `dept:<unitId>`). */
  texts: ColumnType<Record<string, string>, string | undefined, string>
  /** The snapshots the released version was built from, by month; null until released. */
  snapshot_ids: ColumnType<Record<string, string> | null, string | null | undefined, string | null>
  created_by: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
  submitted_by: string | null
  submitted_at: Date | null
  released_by: string | null
  released_by_name: string | null
  released_for_post_id: string | null
  released_acting_kind: string | null
  released_at: Date | null
  pdf: Buffer | null
  pdf_sha256: Buffer | null
}

export type ReportSnapshotRow = Selectable<ReportSnapshotTable>
export type CommitteeReportRow = Selectable<CommitteeReportTable>
