// SPDX-License-Identifier: EUPL-1.2
/**
 * The master keys of the document store (ADR 0019): the current one wraps the data keys of new files, earlier
 * ones stay readable until `npm run keys:rotate` has re-wrapped everything under the current one.
 */
import path from 'node:path'
import type { Config, MasterKey } from '../config/config.js'
import { readKeyFile, readOrCreateKeyFile } from './crypto/key-file.js'

/** Current key for writing, earlier keys for reading. */
export interface DocumentKeyring {
  current: MasterKey
  previous: readonly MasterKey[]
}

/** File in the data directory that holds the generated master key when DOCUMENT_MASTER_KEY is not set. */
export const DOCUMENT_KEY_FILE = 'document-master.key'
/** Key id of the generated master key. */
export const GENERATED_KEY_ID = 'local'

/**
 * The keyring from the configuration. Without DOCUMENT_MASTER_KEY (embedded database or not in production) a
 * key is generated once into `<dataDir>/document-master.key` (mode 0600) with id `local`. When a configured key
 * replaces a generated one, the generated key stays readable automatically, so that `npm run keys:rotate` can
 * move every file over without copying it into the environment.
 * @throws Error in production against an external database without DOCUMENT_MASTER_KEY (fail fast), when two
 *   keys share an id, or when the key file is malformed
 */
export async function resolveDocumentKeyring(
  config: Pick<Config, 'documentKeys' | 'env' | 'databaseUrl' | 'dataDir'>,
): Promise<DocumentKeyring> {
  const configured = config.documentKeys
  let keyring: DocumentKeyring
  if (configured.current) {
    const generated = await readKeyFile(path.join(config.dataDir, DOCUMENT_KEY_FILE))
    const previous = [...configured.previous]
    if (generated && ![configured.current, ...previous].some((k) => k.id === GENERATED_KEY_ID)) {
      previous.push({ id: GENERATED_KEY_ID, key: generated })
    }
    keyring = { current: configured.current, previous }
  } else {
    if (config.env === 'production' && config.databaseUrl) {
      throw new Error(
        'Invalid configuration: DOCUMENT_MASTER_KEY is required in production with DATABASE_URL',
      )
    }
    const key = await readOrCreateKeyFile(config.dataDir, DOCUMENT_KEY_FILE)
    keyring = {
      current: { id: GENERATED_KEY_ID, key },
      previous: configured.previous.filter((k) => k.id !== GENERATED_KEY_ID),
    }
  }
  const ids = [keyring.current.id, ...keyring.previous.map((k) => k.id)]
  if (new Set(ids).size !== ids.length) {
    throw new Error(`Invalid configuration: document master key ids must be unique (${ids.join(', ')})`)
  }
  return keyring
}

/**
 * The key with this id.
 * @returns undefined when the keyring does not hold it (a key removed too early, or a wrong configuration)
 */
export function masterKeyById(keyring: DocumentKeyring, id: string): Buffer | undefined {
  return [keyring.current, ...keyring.previous].find((k) => k.id === id)?.key
}
