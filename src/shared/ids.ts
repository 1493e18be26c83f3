// SPDX-License-Identifier: EUPL-1.2
import { createHash, randomInt } from 'node:crypto'

/** Crockford's base32 without I, L, O, U: nothing to confuse when a code is read aloud or typed. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A random code of `groups` groups of four characters, e.g. `K7QM-2XRT-9HBD-W4NC-PZ3F` (5 bits each).
 * @example randomCode(5) // 100 bits: unguessable even without rate limits
 */
export function randomCode(groups: number): string {
  const parts: string[] = []
  for (let g = 0; g < groups; g++) {
    let part = ''
    for (let i = 0; i < 4; i++) {
      part += ALPHABET[randomInt(ALPHABET.length)]
    }
    parts.push(part)
  }
  return parts.join('-')
}

/**
 * Brings a code typed by a person into canonical form: upper case, no spaces or dashes, look-alike
 * letters mapped (O→0, I/L→1) as Crockford's base32 defines.
 */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** SHA-256 of a normalised code: what the database stores instead of the code itself. */
export function hashCode(code: string): Buffer {
  return createHash('sha256').update(normaliseCode(code)).digest()
}

/** SHA-256 of arbitrary text (tokens, rate-limit keys). */
export function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a UUID in its canonical text form: ids from URLs and forms are checked before they reach SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}
