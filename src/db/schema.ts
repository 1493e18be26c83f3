// SPDX-License-Identifier: EUPL-1.2
import type { Generated } from 'kysely'
import type {
  AccommodationCapacityTable,
  AccommodationPlaceTable,
  AccommodationSiteTable,
  AccommodationStayTable,
} from '../modules/accommodation/accommodation.table.js'
import type {
  ApplicationDraftTable,
  ApplicationStatusChangeTable,
  ApplicationTable,
  DocumentTable,
} from '../modules/applications/applications.table.js'
import type { AuditEventTable } from '../modules/audit/audit.table.js'
import type {
  LoginLockoutTable,
  OidcLoginTable,
  StaffRecoveryCodeTable,
  StaffSessionTable,
  StaffUserTable,
} from '../modules/auth/auth.table.js'
import type { OidcLogoutJtiTable, OidcSessionLinkTable } from '../modules/auth/oidc-logout.table.js'
import type {
  BreakGlassGrantTable,
  BreakGlassNotificationTable,
} from '../modules/breakglass/break-glass.table.js'
import type {
  ApprovalRuleTable,
  CaseAssignmentTable,
  CaseNoteTable,
  CaseShareTable,
  DecisionTable,
  DocumentRequestTable,
  PriorityConfigTable,
  RoutingRuleTable,
} from '../modules/cases/cases.table.js'
import type {
  CaseChecklistEventTable,
  CaseChecklistMarkTable,
  CaseChecklistTable,
  CaseStandardMappingTable,
} from '../modules/cases/checklist.table.js'
import type {
  ComplaintAttachmentTable,
  ComplaintCategoryTable,
  ComplaintEventTable,
  ComplaintMailTable,
  ComplaintTable,
} from '../modules/complaints/complaints.table.js'
import type {
  KnowledgeEntryRevisionTable,
  KnowledgeEntryTable,
  KnowledgeLinkTable,
} from '../modules/knowledge/knowledge.table.js'
import type {
  OnboardingPlanTable,
  OnboardingPlanTaskTable,
  OnboardingTemplateTable,
  OnboardingTemplateTaskTable,
} from '../modules/onboarding/onboarding.table.js'
import type {
  Open311ApiKeyTable,
  Open311AttributeTable,
  Open311ImportLogTable,
  Open311ImportStateTable,
  Open311RequestTable,
  Open311ServiceTable,
  WebhookDeliveryTable,
  WebhookStatusSeenTable,
} from '../modules/open311/open311.table.js'
import type {
  AbsenceTable,
  DeputyRuleTable,
  InterimAssignmentTable,
  OrgUnitTable,
  PersonTable,
  PostHoldingTable,
  PostTable,
  PostVersionTable,
} from '../modules/organisation/organisation.table.js'
import type {
  CardApprovalTable,
  HouseholdChildCardTable,
  HouseholdMemberTable,
  PaymentCardStatusChangeTable,
  PaymentCardTable,
} from '../modules/payment-card/payment-card.table.js'
import type {
  PaymentAccountTable,
  PaymentItemTable,
  PaymentLineTable,
  PaymentOneOffTable,
  PaymentRunTable,
  PaymentSuspensionTable,
} from '../modules/payments/payments.table.js'
import type {
  PaymentBookingTable,
  PaymentStatementExceptionTable,
  PaymentStatementTable,
} from '../modules/payments/statement.table.js'
import type {
  ProviderContractDocumentTable,
  ProviderContractTable,
  ProviderPaymentTable,
  ProviderReminderMailTable,
  ProviderTable,
} from '../modules/providers/providers.table.js'
import type {
  OrgReviewCatalogueTable,
  TimeRecordingTable,
  TimeRecordingWindowTable,
} from '../modules/reports/org-review.table.js'
import type {
  CommitteeReportTable,
  ReportSettingTable,
  ReportSnapshotTable,
} from '../modules/reports/reports.table.js'
import type { FileDeletionTable } from '../modules/retention/file-deletion.table.js'
import type {
  DeletionLogTable,
  DeletionReleaseTable,
  DeletionRunTable,
  StaffAnonymisationTable,
} from '../modules/retention/retention.table.js'
import type {
  ProcessStandardTable,
  ProcessStandardVersionTable,
} from '../modules/standards/standards.table.js'

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
  routing_rule: RoutingRuleTable
  case_assignment: CaseAssignmentTable
  case_share: CaseShareTable
  priority_config: PriorityConfigTable
  case_note: CaseNoteTable
  document_request: DocumentRequestTable
  approval_rule: ApprovalRuleTable
  decision: DecisionTable
  post_version: PostVersionTable
  staff_recovery_code: StaffRecoveryCodeTable
  login_lockout: LoginLockoutTable
  oidc_login: OidcLoginTable
  process_standard: ProcessStandardTable
  process_standard_version: ProcessStandardVersionTable
  knowledge_entry: KnowledgeEntryTable
  knowledge_entry_revision: KnowledgeEntryRevisionTable
  knowledge_link: KnowledgeLinkTable
  complaint_category: ComplaintCategoryTable
  complaint: ComplaintTable
  complaint_attachment: ComplaintAttachmentTable
  complaint_event: ComplaintEventTable
  complaint_mail: ComplaintMailTable
  open311_api_key: Open311ApiKeyTable
  open311_service: Open311ServiceTable
  open311_attribute: Open311AttributeTable
  open311_request: Open311RequestTable
  open311_import_state: Open311ImportStateTable
  open311_import_log: Open311ImportLogTable
  webhook_status_seen: WebhookStatusSeenTable
  webhook_delivery: WebhookDeliveryTable
  deletion_run: DeletionRunTable
  deletion_log: DeletionLogTable
  deletion_release: DeletionReleaseTable
  staff_anonymisation: StaffAnonymisationTable
  file_deletion: FileDeletionTable
  break_glass_grant: BreakGlassGrantTable
  break_glass_notification: BreakGlassNotificationTable
  case_standard_mapping: CaseStandardMappingTable
  case_checklist: CaseChecklistTable
  case_checklist_mark: CaseChecklistMarkTable
  case_checklist_event: CaseChecklistEventTable
  onboarding_template: OnboardingTemplateTable
  onboarding_template_task: OnboardingTemplateTaskTable
  onboarding_plan: OnboardingPlanTable
  onboarding_plan_task: OnboardingPlanTaskTable
  report_setting: ReportSettingTable
  report_snapshot: ReportSnapshotTable
  committee_report: CommitteeReportTable
  payment_one_off: PaymentOneOffTable
  payment_suspension: PaymentSuspensionTable
  payment_run: PaymentRunTable
  payment_item: PaymentItemTable
  payment_line: PaymentLineTable
  payment_statement: PaymentStatementTable
  payment_booking: PaymentBookingTable
  payment_statement_exception: PaymentStatementExceptionTable
  payment_account: PaymentAccountTable
  org_review_catalogue: OrgReviewCatalogueTable
  time_recording_window: TimeRecordingWindowTable
  time_recording: TimeRecordingTable
  provider: ProviderTable
  provider_contract: ProviderContractTable
  provider_payment: ProviderPaymentTable
  provider_contract_document: ProviderContractDocumentTable
  accommodation_site: AccommodationSiteTable
  accommodation_place: AccommodationPlaceTable
  accommodation_stay: AccommodationStayTable
  accommodation_capacity: AccommodationCapacityTable
  provider_reminder_mail: ProviderReminderMailTable
  household_member: HouseholdMemberTable
  payment_card: PaymentCardTable
  payment_card_status_change: PaymentCardStatusChangeTable
  card_approval: CardApprovalTable
  oidc_session_link: OidcSessionLinkTable
  oidc_logout_jti: OidcLogoutJtiTable
  household_child_card: HouseholdChildCardTable
}
