// SPDX-License-Identifier: EUPL-1.2
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { sha256 } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import type { StaffRole } from './auth.table.js'
import { clearLoginFailures, type LockoutPolicy, lockedUntil, recordLoginFailure } from './lockout.js'
import { hashPassword, verifyPassword } from './password.js'
import { openSecret, sealSecret } from './secret-box.js'
import {
  type ClientInfo,
  closeSession,
  openSession,
  revokeAllSessions,
  type SessionLimits,
} from './session.service.js'
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
} from './totp.js'

/** What the sign-in steps need from the configuration. */
export interface SignInSettings {
  limits: SessionLimits
  lockout: LockoutPolicy
  /** AES-256 key for TOTP secrets (secret-box.ts). */
  mfaKey: Buffer
}

/** Who is asking and from where; goes into sessions and audit rows (summaries only). */
export interface RequestInfo {
  client: ClientInfo
  requestId: string | null
}

/** Creates a local staff account; the password is stored only as an Argon2id hash. MFA comes at first sign-in. */
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
      totp_secret_enc: null,
      totp_last_step: null,
      mfa_enrolled_at: null,
      oidc_issuer: null,
      oidc_subject: null,
    })
    .returning(['id', 'username', 'display_name', 'role'])
    .executeTakeFirstOrThrow()
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}

/**
 * Stores a confirmed TOTP secret (encrypted) and a fresh set of recovery codes, replacing earlier ones. Used by
 * the enrolment step and by tools that set accounts up (demo data, test factories).
 * @returns the recovery codes in clear; they are shown once and stored only as hashes
 */
export async function storeMfaEnrolment(
  trx: Transaction<Database>,
  staffUserId: string,
  secret: string,
  mfaKey: Buffer,
  acceptedStep: number | null,
  now = new Date(),
): Promise<string[]> {
  await trx
    .updateTable('staff_user')
    .set({
      totp_secret_enc: sealSecret(mfaKey, secret, staffUserId),
      totp_last_step: acceptedStep,
      mfa_enrolled_at: now,
    })
    .where('id', '=', staffUserId)
    .execute()
  await trx.deleteFrom('staff_recovery_code').where('staff_user_id', '=', staffUserId).execute()
  const codes = newRecoveryCodes()
  await trx
    .insertInto('staff_recovery_code')
    .values(
      codes.map((code) => ({ staff_user_id: staffUserId, code_hash: hashRecoveryCode(code), used_at: null })),
    )
    .execute()
  return codes
}

/**
 * Checks a username and password. Returns the staff member or null; never says which of the two was
 * wrong, and takes the same time either way (a dummy hash is verified for unknown names).
 */
async function checkPassword(db: Db, username: string, password: string) {
  const name = username.trim().toLowerCase()
  // PostgreSQL text cannot hold NUL (the query would fail); no account has such a name.
  const row = name.includes('\u0000')
    ? undefined
    : await db
        .selectFrom('staff_user')
        .select(['id', 'username', 'display_name', 'role', 'password_hash', 'disabled_at', 'mfa_enrolled_at'])
        .where('username', '=', name)
        .executeTakeFirst()
  const ok = await verifyPassword(row?.password_hash ?? null, password)
  if (!row || !ok || row.disabled_at) {
    return { user: null, knownId: row?.id ?? null }
  }
  return { user: row, knownId: row.id }
}

export type PasswordOutcome =
  | { outcome: 'failed' }
  | { outcome: 'locked'; until: Date }
  /** Password accepted: a pending session; the browser goes on to the code or the enrolment page. */
  | { outcome: 'pending'; token: string; stage: 'second_factor' | 'enrolment' }

async function audit(
  db: Db,
  request: RequestInfo,
  action: string,
  staffUserId: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: staffUserId },
      action,
      subject: { type: 'staff_user', id: staffUserId ?? 'unknown' },
      requestId: request.requestId,
      details: { address: request.client.addressPrefix, ...details },
    }),
  )
}

/**
 * Step 1 of a local sign-in: the password. Locked usernames are refused before the password is even looked at,
 * whether the account exists or not. A correct password opens only a pending session (grants nothing): the
 * second factor follows, or the enrolment when the account has none yet.
 */
export async function signInWithPassword(
  db: Db,
  settings: SignInSettings,
  input: { username: string; password: string },
  request: RequestInfo,
  now = new Date(),
): Promise<PasswordOutcome> {
  const locked = await lockedUntil(db, input.username, now)
  if (locked) {
    // Same work as a real check, so the time taken does not tell a locked name from a wrong password.
    const { knownId } = await checkPassword(db, input.username, input.password)
    await audit(db, request, 'auth.sign_in_failed', knownId, { step: 'password', reason: 'locked' })
    return { outcome: 'locked', until: locked }
  }
  const { user, knownId } = await checkPassword(db, input.username, input.password)
  if (!user) {
    const until = await recordLoginFailure(db, input.username, settings.lockout, now)
    await audit(db, request, 'auth.sign_in_failed', knownId, { step: 'password', reason: 'invalid' })
    if (until) {
      await audit(db, request, 'auth.locked', knownId, { minutes: settings.lockout.minutes })
      return { outcome: 'locked', until }
    }
    return { outcome: 'failed' }
  }
  const enrolled = user.mfa_enrolled_at !== null
  const token = await openSession(db, user.id, {
    stage: enrolled ? 'second_factor' : 'enrolment',
    limits: settings.limits,
    client: request.client,
    pendingSecretEnc: enrolled ? null : sealSecret(settings.mfaKey, newTotpSecret(), user.id),
    now,
  })
  return { outcome: 'pending', token, stage: enrolled ? 'second_factor' : 'enrolment' }
}

/** A pending (password-only) session with its account, as the second-factor pages need it. */
export interface PendingSignIn {
  stage: 'second_factor' | 'enrolment'
  user: StaffPrincipal
  /** The proposed secret during enrolment, in clear (for the QR code); null at the second-factor step. */
  proposedSecret: string | null
}

/** Loads the pending session a token stands for; null when there is none, it expired, or it is active. */
export async function loadPendingSignIn(
  db: Db,
  mfaKey: Buffer,
  token: string,
  now = new Date(),
): Promise<PendingSignIn | null> {
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.staff_user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 's.stage', 's.pending_secret_enc'])
    .where('s.id_hash', '=', sha256(token))
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row || row.stage === 'active') {
    return null
  }
  return {
    stage: row.stage,
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
    proposedSecret: row.pending_secret_enc ? openSecret(mfaKey, row.pending_secret_enc, row.id) : null,
  }
}

export type SecondFactorOutcome =
  | { outcome: 'no_session' }
  | { outcome: 'failed' }
  | { outcome: 'locked'; until: Date }
  /** Signed in: the pending session was replaced by a new active one (new token). */
  | { outcome: 'signed_in'; token: string; staff: StaffPrincipal; recoveryCodes: string[] | null }

async function failCode(
  db: Db,
  settings: SignInSettings,
  pendingToken: string,
  user: StaffPrincipal,
  request: RequestInfo,
  step: string,
  now: Date,
): Promise<SecondFactorOutcome> {
  const until = await recordLoginFailure(db, user.username, settings.lockout, now)
  await audit(db, request, 'auth.sign_in_failed', user.id, { step, reason: 'invalid' })
  if (until) {
    await closeSession(db, pendingToken)
    await audit(db, request, 'auth.locked', user.id, { minutes: settings.lockout.minutes })
    return { outcome: 'locked', until }
  }
  return { outcome: 'failed' }
}

/**
 * Completes the sign-in with the session's rotation: the pending session is deleted and a new active one
 * (new token) is opened in the same transaction as the audit record.
 */
async function finishSignIn(
  db: Db,
  settings: SignInSettings,
  pendingToken: string,
  user: StaffPrincipal,
  request: RequestInfo,
  details: Record<string, unknown>,
  now: Date,
  within?: (trx: Transaction<Database>) => Promise<string[] | null>,
): Promise<SecondFactorOutcome> {
  const result = await db.transaction().execute(async (trx) => {
    const recoveryCodes = within ? await within(trx) : null
    await closeSession(trx, pendingToken)
    const token = await openSession(trx, user.id, {
      stage: 'active',
      limits: settings.limits,
      client: request.client,
      now,
    })
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: user.id },
      action: 'auth.sign_in',
      subject: { type: 'staff_user', id: user.id },
      requestId: request.requestId,
      details: { address: request.client.addressPrefix, ...details },
    })
    return { token, recoveryCodes }
  })
  await clearLoginFailures(db, user.username)
  return { outcome: 'signed_in', token: result.token, staff: user, recoveryCodes: result.recoveryCodes }
}

/**
 * Step 2 for an enrolled account: a TOTP code (each time step accepted once) or one unused recovery code.
 * Failures count towards the lockout; the attempt that locks the account also ends the pending session.
 */
export async function signInWithSecondFactor(
  db: Db,
  settings: SignInSettings,
  pendingToken: string,
  code: string,
  request: RequestInfo,
  now = new Date(),
): Promise<SecondFactorOutcome> {
  const pending = await loadPendingSignIn(db, settings.mfaKey, pendingToken, now)
  if (pending?.stage !== 'second_factor') {
    return { outcome: 'no_session' }
  }
  const { user } = pending
  const locked = await lockedUntil(db, user.username, now)
  if (locked) {
    await closeSession(db, pendingToken)
    return { outcome: 'locked', until: locked }
  }
  if (looksLikeRecoveryCode(code)) {
    const used = await db
      .updateTable('staff_recovery_code')
      .set({ used_at: now })
      .where('staff_user_id', '=', user.id)
      .where('code_hash', '=', hashRecoveryCode(code))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!used) {
      return failCode(db, settings, pendingToken, user, request, 'recovery_code', now)
    }
    const left = await db
      .selectFrom('staff_recovery_code')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('staff_user_id', '=', user.id)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow()
    return finishSignIn(
      db,
      settings,
      pendingToken,
      user,
      request,
      { method: 'recovery_code', recoveryCodesLeft: Number(left.n) },
      now,
    )
  }
  const account = await db
    .selectFrom('staff_user')
    .select(['totp_secret_enc'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  const step = account.totp_secret_enc
    ? matchTotp(openSecret(settings.mfaKey, account.totp_secret_enc, user.id), code, now.getTime())
    : null
  // Claim the step atomically: of two requests with the same code, only one can move totp_last_step past it.
  const claimed =
    step === null
      ? undefined
      : await db
          .updateTable('staff_user')
          .set({ totp_last_step: step })
          .where('id', '=', user.id)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
          .returning('id')
          .executeTakeFirst()
  if (!claimed) {
    return failCode(db, settings, pendingToken, user, request, 'totp', now)
  }
  return finishSignIn(db, settings, pendingToken, user, request, { method: 'totp' }, now)
}

/**
 * Enrolment at first sign-in (or after an administrator's reset): the first valid code for the proposed
 * secret confirms it. Then the secret is stored (encrypted), ten recovery codes are made, and the pending
 * session is replaced by an active one.
 */
export async function confirmEnrolment(
  db: Db,
  settings: SignInSettings,
  pendingToken: string,
  code: string,
  request: RequestInfo,
  now = new Date(),
): Promise<SecondFactorOutcome> {
  const pending = await loadPendingSignIn(db, settings.mfaKey, pendingToken, now)
  if (pending?.stage !== 'enrolment' || !pending.proposedSecret) {
    return { outcome: 'no_session' }
  }
  const { user, proposedSecret } = pending
  const locked = await lockedUntil(db, user.username, now)
  if (locked) {
    await closeSession(db, pendingToken)
    return { outcome: 'locked', until: locked }
  }
  const step = matchTotp(proposedSecret, code, now.getTime())
  if (step === null) {
    return failCode(db, settings, pendingToken, user, request, 'enrolment', now)
  }
  return finishSignIn(
    db,
    settings,
    pendingToken,
    user,
    request,
    { method: 'totp', enrolled: true },
    now,
    async (trx) => {
      const codes = await storeMfaEnrolment(trx, user.id, proposedSecret, settings.mfaKey, step, now)
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: user.id },
        action: 'auth.mfa_enrolled',
        subject: { type: 'staff_user', id: user.id },
        requestId: request.requestId,
        details: { recoveryCodes: codes.length },
      })
      return codes
    },
  )
}

/** One account as the administration screen shows it. */
export interface StaffUserSummary {
  id: string
  username: string
  displayName: string
  role: StaffRole
  mfaEnrolled: boolean
  disabled: boolean
  oidc: boolean
}

/** All staff accounts, by username (administration). */
export async function listStaffUsers(db: Db): Promise<StaffUserSummary[]> {
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'username', 'display_name', 'role', 'mfa_enrolled_at', 'disabled_at', 'oidc_subject'])
    .orderBy('username')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    mfaEnrolled: r.mfa_enrolled_at !== null,
    disabled: r.disabled_at !== null,
    oidc: r.oidc_subject !== null,
  }))
}

async function lockAccountRow(trx: Transaction<Database>, staffUserId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(staffUserId)) {
    throw new NotFoundError('staff user')
  }
  const row = await trx
    .selectFrom('staff_user')
    .select(['id', 'role', 'disabled_at', 'mfa_enrolled_at'])
    .where('id', '=', staffUserId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) {
    throw new NotFoundError('staff user')
  }
  return row
}

/**
 * An administrator removes a staff member's second factor (lost phone): secret and recovery codes are
 * deleted, every session of the account ends, and the next sign-in goes through enrolment again. Audited.
 * @throws NotFoundError for an unknown account
 */
export async function resetMfa(
  db: Db,
  actor: StaffPrincipal,
  staffUserId: string,
  requestId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockAccountRow(trx, staffUserId)
    await trx
      .updateTable('staff_user')
      .set({ totp_secret_enc: null, totp_last_step: null, mfa_enrolled_at: null })
      .where('id', '=', staffUserId)
      .execute()
    await trx.deleteFrom('staff_recovery_code').where('staff_user_id', '=', staffUserId).execute()
    const ended = await revokeAllSessions(trx, staffUserId)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'auth.mfa_reset',
      subject: { type: 'staff_user', id: staffUserId },
      requestId,
      details: { sessionsEnded: ended },
    })
  })
}

/**
 * Changes a staff member's role. A privilege change ends all their sessions, so that nobody keeps working
 * with rights given by the old role (they sign in again). Audited with old and new role.
 * @throws NotFoundError for an unknown account
 */
export async function changeStaffRole(
  db: Db,
  actor: StaffPrincipal,
  staffUserId: string,
  role: StaffRole,
  requestId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockAccountRow(trx, staffUserId)
    if (row.role === role) {
      return
    }
    await trx.updateTable('staff_user').set({ role }).where('id', '=', staffUserId).execute()
    const ended = await revokeAllSessions(trx, staffUserId)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'auth.role_change',
      subject: { type: 'staff_user', id: staffUserId },
      requestId,
      details: { from: row.role, to: role, sessionsEnded: ended },
    })
  })
}

/**
 * Disables or re-enables an account. Disabling ends all its sessions. Audited.
 * @throws NotFoundError for an unknown account
 */
export async function setStaffDisabled(
  db: Db,
  actor: StaffPrincipal,
  staffUserId: string,
  disabled: boolean,
  requestId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockAccountRow(trx, staffUserId)
    if ((row.disabled_at !== null) === disabled) {
      return
    }
    await trx
      .updateTable('staff_user')
      .set({ disabled_at: disabled ? new Date() : null })
      .where('id', '=', staffUserId)
      .execute()
    const ended = disabled ? await revokeAllSessions(trx, staffUserId) : 0
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: disabled ? 'auth.account_disabled' : 'auth.account_enabled',
      subject: { type: 'staff_user', id: staffUserId },
      requestId,
      details: { sessionsEnded: ended },
    })
  })
}
