// SPDX-License-Identifier: EUPL-1.2
/**
 * Brings every stored document under the current document master key (ADR 0019, docs/security-data-at-rest.md):
 * re-wraps the data keys of files written under an earlier key (contents are not re-encrypted) and encrypts
 * plaintext files left from before encryption. Exits 1 when a file could not be handled (listed), 2 on a
 * configuration error. Safe to repeat; safe while the app runs with both keys configured.
 *
 *   DOCUMENT_MASTER_KEY=<new> DOCUMENT_MASTER_KEY_ID=<new id> \
 *   DOCUMENT_PREVIOUS_MASTER_KEYS=<old id>:<old key> npm run keys:rotate
 *
 * Uses the same configuration as the app (DATA_DIR; files under <DATA_DIR>/files). Needs no database.
 */
import path from 'node:path'
import { loadConfig } from '../src/config/config.js'
import { resolveDocumentKeyring } from '../src/shared/document-keys.js'
import { rotateFileKeys } from '../src/shared/file-store-rotation.js'

async function main(): Promise<void> {
  const config = loadConfig()
  const keyring = await resolveDocumentKeyring(config)
  const dir = path.join(config.dataDir, 'files')
  process.stdout.write(
    `rotating ${dir} to master key "${keyring.current.id}" (readable: ${[keyring.current, ...keyring.previous].map((k) => k.id).join(', ')})\n`,
  )
  const report = await rotateFileKeys(dir, keyring)
  process.stdout.write(
    `re-wrapped ${report.rewrapped}, already current ${report.current}, plaintext encrypted ${report.encrypted}, failed ${report.failed.length}\n`,
  )
  for (const failure of report.failed) {
    process.stderr.write(`FAILED ${failure.file}: ${failure.reason}\n`)
  }
  if (report.failed.length > 0) {
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
