// SPDX-License-Identifier: EUPL-1.2
import { hash, verify } from '@node-rs/argon2'

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2

/** OWASP Password Storage Cheat Sheet (2025): Argon2id, m=19 MiB, t=2, p=1 as the minimum. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Hashes a password with Argon2id; the result carries its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

// Verifying against this when the user does not exist keeps the response time the same, so timing does
// not tell which usernames exist.
const DUMMY_HASH = hash('lotse-dummy-password', OPTIONS)

/** Checks a password against a stored hash (or a dummy when there is none). */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await DUMMY_HASH)
  try {
    const ok = await verify(target, password)
    return storedHash !== null && ok
  } catch {
    return false
  }
}
