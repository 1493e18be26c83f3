// SPDX-License-Identifier: EUPL-1.2
/**
 * Keys generated into the data directory when the operator configured none (embedded database, demo): 32 random
 * bytes, base64, one line, mode 0600. Used for the MFA key and the document master key.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * Reads a key file.
 * @returns the key, or undefined when the file does not exist
 * @throws Error when the file does not hold 32 bytes, base64-encoded, or cannot be read
 */
export async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined
    }
    throw error
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32) {
    throw new Error(`${file} must hold 32 bytes, base64-encoded`)
  }
  return key
}

/**
 * The key in `<dir>/<name>`; generated (32 random bytes, mode 0600) when the file does not exist yet.
 * @throws Error when an existing file is malformed (see {@link readKeyFile})
 * @example const key = await readOrCreateKeyFile(config.dataDir, 'mfa-secret.key')
 */
export async function readOrCreateKeyFile(dir: string, name: string): Promise<Buffer> {
  const file = path.join(dir, name)
  const existing = await readKeyFile(file)
  if (existing) {
    return existing
  }
  const key = randomBytes(32)
  await fs.mkdir(dir, { recursive: true })
  try {
    // 'wx': never overwrite a key another process wrote meanwhile (that would orphan what it encrypted).
    await fs.writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const winner = await readKeyFile(file)
      if (winner) {
        return winner
      }
    }
    throw error
  }
  return key
}
