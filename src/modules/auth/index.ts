// SPDX-License-Identifier: EUPL-1.2
export {
  CASE_ROLES,
  policyOf,
  publicAccess,
  type RoutePolicy,
  requireStaff,
  staffAccess,
} from '../../http/access.js'
export { loadStaffSession } from './auth.middleware.js'
export { authRoutes } from './auth.routes.js'
export { authenticate, closeSession, createStaffUser, openSession } from './auth.service.js'
export type { StaffRole } from './auth.table.js'
