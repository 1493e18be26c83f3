// SPDX-License-Identifier: EUPL-1.2
/**
 * The part of the need-to-know rule that break-glass adds: a grant in force opens its one case to its one
 * staff member. Used by `canSeeCase` (cases/case-access.ts); imports nothing from the cases module so that
 * the rule can use it without a cycle.
 * @module
 */
import { type ExpressionBuilder, sql } from 'kysely'
import type { Database } from '../../db/schema.js'

/**
 * True for the case `a` while `staffId` holds a break-glass grant for it at `at` (from its start, until
 * its end, exclusive).
 */
export function hasBreakGlassGrant(
  eb: ExpressionBuilder<Database & { a: Database['application'] }, 'a'>,
  staffId: string,
  at: Date,
) {
  return eb.exists(
    eb
      .selectFrom('break_glass_grant as g')
      .select(sql`1`.as('one'))
      .whereRef('g.application_id', '=', 'a.id')
      .where('g.staff_user_id', '=', staffId)
      .where('g.granted_at', '<=', at)
      .where('g.expires_at', '>', at),
  )
}
