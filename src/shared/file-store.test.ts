// SPDX-License-Identifier: EUPL-1.2
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config/config.js'
import { DOCUMENT_KEY_FILE, type DocumentKeyring, resolveDocumentKeyring } from './document-keys.js'
import { parseEnvelope } from './file-envelope.js'
import { DocumentIntegrityError } from './file-store.errors.js'
import { createLocalFileStore } from './file-store.js'
import { rotateFileKeys } from './file-store-rotation.js'

const k1 = { id: 'k1', key: randomBytes(32) }
const k2 = { id: 'k2', key: randomBytes(32) }
const ring = (current = k1, ...previous: (typeof k1)[]): DocumentKeyring => ({ current, previous })
const text = (s: string) => new TextEncoder().encode(s)
const SECRET = 'Kontoauszug von Erika Mustermann, IBAN DE02120300000000202051'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lotse-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Every stored document file (encrypted or plaintext) under the store, relative paths. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && e.name !== 'address.key')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
}

async function onlyFile(): Promise<string> {
  const files = await storedFiles()
  expect(files).toHaveLength(1)
  return path.join(dir, files[0] ?? '')
}

async function flipByte(file: string, offsetFromEnd: number) {
  const bytes = await readFile(file)
  const at = bytes.length - offsetFromEnd
  bytes[at] = (bytes[at] ?? 0) ^ 0x01
  await writeFile(file, bytes)
}

async function rejectionOf(promise: Promise<unknown>): Promise<DocumentIntegrityError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DocumentIntegrityError)
  return error as DocumentIntegrityError
}

describe('encrypted file store', () => {
  it('should return the stored bytes and keep the plaintext SHA-256 as the key', async () => {
    const store = createLocalFileStore(dir, ring())
    const bytes = text(SECRET)
    const { key, sha256 } = await store.put(bytes)
    expect(key).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(sha256.toString('hex')).toBe(key)
    expect(Buffer.from(await store.get(key)).toString('utf8')).toBe(SECRET)
    // A second store instance (a restart) reads it too.
    expect(Buffer.from(await createLocalFileStore(dir, ring()).get(key)).toString('utf8')).toBe(SECRET)
  })

  it('should store identical contents once and different contents separately', async () => {
    const store = createLocalFileStore(dir, ring())
    const first = await store.put(text(SECRET))
    const again = await store.put(text(SECRET))
    await store.put(text('etwas anderes'))
    expect(again.key).toBe(first.key)
    expect(await storedFiles()).toHaveLength(2)
  })

  it('should keep neither the plaintext nor its hash on disk', async () => {
    const store = createLocalFileStore(dir, ring())
    const { key } = await store.put(text(SECRET))
    const file = await onlyFile()
    const bytes = await readFile(file)
    expect(bytes.includes(Buffer.from('Mustermann'))).toBe(false)
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false)
    expect(file).not.toContain(key)
    expect(file).not.toContain(key.slice(0, 16))
    expect(parseEnvelope(bytes, 'x').keyId).toBe('k1')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('should detect a flipped byte in the content and return nothing', async () => {
    const store = createLocalFileStore(dir, ring())
    const { key } = await store.put(text(SECRET))
    await flipByte(await onlyFile(), 3)
    expect((await rejectionOf(store.get(key))).problem).toBe('authentication_failed')
  })

  it('should detect a flipped byte in the wrapped data key', async () => {
    const store = createLocalFileStore(dir, ring())
    const { key } = await store.put(text(SECRET))
    const file = await onlyFile()
    await flipByte(file, text(SECRET).length + 28 + 5)
    expect((await rejectionOf(store.get(key))).problem).toBe('authentication_failed')
  })

  it('should refuse a file moved under another document’s name', async () => {
    const store = createLocalFileStore(dir, ring())
    const a = await store.put(text('Dokument A'))
    const b = await store.put(text('Dokument B'))
    const [fileA, fileB] = (await storedFiles()).map((f) => path.join(dir, f))
    await writeFile(fileB ?? '', await readFile(fileA ?? ''))
    const failures = await Promise.allSettled([store.get(a.key), store.get(b.key)])
    expect(failures.filter((f) => f.status === 'rejected')).toHaveLength(1)
  })

  it('should refuse to open documents with a wrong master key', async () => {
    const { key } = await createLocalFileStore(dir, ring()).put(text(SECRET))
    const wrong = createLocalFileStore(dir, ring({ id: 'k1', key: randomBytes(32) }))
    expect((await rejectionOf(wrong.get(key))).problem).toBe('authentication_failed')
    const unknown = createLocalFileStore(dir, ring(k2))
    expect((await rejectionOf(unknown.get(key))).problem).toBe('unknown_key')
  })
})

describe('rotateFileKeys', () => {
  it('should re-wrap every data key under the new master key without re-encrypting the contents', async () => {
    const old = createLocalFileStore(dir, ring(k1))
    const a = await old.put(text(SECRET))
    const b = await old.put(text('Mietvertrag'))
    const before = new Map<string, Buffer>()
    for (const f of await storedFiles()) {
      before.set(f, parseEnvelope(await readFile(path.join(dir, f)), f).content)
    }

    expect(await rotateFileKeys(dir, ring(k2, k1))).toEqual({
      rewrapped: 2,
      current: 0,
      encrypted: 0,
      failed: [],
    })

    for (const f of await storedFiles()) {
      const parsed = parseEnvelope(await readFile(path.join(dir, f)), f)
      expect(parsed.keyId).toBe('k2')
      expect(parsed.content.equals(before.get(f) ?? Buffer.alloc(0))).toBe(true)
    }
    // Only the new key is needed now; the old key alone no longer opens anything.
    const rotated = createLocalFileStore(dir, ring(k2))
    expect(Buffer.from(await rotated.get(a.key)).toString('utf8')).toBe(SECRET)
    expect(Buffer.from(await rotated.get(b.key)).toString('utf8')).toBe('Mietvertrag')
    await rejectionOf(createLocalFileStore(dir, ring(k1)).get(a.key))
    // A second run finds nothing to do.
    expect(await rotateFileKeys(dir, ring(k2))).toEqual({
      rewrapped: 0,
      current: 2,
      encrypted: 0,
      failed: [],
    })
  })

  it('should keep old files readable during a rotation: new writes use the new key, old ones the old key', async () => {
    const { key: oldKey } = await createLocalFileStore(dir, ring(k1)).put(text('alt'))
    const during = createLocalFileStore(dir, ring(k2, k1))
    const { key: newKey } = await during.put(text('neu'))
    expect(Buffer.from(await during.get(oldKey)).toString('utf8')).toBe('alt')
    expect(Buffer.from(await during.get(newKey)).toString('utf8')).toBe('neu')
    const ids = await Promise.all(
      (await storedFiles()).map(async (f) => parseEnvelope(await readFile(path.join(dir, f)), f).keyId),
    )
    expect(ids.sort()).toEqual(['k1', 'k2'])
  })

  it('should report a tampered file and leave it as it is', async () => {
    const store = createLocalFileStore(dir, ring(k1))
    await store.put(text(SECRET))
    const file = await onlyFile()
    await flipByte(file, text(SECRET).length + 28 + 5)
    const tampered = await readFile(file)
    const report = await rotateFileKeys(dir, ring(k2, k1))
    expect(report.rewrapped).toBe(0)
    expect(report.failed).toHaveLength(1)
    expect((await readFile(file)).equals(tampered)).toBe(true)
  })
})

describe('plaintext files from before encryption', () => {
  /** Writes a file the way the old, unencrypted store did: named by its SHA-256. */
  async function legacyPut(content: string): Promise<{ key: string; file: string }> {
    const key = createHash('sha256').update(content).digest('hex')
    const file = path.join(dir, key.slice(0, 2), key)
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }))
    await writeFile(file, content)
    return { key, file }
  }

  it('should still read them (hash checked) and encrypt them on rotation', async () => {
    const legacy = await legacyPut(SECRET)
    const store = createLocalFileStore(dir, ring(k1))
    expect(Buffer.from(await store.get(legacy.key)).toString('utf8')).toBe(SECRET)

    expect(await rotateFileKeys(dir, ring(k1))).toMatchObject({ encrypted: 1, rewrapped: 0, failed: [] })

    await expect(stat(legacy.file)).rejects.toThrow(/ENOENT/)
    const file = await onlyFile()
    expect((await readFile(file)).includes(Buffer.from('Mustermann'))).toBe(false)
    expect(file).not.toContain(legacy.key)
    expect(Buffer.from(await createLocalFileStore(dir, ring(k1)).get(legacy.key)).toString('utf8')).toBe(
      SECRET,
    )
  })

  it('should refuse an altered plaintext file and leave it for inspection', async () => {
    const legacy = await legacyPut(SECRET)
    await writeFile(legacy.file, `${SECRET} (geändert)`)
    const store = createLocalFileStore(dir, ring(k1))
    expect((await rejectionOf(store.get(legacy.key))).problem).toBe('content_mismatch')
    const report = await rotateFileKeys(dir, ring(k1))
    expect(report.encrypted).toBe(0)
    expect(report.failed).toHaveLength(1)
    expect((await stat(legacy.file)).isFile()).toBe(true)
  })
})

describe('resolveDocumentKeyring', () => {
  const configFor = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...env })

  it('should generate a key into the data directory (mode 0600) once and reuse it', async () => {
    const first = await resolveDocumentKeyring(configFor({}))
    expect(first.current.id).toBe('local')
    expect((await stat(path.join(dir, DOCUMENT_KEY_FILE))).mode & 0o777).toBe(0o600)
    const again = await resolveDocumentKeyring(configFor({}))
    expect(again.current.key.equals(first.current.key)).toBe(true)
  })

  it('should use the configured key and keep the generated one and older ones for reading', async () => {
    const generated = await resolveDocumentKeyring(configFor({}))
    const keyring = await resolveDocumentKeyring(
      configFor({
        DOCUMENT_MASTER_KEY: k2.key.toString('base64'),
        DOCUMENT_MASTER_KEY_ID: '2026-11',
        DOCUMENT_PREVIOUS_MASTER_KEYS: `k1:${k1.key.toString('base64')}`,
      }),
    )
    expect(keyring.current).toEqual({ id: '2026-11', key: k2.key })
    expect(keyring.previous.map((k) => k.id)).toEqual(['k1', 'local'])
    expect(keyring.previous[1]?.key.equals(generated.current.key)).toBe(true)
  })

  it('should fail fast in production with an external database and no key, and on duplicate ids', async () => {
    await expect(
      resolveDocumentKeyring(
        loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, DATABASE_URL: 'postgres://db.invalid/lotse' }),
      ),
    ).rejects.toThrow(/DOCUMENT_MASTER_KEY is required/)
    await expect(
      resolveDocumentKeyring(
        configFor({
          DOCUMENT_MASTER_KEY: k2.key.toString('base64'),
          DOCUMENT_PREVIOUS_MASTER_KEYS: `k1:${k1.key.toString('base64')}`,
        }),
      ),
    ).rejects.toThrow(/unique/)
  })

  it('should reject malformed key settings in the configuration', () => {
    expect(() => configFor({ DOCUMENT_MASTER_KEY: 'zu-kurz' })).toThrow(/DOCUMENT_MASTER_KEY/)
    expect(() => configFor({ DOCUMENT_PREVIOUS_MASTER_KEYS: 'nur-ein-text' })).toThrow(
      /DOCUMENT_PREVIOUS_MASTER_KEYS/,
    )
    expect(() => configFor({ OFFICE_NETWORKS: '10.0.0.0/8,büro' })).toThrow(/OFFICE_NETWORKS/)
  })
})

describe('address key', () => {
  it('should refuse to make up a new address key when encrypted files exist without one', async () => {
    await createLocalFileStore(dir, ring()).put(text(SECRET))
    await rm(path.join(dir, 'address.key'))
    const store = createLocalFileStore(dir, ring())
    expect((await rejectionOf(store.put(text('neu')))).problem).toBe('address_key_missing')
    await expect(stat(path.join(dir, 'address.key'))).rejects.toThrow(/ENOENT/)
  })
})
