// SPDX-License-Identifier: EUPL-1.2
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/** Where document contents live: local disk by default, object storage later behind the same interface. */
export interface FileStore {
  /** Stores bytes durably (flushed to disk) and returns their key. Identical contents share one key. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: Buffer }>
  get(key: string): Promise<Uint8Array>
}

/**
 * A content-addressed store under `dir`. Writes go to a temporary file that is fsynced and renamed, and the
 * directory is fsynced too, so a file whose key was returned survives a crash.
 */
export function createLocalFileStore(dir: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) {
      throw new Error('invalid file key')
    }
    return path.join(dir, key.slice(0, 2), key)
  }
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest()
      const key = sha256.toString('hex')
      const target = pathOf(key)
      const folder = path.dirname(target)
      await fs.mkdir(folder, { recursive: true })
      const exists = await fs.stat(target).then(
        (s) => s.size === bytes.byteLength,
        () => false,
      )
      if (!exists) {
        const temp = `${target}.${process.pid}.${Date.now()}.tmp`
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
      return { key, sha256 }
    },
    async get(key) {
      return fs.readFile(pathOf(key))
    },
  }
}
