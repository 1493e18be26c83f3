// SPDX-License-Identifier: EUPL-1.2
/**
 * AES-256-GCM sealing shared by everything Lotse encrypts at rest (TOTP secrets, document data keys, document
 * contents). One format everywhere: iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Bytes of the random nonce in front of every box. */
export const AEAD_IV_BYTES = 12
/** Bytes of the GCM authentication tag after the nonce. */
export const AEAD_TAG_BYTES = 16
/** How much longer a box is than its plaintext. */
export const AEAD_OVERHEAD = AEAD_IV_BYTES + AEAD_TAG_BYTES

/**
 * Encrypts and authenticates `plaintext` under a 32-byte key. `aad` (associated data) is authenticated but not
 * stored: the same bytes must be given to {@link openBox}, which binds a box to its place (an account id, a file
 * name).
 * @returns iv ‖ tag ‖ ciphertext
 * @example const box = sealBox(key, Buffer.from('geheim'), Buffer.from('staff:42'))
 */
export function sealBox(key: Buffer, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const iv = randomBytes(AEAD_IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

/**
 * Decrypts what {@link sealBox} produced.
 * @throws Error when the key, the associated data or a single byte of the box differs (GCM authentication),
 *   or when the box is shorter than its nonce and tag
 */
export function openBox(key: Buffer, box: Uint8Array, aad: Uint8Array): Buffer {
  if (box.byteLength < AEAD_OVERHEAD) {
    throw new Error('sealed box too short')
  }
  const bytes = Buffer.from(box.buffer, box.byteOffset, box.byteLength)
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, AEAD_IV_BYTES))
  decipher.setAAD(aad)
  decipher.setAuthTag(bytes.subarray(AEAD_IV_BYTES, AEAD_OVERHEAD))
  return Buffer.concat([decipher.update(bytes.subarray(AEAD_OVERHEAD)), decipher.final()])
}
