// SPDX-License-Identifier: EUPL-1.2
/**
 * Runs a payment run over the demo data and writes its files, so that anyone can inspect a real pain.001:
 *
 *   npm run demo:payment-run [-- --month 2026-12] [--out some/folder]
 *
 * Uses the same configuration as the app (the embedded PostgreSQL under DATA_DIR, or DATABASE_URL). Migrates
 * first; with DEMO_DATA on (the default outside production) it loads the synthetic demo data as the app does
 * on its first start, including demo decisions with amounts (src/demo/payments-demo.ts). Then it computes the
 * run for the month (default: next month) exactly as a preview would, and writes the pain.001.001.09 file and
 * the cash office CSV. A dry run: nothing is stored or released, so it can be repeated.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import type { Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { loadDemoData } from '../src/demo/demo-data.js'
import { resolveMfaSecretKey } from '../src/modules/auth/index.js'
import { berlinDay } from '../src/modules/organisation/index.js'
import { cardKeyringFor } from '../src/modules/payment-card/index.js'
import { addMonths, isMonth } from '../src/modules/payments/money-rules.js'
import { dryRunFiles } from '../src/modules/payments/payments.service.js'
import { createLocalFileStore } from '../src/shared/file-store.js'
import { createLogger } from '../src/shared/logger.js'
import { formatCents } from '../src/shared/money.js'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { month: { type: 'string' }, out: { type: 'string' } } })
  const loaded = loadConfig()
  const config = { ...loaded, mfaSecretKey: await resolveMfaSecretKey(loaded) }
  const month = values.month ?? addMonths(berlinDay(new Date()).slice(0, 7), 1)
  if (!isMonth(month)) {
    throw new Error('--month must be YYYY-MM')
  }
  const logger = createLogger('warn')
  let server: DatabaseServer | undefined
  let db: Db | undefined
  let closing = false
  try {
    server = await connectDatabaseServer(config, () => {})
    const pool = new pg.Pool({
      connectionString: server.url,
      max: 4,
      application_name: 'lotse-demo-payment-run',
    })
    pool.on('error', (error) => {
      if (!closing) {
        process.stderr.write(`database connection lost: ${error.message}\n`)
      }
    })
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    await migrateToLatest(db)
    // Card households are paid to their card's IBAN, sealed under the document keyring (as main.ts does).
    const keyring = await cardKeyringFor(config)
    if (config.demoData) {
      const fileStore = createLocalFileStore(path.join(config.dataDir, 'files'), keyring)
      await loadDemoData(db, fileStore, config.dataDir, logger, config.mfaSecretKey)
    }
    const run = await dryRunFiles(db, config.paymentDebtor, month)
    const folder = path.resolve(values.out ?? path.join(config.dataDir, 'zahllauf'))
    await mkdir(folder, { recursive: true })
    const xmlFile = path.join(folder, `${run.reference}.pain.001.001.09.xml`)
    const csvFile = path.join(folder, `${run.reference}-zahlungsanordnung.csv`)
    await writeFile(xmlFile, run.pain001)
    await writeFile(csvFile, run.csv)
    const total = run.computed.payments.reduce((n, p) => n + p.cents, 0)
    const kinds = new Map<string, number>()
    for (const line of run.computed.payments.flatMap((p) => p.lines)) {
      kinds.set(line.kind, (kinds.get(line.kind) ?? 0) + line.cents)
    }
    process.stdout.write(
      [
        `payment run ${run.reference} for ${month}: ${run.computed.payments.length} payments, ${formatCents(total)}`,
        ...[...kinds].map(([kind, cents]) => `  ${kind}: ${formatCents(cents)}`),
        `  not paid: ${run.computed.skipped.map((s) => `${s.reference} (${s.reason})`).join(', ') || 'none'}`,
        `pain.001.001.09: ${xmlFile}`,
        `cash office CSV: ${csvFile}`,
        `check it (with the official schema, see schemas/README.md): xmllint --noout --schema schemas/pain.001.001.09.xsd ${xmlFile}`,
        '',
      ].join('\n'),
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
