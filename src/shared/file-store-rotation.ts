// SPDX-License-Identifier: EUPL-1.2
/**
 * Key rotation and migration of the document store (ADR 0019): brings every file under the current master key.
 * Encrypted files get a new header (their data key re-wrapped; the content stays as it is); plaintext files from
 * before encryption are encrypted and the plaintext removed. Safe to run while the app runs, as long as the app
 * is configured with both the old and the new key, and safe to run again after an interruption.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { DocumentKeyring } from './document-keys.js'
import { rewrapDocument, sealDocument } from './file-envelope.js'
import {
  ADDRESS_KEY_FILE,
  ENCRYPTED_SUFFIX,
  encryptedNameOf,
  loadAddressKey,
  openAddressKey,
  sealAddressKey,
  shardPath,
  writeFileDurably,
} from './file-store.js'

/** What a rotation run did, file by file. */
export interface RotationReport {
  /** Encrypted files whose data key was re-wrapped under the current master key. */
  rewrapped: number
  /** Encrypted files already under the current master key (their header was checked). */
  current: number
  /** Plaintext files from before encryption that were encrypted (plaintext removed). */
  encrypted: number
  /** Files that could not be handled, with the reason; they are left untouched. */
  failed: Array<{ file: string; reason: string }>
}

const SHARD = /^[0-9a-f]{2}$/
const PLAIN = /^[0-9a-f]{64}$/
const ENCRYPTED = /^[0-9a-f]{64}\.enc$/

/**
 * Re-wraps every file of the store in `dir` under `keyring.current`, encrypts the plaintext files left from
 * before encryption, and re-seals the address key.
 * @returns counts and the files that failed (a tampered or foreign file, a key no longer configured)
 * @throws Error when the address key cannot be opened (then nothing can be done)
 */
export async function rotateFileKeys(dir: string, keyring: DocumentKeyring): Promise<RotationReport> {
  const report: RotationReport = { rewrapped: 0, current: 0, encrypted: 0, failed: [] }
  const addressKey = await loadAddressKey(dir, keyring)
  const sealedAddress = path.join(dir, ADDRESS_KEY_FILE)
  if (openAddressKey(keyring, await fs.readFile(sealedAddress)).keyId !== keyring.current.id) {
    await writeFileDurably(sealedAddress, sealAddressKey(keyring, addressKey))
  }
  const shards = (await fs.readdir(dir, { withFileTypes: true })).filter(
    (e) => e.isDirectory() && SHARD.test(e.name),
  )
  for (const shard of shards) {
    for (const entry of await fs.readdir(path.join(dir, shard.name))) {
      const file = path.join(dir, shard.name, entry)
      try {
        if (ENCRYPTED.test(entry)) {
          const name = entry.slice(0, -ENCRYPTED_SUFFIX.length)
          const rewrapped = rewrapDocument(keyring, name, await fs.readFile(file))
          if (rewrapped) {
            await writeFileDurably(file, rewrapped)
            report.rewrapped += 1
          } else {
            report.current += 1
          }
        } else if (PLAIN.test(entry)) {
          const plaintext = await fs.readFile(file)
          if (createHash('sha256').update(plaintext).digest('hex') !== entry) {
            report.failed.push({ file, reason: 'plaintext does not match its name (altered)' })
            continue
          }
          const name = encryptedNameOf(addressKey, entry)
          await writeFileDurably(
            `${shardPath(dir, name)}${ENCRYPTED_SUFFIX}`,
            sealDocument(keyring, name, plaintext),
          )
          // Only after the encrypted copy is durable.
          await fs.unlink(file)
          report.encrypted += 1
        }
        // Anything else (temporary files of an interrupted write) is left alone.
      } catch (error) {
        report.failed.push({ file, reason: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  return report
}
