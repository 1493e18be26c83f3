// SPDX-License-Identifier: EUPL-1.2
/**
 * Fills the database with synthetic demo applications, e.g. two million for a load test:
 *
 *   npm run demo:generate -- --cases 2000000 [--seed 2026] [--batch-size 2000]
 *     [--teams 25 --posts 300] [--mix office|intake]
 *
 * With --teams/--posts, a Lübeck-like organisation of that size (generateOrganisation: vacancies, absences,
 * deputy chains, the interim plan) is imported first through the CSV import — unless the database already
 * has units — and the cases are spread over its caseworker posts; without, they go to the fallback queue.
 * --mix office (default) gives cases as an office has them: benefit types and statuses mixed, with benefit
 * periods and objections, so that priority classes and deadlines vary; --mix intake gives only fresh
 * Grundsicherung applications (submitted / in review).
 *
 * Uses the same configuration as the app: the embedded PostgreSQL under DATA_DIR by default, the server in
 * DATABASE_URL when set. Migrates first. Applications are added to whatever is there; the reference
 * numbers continue the sequence.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config/config.js'
import { connectDatabaseServer, type DatabaseServer } from '../src/db/connect.js'
import type { Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrator.js'
import type { Database } from '../src/db/schema.js'
import { generateDemoApplications } from '../src/demo/generator.js'
import { generateOrganisation } from '../src/demo/organisation-demo.js'
import { importOrganisationCsv } from '../src/modules/organisation/index.js'
import { resolveDocumentKeyring } from '../src/shared/document-keys.js'
import { createLocalFileStore } from '../src/shared/file-store.js'

const USAGE =
  'usage: npm run demo:generate -- --cases N [--seed S] [--batch-size B] [--teams T --posts P] [--mix office|intake]'

function positiveInt(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) {
    return fallback
  }
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < (name === 'seed' ? 0 : 1)) {
    throw new Error(`--${name} must be a whole number${name === 'seed' ? '' : ' above 0'}\n${USAGE}`)
  }
  return n
}

function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/**
 * Imports a generated organisation of the asked size when the database has no units yet, and returns the
 * caseworker posts (not heads of units) in force now, over which the cases are spread.
 */
async function organisationPosts(
  db: Db,
  size: { teams: number; posts: number },
  seed: number,
  now: Date,
): Promise<string[]> {
  const hasUnits = await db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst()
  if (!hasUnits) {
    const generated = generateOrganisation({ ...size, seed, now })
    const result = await importOrganisationCsv(db, { type: 'system', id: null }, generated.csv)
    if (!result.ok) {
      throw new Error(`organisation rejected: ${result.errors.map((e) => e.message).join(' | ')}`)
    }
    const vacant = generated.posts.filter((p) => !p.filled).length
    process.stdout.write(
      `organisation: ${generated.teamIds.length} teams, ${generated.posts.length} posts (${vacant} vacant) imported\n`,
    )
  } else {
    process.stdout.write('organisation: the database has one already; cases go to its caseworker posts\n')
  }
  const posts = await db
    .selectFrom('post')
    .innerJoin('org_unit as u', 'u.id', 'post.unit_id')
    .select('post.id')
    .where('u.kind', '=', 'team')
    .where('post.is_head_of_unit', '=', false)
    .where('post.valid_from', '<=', now)
    .where((eb) => eb.or([eb('post.valid_to', 'is', null), eb('post.valid_to', '>', now)]))
    .orderBy('post.id')
    .execute()
  if (posts.length === 0) {
    throw new Error('the organisation has no caseworker posts to assign cases to')
  }
  return posts.map((p) => p.id)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      teams: { type: 'string' },
      posts: { type: 'string' },
      mix: { type: 'string', default: 'office' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const cases = positiveInt('cases', values.cases)
  const seed = positiveInt('seed', values.seed, 2026)
  const batchSize = positiveInt('batch-size', values['batch-size'], 2000)
  const mix = values.mix
  if (mix !== 'office' && mix !== 'intake') {
    throw new Error(`--mix must be office or intake\n${USAGE}`)
  }
  const organisation =
    values.teams !== undefined || values.posts !== undefined
      ? { teams: positiveInt('teams', values.teams, 25), posts: positiveInt('posts', values.posts, 300) }
      : undefined

  const config = loadConfig()
  let server: DatabaseServer | undefined
  let db: Db | undefined
  let closing = false
  try {
    server = await connectDatabaseServer(config, () => {})
    // Our own pool rather than openDb(): pg reports errors of idle connections on the pool, and pool.end()
    // resolves before the sockets are closed, so stopping the embedded server right after it can hit a
    // closing connection. Without a listener that error would crash the process at the very end.
    const pool = new pg.Pool({
      connectionString: server.url,
      max: 2,
      application_name: 'lotse-demo-generate',
    })
    pool.on('error', (error) => {
      if (!closing) {
        process.stderr.write(`database connection lost: ${error.message}\n`)
      }
    })
    // Two connections: one writes a batch while the other reserves the next batch's reference numbers.
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    await migrateToLatest(db)
    const fileStore = createLocalFileStore(
      path.join(config.dataDir, 'files'),
      await resolveDocumentKeyring(config),
    )
    const where = config.databaseUrl
      ? 'DATABASE_URL'
      : `embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`
    process.stdout.write(`generating ${formatNumber(cases)} applications (seed ${seed}) into ${where}\n`)

    const now = new Date()
    const postIds = organisation ? await organisationPosts(db, organisation, seed, now) : undefined
    const started = performance.now()
    let lastReport = started
    const { count } = await generateDemoApplications(db, fileStore, {
      count: cases,
      seed,
      batchSize,
      now,
      mix,
      ...(postIds ? { postIds } : {}),
      onProgress: (done) => {
        const now = performance.now()
        // One line every few seconds is enough to see it move without flooding a CI log.
        if (now - lastReport >= 5000 || done === cases) {
          lastReport = now
          const rate = done / ((now - started) / 1000)
          const pct = ((done / cases) * 100).toFixed(1)
          process.stdout.write(
            `  ${formatNumber(done)} / ${formatNumber(cases)} (${pct} %), ${formatNumber(rate)} applications/s\n`,
          )
        }
      },
    })
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(
      `done: ${formatNumber(count)} applications in ${seconds.toFixed(1)} s = ${formatNumber(count / seconds)} applications/s\n`,
    )
  } finally {
    closing = true
    await db?.destroy()
    await server?.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
