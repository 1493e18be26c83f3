// SPDX-License-Identifier: EUPL-1.2
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie } from '../../http/cookies.js'
import { resumeSession } from './auth.service.js'

/** Puts the signed-in staff member (or null) on the context; an expired session's cookie is removed. */
export const loadStaffSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = readAppCookie(c, COOKIE.session)
  if (token) {
    const { db, config } = c.get('deps')
    const staff = await resumeSession(db, token, {
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
    })
    if (staff) {
      c.set('staff', staff)
    } else {
      clearAppCookie(c, COOKIE.session)
    }
  }
  await next()
})
