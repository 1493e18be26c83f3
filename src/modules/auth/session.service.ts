// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { sha256 } from '../../shared/ids.js'
import type { SessionStage } from './auth.table.js'

export interface SessionLimits {
  idleMinutes: number
  maxHours: number
}

/** Where a session was opened from, as far as we keep it (summaries only; see client-info.ts). */
export interface ClientInfo {
  userAgent: string | null
  addressPrefix: string | null
}

/** A password-only session lives this long at most: enough to type a code, not to leave it lying around. */
export const PENDING_MINUTES = 10

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Opens a server-side session and returns the token for the cookie. The database keeps only its hash.
 * `active` sessions last `limits.maxHours`; pending ones (password accepted, second factor missing) last
 * {@link PENDING_MINUTES} and grant nothing.
 */
export async function openSession(
  db: Executor,
  staffUserId: string,
  options: {
    stage: SessionStage
    limits: SessionLimits
    client: ClientInfo
    method?: 'local' | 'oidc'
    pendingSecretEnc?: Buffer | null
    now?: Date
  },
): Promise<string> {
  const now = options.now ?? new Date()
  const token = randomBytes(32).toString('base64url')
  const lifetimeMs =
    options.stage === 'active' ? options.limits.maxHours * 3_600_000 : PENDING_MINUTES * 60_000
  await db
    .insertInto('staff_session')
    .values({
      id_hash: sha256(token),
      staff_user_id: staffUserId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + lifetimeMs),
      stage: options.stage,
      pending_secret_enc: options.pendingSecretEnc ?? null,
      auth_method: options.method ?? 'local',
      user_agent: options.client.userAgent,
      address_prefix: options.client.addressPrefix,
    })
    .execute()
  return token
}

export type ResumedSession =
  | { kind: 'active'; staff: StaffPrincipal; sessionId: string }
  /** Password accepted, second factor or enrolment still to do: grants nothing. */
  | { kind: 'pending'; stage: SessionStage }

/**
 * Resolves a session token. An active session counts only when it is neither idle too long nor past its
 * absolute lifetime and its account is not disabled; then the activity is recorded.
 */
export async function resumeSession(
  db: Db,
  token: string,
  limits: SessionLimits,
  now = new Date(),
): Promise<ResumedSession | null> {
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.staff_user_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      's.id as session_id',
      's.stage',
      's.last_seen_at',
      's.id_hash',
    ])
    .where('s.id_hash', '=', sha256(token))
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) {
    return null
  }
  if (row.stage !== 'active') {
    return { kind: 'pending', stage: row.stage }
  }
  if (row.last_seen_at.getTime() <= now.getTime() - limits.idleMinutes * 60_000) {
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
  return {
    kind: 'active',
    sessionId: row.session_id,
    staff: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
  }
}

/** Ends a session. */
export async function closeSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', sha256(token)).execute()
}

/**
 * Ends every session of a staff member (sign out everywhere, role change, disabling, MFA reset).
 * @returns how many sessions were ended
 */
export async function revokeAllSessions(db: Executor, staffUserId: string): Promise<number> {
  const rows = await db
    .deleteFrom('staff_session')
    .where('staff_user_id', '=', staffUserId)
    .returning('id')
    .execute()
  return rows.length
}

export interface SessionListItem {
  id: string
  createdAt: Date
  lastSeenAt: Date
  userAgent: string | null
  addressPrefix: string | null
  method: 'local' | 'oidc'
  current: boolean
}

/** The staff member's own active sessions that are still valid, newest activity first. */
export async function listOwnSessions(
  db: Db,
  staffUserId: string,
  currentToken: string,
  limits: SessionLimits,
  now = new Date(),
): Promise<SessionListItem[]> {
  const currentHash = sha256(currentToken)
  const rows = await db
    .selectFrom('staff_session')
    .select(['id', 'id_hash', 'created_at', 'last_seen_at', 'user_agent', 'address_prefix', 'auth_method'])
    .where('staff_user_id', '=', staffUserId)
    .where('stage', '=', 'active')
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - limits.idleMinutes * 60_000))
    .orderBy('last_seen_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    userAgent: r.user_agent,
    addressPrefix: r.address_prefix,
    method: r.auth_method,
    current: r.id_hash.equals(currentHash),
  }))
}

/**
 * Ends one of the staff member's own sessions by its public id; someone else's id ends nothing.
 * @returns whether a session was ended
 */
export async function endOwnSession(db: Db, staffUserId: string, sessionId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) {
    return false
  }
  const rows = await db
    .deleteFrom('staff_session')
    .where('staff_user_id', '=', staffUserId)
    .where('id', '=', sessionId)
    .returning('id')
    .execute()
  return rows.length > 0
}

/** Deletes sessions a day past their absolute end (idle ones are refused on use and end at that time too). */
export async function pruneSessions(db: Db, now = new Date()): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where('expires_at', '<', new Date(now.getTime() - 86_400_000))
    .execute()
  await db.deleteFrom('oidc_login').where('expires_at', '<', now).execute()
}
