// SPDX-License-Identifier: EUPL-1.2
/**
 * Does a monthly payment run for 10 000 households finish within seconds? In one run, on PostgreSQL:
 *
 * - 10 000 decided cases with a bank account in their answers and a final decision with two components
 *   (70 % from the first of this month, 20 % from last month: arrears, 10 % from the 16th of next month:
 *   prorated), written by SQL in one go; a division head post with a holder (the releaser) and a team lead;
 * - `payments.baseline`: one INSERT … SELECT of 10 000 rows of the payment item's shape into a scratch table
 *   (no triggers, no computation): the floor of writing that much data on this machine;
 * - `payments.compute`: computeRun alone (read decisions, answers, paid amounts; money rules; payees);
 * - `payments.preview`: createPreview for next month (compute + items + lines with their triggers + audit),
 *   repeated with a discard in between;
 * - `payments.release`: releaseRun once (pain.001.001.09 and CSV for all payments, stored in the run).
 *
 * Each is reported as `name: value unit (ratio x baseline)` with the median of the rounds; the file is also
 * checked (10 000 transactions, control sum). Never fails because something is slow.
 *
 *   npx tsx bench/payment-run.bench.ts [--households 10000] [--rounds 5] [--port 54340]
 *
 * Uses the embedded server of the other benches (.cache/bench-postgres) with its own database
 * `lotse_bench_payments`, dropped and created each run.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config/config.js'
import { ensureDatabase } from '../src/db/connect.js'
import { withDatabase } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { germanIban } from '../src/demo/generator.js'
import type { StaffPrincipal } from '../src/http/context.js'
import { createStaffUser } from '../src/modules/auth/index.js'
import { berlinDay, organisationService } from '../src/modules/organisation/index.js'
import { addMonths } from '../src/modules/payments/money-rules.js'
import {
  computeRun,
  createPreview,
  defaultExecutionDate,
  discardPreview,
  releaseRun,
} from '../src/modules/payments/payments.service.js'
import { writeBenchResult } from './results.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const BENCH_PG_DIR = path.join(ROOT, '.cache', 'bench-postgres')
const DATABASE = 'lotse_bench_payments'
const SYSTEM = { type: 'system', id: null } as const

type Db = Kysely<Database>

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now()
  const value = await run()
  return { ms: performance.now() - t, value }
}

async function staff(db: Db, username: string, role: StaffPrincipal['role']): Promise<StaffPrincipal> {
  const user = await createStaffUser(db, {
    username,
    displayName: `Bench ${username}`,
    password: 'bench-password-not-used',
    role,
  })
  return { id: user.id, username, displayName: `Bench ${username}`, role }
}

/** The division with its head post held by `releaser`. */
async function organisation(db: Db, releaser: StaffPrincipal): Promise<void> {
  const epoch = new Date('2020-01-01T00:00:00Z')
  const division = await organisationService.createOrgUnit(db, SYSTEM, {
    kind: 'division',
    name: 'Soziale Sicherung',
    shortCode: '2.500',
    validFrom: epoch,
  })
  const post = await organisationService.createPost(db, SYSTEM, {
    unitId: division.id,
    title: 'Bereichsleitung',
    fte: 1,
    isHeadOfUnit: true,
    validFrom: epoch,
  })
  const person = await organisationService.createPerson(db, SYSTEM, {
    displayName: releaser.displayName,
    staffUserId: releaser.id,
  })
  await organisationService.assignPostHolder(db, SYSTEM, {
    postId: post.id,
    personId: person.id,
    validFrom: epoch,
    validTo: null,
  })
}

/** `count` decided cases with an account and one final decision each, written by SQL. */
async function households(db: Db, count: number, decidedBy: string, thisMonth: string): Promise<void> {
  const ibans = Array.from({ length: count }, (_, i) => germanIban(`02300000${String(i).padStart(10, '0')}`))
  const next = addMonths(thisMonth, 1)
  const last = addMonths(thisMonth, 11)
  await sql`
    insert into application (reference, benefit_type, status, applicant_surname, applicant_given_name,
      applicant_birth_date, answers, access_code_hash, submitted_at, status_changed_at, surname_key,
      benefit_period_end)
    select 'BENCH-' || lpad(i::text, 9, '0'), 'grundsicherung', 'decided', 'Haushalt ' || i, 'Bench',
      date '1950-01-01' + (i % 20000),
      jsonb_build_object(
        'person', jsonb_build_object('givenName', 'Bench', 'surname', 'Haushalt ' || i,
          'street', 'Breite Straße ' || (1 + i % 90), 'postalCode', '23552', 'city', 'Lübeck'),
        'bankAccount', jsonb_build_object('accountHolder', 'Bench Haushalt ' || i, 'iban', (${ibans}::text[])[i])),
      decode(md5(i::text), 'hex'), now() - interval '60 days', now() - interval '20 days', 'HAUSHALT ' || i,
      (${last} || '-28')::date
    from generate_series(1, ${count}::int) as i`.execute(db)
  await sql`
    insert into decision (application_id, kind, outcome, monthly_amount_cents, components, period_from,
      period_to, legal_basis, reasons, status, decided_by, decided_at)
    select a.id, 'initial', 'granted', 56300 + k.cents,
      jsonb_build_array(
        jsonb_build_object('label', 'Regelbedarf (Regelbedarfsstufe 1)', 'cents', 56300),
        jsonb_build_object('label', 'Kosten der Unterkunft und Heizung', 'cents', k.cents)),
      case
        when n % 10 < 7 then (${thisMonth} || '-01')::date
        when n % 10 < 9 then (${addMonths(thisMonth, -1)} || '-01')::date
        else (${next} || '-16')::date
      end,
      (${last} || '-28')::date, '§§ 41 ff. SGB XII', 'Bench', 'final', ${decidedBy}::uuid,
      now() - interval '20 days'
    from (select id, row_number() over (order by reference) as n from application) a,
      lateral (select 30000 + (a.n * 37) % 40000 as cents) k`.execute(db)
  await sql`vacuum analyze`.execute(db)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '5' },
      port: { type: 'string', default: '54340' },
    },
  })
  const count = Number(values.households)
  const rounds = Math.max(1, Number(values.rounds))
  const startedAt = new Date()
  const out = (line: string) => process.stdout.write(`${line}\n`)
  out(
    `# ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ` +
      `${os.loadavg()[0]?.toFixed(1)}; ${count} households, ${rounds} rounds`,
  )
  const server = await startEmbeddedPostgres({ dir: BENCH_PG_DIR, port: Number(values.port), log: () => {} })
  let db: Db | undefined
  let closing = false
  try {
    const admin = new pg.Client({ connectionString: server.url })
    await admin.connect()
    await admin.query(`drop database if exists ${DATABASE} with (force)`)
    await admin.end()
    await ensureDatabase(server.url, DATABASE)
    const pool = new pg.Pool({ connectionString: withDatabase(server.url, DATABASE), max: 8 })
    pool.on('error', (e) => {
      if (!closing) {
        process.stderr.write(`bench: database connection error: ${e.message}\n`)
      }
    })
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    await migrateToLatest(db)
    const lead = await staff(db, 'bench-lead', 'team_lead')
    const head = await staff(db, 'bench-head', 'division_head')
    await organisation(db, head)
    const today = berlinDay(startedAt)
    const thisMonth = today.slice(0, 7)
    const target = addMonths(thisMonth, 1)
    const load = await timed(() => households(db as Db, count, lead.id, thisMonth))
    out(`# ${count} households with decisions loaded in ${(load.ms / 1000).toFixed(1)} s`)
    const debtor = loadConfig({ NODE_ENV: 'test' }).paymentDebtor

    await sql`create table bench_item (like payment_item)`.execute(db)
    const baseline: number[] = []
    const compute: number[] = []
    const preview: number[] = []
    let payments = 0
    for (let round = 0; round < rounds; round++) {
      baseline.push(
        (
          await timed(async () => {
            await sql`truncate bench_item`.execute(db as Db)
            await sql`
              insert into bench_item (id, run_id, end_to_end_id, application_id, case_reference, payee_name,
                payee_iban, payee_source, amount_cents, remittance)
              select gen_random_uuid(), gen_random_uuid(), md5(a.id::text), a.id, a.reference,
                a.answers -> 'bankAccount' ->> 'accountHolder', a.answers -> 'bankAccount' ->> 'iban',
                'application', 98350, 'Leistungen ' || a.reference
              from application a`.execute(db as Db)
          })
        ).ms,
      )
      const computed = await timed(() => computeRun(db as Db, target, new Date()))
      compute.push(computed.ms)
      payments = computed.value.payments.length
      const created = await timed(() =>
        createPreview(db as Db, lead, {
          targetMonth: target,
          executionDate: defaultExecutionDate(target, today),
        }),
      )
      preview.push(created.ms)
      if (round < rounds - 1) {
        await discardPreview(db, lead, created.value)
      } else {
        const release = await timed(() => releaseRun(db as Db, debtor, head, created.value))
        const run = await db
          .selectFrom('payment_run')
          .select(['item_count', 'total_cents', 'pain001'])
          .where('id', '=', created.value)
          .executeTakeFirstOrThrow()
        const transactions = (run.pain001?.match(/<CdtTrfTxInf>/g) ?? []).length
        const ctrl = /<CtrlSum>([0-9.]+)<\/CtrlSum>/.exec(run.pain001 ?? '')?.[1]
        const ok = transactions === run.item_count && Math.round(Number(ctrl) * 100) === run.total_cents
        const base = median(baseline)
        const lines = [
          `payments.baseline: ${base.toFixed(0)} ms (1.00 x baseline) — INSERT … SELECT of ${count} item-shaped rows`,
          `payments.compute: ${median(compute).toFixed(0)} ms (${(median(compute) / base).toFixed(2)} x baseline) — ${payments} payments computed`,
          `payments.preview: ${median(preview).toFixed(0)} ms (${(median(preview) / base).toFixed(2)} x baseline) — compute + store items, lines, audit`,
          `payments.release: ${release.ms.toFixed(0)} ms (${(release.ms / base).toFixed(2)} x baseline) — pain.001 + CSV for ${run.item_count} payments (${(run.pain001?.length ?? 0) / 1_000_000} MB XML)`,
          `payments.total: ${(median(preview) + release.ms).toFixed(0)} ms (${((median(preview) + release.ms) / base).toFixed(2)} x baseline) — preview + release; file check ${ok ? 'ok' : 'FAILED'}`,
        ]
        out(lines.join('\n'))
        await writeBenchResult(
          'payment-run',
          startedAt,
          { households: count, rounds },
          {
            baselineMs: baseline,
            computeMs: compute,
            previewMs: preview,
            releaseMs: release.ms,
            payments,
            fileCheck: ok,
          },
        )
        if (!ok) {
          process.exitCode = 1
        }
      }
    }
  } finally {
    closing = true
    await db?.destroy()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
