// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** How a complaint reached the office. */
export type ComplaintChannel = 'web' | 'phone' | 'letter' | 'in_person' | 'open311' | 'webhook'
/** eingegangen → bestätigt → in Bearbeitung → beantwortet → abgeschlossen (escalation is a flag beside it). */
export type ComplaintStatus = 'received' | 'acknowledged' | 'in_progress' | 'answered' | 'closed'
export type RootCause =
  | 'staff_shortage'
  | 'process'
  | 'communication'
  | 'it_system'
  | 'legal_framework'
  | 'individual_error'
  | 'unfounded'
  | 'other'
export type ReplyChannel = 'email' | 'letter'
export type ComplaintAttachmentKind = 'evidence' | 'reply_letter'
export type ComplaintMediaType = 'application/pdf' | 'image/jpeg' | 'image/png'
export type ComplaintMailStatus = 'pending' | 'sent' | 'failed'

/** Why a complaint went where it went. */
export type RoutingReason = 'case' | 'category' | 'fallback'

/** The routing decision as it was made (names kept, so that the page shows it even after reorganisation). */
export interface RoutingDecision {
  reason: RoutingReason
  at: string
  unitId: string | null
  unitName: string | null
  postId: string | null
  postTitle: string | null
  /** Who acted for the post at routing time; null when nobody could (then the fallback unit got it). */
  actingName: string | null
  /** `holder` = the post's holder; anything else means the person acts on the holder's behalf (i.V.). */
  actingKind: 'holder' | 'deputy' | 'interim' | 'unit_head' | null
}

/** Configured complaint categories; `label` is the German text shown to citizens. */
export interface ComplaintCategoryTable {
  id: Generated<string>
  code: string
  label: string
  unit_id: string | null
  position: Generated<number>
  active: Generated<boolean>
}

export interface ComplaintTable {
  id: Generated<string>
  reference: string
  category_id: string
  description: string
  channel: ComplaintChannel
  external_id: string | null
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  contact_address: string | null
  case_reference: string | null
  application_id: string | null
  status: Generated<ComplaintStatus>
  escalated: Generated<boolean>
  escalated_at: Date | null
  reminder_sent_at: Date | null
  /** The acknowledgement deadline's reminder and escalation (the same job as the response deadline's). */
  ack_reminder_sent_at: Date | null
  ack_escalated_at: Date | null
  received_at: Generated<Date>
  acknowledged_at: Date | null
  answered_at: Date | null
  closed_at: Date | null
  /** `date` columns come back as `YYYY-MM-DD` strings (see database.ts). */
  ack_due_on: string
  response_due_on: string
  /** null when no unit could be found at all (no category unit, no fallback unit configured). */
  responsible_unit_id: string | null
  responsible_post_id: string | null
  routing: ColumnType<RoutingDecision, string, string>
  root_cause: RootCause | null
  root_cause_note: string | null
  measure: string | null
  reply_text: string | null
  reply_channel: ReplyChannel | null
  feedback_token_hash: Buffer | null
  feedback_rating: number | null
  feedback_comment: string | null
  feedback_at: Date | null
  created_by: string | null
}

export interface ComplaintAttachmentTable {
  id: Generated<string>
  complaint_id: string
  kind: ComplaintAttachmentKind
  original_name: string
  media_type: ComplaintMediaType
  size_bytes: number
  sha256: Buffer
  storage_key: string
  uploaded_at: Generated<Date>
}

export interface ComplaintEventTable {
  id: Generated<number>
  complaint_id: string
  kind: string
  actor_id: string | null
  at: Generated<Date>
  details: ColumnType<Record<string, unknown>, string | undefined, string>
}

export interface ComplaintMailTable {
  id: Generated<string>
  complaint_id: string | null
  kind: string
  recipient: string
  subject: string
  body: string
  attachment_key: string | null
  attachment_name: string | null
  status: Generated<ComplaintMailStatus>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_error: string | null
  sent_at: Date | null
  created_at: Generated<Date>
}

export type ComplaintRow = Selectable<ComplaintTable>
export type ComplaintCategoryRow = Selectable<ComplaintCategoryTable>
export type ComplaintAttachmentRow = Selectable<ComplaintAttachmentTable>
export type ComplaintEventRow = Selectable<ComplaintEventTable>
export type ComplaintMailRow = Selectable<ComplaintMailTable>
