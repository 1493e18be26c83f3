// SPDX-License-Identifier: EUPL-1.2
import type { StaffRole } from '../auth/index.js'

/**
 * Who may do what with the shared accommodation (ADR 0025). Roles open the screens; which residents a staff
 * member sees by name is decided per case by the need-to-know rule (cases/case-access.ts): everyone else
 * sees that a place is taken, not by whom.
 */
/** May see sites, places and occupancy counts, and the residents whose cases they may see. */
export const ACCOMMODATION_READ_ROLES: readonly StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'auditor',
]
/** May record moves in and out (for cases they may see). */
export const ACCOMMODATION_MOVE_ROLES: readonly StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
]
/** May create sites and places. */
export const ACCOMMODATION_EDIT_ROLES: readonly StaffRole[] = [
  'team_lead',
  'department_head',
  'division_head',
]
