// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { recordAuditEvent } from '../audit/index.js'
import { type LockoutPolicy, lockedUntil, recordLoginFailure } from './lockout.js'
import { openSecret } from './secret-box.js'
import { hashRecoveryCode, matchTotp, newRecoveryCodes } from './totp.js'

export type RenewalOutcome =
  /** The new codes, in clear: shown once, stored only as hashes; every earlier code is void. */
  | { outcome: 'renewed'; codes: string[] }
  /** The authenticator code was wrong, already used, or missing. */
  | { outcome: 'invalid' }
  /** Too many wrong codes: the account is locked like after failed sign-ins. */
  | { outcome: 'locked'; until: Date }
  /** The account has no local second factor (single sign-on): its provider handles recovery. */
  | { outcome: 'no_local_factor' }

/** How many unused recovery codes the account has (null without a local second factor). */
export async function recoveryCodesLeft(db: Db, staffUserId: string): Promise<number | null> {
  const row = await db
    .selectFrom('staff_user')
    .select((eb) => [
      'totp_secret_enc',
      eb
        .selectFrom('staff_recovery_code')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('staff_recovery_code.staff_user_id', '=', 'staff_user.id')
        .where('used_at', 'is', null)
        .as('left'),
    ])
    .where('id', '=', staffUserId)
    .executeTakeFirst()
  return row?.totp_secret_enc ? Number(row.left ?? 0) : null
}

/**
 * Replaces the signed-in staff member's recovery codes after she proves her second factor again with a fresh
 * authenticator code (a recovery code does not count: whoever holds the old codes must not get new ones). The
 * code's time step is claimed like at sign-in (no replay); wrong codes count towards the sign-in lockout. The
 * old codes are deleted and the new ones stored in one transaction with the audit entry.
 */
export async function renewRecoveryCodes(
  db: Db,
  mfaKey: Buffer,
  lockout: LockoutPolicy,
  staff: StaffPrincipal,
  code: string,
  requestId: string | null,
  now = new Date(),
): Promise<RenewalOutcome> {
  const account = await db
    .selectFrom('staff_user')
    .select(['username', 'totp_secret_enc'])
    .where('id', '=', staff.id)
    .executeTakeFirstOrThrow()
  if (!account.totp_secret_enc) {
    return { outcome: 'no_local_factor' }
  }
  const locked = await lockedUntil(db, account.username, now)
  if (locked) {
    return { outcome: 'locked', until: locked }
  }
  const secret = openSecret(mfaKey, account.totp_secret_enc, staff.id)
  const step = /^\d{6}$/.test(code.trim()) ? matchTotp(secret, code.trim(), now.getTime()) : null
  return db.transaction().execute(async (trx) => {
    const claimed =
      step === null
        ? undefined
        : await trx
            .updateTable('staff_user')
            .set({ totp_last_step: step })
            .where('id', '=', staff.id)
            .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
            .returning('id')
            .executeTakeFirst()
    if (!claimed) {
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'auth.recovery_codes_renew_failed',
        subject: { type: 'staff_user', id: staff.id },
        requestId,
        outcome: 'denied',
        details: { reason: 'invalid_code' },
      })
      const until = await recordLoginFailure(trx, account.username, lockout, now)
      return until ? { outcome: 'locked' as const, until } : { outcome: 'invalid' as const }
    }
    const old = await trx.deleteFrom('staff_recovery_code').where('staff_user_id', '=', staff.id).execute()
    const codes = newRecoveryCodes()
    await trx
      .insertInto('staff_recovery_code')
      .values(codes.map((c) => ({ staff_user_id: staff.id, code_hash: hashRecoveryCode(c), used_at: null })))
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'auth.recovery_codes_renewed',
      subject: { type: 'staff_user', id: staff.id },
      requestId,
      details: { replaced: old.reduce((n, r) => n + Number(r.numDeletedRows), 0), issued: codes.length },
    })
    return { outcome: 'renewed' as const, codes }
  })
}
