// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, Migrator } from 'kysely'
import { migrations } from './migrations/index.js'

/**
 * Brings the schema up to date. A failure stops start-up because the app must never run against a schema
 * it does not know. Kysely takes a lock, so several instances starting at once are safe.
 * @throws the migration's error
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    throw error
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
