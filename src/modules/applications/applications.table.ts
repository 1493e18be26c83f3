// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { DeadlineKind } from '../cases/cases.table.js'

/** The case lifecycle: eingegangen, in Prüfung, Unterlagen angefordert, entscheidungsreif, beschieden, Widerspruch, abgeschlossen. */
export type ApplicationStatus =
  | 'submitted'
  | 'in_review'
  | 'documents_requested'
  | 'ready_for_decision'
  | 'decided'
  | 'objection'
  | 'closed'
export type DocumentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png'

export interface ApplicationDraftTable {
  id: Generated<string>
  resume_code_hash: Buffer
  benefit_type: string
  answers: ColumnType<Record<string, unknown>, string | undefined, string>
  completed_steps: ColumnType<string[], string[] | undefined, string[]>
  created_at: Generated<Date>
  updated_at: Generated<Date>
  expires_at: Date
}

export interface ApplicationTable {
  id: Generated<string>
  reference: string
  benefit_type: string
  status: ApplicationStatus
  applicant_surname: string
  applicant_given_name: string
  applicant_birth_date: string
  answers: ColumnType<Record<string, unknown>, string, never>
  access_code_hash: Buffer
  /** The post that works the case (whoever acts for it sees it); null = the fallback queue. */
  assigned_post_id: ColumnType<string | null, string | null | undefined, string | null>
  /** The team queue (Teameingang) the case waits in while no post holds it (cases/team-routing, ADR 0029). */
  queue_unit_id: ColumnType<string | null, string | null | undefined, string | null>
  submitted_at: Generated<Date>
  status_changed_at: Generated<Date>
  /** DIN 5007-1 key of the surname (Ä = A, ß = SS, upper case) for letter-range routing. */
  surname_key: string
  /** 0 livelihood, 1 other statutory duty, 2 voluntary task (priority rules in force). */
  priority_class: Generated<number>
  /** The earliest legal deadline of the case; null when none applies. */
  next_deadline_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  next_deadline_kind: ColumnType<DeadlineKind | null, DeadlineKind | null | undefined, DeadlineKind | null>
  objection_received_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  /** End of the benefit period of the last final decision (date, 'YYYY-MM-DD'). */
  benefit_period_end: ColumnType<string | null, string | null | undefined, string | null>
  urgency_config_id: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ApplicationStatusChangeTable {
  id: Generated<number>
  application_id: string
  from_status: ApplicationStatus | null
  to_status: ApplicationStatus
  changed_by: string | null
  changed_at: Generated<Date>
}

export interface DocumentTable {
  id: Generated<string>
  draft_id: string | null
  application_id: string | null
  original_name: string
  media_type: DocumentMediaType
  size_bytes: number
  sha256: Buffer
  storage_key: string
  uploaded_at: Generated<Date>
  document_request_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type ApplicationDraftRow = Selectable<ApplicationDraftTable>
export type ApplicationRow = Selectable<ApplicationTable>
export type NewApplicationRow = Insertable<ApplicationTable>
export type ApplicationUpdate = Updateable<ApplicationTable>
export type DocumentRow = Selectable<DocumentTable>
