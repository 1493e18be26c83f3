// SPDX-License-Identifier: EUPL-1.2
import type { StaffRole } from '../auth/auth.table.js'

/**
 * Who may break glass: the roles that work cases. Auditors see every case anyway (read-only); the
 * administrator, the data-protection officer and the complaints coordinator have no business in case
 * content, not even in an emergency. Kept apart from the service so that the page marks can use it
 * without loading the service.
 */
export const BREAK_GLASS_ROLES: readonly StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
]

/** True for a role that may open a case by breaking glass. */
export function mayBreakGlass(role: string): boolean {
  return BREAK_GLASS_ROLES.some((r) => r === role)
}
