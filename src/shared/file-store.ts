// SPDX-License-Identifier: EUPL-1.2
import { createHash, createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { openBox, sealBox } from './crypto/aead.js'
import type { DocumentKeyring } from './document-keys.js'
import { masterKeyById } from './document-keys.js'
import { envelopeSize, openDocument, sealDocument } from './file-envelope.js'
import { DocumentIntegrityError } from './file-store.errors.js'

/** Where document contents live: local disk by default, object storage later behind the same interface. */
export interface FileStore {
  /** Stores bytes durably (flushed to disk) and returns their key. Identical contents share one key. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: Buffer }>
  /**
   * The bytes stored under `key`.
   * @throws DocumentIntegrityError when the stored file was altered or its master key is not configured
   */
  get(key: string): Promise<Uint8Array>
  /**
   * Deletes the file of `key` unless it is still needed (content-addressed: identical contents share one file).
   * The file is first renamed aside, so that a concurrent `put` of the same content writes it anew; it is put
   * back when it was touched by a `put` within `guard.graceMs` or `guard.stillReferenced()` says a row still
   * names the key. Idempotent: a key without a file answers 'absent'.
   */
  delete(key: string, guard: DeleteGuard): Promise<'deleted' | 'kept' | 'absent'>
}

/** What `FileStore.delete` asks before a file really goes. */
export interface DeleteGuard {
  /** A file that a `put` touched this recently is kept (an upload of the same content may not have committed). */
  graceMs: number
  /** Whether any stored row still names the key (asked after the file was set aside). */
  stillReferenced: () => Promise<boolean>
}

/** Suffix of a file set aside by `delete` while it checks whether the file is still needed. */
const DELETING_SUFFIX = '.deleting'

/** fsyncs a directory, so that a rename or unlink in it survives a crash. */
async function syncDirectory(folder: string): Promise<void> {
  const dirHandle = await fs.open(folder, 'r')
  try {
    await dirHandle.sync()
  } finally {
    await dirHandle.close()
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/** Name of the file (in the store's directory) that holds the sealed address key. */
export const ADDRESS_KEY_FILE = 'address.key'
/** Suffix of encrypted files; plaintext files from before encryption have none. */
export const ENCRYPTED_SUFFIX = '.enc'

const ADDRESS_MAGIC = Buffer.from('LOTSEA01', 'ascii')
const addressAad = (keyId: string) => Buffer.from(`lotse-address-key\0${keyId}`, 'utf8')
const KEY_PATTERN = /^[0-9a-f]{64}$/

/** Seals the address key under the current master key: magic ‖ id length ‖ id ‖ box. */
export function sealAddressKey(keyring: DocumentKeyring, addressKey: Buffer): Buffer {
  const { id, key } = keyring.current
  const idBytes = Buffer.from(id, 'ascii')
  return Buffer.concat([
    ADDRESS_MAGIC,
    Buffer.from([idBytes.length]),
    idBytes,
    sealBox(key, addressKey, addressAad(id)),
  ])
}

/**
 * Opens a sealed address key.
 * @returns the key and the id of the master key it is sealed under
 * @throws DocumentIntegrityError when it is malformed, altered or sealed under an unknown key
 */
export function openAddressKey(keyring: DocumentKeyring, sealed: Buffer): { key: Buffer; keyId: string } {
  const idLength = sealed[ADDRESS_MAGIC.length] ?? 0
  if (!sealed.subarray(0, ADDRESS_MAGIC.length).equals(ADDRESS_MAGIC) || idLength === 0) {
    throw new DocumentIntegrityError('malformed', ADDRESS_KEY_FILE)
  }
  const keyId = sealed
    .subarray(ADDRESS_MAGIC.length + 1, ADDRESS_MAGIC.length + 1 + idLength)
    .toString('ascii')
  const master = masterKeyById(keyring, keyId)
  if (!master) {
    throw new DocumentIntegrityError('unknown_key', `${ADDRESS_KEY_FILE}: key id ${keyId} is not configured`)
  }
  try {
    return {
      key: openBox(master, sealed.subarray(ADDRESS_MAGIC.length + 1 + idLength), addressAad(keyId)),
      keyId,
    }
  } catch {
    throw new DocumentIntegrityError('authentication_failed', ADDRESS_KEY_FILE)
  }
}

/**
 * Writes `bytes` to `target` so that they survive a crash: temporary file (mode 0600), fsync, rename, fsync of
 * the directory. A reader sees the old or the new file, never a half-written one.
 */
export async function writeFileDurably(target: string, bytes: Uint8Array): Promise<void> {
  const folder = path.dirname(target)
  await fs.mkdir(folder, { recursive: true })
  const temp = `${target}.${process.pid}.${Date.now()}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await fs.open(temp, 'w', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await fs.rename(temp, target)
  const dirHandle = await fs.open(folder, 'r')
  try {
    await dirHandle.sync()
  } finally {
    await dirHandle.close()
  }
}

/** Whether any encrypted file lies under `dir` (checked only when the address key is missing). */
async function holdsEncryptedFiles(dir: string): Promise<boolean> {
  const shards = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const shard of shards) {
    if (shard.isDirectory() && /^[0-9a-f]{2}$/.test(shard.name)) {
      const names = await fs.readdir(path.join(dir, shard.name))
      if (names.some((n) => n.endsWith(ENCRYPTED_SUFFIX))) {
        return true
      }
    }
  }
  return false
}

/**
 * The address key of the store in `dir`, created (random, sealed under the current master key) on first use.
 * It turns a content key (SHA-256 of the plaintext) into the file's name, so that names on disk reveal nothing
 * about contents. It stays the same across master key rotations (only its seal changes).
 * @throws DocumentIntegrityError when it cannot be opened, or is missing while encrypted files exist
 */
export async function loadAddressKey(dir: string, keyring: DocumentKeyring): Promise<Buffer> {
  const file = path.join(dir, ADDRESS_KEY_FILE)
  try {
    return openAddressKey(keyring, await fs.readFile(file)).key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error
    }
  }
  if (await holdsEncryptedFiles(dir)) {
    // A new address key would make every existing file unreachable: the old one must be restored from backup.
    throw new DocumentIntegrityError('address_key_missing', `${file} is missing but encrypted files exist`)
  }
  const key = randomBytes(32)
  await fs.mkdir(dir, { recursive: true })
  try {
    // 'wx': a second process creating it at the same moment must not replace the first one's key.
    await fs.writeFile(file, sealAddressKey(keyring, key), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return openAddressKey(keyring, await fs.readFile(file)).key
    }
    throw error
  }
  return key
}

/** The on-disk name of the file for content key `key`: HMAC-SHA256 under the address key. */
export function encryptedNameOf(addressKey: Buffer, key: string): string {
  return createHmac('sha256', addressKey).update(key, 'ascii').digest('hex')
}

/** Where a file of this name lives: `<dir>/<first two hex digits>/<name>`. */
export function shardPath(dir: string, name: string): string {
  return path.join(dir, name.slice(0, 2), name)
}

/**
 * A content-addressed, encrypted store under `dir` (ADR 0019). The key returned by `put` is the SHA-256 of the
 * plaintext, as before encryption, so identical contents are stored once; on disk each file is named by an
 * HMAC of that key and holds an AES-256-GCM envelope with its own data key, wrapped by the current master key.
 * `get` verifies both the authentication tag and that the plaintext still hashes to its key. Plaintext files
 * from before encryption (named by the key itself) are still read, after checking their hash, until
 * `npm run keys:rotate` has encrypted them.
 * @example const store = createLocalFileStore(path.join(config.dataDir, 'files'), await resolveDocumentKeyring(config))
 */
export function createLocalFileStore(dir: string, keyring: DocumentKeyring): FileStore {
  let addressKey: Promise<Buffer> | undefined
  const address = () => {
    addressKey ??= loadAddressKey(dir, keyring).catch((error: unknown) => {
      addressKey = undefined
      throw error
    })
    return addressKey
  }
  const checkKey = (key: string) => {
    if (!KEY_PATTERN.test(key)) {
      throw new Error('invalid file key')
    }
  }
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest()
      const key = sha256.toString('hex')
      const name = encryptedNameOf(await address(), key)
      const target = `${shardPath(dir, name)}${ENCRYPTED_SUFFIX}`
      // Identical content is already there, under some master key id (up to 32 bytes long).
      const minimum = envelopeSize(bytes.byteLength, 1)
      const exists = await fs.stat(target).then(
        (s) => s.size >= minimum && s.size <= minimum + 31,
        () => false,
      )
      // Touching the file tells a concurrent delete that it is wanted again; if it was just set aside
      // (ENOENT), it is written anew.
      const touched =
        exists &&
        (await fs.utimes(target, new Date(), new Date()).then(
          () => true,
          () => false,
        ))
      if (!touched) {
        await writeFileDurably(target, sealDocument(keyring, name, bytes))
      }
      return { key, sha256 }
    },
    async get(key) {
      checkKey(key)
      const name = encryptedNameOf(await address(), key)
      let plaintext: Buffer
      try {
        plaintext = openDocument(
          keyring,
          name,
          await fs.readFile(`${shardPath(dir, name)}${ENCRYPTED_SUFFIX}`),
        )
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw error
        }
        // A plaintext file from before encryption; the hash check below still guards it.
        plaintext = await fs.readFile(shardPath(dir, key))
      }
      if (!createHash('sha256').update(plaintext).digest().equals(Buffer.from(key, 'hex'))) {
        throw new DocumentIntegrityError('content_mismatch', key)
      }
      return plaintext
    },
    async delete(key, guard) {
      checkKey(key)
      const name = encryptedNameOf(await address(), key)
      // Encrypted file, or a plaintext one from before encryption.
      for (const target of [`${shardPath(dir, name)}${ENCRYPTED_SUFFIX}`, shardPath(dir, key)]) {
        const aside = `${target}${DELETING_SUFFIX}`
        try {
          await fs.rename(target, aside)
        } catch (error) {
          // A file set aside by an attempt that crashed is taken up again.
          if (!isMissing(error)) {
            throw error
          }
          if (
            !(await fs.stat(aside).then(
              () => true,
              () => false,
            ))
          ) {
            continue
          }
        }
        const touchedAt = (await fs.stat(aside)).mtimeMs
        if (Date.now() - touchedAt < guard.graceMs || (await guard.stillReferenced())) {
          // Still wanted: put it back, unless a put has meanwhile written the same content anew.
          await fs.link(aside, target).catch((error: unknown) => {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
              throw error
            }
          })
          await fs.unlink(aside)
          await syncDirectory(path.dirname(target))
          return 'kept'
        }
        await fs.unlink(aside)
        await syncDirectory(path.dirname(target))
        return 'deleted'
      }
      return 'absent'
    },
  }
}
