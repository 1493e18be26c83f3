// SPDX-License-Identifier: EUPL-1.2
/**
 * How fast can the audit chain be verified? In one run, on the same entries:
 *
 * - `audit.sha256`: raw SHA-256 over each entry's canonical bytes, already in memory — the ceiling; the very
 *   call the verifier hashes with (`sha256` of audit.chain.ts), so the ratio cannot come from a cheaper hash;
 * - `audit.verify`: `verifyAuditChain` over the whole chain: one binary COPY streams the sealed entries out of
 *   PostgreSQL, the canonical bytes are rebuilt from the row bytes (audit.stream.ts, ADR 0017), hashed, and
 *   hashes and links compared.
 *
 * Throughput is bytes of canonical content per second, so the ratio says what share of pure hashing speed
 * survives reading and rebuilding the entries. Target ≥ 0.5. Also prints how fast the sealer seals, and
 * where the verifier's time goes, on the same entries and in the same rounds:
 *
 * - `audit.read`: the same COPY stream split into rows, nothing rebuilt or hashed;
 * - `audit.rebuild`: the stream split and every entry's canonical bytes rebuilt, not hashed;
 * - `audit.js-copy`: a plain JavaScript loop copying the canonical bytes byte by byte — the floor for any
 *   rebuild written in JavaScript, since each byte of the content has to be written once.
 *
 *   npx tsx bench/audit.bench.ts [--entries 100000] [--batch-size 5000] [--rounds 3]
 *
 * Own embedded PostgreSQL in .cache/bench-audit-postgres on port 54341 (`BENCH_AUDIT_PG_PORT` overrides it; not the app's, the tests' or the
 * submission bench's), fresh database each run. Prints `name: value unit (ratio x baseline)` lines and
 * writes bench/results/audit-<timestamp>.json; never fails because something is slow.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { ensureDatabase } from '../src/db/connect.js'
import { openDb, withDatabase } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrateToLatest } from '../src/db/migrator.js'
import { CHAIN_CONTENT_COLUMNS, canonicalBytes, sha256 } from '../src/modules/audit/audit.chain.js'
import { CanonicalWriter } from '../src/modules/audit/audit.stream.js'
import { streamSealedEntries } from '../src/modules/audit/audit.verify.js'
import { sealAllAuditEvents, verifyAuditChain } from '../src/modules/audit/index.js'
import { writeBenchResult } from './results.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const PG_DIR = path.join(ROOT, '.cache', 'bench-audit-postgres')
const PG_PORT = Number(process.env.BENCH_AUDIT_PG_PORT ?? 54341)
const DATABASE = 'lotse_bench_audit'

function mbps(bytes: number, seconds: number): number {
  return bytes / seconds / 1e6
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '100000' },
      'batch-size': { type: 'string', default: '5000' },
      rounds: { type: 'string', default: '3' },
    },
  })
  const entries = Number(values.entries)
  const batchSize = Number(values['batch-size'])
  const rounds = Number(values.rounds)
  const startedAt = new Date()
  process.stdout.write(
    `# ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${entries} entries, ` +
      `batch ${batchSize}, best of ${rounds} rounds\n`,
  )

  const server = await startEmbeddedPostgres({ dir: PG_DIR, port: PG_PORT, log: () => {} })
  const admin = new pg.Client({ connectionString: server.url })
  await admin.connect()
  await admin.query(`drop database if exists ${DATABASE} with (force)`)
  await admin.end()
  await ensureDatabase(server.url, DATABASE)
  const db = openDb(withDatabase(server.url, DATABASE), 4)
  try {
    await migrateToLatest(db)
    // Entries shaped like the app's: views with a request id, and every third a list page with 25 ids (the
    // `0 * i` ties the subquery to the row, so that each list gets its own ids).
    await sql`
      insert into audit_event (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      select 'staff', 'staff-' || (i % 50), case when i % 3 = 0 then 'application.list' else 'application.view' end,
        'application', gen_random_uuid()::text, gen_random_uuid()::text,
        case when i % 3 = 0
          then jsonb_build_object('page', i % 9 + 1,
            'ids', (select jsonb_agg(gen_random_uuid()) from generate_series(1, 25 + 0 * i)))
          else jsonb_build_object('via', 'caseworker') end
      from generate_series(1, ${entries}) as i`.execute(db)

    let t = performance.now()
    const sealed = await sealAllAuditEvents(db)
    const sealSeconds = (performance.now() - t) / 1000

    // The very bytes the verifier hashes, built once and kept in memory for the baseline.
    const rows = await db
      .selectFrom('audit_event')
      .select([...CHAIN_CONTENT_COLUMNS, sql<Buffer>`prev_hash`.as('prev_hash')])
      .orderBy('chain_seq')
      .execute()
    const contents = rows.map((r) => canonicalBytes(r, r.prev_hash))
    const totalBytes = contents.reduce((n, b) => n + b.length, 0)

    let rawBest = Number.POSITIVE_INFINITY
    let verifyBest = Number.POSITIVE_INFINITY
    let readBest = Number.POSITIVE_INFINITY
    let rebuildBest = Number.POSITIVE_INFINITY
    let copyBest = Number.POSITIVE_INFINITY
    const copyTarget = Buffer.allocUnsafe(Math.max(...contents.map((c) => c.length)))
    let checked = 0
    let verifiedBytes = 0
    for (let round = 0; round < rounds; round++) {
      t = performance.now()
      for (const content of contents) {
        sha256(content)
      }
      rawBest = Math.min(rawBest, (performance.now() - t) / 1000)

      t = performance.now()
      const result = await verifyAuditChain(db, { batchSize })
      verifyBest = Math.min(verifyBest, (performance.now() - t) / 1000)
      if (!result.ok) {
        throw new Error(`chain broken in the bench: ${JSON.stringify(result.firstBroken)}`)
      }
      checked = result.checked
      verifiedBytes = result.bytes

      t = performance.now()
      let read = 0
      await streamSealedEntries(db, 0, () => {
        read++
        return true
      })
      readBest = Math.min(readBest, (performance.now() - t) / 1000)

      t = performance.now()
      const writer = new CanonicalWriter()
      let rebuilt = 0
      await streamSealedEntries(db, 0, (buf, starts, lengths) => {
        rebuilt += writer.build(buf, starts, lengths).length
        return true
      })
      rebuildBest = Math.min(rebuildBest, (performance.now() - t) / 1000)
      if (read !== entries || rebuilt !== totalBytes) {
        throw new Error(
          `streamed ${read} entries / rebuilt ${rebuilt} bytes, expected ${entries} / ${totalBytes}`,
        )
      }

      t = performance.now()
      for (const content of contents) {
        for (let k = 0; k < content.length; k++) {
          copyTarget[k] = content[k] as number
        }
      }
      copyBest = Math.min(copyBest, (performance.now() - t) / 1000)
    }
    if (checked !== entries || verifiedBytes !== totalBytes) {
      throw new Error(
        `verified ${checked} entries / ${verifiedBytes} bytes, expected ${entries} / ${totalBytes}`,
      )
    }

    const raw = mbps(totalBytes, rawBest)
    const verify = mbps(totalBytes, verifyBest)
    const ratio = verify / raw
    const vs = (seconds: number) =>
      `${mbps(totalBytes, seconds).toFixed(1)} MB/s (${(rawBest / seconds).toFixed(2)} x baseline)`
    const lines = [
      `audit.sha256: ${raw.toFixed(1)} MB/s (1.00 x baseline)`,
      `audit.verify: ${verify.toFixed(1)} MB/s (${ratio.toFixed(2)} x baseline)`,
      `audit.read: ${vs(readBest)}`,
      `audit.rebuild: ${vs(rebuildBest)}`,
      `audit.js-copy: ${vs(copyBest)}`,
      `audit.verify.entries: ${Math.round(entries / verifyBest)} entries/s (${(totalBytes / entries).toFixed(0)} bytes each)`,
      `audit.seal: ${Math.round(sealed / sealSeconds)} entries/s`,
    ]
    process.stdout.write(`${lines.join('\n')}\n`)

    await writeBenchResult(
      'audit',
      startedAt,
      { entries, batchSize, rounds },
      {
        canonicalBytes: totalBytes,
        sha256MBps: Number(raw.toFixed(2)),
        verifyMBps: Number(verify.toFixed(2)),
        ratioToBaseline: Number(ratio.toFixed(3)),
        readRatio: Number((rawBest / readBest).toFixed(3)),
        rebuildRatio: Number((rawBest / rebuildBest).toFixed(3)),
        jsCopyRatio: Number((rawBest / copyBest).toFixed(3)),
        verifyEntriesPerSecond: Math.round(entries / verifyBest),
        sealEntriesPerSecond: Math.round(sealed / sealSeconds),
      },
    )
  } finally {
    await db.destroy()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
