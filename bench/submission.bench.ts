// SPDX-License-Identifier: EUPL-1.2
/**
 * What does durability cost? Measures, in one run and with the same load client:
 *
 * - `submission.baseline`: a bare Hono POST handler that parses the urlencoded form body and answers with
 *   a small JSON document — the ceiling of HTTP + body parsing on this machine;
 * - `submission.embedded`: the full durable submission against the embedded PostgreSQL — parse, validate
 *   every step with the form engine, then `insertApplication` in one transaction (reference number,
 *   application row, status change, audit event), commit, receipt as JSON;
 * - `submission.external`: the same against the server in DATABASE_URL, when it is set.
 *
 * All are served over real HTTP on loopback by @hono/node-server. The load client runs in a child process
 * (so that it does not share the server's event loop) with N keep-alive connections, each sending the next
 * request as soon as the previous answer is in. After a warm-up per target, the measured time of each
 * target is cut into rounds that take turns (baseline, embedded, external, baseline, …), so that whatever
 * else the machine is doing meanwhile hits every target alike and the ratio stays comparable.
 *
 * Prints `name: value unit (ratio x baseline)` lines, writes bench/results/submission-<timestamp>.json and
 * checks that every acknowledged (2xx) submission is stored. Slowness never fails the run; only a broken
 * one (errors, lost submissions) exits non-zero.
 *
 *   npm run bench [-- --connections 16 --pool 10 --warmup 2 --duration 8 --rounds 4]
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config/config.js'
import { ensureDatabase } from '../src/db/connect.js'
import { withDatabase } from '../src/db/database.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { buildDemoApplications } from '../src/demo/generator.js'
import { stepValues } from '../src/modules/applications/form/form.engine.js'
import type { FormAnswers } from '../src/modules/applications/form/form.types.js'
import { applicationsService, grundsicherungForm, readStep } from '../src/modules/applications/index.js'
import { writeBenchResult } from './results.js'

const ROOT = path.resolve(import.meta.dirname, '..')
/** Own directory and port, so that the benchmark never touches the app's or the tests' database server. */
const BENCH_PG_DIR = path.join(ROOT, '.cache', 'bench-postgres')
const BENCH_PG_PORT = 54340
const BENCH_DATABASE = 'lotse_bench'
/** Distinct request bodies the client cycles through (synthetic people from the demo generator). */
const BODY_COUNT = 256

// ---------------------------------------------------------------------------------------------------------
// Load client (runs in a child process)

interface LoadJob {
  url: string
  bodies: string[]
  connections: number
  /** Load that is not measured (2xx answers still count as acknowledged). */
  warmupMs: number
  durationMs: number
}

/** What one load job saw. */
interface LoadSlice {
  /** Latencies of the responses that arrived inside the measured window. */
  latencies: number[]
  seconds: number
  /** 2xx answers, warm-up included: each one is a submission that must be stored. */
  acknowledged: number
  non2xx: number
  errors: number
  firstError: string | null
}

function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Closed-loop load: each connection sends its next request when the previous answer has arrived. */
async function runLoad(job: LoadJob): Promise<LoadSlice> {
  const url = new URL(job.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections })
  const measureFrom = performance.now() + job.warmupMs
  const measureTo = measureFrom + job.durationMs
  const slice: LoadSlice = {
    latencies: [],
    seconds: job.durationMs / 1000,
    acknowledged: 0,
    non2xx: 0,
    errors: 0,
    firstError: null,
  }
  let next = 0
  const loop = async () => {
    while (performance.now() < measureTo) {
      const body = job.bodies[next++ % job.bodies.length] ?? ''
      const sent = performance.now()
      try {
        const status = await post(agent, url, body)
        if (status >= 200 && status < 300) {
          slice.acknowledged++
        } else {
          slice.non2xx++
          slice.firstError ??= `HTTP ${status}`
        }
      } catch (error) {
        slice.errors++
        slice.firstError ??= error instanceof Error ? error.message : String(error)
      }
      const done = performance.now()
      // Throughput counts answers that arrive inside the window, whenever their request was sent.
      if (done >= measureFrom && done <= measureTo) {
        slice.latencies.push(done - sent)
      }
    }
  }
  await Promise.all(Array.from({ length: job.connections }, loop))
  agent.destroy()
  return slice
}

/**
 * The load client in a child process (the tsx loader is inherited through execArgv), so that client and
 * server do not share one event loop. One child serves all jobs of a run, one job at a time.
 */
class LoadClient {
  private readonly child: ChildProcess
  private waiting: { resolve: (slice: LoadSlice) => void; reject: (error: Error) => void } | undefined

  constructor() {
    this.child = fork(fileURLToPath(import.meta.url), ['--load-client'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (message) => {
      this.waiting?.resolve(message as LoadSlice)
      this.waiting = undefined
    })
    this.child.on('exit', (code) => {
      this.waiting?.reject(new Error(`load client exited with ${code}`))
      this.waiting = undefined
    })
  }

  run(job: LoadJob): Promise<LoadSlice> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
      this.child.send(job)
    })
  }

  stop(): void {
    this.child.disconnect()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Servers under test

/** Form fields as the citizen's browser would send them, flattened as `<stepId>:<field>`. */
function encodeBody(answers: FormAnswers): string {
  const params = new URLSearchParams()
  for (const step of grundsicherungForm.steps) {
    for (const [field, value] of Object.entries(stepValues(step, answers[step.id]).values)) {
      if (value !== undefined) {
        params.append(`${step.id}:${field}`, value)
      }
    }
  }
  return params.toString()
}

function splitSteps(body: Record<string, string | File>): Record<string, Record<string, string>> {
  const byStep: Record<string, Record<string, string>> = {}
  for (const [key, value] of Object.entries(body)) {
    const colon = key.indexOf(':')
    if (colon <= 0 || typeof value !== 'string') {
      continue
    }
    const stepId = key.slice(0, colon)
    byStep[stepId] ??= {}
    byStep[stepId][key.slice(colon + 1)] = value
  }
  return byStep
}

function baselineApp(): Hono {
  const app = new Hono()
  app.post('/echo', async (c) => {
    const body = await c.req.parseBody()
    return c.json({ ok: true, fields: Object.keys(body).length })
  })
  return app
}

function submissionApp(db: Kysely<Database>): Hono {
  const app = new Hono()
  app.post('/applications', async (c) => {
    const input = splitSteps(await c.req.parseBody())
    const answers: FormAnswers = {}
    const errors: Record<string, Record<string, string | undefined>> = {}
    for (const step of grundsicherungForm.steps) {
      const result = readStep(step, input[step.id] ?? {})
      if (Object.keys(result.errors).length > 0) {
        errors[step.id] = result.errors
      }
      answers[step.id] = result.answers
    }
    if (Object.keys(errors).length > 0) {
      return c.json({ errors }, 422)
    }
    // One atomic statement (application, first status, audit row); committed when it returns.
    const receipt = await applicationsService.insertApplication(db, grundsicherungForm, answers, randomUUID())
    // Only after the commit: durable before acknowledged.
    return c.json(
      { reference: receipt.reference, accessCode: receipt.accessCode, submittedAt: receipt.submittedAt },
      201,
    )
  })
  return app
}

async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}

/**
 * A Kysely over its own pool. pg reports errors of idle connections on the pool, and pool.end() returns
 * before the sockets are closed: a listener keeps a server shutting down right afterwards from crashing us.
 */
function openBenchDb(url: string, max: number): { db: Kysely<Database>; close: () => Promise<void> } {
  let closing = false
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'lotse-bench' })
  pool.on('error', (error) => {
    if (!closing) {
      process.stderr.write(`bench: database connection error: ${error.message}\n`)
    }
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    close: async () => {
      closing = true
      await db.destroy()
    },
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Targets, rounds and reporting

interface Settings {
  connections: number
  /** Database connections of the server under test; 10 is what the app's openDb() uses. */
  pool: number
  warmupMs: number
  durationMs: number
  rounds: number
}

/** A server under test and what the load client measured on it so far. */
interface Target {
  name: string
  url: string
  /** For submission targets: counts the stored applications. */
  countStored?: () => Promise<number>
  postgres?: { version: string; fsync: string; synchronousCommit: string }
  slices: LoadSlice[]
}

interface Summary {
  name: string
  rps: number
  latencyMs: { p50: number; p99: number; mean: number; max: number }
  measured: number
  acknowledged: number
  non2xx: number
  errors: number
  firstError: string | null
  stored?: number
  consistent?: boolean
  postgres?: Target['postgres']
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function summarise(target: Target): Promise<Summary> {
  const latencies = target.slices.flatMap((s) => s.latencies).sort((a, b) => a - b)
  const seconds = target.slices.reduce((sum, s) => sum + s.seconds, 0)
  const acknowledged = target.slices.reduce((sum, s) => sum + s.acknowledged, 0)
  const stored = await target.countStored?.()
  return {
    name: target.name,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      mean: latencies.length > 0 ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
      max: latencies.at(-1) ?? 0,
    },
    measured: latencies.length,
    acknowledged,
    non2xx: target.slices.reduce((sum, s) => sum + s.non2xx, 0),
    errors: target.slices.reduce((sum, s) => sum + s.errors, 0),
    firstError: target.slices.find((s) => s.firstError)?.firstError ?? null,
    stored,
    consistent: stored === undefined ? undefined : stored === acknowledged,
    postgres: target.postgres,
  }
}

const ratio = (value: number, base: number) => (base > 0 ? value / base : 0)

function printSummary(result: Summary, baseline: Summary): void {
  const { name } = result
  const out = (line: string) => process.stdout.write(`${line}\n`)
  if (result.postgres) {
    const p = result.postgres
    out(`# ${name}: PostgreSQL ${p.version}, fsync=${p.fsync}, synchronous_commit=${p.synchronousCommit}`)
  }
  out(`${name}: ${result.rps.toFixed(0)} req/s (${ratio(result.rps, baseline.rps).toFixed(2)} x baseline)`)
  for (const p of ['p50', 'p99'] as const) {
    const value = result.latencyMs[p]
    out(`${name}.${p}: ${value.toFixed(2)} ms (${ratio(value, baseline.latencyMs[p]).toFixed(2)} x baseline)`)
  }
  if (result.non2xx > 0 || result.errors > 0) {
    out(`${name}.failed: ${result.non2xx + result.errors} requests (first: ${result.firstError})`)
  }
  if (result.stored !== undefined) {
    const verdict = result.consistent ? 'ok' : 'MISMATCH'
    out(
      `${name}.stored: ${result.stored} rows for ${result.acknowledged} acknowledged submissions (${verdict})`,
    )
  }
}

// ---------------------------------------------------------------------------------------------------------
// Main

/** Migrates a fresh database and serves the submission app on it; returns the target and its clean-up. */
async function submissionTarget(
  name: string,
  databaseUrl: string,
  settings: Settings,
): Promise<{ target: Target; close: () => Promise<void> }> {
  const { db, close } = openBenchDb(databaseUrl, settings.pool)
  await migrateToLatest(db)
  const server = await listen(submissionApp(db))
  const info = await sql<{ version: string; fsync: string; synchronous_commit: string }>`
    select current_setting('server_version') as version, current_setting('fsync') as fsync,
      current_setting('synchronous_commit') as synchronous_commit`.execute(db)
  const row = info.rows[0]
  return {
    target: {
      name,
      url: `${server.url}/applications`,
      postgres: row
        ? { version: row.version, fsync: row.fsync, synchronousCommit: row.synchronous_commit }
        : undefined,
      countStored: async () => {
        const { n } = await db
          .selectFrom('application')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        return Number(n)
      },
      slices: [],
    },
    close: async () => {
      await server.close()
      await close()
    },
  }
}

function positive(name: string, value: string | undefined): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`--${name} must be a positive number`)
  }
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '16' },
      pool: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '4' },
    },
  })
  const settings: Settings = {
    connections: Math.round(positive('connections', values.connections)),
    pool: Math.round(positive('pool', values.pool)),
    warmupMs: positive('warmup', values.warmup) * 1000,
    durationMs: positive('duration', values.duration) * 1000,
    rounds: Math.round(positive('rounds', values.rounds)),
  }
  const config = loadConfig()
  const startedAt = new Date()
  const bodies = [...buildDemoApplications({ seed: 1, count: BODY_COUNT, now: new Date() })].map((a) =>
    encodeBody(a.answers),
  )
  // The bodies must pass validation, or the benchmark would measure 422s.
  const sample = splitSteps(Object.fromEntries(new URLSearchParams(bodies[0])))
  for (const step of grundsicherungForm.steps) {
    const { errors } = readStep(step, sample[step.id] ?? {})
    if (Object.keys(errors).length > 0) {
      throw new Error(`bench body invalid in step ${step.id}: ${JSON.stringify(errors)}`)
    }
  }
  process.stdout.write(
    `# ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ` +
      `${settings.connections} connections, server pool ${settings.pool}, ${settings.warmupMs / 1000} s warm-up + ` +
      `${settings.durationMs / 1000} s in ${settings.rounds} rounds per target\n`,
  )

  const cleanups: Array<() => Promise<void>> = []
  const targets: Target[] = []
  const client = new LoadClient()
  let summaries: Summary[] = []
  try {
    const baselineServer = await listen(baselineApp())
    cleanups.push(baselineServer.close)
    targets.push({ name: 'submission.baseline', url: `${baselineServer.url}/echo`, slices: [] })

    const embedded = await startEmbeddedPostgres({ dir: BENCH_PG_DIR, port: BENCH_PG_PORT, log: () => {} })
    cleanups.push(embedded.stop)
    await adminQuery(embedded.url, `drop database if exists ${BENCH_DATABASE} with (force)`)
    await ensureDatabase(embedded.url, BENCH_DATABASE)
    const local = await submissionTarget(
      'submission.embedded',
      withDatabase(embedded.url, BENCH_DATABASE),
      settings,
    )
    cleanups.push(local.close)
    targets.push(local.target)

    const externalUrl = config.databaseUrl
    if (externalUrl) {
      // A throwaway database on that server; never the one the URL names, which may hold real data.
      const name = `lotse_bench_${randomBytes(4).toString('hex')}`
      await adminQuery(externalUrl, `create database ${name}`)
      cleanups.push(() => adminQuery(externalUrl, `drop database if exists ${name} with (force)`))
      const external = await submissionTarget(
        'submission.external',
        withDatabase(externalUrl, name),
        settings,
      )
      cleanups.push(external.close)
      targets.push(external.target)
    }

    const job = (target: Target, warmupMs: number, durationMs: number): LoadJob => ({
      url: target.url,
      bodies,
      connections: settings.connections,
      warmupMs,
      durationMs,
    })
    for (const target of targets) {
      const warmup = await client.run(job(target, settings.warmupMs, 0))
      // Warm-up answers are not measured, but an acknowledged submission must be stored all the same.
      target.slices.push({ ...warmup, latencies: [], seconds: 0 })
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const target of targets) {
        target.slices.push(await client.run(job(target, 0, settings.durationMs / settings.rounds)))
      }
    }
    summaries = await Promise.all(targets.map(summarise))
  } finally {
    client.stop()
    for (const cleanup of cleanups.reverse()) {
      await cleanup()
    }
  }

  const [baseline] = summaries
  if (!baseline) {
    throw new Error('no baseline measured')
  }
  for (const summary of summaries) {
    printSummary(summary, baseline)
  }

  await writeBenchResult(
    'submission',
    startedAt,
    {
      connections: settings.connections,
      pool: settings.pool,
      warmupSeconds: settings.warmupMs / 1000,
      durationSeconds: settings.durationMs / 1000,
      rounds: settings.rounds,
    },
    summaries.map((r) => ({
      name: r.name,
      requestsPerSecond: Math.round(r.rps),
      ratioToBaseline: Number(ratio(r.rps, baseline.rps).toFixed(3)),
      latencyMs: Object.fromEntries(Object.entries(r.latencyMs).map(([k, v]) => [k, Number(v.toFixed(3))])),
      measuredRequests: r.measured,
      acknowledged: r.acknowledged,
      non2xx: r.non2xx,
      errors: r.errors,
      storedRows: r.stored,
      consistent: r.consistent,
      postgres: r.postgres,
    })),
  )

  const broken = summaries.filter((r) => r.errors > 0 || r.non2xx > 0 || r.consistent === false)
  if (broken.length > 0) {
    process.stderr.write(`bench: broken, not slow: ${broken.map((r) => r.name).join(', ')}\n`)
    process.exitCode = 1
  }
}

if (process.argv.includes('--load-client')) {
  process.on('message', (job) => {
    runLoad(job as LoadJob).then(
      (slice) => process.send?.(slice),
      (error: unknown) => {
        process.stderr.write(`load client: ${String(error)}\n`)
        process.exit(1)
      },
    )
  })
} else {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 1
  })
}
