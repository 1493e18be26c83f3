// SPDX-License-Identifier: EUPL-1.2
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie } from '../../http/cookies.js'
import { noteStaffSession } from '../../shared/request-context.js'
import { resumeSession } from './session.service.js'

/**
 * Puts the signed-in staff member (or null) on the context. Only an active session (second factor done)
 * signs anyone in; a pending one keeps its cookie for the code page but grants nothing. An expired or
 * revoked session's cookie is removed.
 */
export const loadStaffSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = readAppCookie(c, COOKIE.session)
  if (token) {
    const { db, config } = c.get('deps')
    const session = await resumeSession(db, token, {
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
    })
    if (session?.kind === 'active') {
      c.set('staff', session.staff)
      noteStaffSession(session.staff, session.sessionId)
    } else if (!session) {
      clearAppCookie(c, COOKIE.session)
    }
  }
  await next()
})
