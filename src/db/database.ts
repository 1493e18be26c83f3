// SPDX-License-Identifier: EUPL-1.2
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

// `date` columns are calendar dates; turning them into JS Dates would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)
// Counts and ids from bigint columns stay far below 2^53 here.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10))

export type Db = Kysely<Database>

const pools = new WeakMap<Db, pg.Pool>()

/**
 * Opens a Kysely instance over a pg pool.
 * @param url PostgreSQL connection URL
 * @param max pool size
 * @param onIdleError told when an idle connection breaks (the pool then opens a new one)
 */
export function openDb(url: string, max = 10, onIdleError: (error: Error) => void = () => {}): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'lotse' })
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', onIdleError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
  return db
}

/**
 * The pg pool under a Db from {@link openDb}, for what Kysely cannot express (the audit verifier's COPY).
 * @throws Error for a Db made elsewhere
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db)
  if (!pool) {
    throw new Error('poolOf: this Db was not opened with openDb')
  }
  return pool
}

/** Replaces the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
