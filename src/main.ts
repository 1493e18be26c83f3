// SPDX-License-Identifier: EUPL-1.2
import path from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { loadConfig } from './config/config.js'
import { connectDatabaseServer } from './db/connect.js'
import { openDb } from './db/database.js'
import { migrateToLatest } from './db/migrator.js'
import { loadDemoData } from './demo/demo-data.js'
import { startMaintenance } from './jobs/maintenance.js'
import { startAuditSealer } from './modules/audit/index.js'
import { resolveMfaSecretKey } from './modules/auth/index.js'
import { startComplaintJobs } from './modules/complaints/index.js'
import { startOpen311Jobs } from './modules/open311/index.js'
import { cardKeyringFor } from './modules/payment-card/index.js'
import { reminderMailSettings } from './modules/providers/index.js'
import { startRetentionJob } from './modules/retention/index.js'
import { resolveDocumentKeyring } from './shared/document-keys.js'
import { createLocalFileStore } from './shared/file-store.js'
import { createLogger } from './shared/logger.js'

/** Entry point: config → database (embedded or external) → migrations → demo data → HTTP server. */
async function main() {
  const loaded = loadConfig()
  // TOTP secrets are encrypted with this key: from MFA_SECRET_KEY, or generated once into the data directory.
  const config = { ...loaded, mfaSecretKey: await resolveMfaSecretKey(loaded) }
  const logger = createLogger(config.logLevel)
  const server = await connectDatabaseServer(config, (m) => logger.debug({ source: 'postgres' }, m))
  const db = openDb(server.url, 10, (err) => logger.warn({ err }, 'idle database connection lost'))
  const applied = await migrateToLatest(db)
  if (applied.length > 0) {
    logger.info({ migrations: applied }, 'migrations applied')
  }
  const fileStore = createLocalFileStore(
    path.join(config.dataDir, 'files'),
    await resolveDocumentKeyring(config),
  )
  // Card IBANs are sealed under the document keyring; registered here for cardPayeeFor (payment run, demo).
  await cardKeyringFor(config)
  const logins = config.demoData
    ? await loadDemoData(db, fileStore, config.dataDir, logger, config.mfaSecretKey)
    : []
  const stopMaintenance = startMaintenance(db, logger, undefined, reminderMailSettings(config))
  // The daily deletion run (Löschfristen, docs/retention.md); case files only after the DPO's release.
  const stopRetention = startRetentionJob(db, config.retention, logger, undefined, fileStore)
  // Seals committed audit rows into the hash chain (ADR 0007); one instance at a time holds the lock.
  const stopSealer = startAuditSealer(db, logger)
  // Complaint deadlines (reminders, escalation) and the complaint mail outbox.
  const stopComplaintJobs = startComplaintJobs({ db, fileStore, config, logger })
  // Open311 import from the request tool and outbound webhooks (each only when configured).
  const stopOpen311Jobs = startOpen311Jobs({ db, fileStore, config, logger })
  const app = createApp({ db, config, fileStore, logger })
  const http = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`
    logger.info({ url, database: config.databaseUrl ? 'external' : 'embedded' }, 'Lotse is running')
    // For people starting the demo: plain lines, not JSON.
    process.stdout.write(`\nLotse läuft: ${url}\n`)
    for (const login of logins) {
      process.stdout.write(
        `  Demo-Anmeldung (${login.role}): ${login.username} / ${login.password} / TOTP-Schlüssel ${login.totpSecret}\n`,
      )
    }
    process.stdout.write('\n')
  })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    logger.info({ signal }, 'shutting down')
    stopMaintenance()
    stopRetention()
    stopSealer()
    stopComplaintJobs()
    stopOpen311Jobs()
    http.close()
    await db.destroy()
    await server.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
