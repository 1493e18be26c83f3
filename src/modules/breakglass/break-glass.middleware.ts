// SPDX-License-Identifier: EUPL-1.2
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../http/context.js'
import { currentRequestContext } from '../../shared/request-context.js'
import { mayBreakGlass } from './break-glass.roles.js'
import { activeBreakGlass, countUnreadNotifications } from './break-glass.service.js'

/**
 * Loads, once per staff request, the break-glass grants in force (for the banner on every page and the
 * audit's purpose) and the unread notifications (for the lead's inbox notice) into the request context.
 * Runs after `loadStaffSession`.
 */
export const loadBreakGlassState = createMiddleware<AppEnv>(async (c, next) => {
  const staff = c.get('staff')
  const context = currentRequestContext()
  if (staff && context && mayBreakGlass(staff.role)) {
    const { db } = c.get('deps')
    const [grants, notices] = await Promise.all([
      activeBreakGlass(db, staff.id),
      countUnreadNotifications(db, staff.id),
    ])
    context.breakGlass = grants
    context.breakGlassNotices = notices
  }
  await next()
})
