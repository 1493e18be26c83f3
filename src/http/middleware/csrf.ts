// SPDX-License-Identifier: EUPL-1.2
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import { BACKCHANNEL_LOGOUT_PATH } from '../../modules/auth/oidc-logout.path.js'
import { BadRequestError, CsrfError } from '../../shared/errors.js'
import type { AppEnv } from '../context.js'
import { COOKIE, readAppCookie, setAppCookie } from '../cookies.js'

export const CSRF_FIELD = '_csrf'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF protection for HTML forms (OWASP: double-submit cookie). Every browser gets a random token in an
 * HttpOnly, SameSite cookie; every form repeats it in a hidden field; a state-changing request whose field
 * does not match is refused. Works for citizens without an account and without JavaScript.
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  // The Open311 API is called by other systems with an api_key, not by browsers with cookies; inbound
  // webhooks likewise, with a signature.
  if (c.req.path.startsWith('/open311/') || c.req.path.startsWith('/webhooks/beschwerden/')) {
    return next()
  }
  // The identity provider posts signed logout tokens here, server to server (this one path, POST only).
  if (c.req.method === 'POST' && c.req.path === BACKCHANNEL_LOGOUT_PATH) {
    return next()
  }
  let token = readAppCookie(c, COOKIE.csrf)
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = randomBytes(32).toString('base64url')
    setAppCookie(c, COOKIE.csrf, token)
  }
  c.set('csrfToken', token)
  if (!SAFE.has(c.req.method)) {
    const type = c.req.header('content-type') ?? ''
    if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
      throw new BadRequestError('unsupported content type')
    }
    const body = await c.req.parseBody().catch(() => {
      throw new BadRequestError('unreadable form body')
    })
    const sent = body[CSRF_FIELD]
    if (typeof sent !== 'string' || !equal(sent, token)) {
      throw new CsrfError('csrf token mismatch')
    }
  }
  await next()
})

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
