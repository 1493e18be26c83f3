// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { sha256 } from '../../shared/ids.js'
import type { StaffRole } from './auth.table.js'
import { hashPassword, verifyPassword } from './password.js'

export interface SessionLimits {
  idleMinutes: number
  maxHours: number
}

/** Creates a local staff account; the password is stored only as an Argon2id hash. */
export async function createStaffUser(
  db: Db,
  input: { username: string; displayName: string; password: string; role: StaffRole },
): Promise<StaffPrincipal> {
  const row = await db
    .insertInto('staff_user')
    .values({
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
    })
    .returning(['id', 'username', 'display_name', 'role'])
    .executeTakeFirstOrThrow()
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}

/**
 * Checks a username and password. Returns the staff member or null; never says which of the two was
 * wrong, and takes the same time either way.
 */
export async function authenticate(
  db: Db,
  username: string,
  password: string,
): Promise<StaffPrincipal | null> {
  const name = username.trim().toLowerCase()
  // PostgreSQL text cannot hold NUL (the query would fail); no account has such a name.
  const row = name.includes('\u0000')
    ? undefined
    : await db
        .selectFrom('staff_user')
        .select(['id', 'username', 'display_name', 'role', 'password_hash', 'disabled_at'])
        .where('username', '=', name)
        .executeTakeFirst()
  const ok = await verifyPassword(row?.password_hash ?? null, password)
  if (!row || !ok || row.disabled_at) {
    return null
  }
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}

/**
 * Opens a server-side session and returns the token for the cookie. The database keeps only its hash.
 */
export async function openSession(db: Db, staffUserId: string, limits: SessionLimits): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('staff_session')
    .values({
      id_hash: sha256(token),
      staff_user_id: staffUserId,
      expires_at: new Date(Date.now() + limits.maxHours * 3_600_000),
    })
    .execute()
  return token
}

/**
 * Resolves a session token to its staff member when the session is neither idle too long nor past its
 * absolute lifetime, and records the activity.
 */
export async function resumeSession(
  db: Db,
  token: string,
  limits: SessionLimits,
): Promise<StaffPrincipal | null> {
  const now = new Date()
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.staff_user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 's.last_seen_at', 's.id_hash'])
    .where('s.id_hash', '=', sha256(token))
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', new Date(now.getTime() - limits.idleMinutes * 60_000))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) {
    return null
  }
  // One write a minute is enough for the idle timeout and keeps page views cheap.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('staff_session')
      .set({ last_seen_at: now })
      .where('id_hash', '=', row.id_hash)
      .execute()
  }
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}

/** Ends a session. */
export async function closeSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', sha256(token)).execute()
}
