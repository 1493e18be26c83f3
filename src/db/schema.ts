// SPDX-License-Identifier: EUPL-1.2
import type { Generated } from 'kysely'
import type {
  ApplicationDraftTable,
  ApplicationStatusChangeTable,
  ApplicationTable,
  DocumentTable,
} from '../modules/applications/applications.table.js'
import type { AuditEventTable } from '../modules/audit/audit.table.js'
import type { StaffSessionTable, StaffUserTable } from '../modules/auth/auth.table.js'
import type {
  ComplaintAttachmentTable,
  ComplaintCategoryTable,
  ComplaintEventTable,
  ComplaintMailTable,
  ComplaintTable,
} from '../modules/complaints/complaints.table.js'
import type {
  AbsenceTable,
  DeputyRuleTable,
  InterimAssignmentTable,
  OrgUnitTable,
  PersonTable,
  PostHoldingTable,
  PostTable,
} from '../modules/organisation/organisation.table.js'

export interface RateLimitTable {
  bucket: string
  key_hash: Buffer
  window_start: Date
  hits: Generated<number>
}

/** Every table Kysely may query, by name. */
export interface Database {
  staff_user: StaffUserTable
  staff_session: StaffSessionTable
  application_draft: ApplicationDraftTable
  application: ApplicationTable
  application_status_change: ApplicationStatusChangeTable
  document: DocumentTable
  audit_event: AuditEventTable
  rate_limit: RateLimitTable
  org_unit: OrgUnitTable
  post: PostTable
  person: PersonTable
  post_holding: PostHoldingTable
  absence: AbsenceTable
  deputy_rule: DeputyRuleTable
  interim_assignment: InterimAssignmentTable
  complaint_category: ComplaintCategoryTable
  complaint: ComplaintTable
  complaint_attachment: ComplaintAttachmentTable
  complaint_event: ComplaintEventTable
  complaint_mail: ComplaintMailTable
}
