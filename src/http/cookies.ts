// SPDX-License-Identifier: EUPL-1.2
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './context.js'

/** Cookie names in one place. */
export const COOKIE = {
  csrf: 'lotse_csrf',
  session: 'lotse_session',
  draft: 'lotse_draft',
  receipt: 'lotse_receipt',
} as const

type CookieName = (typeof COOKIE)[keyof typeof COOKIE]

/**
 * Sets a cookie the way every Lotse cookie must be: HttpOnly (scripts never need them), SameSite=Lax
 * (not sent on cross-site POSTs), Secure when served over TLS.
 * @param maxAgeSeconds omitted → session cookie, gone when the browser closes
 */
export function setAppCookie(
  c: Context<AppEnv>,
  name: CookieName,
  value: string,
  maxAgeSeconds?: number,
): void {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.secureCookies,
    path: '/',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  })
}

export function readAppCookie(c: Context<AppEnv>, name: CookieName): string | undefined {
  return getCookie(c, name)
}

export function clearAppCookie(c: Context<AppEnv>, name: CookieName): void {
  deleteCookie(c, name, { path: '/', secure: c.get('deps').config.secureCookies })
}
