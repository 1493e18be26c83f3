// SPDX-License-Identifier: EUPL-1.2

export { complaintCategoryRoutes, SETTINGS_ROLES as complaintSettingsRoles } from './categories.routes.js'
export {
  type ComplaintFieldErrors,
  ComplaintRejectedError,
  ComplaintStateError,
} from './complaints.errors.js'
export { startComplaintJobs } from './complaints.job.js'
export { enqueueMail, type NewMail } from './complaints.repository.js'
export { complaintsRoutes } from './complaints.routes.js'
export type { ComplaintInput, Upload } from './complaints.service.js'
export * as complaintsService from './complaints.service.js'
export type { ComplaintChannel, ComplaintStatus, RoutingDecision } from './complaints.table.js'
