// SPDX-License-Identifier: EUPL-1.2
import type { StaffRole } from '../auth/index.js'

/**
 * Who may do what in the provider register (ADR 0025). The register holds no social data: organisations,
 * contracts, money. Leads decide on contracts and book payments; auditors read everything, change nothing.
 * Caseworkers have no part in contract management and do not see the register (need-to-know on budgets);
 * administrators run the system, not the contracts.
 */
export const PROVIDER_EDIT_ROLES: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head']
/** Roles that may read the register. */
export const PROVIDER_READ_ROLES: readonly StaffRole[] = [...PROVIDER_EDIT_ROLES, 'auditor']

/** True when the role may change the register. */
export function mayEditProviders(role: StaffRole): boolean {
  return PROVIDER_EDIT_ROLES.includes(role)
}
