// SPDX-License-Identifier: EUPL-1.2
/**
 * The on-disk format of an encrypted document (ADR 0019), pure functions only:
 *
 *   magic "LOTSEF01" (8) ‖ key id length (1) ‖ key id (ASCII) ‖ wrapped data key (12 + 16 + 32) ‖ content box
 *
 * The data key is random per file and sealed under a master key, with the key id and the file's name as
 * associated data; the content is sealed under the data key, with the file's name as associated data. A file
 * moved to another name, a header swapped between files, a flipped byte or a wrong key all fail to open.
 * Re-wrapping (key rotation) replaces only the header: the content box stays byte for byte the same.
 */
import { randomBytes } from 'node:crypto'
import { AEAD_OVERHEAD, openBox, sealBox } from './crypto/aead.js'
import { type DocumentKeyring, masterKeyById } from './document-keys.js'
import { DocumentIntegrityError } from './file-store.errors.js'

const MAGIC = Buffer.from('LOTSEF01', 'ascii')
const DATA_KEY_BYTES = 32
const WRAPPED_BYTES = AEAD_OVERHEAD + DATA_KEY_BYTES

/** The parts of an envelope. */
export interface ParsedEnvelope {
  keyId: string
  wrappedKey: Buffer
  /** iv ‖ tag ‖ ciphertext of the content; unchanged by re-wrapping. */
  content: Buffer
}

const keyAad = (keyId: string, name: string) => Buffer.from(`lotse-file-key\0${keyId}\0${name}`, 'utf8')
const contentAad = (name: string) => Buffer.from(`lotse-file-content\0${name}`, 'utf8')

/** Whether the bytes start like an envelope (a plaintext file from before encryption does not). */
export function isEnvelope(bytes: Uint8Array): boolean {
  return bytes.byteLength >= MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC)
}

/** The envelope's size for a plaintext of `plaintextBytes` under a key id of `keyIdBytes`. */
export function envelopeSize(plaintextBytes: number, keyIdBytes: number): number {
  return MAGIC.length + 1 + keyIdBytes + WRAPPED_BYTES + AEAD_OVERHEAD + plaintextBytes
}

function header(keyId: string, wrappedKey: Buffer): Buffer {
  const id = Buffer.from(keyId, 'ascii')
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, wrappedKey])
}

/**
 * Splits an envelope into its parts.
 * @throws DocumentIntegrityError('malformed') when it is not an envelope
 */
export function parseEnvelope(bytes: Uint8Array, name: string): ParsedEnvelope {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (!isEnvelope(buf) || buf.length < MAGIC.length + 1) {
    throw new DocumentIntegrityError('malformed', name)
  }
  const idLength = buf[MAGIC.length] ?? 0
  const idStart = MAGIC.length + 1
  const wrappedStart = idStart + idLength
  const contentStart = wrappedStart + WRAPPED_BYTES
  if (idLength === 0 || buf.length < contentStart + AEAD_OVERHEAD) {
    throw new DocumentIntegrityError('malformed', name)
  }
  return {
    keyId: buf.subarray(idStart, wrappedStart).toString('ascii'),
    wrappedKey: buf.subarray(wrappedStart, contentStart),
    content: buf.subarray(contentStart),
  }
}

function unwrapDataKey(keyring: DocumentKeyring, parsed: ParsedEnvelope, name: string): Buffer {
  const master = masterKeyById(keyring, parsed.keyId)
  if (!master) {
    throw new DocumentIntegrityError('unknown_key', `${name}: key id ${parsed.keyId} is not configured`)
  }
  try {
    return openBox(master, parsed.wrappedKey, keyAad(parsed.keyId, name))
  } catch {
    throw new DocumentIntegrityError('authentication_failed', `${name}: data key`)
  }
}

/**
 * Encrypts a document under a fresh data key, wrapped by the keyring's current master key.
 * @param name the file's name on disk (bound in as associated data)
 */
export function sealDocument(keyring: DocumentKeyring, name: string, plaintext: Uint8Array): Buffer {
  const dataKey = randomBytes(DATA_KEY_BYTES)
  const { id, key } = keyring.current
  return Buffer.concat([
    header(id, sealBox(key, dataKey, keyAad(id, name))),
    sealBox(dataKey, plaintext, contentAad(name)),
  ])
}

/**
 * Decrypts a document.
 * @throws DocumentIntegrityError when the envelope is malformed, its key is not configured, or any byte (or the
 *   name) differs from what was sealed
 */
export function openDocument(keyring: DocumentKeyring, name: string, envelope: Uint8Array): Buffer {
  const parsed = parseEnvelope(envelope, name)
  const dataKey = unwrapDataKey(keyring, parsed, name)
  try {
    return openBox(dataKey, parsed.content, contentAad(name))
  } catch {
    throw new DocumentIntegrityError('authentication_failed', `${name}: content`)
  }
}

/**
 * Re-wraps the data key under the keyring's current master key; the content box is kept as it is.
 * @returns the new envelope, or null when it already uses the current key
 * @throws DocumentIntegrityError as {@link openDocument} for the header
 */
export function rewrapDocument(keyring: DocumentKeyring, name: string, envelope: Uint8Array): Buffer | null {
  const parsed = parseEnvelope(envelope, name)
  const { id, key } = keyring.current
  if (parsed.keyId === id) {
    // Still authenticate it: a rotation run doubles as a check that every header opens.
    unwrapDataKey(keyring, parsed, name)
    return null
  }
  const dataKey = unwrapDataKey(keyring, parsed, name)
  return Buffer.concat([header(id, sealBox(key, dataKey, keyAad(id, name))), parsed.content])
}
