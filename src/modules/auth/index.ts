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
export {
  changeStaffRole,
  createStaffUser,
  resetMfa,
  setStaffDisabled,
  storeMfaEnrolment,
} from './auth.service.js'
export { STAFF_ROLES, type StaffRole } from './auth.table.js'
export { pruneLoginLockouts } from './lockout.js'
export { recoveryRenewalRoutes } from './recovery-renewal.routes.js'
export { MFA_KEY_FILE, resolveMfaSecretKey } from './secret-box.js'
export { closeSession, openSession, pruneSessions, revokeAllSessions } from './session.service.js'
export { sessionSignInNetwork } from './session-network.js'
export { newTotpSecret, totpCode, totpStep, totpUri } from './totp.js'
