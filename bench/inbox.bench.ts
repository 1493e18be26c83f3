// SPDX-License-Identifier: EUPL-1.2
/**
 * Does the inbox stay fast at Lübeck size? In one run, on PostgreSQL:
 *
 * - a Lübeck-size organisation (25 teams, 300 posts, about half the caseworker posts vacant, absences)
 *   from `generateOrganisation`, stored through the CSV import;
 * - one caseworker whose two team colleagues are absent, so that she covers their posts: her inbox lists
 *   three posts (her own + two "i.V.");
 * - `inbox.small`: 20 000 cases spread over all caseworker posts (bulk-cases.ts: mix of benefit types,
 *   statuses and deadlines, urgency as the app computes it), VACUUM ANALYZE, then the p95 of the first
 *   inbox page in priority order through the real service (`listInbox`: resolve the organisation, page with
 *   a LATERAL per post, counts per post and status, audit event);
 * - `inbox.large`: the same after growing to 2 000 000 cases;
 * - `inbox.ratio`: large p95 / small p95 (target ≤ 2);
 * - `org.resolve`: `resolveOrganisation` for the whole organisation, and `org.case-scope`: `caseScopeOf`
 *   for the caseworker (the deadline/deputy resolution each request pays).
 *
 *   npx tsx bench/inbox.bench.ts [--small 20000] [--large 2000000] [--iterations 400] [--warmup 40]
 *
 * Uses the embedded server of the submission bench (.cache/bench-postgres, port 54340) with its own database
 * `lotse_bench_inbox`, dropped and created each run. Prints `name: value unit (ratio x baseline)` lines and
 * writes bench/results/inbox-<timestamp>.json; never fails because something is slow.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { ensureDatabase } from '../src/db/connect.js'
import { withDatabase } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { insertBulkCases } from '../src/demo/bulk-cases.js'
import { generateOrganisation } from '../src/demo/organisation-demo.js'
import type { StaffPrincipal } from '../src/http/context.js'
import { createStaffUser } from '../src/modules/auth/index.js'
import { caseScopeOf } from '../src/modules/cases/case-access.js'
import { listInbox } from '../src/modules/cases/cases.service.js'
import { countOpenCases, listInboxPage } from '../src/modules/cases/inbox.repository.js'
import { importOrganisationCsv, organisationService } from '../src/modules/organisation/index.js'
import { writeBenchResult } from './results.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const BENCH_PG_DIR = path.join(ROOT, '.cache', 'bench-postgres')
const BENCH_PG_PORT = 54340
const DATABASE = 'lotse_bench_inbox' // _small and _large
const DAY = 86_400_000

type Db = Kysely<Database>

interface Stats {
  mean: number
  p50: number
  p95: number
  max: number
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN
  return {
    mean: s.reduce((n, x) => n + x, 0) / s.length,
    p50: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1] ?? 0,
  }
}

async function measure(warmup: number, iterations: number, run: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) {
    await run()
  }
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t = performance.now()
    await run()
    samples.push(performance.now() - t)
  }
  return stats(samples)
}

const ms = (x: number) => `${x.toFixed(2)} ms`

/**
 * Makes the holders of two posts before `candidate` in its team absent, so that the holder of `candidate`
 * covers them (the generated chains: each caseworker post has the next two of its team as deputies).
 * @returns the staff account linked to her, or undefined when the organisation does not give exactly
 *   own + two covered posts for this candidate (the absences are then removed again)
 */
async function coveringCaseworker(
  db: Db,
  teamPosts: readonly string[],
  index: number,
  at: Date,
): Promise<StaffPrincipal | undefined> {
  const [a, b, own] = [teamPosts[index - 2], teamPosts[index - 1], teamPosts[index]]
  const holders = await db
    .selectFrom('post_holding')
    .select(['post_id', 'person_id'])
    .where('post_id', 'in', [a ?? '', b ?? '', own ?? ''])
    .execute()
  const holderOf = new Map(holders.map((h) => [h.post_id, h.person_id]))
  const me = holderOf.get(own ?? '')
  const absent = [holderOf.get(a ?? ''), holderOf.get(b ?? '')]
  if (!me || absent.some((p) => !p)) {
    return undefined
  }
  const ids = await db
    .insertInto('absence')
    .values(
      absent.map((p) => ({
        person_id: p as string,
        valid_from: new Date(at.getTime() - 2 * DAY),
        valid_to: new Date(at.getTime() + 10 * DAY),
      })),
    )
    .returning('id')
    .execute()
  const staff = await createStaffUser(db, {
    username: `bench-${index}-${own?.slice(0, 8)}`,
    displayName: 'Bench Sachbearbeitung',
    password: 'bench-password-not-used',
    role: 'caseworker',
  })
  await db.updateTable('person').set({ staff_user_id: staff.id }).where('id', '=', me).execute()
  const scope = await caseScopeOf(db, staff, at)
  const covered = scope.inboxPosts.filter((p) => p.via !== 'holder')
  if (scope.inboxPosts.length === 3 && covered.length === 2) {
    return staff
  }
  await db.updateTable('person').set({ staff_user_id: null }).where('id', '=', me).execute()
  await db
    .deleteFrom('absence')
    .where(
      'id',
      'in',
      ids.map((i) => i.id),
    )
    .execute()
  return undefined
}

/** Index definitions of `application` that do not back a constraint: dropped for a bulk load, then rebuilt. */
async function secondaryIndexes(db: Db): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.tablename = 'application' and i.schemaname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db)
  return rows
}

async function explain(db: Db, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
  )
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

interface Prepared {
  label: 'small' | 'large'
  cases: number
  db: Db
  staff: StaffPrincipal
  inboxPostIds: string[]
  openCasesInInbox: number
  loadSeconds: number
  close: () => Promise<void>
}

/**
 * One database of the run: the organisation through the CSV import, the covering caseworker, `cases` bulk
 * cases over all caseworker posts, the app's indexes, VACUUM ANALYZE.
 */
async function prepare(
  serverUrl: string,
  label: Prepared['label'],
  cases: number,
  at: Date,
): Promise<Prepared> {
  const name = `${DATABASE}_${label}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
  await ensureDatabase(serverUrl, name)
  let closing = false
  const pool = new pg.Pool({ connectionString: withDatabase(serverUrl, name), max: 4 })
  pool.on('error', (e) => {
    if (!closing) {
      process.stderr.write(`bench: database connection error: ${e.message}\n`)
    }
  })
  const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migrateToLatest(db)
  const org = generateOrganisation({ teams: 25, posts: 300, seed: 2500, now: at })
  const imported = await importOrganisationCsv(db, { type: 'system', id: null }, org.csv)
  if (!imported.ok) {
    throw new Error(`organisation rejected: ${imported.errors.map((e) => e.message).join(' | ')}`)
  }
  const caseworkerPosts = org.posts.filter((p) => !p.isHeadOfUnit && p.title.startsWith('Sachbearbeitung'))
  let staff: StaffPrincipal | undefined
  search: for (const teamId of org.teamIds) {
    const teamPosts = caseworkerPosts.filter((p) => p.unitId === teamId).map((p) => p.id)
    for (let i = 2; i < teamPosts.length; i++) {
      staff = await coveringCaseworker(db, teamPosts, i, at)
      if (staff) {
        break search
      }
    }
  }
  if (!staff) {
    throw new Error('no caseworker in the generated organisation can cover two absent colleagues')
  }
  const t = performance.now()
  // A bulk load is faster into a table without its secondary indexes; they are rebuilt as the app defines them.
  const indexes = cases > 100_000 ? await secondaryIndexes(db) : []
  for (const index of indexes) {
    await sql.raw(`drop index ${index.name}`).execute(db)
  }
  await insertBulkCases(db, { count: cases, postIds: caseworkerPosts.map((p) => p.id), seed: 2026, now: at })
  for (const index of indexes) {
    await sql.raw(index.definition).execute(db)
  }
  // Index-only counts need the visibility map; the planner needs statistics.
  await sql`vacuum analyze`.execute(db)
  const loadSeconds = (performance.now() - t) / 1000
  const scope = await caseScopeOf(db, staff, at)
  const inboxPostIds = scope.inboxPosts.map((p) => p.postId)
  const open = await countOpenCases(db, inboxPostIds)
  return {
    label,
    cases,
    db,
    staff,
    inboxPostIds,
    openCasesInInbox: open.reduce((n, c) => n + c.count, 0),
    loadSeconds,
    close: async () => {
      closing = true
      await db.destroy()
    },
  }
}

type Probe = 'inbox' | 'page' | 'counts'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string', default: '20000' },
      large: { type: 'string', default: '2000000' },
      iterations: { type: 'string', default: '400' },
      warmup: { type: 'string', default: '40' },
      rounds: { type: 'string', default: '8' },
      explain: { type: 'boolean', default: false },
    },
  })
  const small = Number(values.small)
  const large = Number(values.large)
  const iterations = Number(values.iterations)
  const warmup = Number(values.warmup)
  const rounds = Math.max(1, Number(values.rounds))
  const startedAt = new Date()
  const at = new Date(Math.floor(startedAt.getTime() / DAY) * DAY + 9 * 3_600_000)
  const out = (line: string) => process.stdout.write(`${line}\n`)
  out(
    `# ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ` +
      `${os.loadavg()[0]?.toFixed(1)}; ${small} and ${large} cases, ${warmup} warm-up + ${iterations} measured ` +
      `calls per probe and size, interleaved in ${rounds} rounds`,
  )
  const server = await startEmbeddedPostgres({ dir: BENCH_PG_DIR, port: BENCH_PG_PORT, log: () => {} })
  const prepared: Prepared[] = []
  try {
    for (const [label, cases] of [
      ['small', small],
      ['large', large],
    ] as const) {
      const p = await prepare(server.url, label, cases, at)
      prepared.push(p)
      out(
        `# ${label}: ${cases} cases loaded in ${p.loadSeconds.toFixed(1)} s; ${p.openCasesInInbox} open cases in ` +
          `the inbox's ${p.inboxPostIds.length} posts`,
      )
    }
    const [s, l] = prepared as [Prepared, Prepared]
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(s.db)
    out(
      `# PostgreSQL ${version.rows[0]?.v}; organisation: 25 teams, 300 posts; the caseworker covers two posts`,
    )

    const probes: Record<Probe, (p: Prepared) => Promise<unknown>> = {
      inbox: async (p) => {
        const page = await listInbox(p.db, p.staff, { view: 'mine' }, null, at)
        if (page.rows.length !== Math.min(25, p.openCasesInInbox)) {
          throw new Error(`inbox page of ${page.rows.length} rows`)
        }
      },
      page: (p) => listInboxPage(p.db, { postIds: p.inboxPostIds, limit: 26 }),
      counts: (p) => countOpenCases(p.db, p.inboxPostIds),
    }
    const samples = new Map<string, number[]>()
    for (const p of prepared) {
      for (const probe of Object.values(probes)) {
        for (let i = 0; i < warmup; i++) {
          await probe(p)
        }
      }
    }
    // Rounds take turns (small, large, small, …) so that whatever else the machine does hits both alike.
    const perRound = Math.ceil(iterations / rounds)
    for (let round = 0; round < rounds; round++) {
      for (const p of prepared) {
        for (const [name, probe] of Object.entries(probes)) {
          const list = samples.get(`${p.label}.${name}`) ?? []
          samples.set(`${p.label}.${name}`, list)
          for (let i = 0; i < perRound; i++) {
            const t = performance.now()
            await probe(p)
            list.push(performance.now() - t)
          }
        }
      }
    }
    const stat = (key: string) => stats(samples.get(key) ?? [])
    const resolve = await measure(warmup, iterations, () => organisationService.resolveOrganisation(s.db, at))
    const scopeCost = await measure(warmup, iterations, () => caseScopeOf(s.db, s.staff, at))

    const explains: Record<string, string> = {}
    if (values.explain) {
      for (const p of prepared) {
        const counts = sql`select a.assigned_post_id as post_id, a.status, count(*)::int as count
          from application a where a.assigned_post_id = any(${p.inboxPostIds}::uuid[]) and a.status <> 'closed'
          group by a.assigned_post_id, a.status`.compile(p.db)
        explains[`${p.label}.counts`] = await explain(p.db, counts)
        out(`# EXPLAIN (ANALYZE, BUFFERS) counts, ${p.label}:\n${explains[`${p.label}.counts`]}`)
      }
    }
    const results = {
      small: { cases: s.cases, openCasesInInbox: s.openCasesInInbox, loadSeconds: s.loadSeconds },
      large: { cases: l.cases, openCasesInInbox: l.openCasesInInbox, loadSeconds: l.loadSeconds },
      ...Object.fromEntries([...samples.keys()].map((k) => [k, stat(k)])),
    }
    const ratio = stat('large.inbox').p95 / stat('small.inbox').p95
    const lines = [
      `inbox.small.p95: ${ms(stat('small.inbox').p95)} (1.00 x baseline) — ${s.cases} cases, p50 ${ms(stat('small.inbox').p50)}`,
      `inbox.large.p95: ${ms(stat('large.inbox').p95)} (${ratio.toFixed(2)} x baseline) — ${l.cases} cases, p50 ${ms(stat('large.inbox').p50)}; target ≤ 2.00`,
      `inbox.page.p95 (LATERAL page alone): small ${ms(stat('small.page').p95)}, large ${ms(stat('large.page').p95)}`,
      `inbox.counts.p95 (counts alone): small ${ms(stat('small.counts').p95)}, large ${ms(stat('large.counts').p95)}`,
      `org.resolve: mean ${ms(resolve.mean)}, p95 ${ms(resolve.p95)} — resolveOrganisation, 300 posts`,
      `org.case-scope: mean ${ms(scopeCost.mean)}, p95 ${ms(scopeCost.p95)} — caseScopeOf for the caseworker`,
    ]
    out(lines.join('\n'))
    await writeBenchResult(
      'inbox',
      startedAt,
      { small, large, iterations, warmup, rounds, teams: 25, posts: 300 },
      {
        ...results,
        ratioP95: Number(ratio.toFixed(3)),
        resolveOrganisation: resolve,
        caseScopeOf: scopeCost,
        explains,
      },
    )
  } finally {
    for (const p of prepared) {
      await p.close()
    }
    await server.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
