// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Outbox of files to delete (retention, issue 3): the storage keys of rows that a retention batch deleted are
 * recorded in the batch's own transaction; a sweep deletes the files afterwards and retries until it has.
 * Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: a storage key is the SHA-256 of a file's content (the file itself is encrypted; its
  // rows are already deleted), plus retry bookkeeping. Retention: a row lives until its file is deleted (or
  // found to be still needed by another row), then it is removed.
  await sql`
    create table file_deletion (
      storage_key text primary key check (storage_key ~ '^[0-9a-f]{64}$'),
      requested_at timestamptz not null default now(),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text
    )`.execute(db)
  await sql`create index file_deletion_due_idx on file_deletion (next_attempt_at)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
