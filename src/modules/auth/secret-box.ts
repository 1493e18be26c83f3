// SPDX-License-Identifier: EUPL-1.2
import type { Config } from '../../config/config.js'
import { openBox, sealBox } from '../../shared/crypto/aead.js'
import { readOrCreateKeyFile } from '../../shared/crypto/key-file.js'

/**
 * Encrypts a short secret (a TOTP seed) with AES-256-GCM. `context` (the staff member's id) is bound in as
 * associated data, so a ciphertext copied onto another account's row does not decrypt.
 * @returns iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): Buffer {
  return sealBox(key, Buffer.from(plaintext, 'utf8'), Buffer.from(context, 'utf8'))
}

/**
 * Decrypts what {@link sealSecret} produced.
 * @throws Error when the key, the context or a single byte differs (GCM authentication)
 */
export function openSecret(key: Buffer, box: Buffer, context: string): string {
  return openBox(key, box, Buffer.from(context, 'utf8')).toString('utf8')
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
  return readOrCreateKeyFile(config.dataDir, MFA_KEY_FILE)
}
