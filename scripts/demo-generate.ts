// SPDX-License-Identifier: EUPL-1.2
/**
 * Fills the database with synthetic demo applications, e.g. two million for a load test:
 *
 *   npm run demo:generate -- --cases 2000000 [--seed 2026] [--batch-size 2000]
 *
 * Uses the same configuration as the app: the embedded PostgreSQL under DATA_DIR by default, the server in
 * DATABASE_URL when set. Migrates first. Applications are added to whatever is there; the reference
 * numbers continue the sequence.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import type { Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { generateDemoApplications } from '../src/demo/generator.js'
import { resolveDocumentKeyring } from '../src/shared/document-keys.js'
import { createLocalFileStore } from '../src/shared/file-store.js'

const USAGE = 'usage: npm run demo:generate -- --cases N [--seed S] [--batch-size B]'

function positiveInt(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) {
    return fallback
  }
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < (name === 'seed' ? 0 : 1)) {
    throw new Error(`--${name} must be a whole number${name === 'seed' ? '' : ' above 0'}\n${USAGE}`)
  }
  return n
}

function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const cases = positiveInt('cases', values.cases)
  const seed = positiveInt('seed', values.seed, 2026)
  const batchSize = positiveInt('batch-size', values['batch-size'], 2000)

  const config = loadConfig()
  let server: DatabaseServer | undefined
  let db: Db | undefined
  let closing = false
  try {
    server = await connectDatabaseServer(config, () => {})
    // Our own pool rather than openDb(): pg reports errors of idle connections on the pool, and pool.end()
    // resolves before the sockets are closed, so stopping the embedded server right after it can hit a
    // closing connection. Without a listener that error would crash the process at the very end.
    const pool = new pg.Pool({
      connectionString: server.url,
      max: 2,
      application_name: 'lotse-demo-generate',
    })
    pool.on('error', (error) => {
      if (!closing) {
        process.stderr.write(`database connection lost: ${error.message}\n`)
      }
    })
    // Two connections: one writes a batch while the other reserves the next batch's reference numbers.
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    await migrateToLatest(db)
    const fileStore = createLocalFileStore(
      path.join(config.dataDir, 'files'),
      await resolveDocumentKeyring(config),
    )
    const where = config.databaseUrl
      ? 'DATABASE_URL'
      : `embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`
    process.stdout.write(`generating ${formatNumber(cases)} applications (seed ${seed}) into ${where}\n`)

    const started = performance.now()
    let lastReport = started
    const { count } = await generateDemoApplications(db, fileStore, {
      count: cases,
      seed,
      batchSize,
      onProgress: (done) => {
        const now = performance.now()
        // One line every few seconds is enough to see it move without flooding a CI log.
        if (now - lastReport >= 5000 || done === cases) {
          lastReport = now
          const rate = done / ((now - started) / 1000)
          const pct = ((done / cases) * 100).toFixed(1)
          process.stdout.write(
            `  ${formatNumber(done)} / ${formatNumber(cases)} (${pct} %), ${formatNumber(rate)} applications/s\n`,
          )
        }
      },
    })
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(
      `done: ${formatNumber(count)} applications in ${seconds.toFixed(1)} s = ${formatNumber(count / seconds)} applications/s\n`,
    )
  } finally {
    closing = true
    await db?.destroy()
    await server?.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
