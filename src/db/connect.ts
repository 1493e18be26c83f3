// SPDX-License-Identifier: EUPL-1.2
import path from 'node:path'
import pg from 'pg'
import type { Config } from '../config/config.js'
import { withDatabase } from './database.js'
import { startEmbeddedPostgres } from './embedded-postgres.js'

export interface DatabaseServer {
  /** URL of the application database. */
  url: string
  /** Stops the embedded server; nothing for an external one. */
  stop(): Promise<void>
}

const APP_DATABASE = 'lotse'

/**
 * Finds the database the app will use: DATABASE_URL as given, or the embedded server (started here) with
 * a `lotse` database created on first use.
 */
export async function connectDatabaseServer(
  config: Config,
  log: (m: string) => void,
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, stop: async () => {} }
  }
  const server = await startEmbeddedPostgres({
    dir: path.join(config.dataDir, 'postgres'),
    port: config.embeddedPgPort,
    log,
  })
  await ensureDatabase(server.url, APP_DATABASE)
  return { url: withDatabase(server.url, APP_DATABASE), stop: server.stop }
}

/** Creates a database if it does not exist (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) {
      const from = template ? ` template ${client.escapeIdentifier(template)}` : ''
      await client.query(`create database ${client.escapeIdentifier(name)}${from}`)
    }
  } finally {
    await client.end()
  }
}
