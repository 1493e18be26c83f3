// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Logger } from 'pino'
import { inject } from 'vitest'
import { createApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config/config.js'
import { ensureDatabase } from '../../src/db/connect.js'
import { type Db, openDb, withDatabase } from '../../src/db/database.js'
import type { AppDeps } from '../../src/http/context.js'
import { resolveDocumentKeyring } from '../../src/shared/document-keys.js'
import { createLocalFileStore } from '../../src/shared/file-store.js'
import { createLogger } from '../../src/shared/logger.js'
import { TEST_MFA_SECRET_KEY } from './mfa-key.js'

const TEMPLATE_DATABASE = 'lotse_template'

export interface TestContext {
  db: Db
  deps: AppDeps
  app: ReturnType<typeof createApp>
  /** URL of this test file's own database. */
  databaseUrl: string
  dataDir: string
  close(): Promise<void>
}

/**
 * A fresh database cloned from the migrated template, plus an app wired to it. One per test file; each file
 * can run alone.
 */
export async function freshTestContext(
  overrides: Partial<Config> = {},
  logger?: Logger,
): Promise<TestContext> {
  const serverUrl = inject('pgServerUrl')
  const name = `lotse_test_${randomBytes(6).toString('hex')}`
  await ensureDatabase(serverUrl, name, TEMPLATE_DATABASE)
  const databaseUrl = withDatabase(serverUrl, name)
  const db = openDb(databaseUrl, 5)
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lotse-test-'))
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, MFA_SECRET_KEY: TEST_MFA_SECRET_KEY }),
    ...overrides,
  }
  const deps: AppDeps = {
    db,
    config,
    fileStore: createLocalFileStore(path.join(dataDir, 'files'), await resolveDocumentKeyring(config)),
    logger: logger ?? createLogger('silent'),
  }
  return {
    db,
    deps,
    app: createApp(deps),
    databaseUrl,
    dataDir,
    async close() {
      await db.destroy()
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`)
      await client.end()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
