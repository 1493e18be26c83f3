// SPDX-License-Identifier: EUPL-1.2
/**
 * Checks the audit log's hash chain from the first entry (or from a checkpoint) and reports the first
 * broken entry. Exits 1 when the chain is broken, 2 on a usage or connection error.
 *
 *   npm run audit:verify [-- --checkpoint cp.json [--from-checkpoint]] [--export-checkpoint cp.json]
 *                        [--batch-size 5000] [--seal]
 *
 * --checkpoint F         the chain must still contain this checkpoint (JSON from --export-checkpoint)
 * --from-checkpoint      start after that checkpoint instead of at the first entry
 * --export-checkpoint F  after a successful check, write the chain's head as a checkpoint to F
 * --seal                 seal pending entries first (for installations where no app instance is running)
 *
 * Uses the same configuration as the app: the embedded PostgreSQL under DATA_DIR by default, the server in
 * DATABASE_URL when set. Does not migrate: it checks what is there.
 */
import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import { type Db, openDb } from '../src/db/database.js'
import {
  type AuditCheckpoint,
  exportAuditCheckpoint,
  sealAllAuditEvents,
  verifyAuditChain,
} from '../src/modules/audit/index.js'

const USAGE =
  'usage: npm run audit:verify -- [--checkpoint FILE [--from-checkpoint]] [--export-checkpoint FILE] [--batch-size N] [--seal]'

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  if (typeof value !== 'object' || value === null) {
    return false
  }
  const v = value as Record<string, unknown>
  return (
    Number.isSafeInteger(v.lastSeq) &&
    Number.isSafeInteger(v.lastId) &&
    typeof v.lastHash === 'string' &&
    /^[0-9a-f]{64}$/.test(v.lastHash)
  )
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: 'string' },
      'from-checkpoint': { type: 'boolean' },
      'export-checkpoint': { type: 'string' },
      'batch-size': { type: 'string' },
      seal: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const batchSize = values['batch-size'] === undefined ? 5000 : Number(values['batch-size'])
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new Error(`--batch-size must be a whole number above 0\n${USAGE}`)
  }
  let checkpoint: AuditCheckpoint | undefined
  if (values.checkpoint) {
    const parsed: unknown = JSON.parse(await fs.readFile(values.checkpoint, 'utf8'))
    if (!isCheckpoint(parsed)) {
      throw new Error(`${values.checkpoint} is not an audit checkpoint`)
    }
    checkpoint = parsed
  } else if (values['from-checkpoint']) {
    throw new Error(`--from-checkpoint needs --checkpoint\n${USAGE}`)
  }

  const config = loadConfig()
  let server: DatabaseServer | undefined
  let db: Db | undefined
  try {
    server = await connectDatabaseServer(config, () => {})
    db = openDb(server.url, 3)
    if (values.seal) {
      const sealed = await sealAllAuditEvents(db)
      process.stdout.write(`sealed ${sealed} pending entries\n`)
    }
    const started = performance.now()
    const result = await verifyAuditChain(db, {
      batchSize,
      checkpoint,
      startAtCheckpoint: values['from-checkpoint'] ?? false,
    })
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (!result.ok) {
      const broken = result.firstBroken
      process.stderr.write(
        `audit chain BROKEN at entry ${broken?.id} (place ${broken?.seq ?? '-'}): ${broken?.reason} — ${broken?.message}\n`,
      )
      process.exitCode = 1
      return
    }
    process.stdout.write(`audit chain ok: ${result.checked} entries checked in ${seconds.toFixed(1)} s\n`)
    if (values['export-checkpoint']) {
      const head = await exportAuditCheckpoint(db)
      await fs.writeFile(values['export-checkpoint'], `${JSON.stringify(head ?? null, null, 2)}\n`)
      process.stdout.write(`checkpoint written to ${values['export-checkpoint']}\n`)
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
