// SPDX-License-Identifier: EUPL-1.2
/**
 * Does the committee report scale from Lübeck to Hamburg? In one run, on PostgreSQL, two databases:
 *
 * - `small` (Lübeck size): 25 teams and 300 posts (`generateOrganisation`), 14 000 cases (bulk-cases.ts mix:
 *   about 9 000 of them livelihood benefits), and a year of events written by set-based SQL: a final decision
 *   for every decided, objection and closed case (granted with a benefit period, some refused), the status
 *   changes to `decided`, objection decisions, one assignment per case and three audited staff events
 *   (touches) per case of the last year;
 * - `large` (Hamburg size): ten times that — 250 teams, 3 000 posts, 140 000 cases.
 *
 * For each it measures (median of `--iterations` runs):
 * - `snapshot`: building one month's snapshot (`takeSnapshot`: load the facts, compute every key figure,
 *   store it, audit it) for the last complete month;
 * - `report`: rendering the full report of that month from its twelve monthly snapshots (report model with
 *   disclosure control + PDF with every chart);
 * - `orgreview`: the organisational-review export of the twelve months (bonus, not a target);
 * and prints the large/small ratios (target: each ≤ 10) and the peak memory (max RSS of the process and the
 * highest heap seen while each size ran).
 *
 *   npx tsx bench/report-scale.bench.ts [--small 14000] [--scale 10] [--iterations 3] [--port 54340]
 *
 * Uses the embedded server of the other benches (.cache/bench-postgres, default port 54340) with its own
 * databases `lotse_bench_report_small` and `_large`, dropped and created each run. Writes
 * bench/results/report-scale-<timestamp>.json; never fails because something is slow.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { ensureDatabase } from '../src/db/connect.js'
import { withDatabase } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { insertBulkCases } from '../src/demo/bulk-cases.js'
import { generateOrganisation } from '../src/demo/organisation-demo.js'
import { createStaffUser } from '../src/modules/auth/index.js'
import { importOrganisationCsv } from '../src/modules/organisation/index.js'
import { addMonths } from '../src/modules/reports/key-figures.js'
import { buildExport } from '../src/modules/reports/org-review.service.js'
import * as reportsService from '../src/modules/reports/reports.service.js'
import { takeSnapshot } from '../src/modules/reports/snapshots.service.js'
import { todayIso } from '../src/shared/dates.js'
import { writeBenchResult } from './results.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const BENCH_PG_DIR = path.join(ROOT, '.cache', 'bench-postgres')
const NORM = { min: 150, max: 180 }

type Db = Kysely<Database>

/** Highest heap and RSS seen while `run` runs (sampled every 20 ms), and its result. */
async function withPeakMemory<T>(
  run: () => Promise<T>,
): Promise<{ value: T; heapMb: number; rssMb: number }> {
  let heap = process.memoryUsage().heapUsed
  let rss = process.memoryUsage().rss
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    heap = Math.max(heap, m.heapUsed)
    rss = Math.max(rss, m.rss)
  }, 20)
  try {
    const value = await run()
    const m = process.memoryUsage()
    return {
      value,
      heapMb: Math.max(heap, m.heapUsed) / 2 ** 20,
      rssMb: Math.max(rss, m.rss) / 2 ** 20,
    }
  } finally {
    clearInterval(timer)
  }
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

async function timed(iterations: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t = performance.now()
    await run(i)
    samples.push(performance.now() - t)
  }
  return samples
}

/**
 * A year of events for the bulk cases, set-based: decisions, status changes, objection decisions, one
 * assignment per case, touches (audited staff events) for the cases of the last year.
 */
async function addEvents(db: Db, deciderId: string, at: Date): Promise<void> {
  const now = at.toISOString()
  await sql`select setseed(0.25)`.execute(db)
  await sql`
    insert into decision (application_id, kind, outcome, monthly_amount_cents, period_from, period_to,
      legal_basis, reasons, status, decided_by, decided_at)
    select a.id, 'initial', o.outcome, case when o.outcome = 'refused' then 0 else 45000 end,
      case when o.outcome = 'refused' then null else (a.decided_at)::date end,
      case when o.outcome = 'refused' then null else (a.decided_at + interval '12 months')::date end,
      '§§ 41 ff. SGB XII', 'Benchmark', 'final', ${deciderId}::uuid, a.decided_at
    from (
      select id, least(submitted_at + interval '5 days' + random() * interval '80 days',
        ${now}::timestamptz - interval '1 day') as decided_at, random() as r
      from application where status in ('decided', 'objection', 'closed')
    ) a
    cross join lateral (select case when a.r < 0.8 then 'granted' when a.r < 0.9 then 'partly_granted'
      else 'refused' end as outcome) o`.execute(db)
  await sql`
    insert into application_status_change (application_id, from_status, to_status, changed_at)
    select d.application_id, 'submitted', 'decided', d.decided_at from decision d where d.kind = 'initial'`.execute(
    db,
  )
  await sql`
    insert into application_status_change (application_id, from_status, to_status, changed_at)
    select a.id, 'decided', 'closed', greatest(d.decided_at + interval '1 day',
      least(coalesce(d.period_to::timestamptz, d.decided_at + interval '30 days'), ${now}::timestamptz - interval '1 hour'))
    from application a join decision d on d.application_id = a.id and d.kind = 'initial'
    where a.status = 'closed'`.execute(db)
  await sql`
    insert into application_status_change (application_id, from_status, to_status, changed_at)
    select id, 'decided', 'objection', objection_received_at from application
    where objection_received_at is not null`.execute(db)
  // Half of the objections are decided already (within 40 days, not after now).
  await sql`
    insert into decision (application_id, kind, outcome, monthly_amount_cents, legal_basis, reasons, status,
      decided_by, decided_at)
    select id, 'objection', 'refused', 0, '§ 85 SGG', 'Benchmark', 'final', ${deciderId}::uuid,
      least(objection_received_at + random() * interval '40 days', ${now}::timestamptz - interval '1 hour')
    from application where objection_received_at is not null and random() < 0.5`.execute(db)
  await sql`
    insert into case_assignment (application_id, post_id, reason, assigned_at)
    select id, assigned_post_id, 'routing', submitted_at from application`.execute(db)
  await sql`
    insert into audit_event (occurred_at, actor_type, actor_id, action, subject_type, subject_id, details, outcome)
    select greatest(a.submitted_at, ${now}::timestamptz - interval '365 days')
        + random() * (${now}::timestamptz - greatest(a.submitted_at, ${now}::timestamptz - interval '365 days')),
      'staff', ${deciderId}::uuid, 'case.note_add', 'application', a.id::text, '{}', 'success'
    from application a cross join generate_series(1, 3)
    where a.submitted_at > ${now}::timestamptz - interval '365 days'
      or a.status not in ('closed')`.execute(db)
  await sql`vacuum analyze`.execute(db)
}

/**
 * The generator numbers teams after their department (`2.500.1` + `1`), which collides with the codes of
 * departments from the eleventh on; at Hamburg size every team gets a code of its own (`2.500.1001`, …).
 */
function uniqueTeamCodes(csv: string): string {
  const [header, ...rows] = csv.split('\r\n')
  const columns = (header ?? '').replace(/^\ufeff/, '').split(';')
  const art = columns.indexOf('art')
  const code = columns.indexOf('kuerzel')
  let n = 1000
  const out = rows.map((row) => {
    const cells = row.split(';')
    if (cells[0] === 'einheit' && cells[art] === 'Team') {
      n += 1
      cells[code] = `2.500.${n}`
    }
    return cells.join(';')
  })
  return [header, ...out].join('\r\n')
}

interface Prepared {
  label: 'small' | 'large'
  cases: number
  posts: number
  db: Db
  actor: { id: string; username: string; displayName: string; role: 'division_head' }
  loadSeconds: number
  close: () => Promise<void>
}

async function prepare(
  serverUrl: string,
  label: Prepared['label'],
  scale: number,
  cases: number,
  at: Date,
): Promise<Prepared> {
  const name = `lotse_bench_report_${label}`
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
  const t = performance.now()
  const posts = 300 * scale
  const org = generateOrganisation({ teams: 25 * scale, posts, seed: 2500, now: at })
  const imported = await importOrganisationCsv(db, { type: 'system', id: null }, uniqueTeamCodes(org.csv))
  if (!imported.ok) {
    throw new Error(`organisation rejected: ${imported.errors.map((e) => e.message).join(' | ')}`)
  }
  const staff = await createStaffUser(db, {
    username: `bench-report-${label}`,
    displayName: 'Bench Bereichsleitung',
    password: 'bench-password-not-used',
    role: 'division_head',
  })
  const caseworkerPosts = org.posts.filter((p) => !p.isHeadOfUnit && p.title.startsWith('Sachbearbeitung'))
  await insertBulkCases(db, { count: cases, postIds: caseworkerPosts.map((p) => p.id), seed: 2026, now: at })
  await addEvents(db, staff.id, at)
  return {
    label,
    cases,
    posts,
    db,
    actor: { id: staff.id, username: staff.username, displayName: staff.displayName, role: 'division_head' },
    loadSeconds: (performance.now() - t) / 1000,
    close: async () => {
      closing = true
      await db.destroy()
    },
  }
}

interface Measured {
  snapshotMs: number[]
  reportMs: number[]
  orgReviewMs: number[]
  pdfBytes: number
  heapMb: number
  rssMb: number
  livelihoodCases: number
}

async function measure(p: Prepared, month: string, iterations: number, at: Date): Promise<Measured> {
  const { value, heapMb, rssMb } = await withPeakMemory(async () => {
    const actor = { type: 'staff' as const, id: p.actor.id }
    // The twelve months of the report: the first snapshot of each (not measured), then the draft.
    const draft = await reportsService.createDraft(p.db, p.actor, month, NORM, at)
    const snapshotMs = await timed(iterations, () =>
      takeSnapshot(p.db, actor, { month, note: 'Benchmark: erneuter Monatsstand', norm: NORM }, at),
    )
    let pdfBytes = 0
    const reportMs = await timed(iterations, async () => {
      await reportsService.loadReport(p.db, draft.id)
      const { pdf } = await reportsService.reportPdf(p.db, draft.id)
      pdfBytes = pdf.length
    })
    const orgReviewMs = await timed(iterations, () =>
      buildExport(p.db, addMonths(month, -11), month, NORM, at),
    )
    return { snapshotMs, reportMs, orgReviewMs, pdfBytes }
  })
  const livelihood = await p.db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('benefit_type', 'in', ['grusi', 'hlu', 'asylblg'])
    .executeTakeFirstOrThrow()
  return { ...value, heapMb, rssMb, livelihoodCases: Number(livelihood.n) }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string', default: '14000' },
      scale: { type: 'string', default: '10' },
      iterations: { type: 'string', default: '3' },
      port: { type: 'string', default: '54340' },
    },
  })
  const small = Number(values.small)
  const scale = Number(values.scale)
  const iterations = Math.max(1, Number(values.iterations))
  const startedAt = new Date()
  const at = startedAt
  const month = addMonths(todayIso(at).slice(0, 7), -1)
  const out = (line: string) => process.stdout.write(`${line}\n`)
  out(
    `# ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ` +
      `${os.loadavg()[0]?.toFixed(1)}; small ${small} cases / 300 posts, large ×${scale}; report month ${month}; ` +
      `median of ${iterations} runs`,
  )
  const server = await startEmbeddedPostgres({ dir: BENCH_PG_DIR, port: Number(values.port), log: () => {} })
  const results: Record<string, Measured & { cases: number; posts: number; loadSeconds: number }> = {}
  try {
    for (const [label, factor] of [
      ['small', 1],
      ['large', scale],
    ] as const) {
      const p = await prepare(server.url, label, factor, small * factor, at)
      try {
        out(
          `# ${label}: ${p.cases} cases, ${p.posts} posts and a year of events loaded in ${p.loadSeconds.toFixed(1)} s`,
        )
        results[label] = {
          ...(await measure(p, month, iterations, at)),
          cases: p.cases,
          posts: p.posts,
          loadSeconds: p.loadSeconds,
        }
      } finally {
        await p.close()
      }
    }
    const s = results.small as Measured
    const l = results.large as Measured
    const ratio = (pick: (m: Measured) => number[]) => median(pick(l)) / median(pick(s))
    const ms = (x: number) => `${x.toFixed(0)} ms`
    const maxRssMb = process.resourceUsage().maxRSS / 1024
    const lines = [
      `report.snapshot.small: ${ms(median(s.snapshotMs))} (1.00 x baseline) — ${s.livelihoodCases} livelihood cases`,
      `report.snapshot.large: ${ms(median(l.snapshotMs))} (${ratio((m) => m.snapshotMs).toFixed(2)} x baseline) — ${l.livelihoodCases} livelihood cases; target ≤ 10`,
      `report.render.small: ${ms(median(s.reportMs))} (1.00 x baseline) — model + PDF of ${(s.pdfBytes / 1024).toFixed(0)} kB`,
      `report.render.large: ${ms(median(l.reportMs))} (${ratio((m) => m.reportMs).toFixed(2)} x baseline); target ≤ 10`,
      `report.orgreview.small: ${ms(median(s.orgReviewMs))}; large: ${ms(median(l.orgReviewMs))} (${ratio((m) => m.orgReviewMs).toFixed(2)} x) — 12 months`,
      `report.memory: heap peak small ${s.heapMb.toFixed(0)} MB, large ${l.heapMb.toFixed(0)} MB; RSS peak small ${s.rssMb.toFixed(0)} MB, large ${l.rssMb.toFixed(0)} MB; process max RSS ${maxRssMb.toFixed(0)} MB`,
    ]
    out(lines.join('\n'))
    await writeBenchResult(
      'report-scale',
      startedAt,
      { small, scale, iterations, month },
      {
        ...results,
        ratios: {
          snapshot: ratio((m) => m.snapshotMs),
          render: ratio((m) => m.reportMs),
          orgReview: ratio((m) => m.orgReviewMs),
        },
        maxRssMb,
      },
    )
  } finally {
    await server.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
