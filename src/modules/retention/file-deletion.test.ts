// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocument, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { loadRetentionConfig } from '../../config/retention.js'
import type { FileStore } from '../../shared/file-store.js'
import { sweepFileDeletions } from './file-deletion.js'
import { planRetention, releaseRetention, runRetention } from './retention.service.js'

let ctx: TestContext
const config = loadRetentionConfig({})
const NOW = new Date('2040-03-01T10:00:00Z')
const LONG_AGO = new Date('2028-06-30T12:00:00Z')

/** A small PDF whose bytes are unique (so that its file is its own). */
function uniquePdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${label} ${randomBytes(8).toString('hex')}\n%%EOF\n`)
}

/** Every file of the store on disk (relative paths), the address key left out. */
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(ctx.dataDir, 'files')
  const out: string[] = []
  for (const shard of await fs.readdir(root, { withFileTypes: true })) {
    if (shard.isDirectory()) {
      for (const name of await fs.readdir(path.join(root, shard.name))) {
        out.push(`${shard.name}/${name}`)
      }
    }
  }
  return out.sort()
}

/** Stores bytes and returns their key and the one new file on disk. */
async function putAndLocate(bytes: Uint8Array): Promise<{ key: string; file: string }> {
  const before = new Set(await filesOnDisk())
  const { key } = await ctx.deps.fileStore.put(bytes)
  const added = (await filesOnDisk()).filter((f) => !before.has(f))
  expect(added).toHaveLength(1)
  return { key, file: path.join(ctx.dataDir, 'files', added[0] as string) }
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

const outbox = () => ctx.db.selectFrom('file_deletion').selectAll().orderBy('storage_key').execute()

beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx?.close()
})

describe('retention deletes the encrypted files of deleted rows', () => {
  it('should record the files in the deletion transaction, delete them in the sweep, and keep shared contents', async () => {
    const dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
    const due = await buildCase(ctx.db, { surname: 'Altakte', postId: null })
    const kept = await buildCase(ctx.db, { surname: 'Jungakte', postId: null })
    await ctx.db
      .updateTable('application')
      .set({ status: 'closed', status_changed_at: LONG_AGO })
      .where('id', '=', due.applicationId)
      .execute()

    const own = uniquePdf('nur in der alten Akte')
    const shared = uniquePdf('in beiden Akten')
    await buildDocument(ctx.db, ctx.deps.fileStore, { applicationId: due.applicationId }, { bytes: own })
    await buildDocument(ctx.db, ctx.deps.fileStore, { applicationId: due.applicationId }, { bytes: shared })
    await buildDocument(ctx.db, ctx.deps.fileStore, { applicationId: kept.applicationId }, { bytes: shared })
    const ownKey = (await ctx.deps.fileStore.put(own)).key
    const sharedKey = (await ctx.deps.fileStore.put(shared)).key

    // A complaint closed long ago, with an attachment of its own.
    const attachment = uniquePdf('Anlage der Beschwerde')
    const complaint = await buildComplaint(ctx.deps, {
      attachments: [{ name: 'Brief.pdf', bytes: attachment }],
    })
    await ctx.db
      .updateTable('complaint')
      .set({ status: 'closed', closed_at: LONG_AGO })
      .where('id', '=', complaint.id)
      .execute()
    const attachmentKey = (await ctx.deps.fileStore.put(attachment)).key
    const filesBefore = await filesOnDisk()

    const plan = await planRetention(ctx.db, config, NOW)
    await releaseRetention(ctx.db, config, { type: 'staff', id: dpo.id }, plan.fingerprint, null, NOW)
    const result = await runRetention(ctx.db, config, { now: NOW })
    expect(result?.done.case_file).toEqual([due.applicationId])
    expect(result?.done.complaint).toEqual([complaint.id])

    // Rows gone, files still there, and the promise to delete them committed with the rows.
    expect(
      await ctx.db
        .selectFrom('document')
        .select('id')
        .where('application_id', '=', due.applicationId)
        .execute(),
    ).toEqual([])
    expect(await filesOnDisk()).toEqual(filesBefore)
    expect((await outbox()).map((r) => r.storage_key).sort()).toEqual(
      [ownKey, sharedKey, attachmentKey].sort(),
    )

    const swept = await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 0 })
    expect(swept).toEqual({ deleted: 2, absent: 0, stillNeeded: 1, retried: 0 })
    expect(await outbox()).toEqual([])
    expect((await filesOnDisk()).length).toBe(filesBefore.length - 2)
    await expect(ctx.deps.fileStore.get(ownKey)).rejects.toThrow()
    await expect(ctx.deps.fileStore.get(attachmentKey)).rejects.toThrow()
    // The other case still opens its copy of the shared content.
    expect(Buffer.from(await ctx.deps.fileStore.get(sharedKey)).equals(Buffer.from(shared))).toBe(true)
    // Nothing left set aside.
    expect((await filesOnDisk()).filter((f) => f.endsWith('.deleting'))).toEqual([])
  })

  it('should keep the outbox entry when the delete fails and finish it in a later sweep', async () => {
    const { key, file } = await putAndLocate(uniquePdf('Festplatte voll'))
    await ctx.db.insertInto('file_deletion').values({ storage_key: key }).execute()
    const failing: FileStore = {
      ...ctx.deps.fileStore,
      delete: () => Promise.reject(Object.assign(new Error('i/o error'), { code: 'EIO' })),
    }
    const first = await sweepFileDeletions(ctx.db, failing, { graceMs: 0, now: NOW })
    expect(first.retried).toBe(1)
    const [row] = await outbox()
    expect(row).toMatchObject({ storage_key: key, attempts: 1, last_error: 'EIO' })
    expect(row?.next_attempt_at.getTime()).toBeGreaterThan(NOW.getTime())
    expect(await exists(file)).toBe(true)
    // Not due again before its backoff ends.
    expect((await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 0, now: NOW })).deleted).toBe(0)

    const later = new Date(NOW.getTime() + 24 * 60 * 60_000)
    expect(await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 0, now: later })).toEqual({
      deleted: 1,
      absent: 0,
      stillNeeded: 0,
      retried: 0,
    })
    expect(await exists(file)).toBe(false)
    expect(await outbox()).toEqual([])
  })

  it('should finish a delete that crashed after setting the file aside, and answer absent for a gone file', async () => {
    const { key, file } = await putAndLocate(uniquePdf('Absturz'))
    // The state a crash between "set aside" and "unlink" leaves behind.
    await fs.rename(file, `${file}.deleting`)
    await ctx.db.insertInto('file_deletion').values({ storage_key: key }).execute()
    expect((await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 0 })).deleted).toBe(1)
    expect(await exists(`${file}.deleting`)).toBe(false)

    await ctx.db.insertInto('file_deletion').values({ storage_key: key }).execute()
    expect((await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 0 })).absent).toBe(1)
    expect(await outbox()).toEqual([])
  })

  it('should keep a file that an upload of the same content touched within the grace period', async () => {
    const bytes = uniquePdf('gerade wieder hochgeladen')
    const { key, file } = await putAndLocate(bytes)
    await fs.utimes(file, new Date('2020-01-01'), new Date('2020-01-01'))
    await ctx.db.insertInto('file_deletion').values({ storage_key: key }).execute()
    // The same content arrives again (its row not committed yet): put touches the file.
    await ctx.deps.fileStore.put(bytes)
    const swept = await sweepFileDeletions(ctx.db, ctx.deps.fileStore, { graceMs: 10 * 60_000 })
    expect(swept).toEqual({ deleted: 0, absent: 0, stillNeeded: 0, retried: 1 })
    expect(Buffer.from(await ctx.deps.fileStore.get(key)).equals(Buffer.from(bytes))).toBe(true)
    expect(await exists(`${file}.deleting`)).toBe(false)
    const [row] = await outbox()
    expect(row?.storage_key).toBe(key)
    await ctx.db.deleteFrom('file_deletion').execute()
  })
})
