// SPDX-License-Identifier: EUPL-1.2
import { Secret, TOTP } from 'otpauth'
import { hashCode, normaliseCode, randomCode } from '../../shared/ids.js'

/** RFC 6238 as every authenticator app understands it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30
const DIGITS = 6
/** One step before or after: clocks of phones drift, and typing takes time. */
const WINDOW = 1
export const TOTP_ISSUER = 'Lotse'

/** A new random TOTP secret (160 bits, as RFC 4226 recommends), base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  })
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString()
}

/** The time step of an instant. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / PERIOD)
}

/** The code of a secret at an instant (tests, demo). */
export function totpCode(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now })
}

/**
 * Checks a six-digit code against the secret at `now`, one step either side.
 * @returns the time step the code belongs to (the caller refuses steps already used), or null
 */
export function matchTotp(secret: string, code: string, now: number): number | null {
  const token = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(token)) {
    return null
  }
  const delta = totp(secret).validate({ token, timestamp: now, window: WINDOW })
  return delta === null ? null : totpStep(now) + delta
}

/** The secret in groups of four for typing it in by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

/** Recovery codes given out at enrolment. */
export const RECOVERY_CODE_COUNT = 10

/** Ten new recovery codes of 80 random bits each, e.g. `K7QM-2XRT-9HBD-W4NC`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomCode(4))
}

/** Whether typed text could be a recovery code (16 base32 characters once dashes and spaces are gone). */
export function looksLikeRecoveryCode(input: string): boolean {
  return /^[0-9A-Z]{16}$/.test(normaliseCode(input))
}

/** What is stored for a recovery code: SHA-256 of its canonical form (80 random bits need no slow hash). */
export function hashRecoveryCode(code: string): Buffer {
  return hashCode(code)
}
