// SPDX-License-Identifier: EUPL-1.2
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ProcessStandardTable, ProcessStandardVersionTable } from './standards.table.js'

type Conn = Kysely<Database> | Transaction<Database>

export function listStandards(db: Conn) {
  return db.selectFrom('process_standard').selectAll().orderBy('title').execute()
}

export function findStandardByKey(db: Conn, key: string) {
  return db.selectFrom('process_standard').selectAll().where('key', '=', key).executeTakeFirst()
}

export function insertStandard(db: Conn, row: Insertable<ProcessStandardTable>) {
  return db.insertInto('process_standard').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateStandard(db: Conn, id: string, changes: Updateable<ProcessStandardTable>) {
  return db.updateTable('process_standard').set(changes).where('id', '=', id).execute()
}

/** All versions of the given standards, by standard then version ascending. */
export function listVersions(db: Conn, standardIds: readonly string[]) {
  if (standardIds.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('process_standard_version')
    .selectAll()
    .where('standard_id', 'in', standardIds)
    .orderBy('standard_id')
    .orderBy('version')
    .execute()
}

/** One version, locked for the rest of the transaction. */
export function lockVersion(trx: Transaction<Database>, standardId: string, version: number) {
  return trx
    .selectFrom('process_standard_version')
    .selectAll()
    .where('standard_id', '=', standardId)
    .where('version', '=', version)
    .forUpdate()
    .executeTakeFirst()
}

/** Locks the standard row, so that two new versions cannot be numbered at once. */
export function lockStandard(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom('process_standard')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export function insertVersion(db: Conn, row: Insertable<ProcessStandardVersionTable>) {
  return db.insertInto('process_standard_version').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateVersion(db: Conn, id: string, changes: Updateable<ProcessStandardVersionTable>) {
  return db
    .updateTable('process_standard_version')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
