// SPDX-License-Identifier: EUPL-1.2
import type { Context } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, readAppCookie } from '../../http/cookies.js'
import { sha256 } from '../../shared/ids.js'

/**
 * The network the current staff session was opened from (`192.0.2.0/24`, see client-info.ts), for the telework
 * download policy.
 * @returns null without a session cookie, or when the sign-in address was not an IP address
 */
export async function sessionSignInNetwork(c: Context<AppEnv>): Promise<string | null> {
  const token = readAppCookie(c, COOKIE.session)
  if (!token) {
    return null
  }
  const row = await c
    .get('deps')
    .db.selectFrom('staff_session')
    .select('address_prefix')
    .where('id_hash', '=', sha256(token))
    .executeTakeFirst()
  return row?.address_prefix ?? null
}
