// SPDX-License-Identifier: EUPL-1.2
import type { Migration } from 'kysely'
import * as createFoundation from './2026-11-26T0900-create-foundation.js'
import * as createOrganisation from './2026-11-26T1100-create-organisation.js'
import * as chainAuditEvents from './2026-11-26T1200-chain-audit-events.js'
import * as widenStaffRoles from './2026-11-26T1300-widen-staff-roles.js'
import * as assignCasesToPosts from './2026-11-26T1400-assign-cases-to-posts.js'
import * as staffMfaAndSessions from './2026-11-26T1500-staff-mfa-and-sessions.js'
import * as createComplaints from './2026-11-26T1600-create-complaints.js'
import * as createStandardsAndKnowledge from './2026-11-26T1700-create-standards-and-knowledge.js'
import * as createPostVersion from './2026-11-26T1800-create-post-version.js'
import * as caseWorkbench from './2026-11-26T1900-case-workbench.js'
import * as createChecklistsAndOnboarding from './2026-11-26T2000-create-checklists-and-onboarding.js'
import * as createOpen311 from './2026-11-26T2100-create-open311.js'
import * as auditContextAndBreakGlass from './2026-11-26T2200-audit-context-and-break-glass.js'
import * as createRetention from './2026-11-26T2350-create-retention.js'
import * as createReports from './2026-11-26T2400-create-reports.js'
import * as createPaymentRuns from './2026-11-27T0100-create-payment-runs.js'
import * as createPaymentCard from './2026-11-27T0200-create-payment-card.js'
import * as createProvidersAndAccommodation from './2026-11-27T0300-create-providers-and-accommodation.js'
import * as complaintAckDeadline from './2026-11-27T0500-complaint-ack-deadline.js'
import * as createOrgReview from './2026-11-27T0600-create-org-review.js'
import * as createFileDeletion from './2026-11-27T0700-create-file-deletion.js'
import * as createPaymentBookings from './2026-11-27T0800-create-payment-bookings.js'
import * as teamRouting from './2026-11-28T1000-team-routing.js'
import * as oidcLogout from './2026-11-28T1100-oidc-logout.js'
import * as paymentReturnsAndExceptions from './2026-11-28T1200-payment-returns-and-exceptions.js'
import * as createChildCardMapping from './2026-11-28T1300-create-child-card-mapping.js'
import * as datedCapacityAndReminderMail from './2026-11-28T1400-dated-capacity-and-reminder-mail.js'

/**
 * Every migration, by name, in the order they run. A static list instead of reading the folder: it works the
 * same under tsx, vitest and a bundler, and a migration cannot be picked up by accident.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-26T0900-create-foundation': createFoundation,
  '2026-11-26T1100-create-organisation': createOrganisation,
  '2026-11-26T1200-chain-audit-events': chainAuditEvents,
  '2026-11-26T1300-widen-staff-roles': widenStaffRoles,
  '2026-11-26T1400-assign-cases-to-posts': assignCasesToPosts,
  '2026-11-26T1500-staff-mfa-and-sessions': staffMfaAndSessions,
  '2026-11-26T1600-create-complaints': createComplaints,
  '2026-11-26T1700-create-standards-and-knowledge': createStandardsAndKnowledge,
  '2026-11-26T1800-create-post-version': createPostVersion,
  '2026-11-26T1900-case-workbench': caseWorkbench,
  '2026-11-26T2000-create-checklists-and-onboarding': createChecklistsAndOnboarding,
  '2026-11-26T2100-create-open311': createOpen311,
  '2026-11-26T2200-audit-context-and-break-glass': auditContextAndBreakGlass,
  '2026-11-26T2350-create-retention': createRetention,
  '2026-11-26T2400-create-reports': createReports,
  '2026-11-27T0100-create-payment-runs': createPaymentRuns,
  '2026-11-27T0200-create-payment-card': createPaymentCard,
  '2026-11-27T0300-create-providers-and-accommodation': createProvidersAndAccommodation,
  '2026-11-27T0500-complaint-ack-deadline': complaintAckDeadline,
  '2026-11-27T0600-create-org-review': createOrgReview,
  '2026-11-27T0700-create-file-deletion': createFileDeletion,
  '2026-11-27T0800-create-payment-bookings': createPaymentBookings,
  '2026-11-28T1000-team-routing': teamRouting,
  '2026-11-28T1100-oidc-logout': oidcLogout,
  '2026-11-28T1200-payment-returns-and-exceptions': paymentReturnsAndExceptions,
  '2026-11-28T1300-create-child-card-mapping': createChildCardMapping,
  '2026-11-28T1400-dated-capacity-and-reminder-mail': datedCapacityAndReminderMail,
}
