// SPDX-License-Identifier: EUPL-1.2
/**
 * Creates an Open311 API key for a client system and prints it once (only its hash is stored).
 *
 *   npm run open311:key -- --name "Anliegenmelder"
 *
 * Uses the same configuration as the app (embedded PostgreSQL under DATA_DIR, or DATABASE_URL) and applies
 * pending migrations first, so that it works on a fresh installation. Exit code 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import { type Db, openDb } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrator.js'
import { createApiKey } from '../src/modules/open311/index.js'

const USAGE = 'usage: npm run open311:key -- --name NAME'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const name = values.name?.trim() ?? ''
  if (name === '' || name.length > 100 || /\p{Cc}/u.test(name)) {
    throw new Error(`--name must be 1 to 100 printable characters\n${USAGE}`)
  }
  const config = loadConfig()
  let server: DatabaseServer | undefined
  let db: Db | undefined
  try {
    server = await connectDatabaseServer(config, () => {})
    db = openDb(server.url, 2)
    await migrateToLatest(db)
    const { key } = await createApiKey(db, null, name, null)
    process.stdout.write(`Open311-API-Schlüssel für „${name}“ (wird nur jetzt angezeigt):\n${key}\n`)
  } finally {
    await db?.destroy()
    await server?.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
