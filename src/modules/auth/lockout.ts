// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { sha256 } from '../../shared/ids.js'

/** How many consecutive failures lock a username, and for how long. */
export interface LockoutPolicy {
  attempts: number
  minutes: number
}

function key(username: string): Buffer {
  return sha256(`login:${username.trim().toLowerCase()}`)
}

/**
 * When the username is locked at `now`, the end of the lock; otherwise null. Works the same for usernames that
 * exist and those that do not, so the answer tells nobody which accounts exist.
 */
export async function lockedUntil(db: Db, username: string, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('login_lockout')
    .select('locked_until')
    .where('username_hash', '=', key(username))
    .executeTakeFirst()
  return row?.locked_until && row.locked_until > now ? row.locked_until : null
}

/**
 * Counts one failed password or code attempt. The attempt that reaches the limit locks the username for
 * `policy.minutes` and starts the count again.
 * @returns the end of the lock when this attempt locked the username, otherwise null
 */
export async function recordLoginFailure(
  db: Db,
  username: string,
  policy: LockoutPolicy,
  now: Date,
): Promise<Date | null> {
  const until = new Date(now.getTime() + policy.minutes * 60_000)
  const row = await db
    .insertInto('login_lockout')
    .values({ username_hash: key(username), failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('username_hash').doUpdateSet({ failures: sql`login_lockout.failures + 1`, updated_at: now }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  if (row.failures < policy.attempts) {
    return null
  }
  await db
    .updateTable('login_lockout')
    .set({ failures: 0, locked_until: until, updated_at: now })
    .where('username_hash', '=', key(username))
    .execute()
  return until
}

/** Forgets the failures of a username after a complete sign-in. */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.deleteFrom('login_lockout').where('username_hash', '=', key(username)).execute()
}

/** Drops counters not touched for a day whose lock (if any) has ended. */
export async function pruneLoginLockouts(db: Db, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000)
  await db
    .deleteFrom('login_lockout')
    .where('updated_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute()
}
