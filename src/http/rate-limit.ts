// SPDX-License-Identifier: EUPL-1.2
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { RateLimitedError } from '../shared/errors.js'
import { sha256 } from '../shared/ids.js'

export interface RateRule {
  /** Name of the counter family, e.g. `resume-code`. */
  bucket: string
  /** Attempts allowed per window. */
  limit: number
  windowSeconds: number
}

/**
 * Counts one attempt for `key` (hashed, so no IP address is stored) in a fixed window shared by all app
 * instances through the database, and throws when the limit is exceeded.
 * @throws RateLimitedError with the seconds until the window ends
 */
export async function consumeRateLimit(db: Db, rule: RateRule, key: string, now = new Date()): Promise<void> {
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const row = await db
    .insertInto('rate_limit')
    .values({ bucket: rule.bucket, key_hash: sha256(key), window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'key_hash', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow()
  if (row.hits > rule.limit) {
    throw new RateLimitedError(Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000))
  }
}

/** Drops counters of windows that ended more than a day ago. */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<void> {
  await db
    .deleteFrom('rate_limit')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000))
    .execute()
}

/**
 * The client's address as the socket saw it. Behind a reverse proxy this is the proxy; trusting
 * X-Forwarded-For needs a configured proxy list (operations issue), so it is not read here.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket
    return 'local'
  }
}
