// SPDX-License-Identifier: EUPL-1.2
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js'
import {
  type AppProcess,
  freePort,
  postmasterPid,
  startApp,
  stopApp,
  stopPostgresIn,
  waitForHealthy,
} from './support/app-process.js'

let app: AppProcess | undefined
let dataDir = ''

afterAll(async () => {
  if (app) {
    await stopApp(app)
  }
  if (dataDir) {
    await stopPostgresIn(path.join(dataDir, 'postgres', 'pg'))
    await rm(dataDir, { recursive: true, force: true })
  }
}, 60_000)

describe('a second command on the data directory of a running app', () => {
  it('should share the running embedded server instead of shutting it down as an orphan', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lotse-shared-'))
    // As root the server runs as the `postgres` user, which must reach the directory.
    await chmod(dataDir, 0o755)
    const pgPort = await freePort()
    app = startApp(await freePort(), {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    })
    await waitForHealthy(app)
    const before = await postmasterPid(path.join(dataDir, 'postgres', 'pg'))

    // What `npm run audit:verify` or `npm run demo:generate` does when started beside the app.
    const shared = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      port: pgPort,
      log: () => {},
    })
    const client = new pg.Client({ connectionString: shared.url })
    await client.connect()
    const { rows } = await client.query<{ n: number }>('select 1 as n')
    await client.end()
    await shared.stop()

    expect(rows[0]?.n).toBe(1)
    expect(await postmasterPid(path.join(dataDir, 'postgres', 'pg'))).toBe(before)
    const health = await fetch(`${app.baseUrl}/healthz`)
    expect(health.status).toBe(200)
  }, 120_000)
})
