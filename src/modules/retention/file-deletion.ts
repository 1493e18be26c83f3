// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { FileStore } from '../../shared/file-store.js'
import type { RetentionCategory } from './retention.service.js'

/*
 * Files of deleted rows (issue 3, docs/retention.md "Files"). A retention batch records the storage keys of the
 * rows it is about to delete in `file_deletion`, in the batch's own transaction: the rows and the promise to
 * delete their files commit together or not at all. After the run, `sweepFileDeletions` deletes the files and
 * removes the outbox rows; a crash, a full disk or a locked file leaves the row for the next sweep (hourly with
 * the retention job, with backoff). The store is content-addressed, so a file is deleted only when no row of
 * any table still names its key.
 */

type Conn = Kysely<Database> | Transaction<Database>

const KEY = /^[0-9a-f]{64}$/

/**
 * The storage keys of files that belong to the candidates of a retention batch (over-inclusive: a candidate
 * that the batch then keeps only makes the sweep find its key still referenced).
 */
export async function storageKeysOf(
  trx: Conn,
  category: RetentionCategory,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) {
    return []
  }
  const keys: (string | null)[] = []
  switch (category) {
    case 'draft':
      keys.push(
        ...(
          await trx.selectFrom('document').select('storage_key').where('draft_id', 'in', ids).execute()
        ).map((r) => r.storage_key),
      )
      break
    case 'case_file':
      keys.push(
        ...(
          await trx.selectFrom('document').select('storage_key').where('application_id', 'in', ids).execute()
        ).map((r) => r.storage_key),
        ...(
          await trx
            .selectFrom('decision')
            .select('letter_storage_key')
            .where('application_id', 'in', ids)
            .execute()
        ).map((r) => r.letter_storage_key),
      )
      break
    case 'complaint':
      keys.push(
        ...(
          await trx
            .selectFrom('complaint_attachment')
            .select('storage_key')
            .where('complaint_id', 'in', ids)
            .execute()
        ).map((r) => r.storage_key),
        ...(
          await trx
            .selectFrom('complaint_mail')
            .select('attachment_key')
            .where('complaint_id', 'in', ids)
            .execute()
        ).map((r) => r.attachment_key),
      )
      break
    case 'complaint_mail':
      keys.push(
        ...(
          await trx.selectFrom('complaint_mail').select('attachment_key').where('id', 'in', ids).execute()
        ).map((r) => r.attachment_key),
      )
      break
    default:
      break
  }
  return [...new Set(keys.filter((k): k is string => k !== null && KEY.test(k)))]
}

/** Records files to delete once the current transaction has committed (idempotent per key). */
export async function recordFileDeletions(trx: Conn, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) {
    return
  }
  await trx
    .insertInto('file_deletion')
    .values(keys.map((storage_key) => ({ storage_key })))
    .onConflict((oc) => oc.column('storage_key').doNothing())
    .execute()
}

/** Whether any row of any table still names `key` (identical contents share one file). */
export async function isStorageKeyReferenced(db: Conn, key: string): Promise<boolean> {
  const hit = await db
    .selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('document').select('id').where('storage_key', '=', key)),
          eb.exists(eb.selectFrom('decision').select('id').where('letter_storage_key', '=', key)),
          eb.exists(eb.selectFrom('complaint_attachment').select('id').where('storage_key', '=', key)),
          eb.exists(eb.selectFrom('complaint_mail').select('id').where('attachment_key', '=', key)),
        ])
        .as('used'),
    )
    .executeTakeFirstOrThrow()
  return Boolean(hit.used)
}

export interface SweepResult {
  /** Files deleted from disk. */
  deleted: number
  /** Keys whose file was already gone. */
  absent: number
  /** Keys still named by a row (shared content): their outbox entry is dropped, the file stays. */
  stillNeeded: number
  /** Keys put off: touched by an upload within the grace period, or the delete failed (retried with backoff). */
  retried: number
}

/**
 * Deletes the files recorded in `file_deletion` that are due. Safe to run at any time and in several instances
 * (each key is claimed with SKIP LOCKED); a crash between deleting the file and removing its row only repeats
 * an idempotent delete.
 * @param options.graceMs a file that an upload touched this recently is kept for now (default 10 minutes)
 */
export async function sweepFileDeletions(
  db: Db,
  fileStore: FileStore,
  options: { now?: Date; graceMs?: number; limit?: number } = {},
): Promise<SweepResult> {
  const now = options.now ?? new Date()
  const graceMs = options.graceMs ?? 10 * 60_000
  const result: SweepResult = { deleted: 0, absent: 0, stillNeeded: 0, retried: 0 }
  const due = await db
    .selectFrom('file_deletion')
    .select('storage_key')
    // Without a given instant, the database's clock decides: its now() stamped the rows (in microseconds),
    // and a JavaScript Date (milliseconds) taken right after an insert can read as earlier than the stamp.
    .where('next_attempt_at', '<=', options.now ?? sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .limit(options.limit ?? 500)
    .execute()
  for (const { storage_key: key } of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .selectFrom('file_deletion')
        .select(['storage_key', 'attempts'])
        .where('storage_key', '=', key)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!claimed) {
        return
      }
      let referenced = false
      try {
        const outcome = await fileStore.delete(key, {
          graceMs,
          stillReferenced: async () => {
            referenced = await isStorageKeyReferenced(db, key)
            return referenced
          },
        })
        if (outcome === 'kept' && !referenced) {
          // Touched by an upload just now: try again after the grace period.
          result.retried += 1
          await trx
            .updateTable('file_deletion')
            .set({ next_attempt_at: new Date(now.getTime() + graceMs), last_error: null })
            .where('storage_key', '=', key)
            .execute()
          return
        }
        result[outcome === 'deleted' ? 'deleted' : outcome === 'absent' ? 'absent' : 'stillNeeded'] += 1
        await trx.deleteFrom('file_deletion').where('storage_key', '=', key).execute()
      } catch (error) {
        result.retried += 1
        const attempts = claimed.attempts + 1
        const backoffMs = Math.min(2 ** attempts * 60_000, 24 * 60 * 60_000)
        await trx
          .updateTable('file_deletion')
          .set({
            attempts,
            next_attempt_at: new Date(now.getTime() + backoffMs),
            // The error's code only (ENOENT, EACCES, …): never a path or content.
            last_error: ((error as NodeJS.ErrnoException).code ?? 'failed').slice(0, 100),
          })
          .where('storage_key', '=', key)
          .execute()
      }
    })
  }
  return result
}
