// SPDX-License-Identifier: EUPL-1.2
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { testEnv } from '../../src/config/config.js'
import { ensureDatabase } from '../../src/db/connect.js'
import { openDb, withDatabase } from '../../src/db/database.js'
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js'
import { migrateToLatest } from '../../src/db/migrator.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server's maintenance database. */
    pgServerUrl: string
  }
}

export const TEMPLATE_DATABASE = 'lotse_template'

interface Shared {
  url: string
  stop: () => Promise<void>
  users: number
}
const KEY = Symbol.for('lotse.test-postgres')
const registry = globalThis as unknown as Record<symbol, Promise<Shared> | undefined>

/**
 * Starts one PostgreSQL for the whole run (the embedded server, or the one in TEST_DATABASE_URL), drops the
 * databases earlier runs left behind, and builds a migrated template that each test file clones.
 */
async function start(): Promise<Shared> {
  const external = testEnv().testDatabaseUrl
  const server = external
    ? { url: external, stop: async () => {} }
    : await startEmbeddedPostgres({
        dir: path.resolve('.cache', 'test-postgres'),
        port: testEnv().testPgPort,
        log: () => {},
      })
  const client = new pg.Client({ connectionString: server.url })
  await client.connect()
  try {
    const stale = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'lotse_test_%' or datname = $1",
      [TEMPLATE_DATABASE],
    )
    for (const { datname } of stale.rows) {
      await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`)
    }
  } finally {
    await client.end()
  }
  await ensureDatabase(server.url, TEMPLATE_DATABASE)
  const db = openDb(withDatabase(server.url, TEMPLATE_DATABASE), 1)
  await migrateToLatest(db)
  await db.destroy()
  return { url: server.url, stop: server.stop, users: 0 }
}

export default async function setup(project: TestProject) {
  registry[KEY] ??= start()
  const shared = await registry[KEY]
  shared.users += 1
  project.provide('pgServerUrl', shared.url)
  return async () => {
    shared.users -= 1
    if (shared.users === 0) {
      registry[KEY] = undefined
      await shared.stop()
    }
  }
}
