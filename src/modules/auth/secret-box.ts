// SPDX-License-Identifier: EUPL-1.2
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../../config/config.js'

const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Encrypts a short secret (a TOTP seed) with AES-256-GCM. `context` (the staff member's id) is bound in as
 * associated data, so a ciphertext copied onto another account's row does not decrypt.
 * @returns iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

/**
 * Decrypts what {@link sealSecret} produced.
 * @throws Error when the key, the context or a single byte differs (GCM authentication)
 */
export function openSecret(key: Buffer, box: Buffer, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  )
}

/** File in the data directory that holds the generated key when MFA_SECRET_KEY is not set. */
export const MFA_KEY_FILE = 'mfa-secret.key'

/**
 * The key that encrypts TOTP secrets: MFA_SECRET_KEY when set; otherwise (embedded database or not in
 * production) a key generated once into `<dataDir>/mfa-secret.key` with mode 0600 and read on later starts.
 * @throws Error in production against an external database without MFA_SECRET_KEY (fail fast), or when the
 *   key file does not hold 32 bytes
 */
export async function resolveMfaSecretKey(config: Config): Promise<Buffer> {
  if (config.mfaSecretKey) {
    return config.mfaSecretKey
  }
  if (config.env === 'production' && config.databaseUrl) {
    throw new Error('Invalid configuration: MFA_SECRET_KEY is required in production with DATABASE_URL')
  }
  const file = path.join(config.dataDir, MFA_KEY_FILE)
  try {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64')
    if (key.length !== 32) {
      throw new Error(`${file} must hold 32 bytes, base64-encoded`)
    }
    return key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error
    }
  }
  const key = randomBytes(32)
  await fs.mkdir(config.dataDir, { recursive: true })
  // 'wx': never overwrite a key another process wrote meanwhile (that would orphan its secrets).
  await fs.writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  return key
}
