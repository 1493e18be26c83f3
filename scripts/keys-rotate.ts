// SPDX-License-Identifier: EUPL-1.2
/**
 * Brings every stored document under the current document master key (ADR 0019, docs/security-data-at-rest.md):
 * re-wraps the data keys of files written under an earlier key (contents are not re-encrypted) and encrypts
 * plaintext files left from before encryption; then re-seals the payment card IBANs in the database under the
 * current key (ADR 0030). Exits 1 when a file or card could not be handled (listed), 2 on a configuration
 * error. Safe to repeat; safe while the app runs with both keys configured.
 *
 *   DOCUMENT_MASTER_KEY=<new> DOCUMENT_MASTER_KEY_ID=<new id> \
 *   DOCUMENT_PREVIOUS_MASTER_KEYS=<old id>:<old key> npm run keys:rotate
 *
 * Uses the same configuration as the app (DATA_DIR; files under <DATA_DIR>/files; the embedded PostgreSQL under
 * DATA_DIR or DATABASE_URL for the card IBANs). Does not migrate.
 */
import path from 'node:path'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import { type Db, openDb } from '../src/db/database.js'
import { resealCardIbans } from '../src/modules/payment-card/index.js'
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
  let server: DatabaseServer | undefined
  let db: Db | undefined
  try {
    server = await connectDatabaseServer(config, () => {})
    db = openDb(server.url, 2)
    const cards = await resealCardIbans(db, keyring)
    process.stdout.write(
      `card IBANs: re-sealed ${cards.resealed}, already current ${cards.current}, failed ${cards.failed.length}\n`,
    )
    for (const failure of cards.failed) {
      process.stderr.write(`FAILED card ${failure.cardId}: ${failure.reason}\n`)
    }
    if (cards.failed.length > 0) {
      process.exitCode = 1
    }
  } finally {
    await db?.destroy()
    await server?.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
