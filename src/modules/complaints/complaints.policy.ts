// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { isUuid } from '../../shared/ids.js'
import type { StaffRole } from '../auth/index.js'
import { canSeeCase, caseScopeOf } from '../cases/index.js'
import { organisationService } from '../organisation/index.js'
import type { ComplaintScope } from './complaints.repository.js'

/** Roles that may open the complaint pages at all; which complaints they see is decided by {@link complaintScope}. */
export const COMPLAINT_ROLES: readonly StaffRole[] = [
  'complaints_coordinator',
  'team_lead',
  'department_head',
  'division_head',
  'caseworker',
]
/** Roles that see the complaints of every unit they lead (and the units below). */
const LEAD_ROLES: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head']
/** Roles that may read the aggregate reports. */
export const REPORT_ROLES: readonly StaffRole[] = [
  'complaints_coordinator',
  'department_head',
  'division_head',
]
/** Roles that may forward a complaint to another unit. */
export const FORWARD_ROLES: readonly StaffRole[] = [
  'complaints_coordinator',
  'team_lead',
  'department_head',
  'division_head',
]

/**
 * Which complaints a staff member sees, at instant `at`:
 * - the complaints coordinator: all of them (she runs the procedure, but sees no case data, see mayOpenCase);
 * - everyone: complaints routed to a post they act for now (holder, deputy, interim — a deputy sees what he
 *   covers for as long as he covers it);
 * - team, department and division heads also: complaints of every unit whose head post they act for, and of
 *   the units below it.
 */
export async function complaintScope(db: Db, staff: StaffPrincipal, at: Date): Promise<ComplaintScope> {
  if (staff.role === 'complaints_coordinator') {
    return { all: true }
  }
  const [snapshot, resolution] = await Promise.all([
    organisationService.loadOrganisationSnapshot(db, at),
    organisationService.resolveOrganisation(db, at),
  ])
  const postIds = [...resolution.results]
    .filter(([, r]) => r.kind !== 'nobody' && r.person.staffUserId === staff.id)
    .map(([postId]) => postId)
  const unitIds = new Set<string>()
  if (LEAD_ROLES.includes(staff.role)) {
    const ledUnits = snapshot.posts
      .filter((p) => p.isHeadOfUnit && postIds.includes(p.id))
      .map((p) => p.unitId)
    const queue = [...ledUnits]
    while (queue.length > 0) {
      const unitId = queue.pop() ?? ''
      if (unitIds.has(unitId)) {
        continue
      }
      unitIds.add(unitId)
      queue.push(...snapshot.units.filter((u) => u.parentId === unitId).map((u) => u.id))
    }
  }
  return { all: false, postIds, unitIds: [...unitIds] }
}

/** Whether a complaint routed as given lies in `scope`. */
export function inScope(
  scope: ComplaintScope,
  complaint: { responsible_post_id: string | null; responsible_unit_id: string | null },
): boolean {
  if (scope.all) {
    return true
  }
  return (
    (complaint.responsible_post_id !== null && scope.postIds.includes(complaint.responsible_post_id)) ||
    (complaint.responsible_unit_id !== null && scope.unitIds.includes(complaint.responsible_unit_id))
  )
}

/** The roles the case page (`/sachbearbeitung/antraege/:id`) admits and that work with complaints. */
const CASE_PAGE_ROLES: readonly StaffRole[] = ['caseworker', 'team_lead', 'department_head', 'division_head']

/**
 * Whether `staff` may open the case (application) a complaint names: the workbench's need-to-know rule
 * (`caseScopeOf` + `canSeeCase` from cases/case-access.ts — assigned post, led units, shares, approvals,
 * break-glass), asked for this one case now. Only then does the complaint page link the case.
 */
export async function mayOpenCase(db: Db, staff: StaffPrincipal, applicationId: string): Promise<boolean> {
  if (!CASE_PAGE_ROLES.includes(staff.role) || !isUuid(applicationId)) {
    return false
  }
  const scope = await caseScopeOf(db, staff, new Date())
  const row = await db
    .selectFrom('application as a')
    .select('a.id')
    .where('a.id', '=', applicationId)
    .where(canSeeCase(scope))
    .executeTakeFirst()
  return row !== undefined
}
