// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Cases belong to posts, not people (issue 4): `assigned_post_id` names the post whose holder — or whoever
 * acts for it — works the case; null puts the case in the fallback queue of its benefit type. The case
 * lifecycle gets its full set of statuses. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table application add column assigned_post_id uuid references post (id)`.execute(db)
  await sql`create index application_post_idx on application (assigned_post_id)`.execute(db)

  const statuses = sql.raw(
    `'submitted', 'in_review', 'documents_requested', 'ready_for_decision', 'decided', 'objection', 'closed'`,
  )
  await sql`alter table application drop constraint application_status_check`.execute(db)
  await sql`alter table application add constraint application_status_check check (status in (${statuses}))`.execute(
    db,
  )
  for (const column of ['from_status', 'to_status']) {
    await sql`alter table application_status_change add constraint ${sql.raw(`application_status_change_${column}_check`)}
      check (${sql.ref(column)} in (${statuses}))`.execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
