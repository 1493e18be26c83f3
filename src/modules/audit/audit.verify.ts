// SPDX-License-Identifier: EUPL-1.2
import { createHash, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { CHAIN_CONTENT_COLUMNS, type ChainContent, canonicalBytes, GENESIS_HASH } from './audit.chain.js'

/** Why the chain is broken at an entry. */
export type AuditBreakReason =
  /** The entry's content no longer gives its stored hash. */
  | 'content_changed'
  /** An entry is missing before this one (a gap in the places, or its predecessor's hash is nowhere). */
  | 'entry_deleted'
  /** The entry is intact but links to an entry that now stands later in the chain. */
  | 'reordered'
  /** The entry (intact or not) is not where its successor's link points: it was put in between. */
  | 'inserted'
  /** The entry was never sealed although it is older than the bound (sealer stopped, or a row forged). */
  | 'unsealed'
  /** The chain does not contain the checkpoint's entry with the checkpoint's hash. */
  | 'checkpoint_mismatch'

/** A point of the chain that an outside party can keep and check against later. */
export interface AuditCheckpoint {
  /** Place in the chain of the last entry covered. */
  lastSeq: number
  /** Id of that entry. */
  lastId: number
  /** Its hash, 64 hex digits. */
  lastHash: string
  /** Entries in the chain up to and including it (places start at 1 without gaps, so = lastSeq). */
  count: number
  /** When the checkpoint was taken, ISO 8601 UTC. */
  at: string
}

export interface AuditVerifyResult {
  ok: boolean
  /** Entries checked in this run. */
  checked: number
  /** Bytes of canonical content hashed (for the benchmark). */
  bytes: number
  /** The last entry checked, or the starting checkpoint's when nothing was new. */
  last: { seq: number; id: number | null; hash: string }
  firstBroken?: { id: number; seq: number | null; reason: AuditBreakReason; message: string }
}

export interface AuditVerifyOptions {
  /** Entries per query (default 5000). */
  batchSize?: number
  /** A checkpoint the chain must still contain. */
  checkpoint?: AuditCheckpoint
  /**
   * Start right after `checkpoint` instead of at the first entry (checks the new entries and that the
   * checkpoint's entry is unchanged, not the entries before it).
   */
  startAtCheckpoint?: boolean
  /** Unsealed entries older than this are reported (default 10 minutes). */
  unsealedBoundMs?: number
}

interface ChainRow extends ChainContent {
  chain_seq: number
  prev_hash: Buffer
  hash: Buffer
}

function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

function fetchBatch(db: Db, afterSeq: number, limit: number): Promise<ChainRow[]> {
  return db
    .selectFrom('audit_event')
    .select([
      ...CHAIN_CONTENT_COLUMNS,
      sql<number>`chain_seq`.as('chain_seq'),
      sql<Buffer>`prev_hash`.as('prev_hash'),
      sql<Buffer>`hash`.as('hash'),
    ])
    .where('chain_seq', '>', afterSeq)
    .orderBy('chain_seq')
    .limit(limit)
    .execute()
}

/**
 * Says why `row`, intact in itself, does not link to the entry before it. Runs once, at the first break,
 * so a scan for the hash it points to is affordable.
 */
async function classifyLink(db: Db, row: ChainRow): Promise<NonNullable<AuditVerifyResult['firstBroken']>> {
  const target = await db
    .selectFrom('audit_event')
    .select([sql<number>`chain_seq`.as('chain_seq')])
    .where('hash', '=', row.prev_hash)
    .executeTakeFirst()
  if (!target) {
    return {
      id: row.id,
      seq: row.chain_seq,
      reason: 'entry_deleted',
      message: 'the entry this one follows is no longer in the log (deleted, or replaced by a rewritten one)',
    }
  }
  if (target.chain_seq > row.chain_seq) {
    return {
      id: row.id,
      seq: row.chain_seq,
      reason: 'reordered',
      message: `links to the entry now at place ${target.chain_seq}, after itself`,
    }
  }
  // The predecessor is further back: whatever stands between it and this row was put in.
  const intruder = await db
    .selectFrom('audit_event')
    .select(['id', sql<number>`chain_seq`.as('chain_seq')])
    .where('chain_seq', '=', target.chain_seq + 1)
    .executeTakeFirst()
  return {
    id: intruder?.id ?? row.id,
    seq: intruder?.chain_seq ?? row.chain_seq,
    reason: 'inserted',
    message: `not part of the chain: the entry after it links to place ${target.chain_seq}`,
  }
}

/**
 * Streams the chain in order and checks every entry: its place follows the previous one, its content gives
 * its hash, and its `prev_hash` is the previous entry's hash. Stops at the first break. Then checks that no
 * entry has stayed unsealed longer than the bound, and that the chain contains the checkpoint, if given.
 * Reads only; safe against a live database (entries sealed meanwhile are simply not covered).
 */
export async function verifyAuditChain(db: Db, options: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
  const batchSize = options.batchSize ?? 5000
  const checkpoint = options.checkpoint
  let seq = 0
  let lastId: number | null = null
  let running: Buffer = GENESIS_HASH
  let checked = 0
  let bytes = 0
  const result = (firstBroken?: AuditVerifyResult['firstBroken']): AuditVerifyResult => ({
    ok: firstBroken === undefined,
    checked,
    bytes,
    last: { seq, id: lastId, hash: running.toString('hex') },
    ...(firstBroken ? { firstBroken } : {}),
  })
  const checkpointMismatch = (message: string) =>
    result({
      id: checkpoint?.lastId ?? 0,
      seq: checkpoint?.lastSeq ?? null,
      reason: 'checkpoint_mismatch',
      message,
    })

  if (checkpoint && options.startAtCheckpoint) {
    const at = await db
      .selectFrom('audit_event')
      .select(['id', sql<Buffer>`hash`.as('hash')])
      .where('chain_seq', '=', checkpoint.lastSeq)
      .executeTakeFirst()
    if (!at || at.id !== checkpoint.lastId || at.hash.toString('hex') !== checkpoint.lastHash) {
      return checkpointMismatch(`the entry at place ${checkpoint.lastSeq} is not the checkpoint's`)
    }
    seq = checkpoint.lastSeq
    lastId = checkpoint.lastId
    running = Buffer.from(checkpoint.lastHash, 'hex')
  }

  // The next batch is fetched while this one is hashed, so that the database and the hashing overlap.
  let next = fetchBatch(db, seq, batchSize)
  for (;;) {
    const rows = await next
    if (rows.length === 0) {
      break
    }
    const last = rows[rows.length - 1]
    next = last && rows.length === batchSize ? fetchBatch(db, last.chain_seq, batchSize) : Promise.resolve([])
    for (const row of rows) {
      if (row.chain_seq !== seq + 1) {
        void next.catch(() => {})
        return result({
          id: row.id,
          seq: row.chain_seq,
          reason: 'entry_deleted',
          message: `places ${seq + 1}…${row.chain_seq - 1} are missing`,
        })
      }
      const content = canonicalBytes(row, row.prev_hash)
      bytes += content.length
      if (!sameHash(createHash('sha256').update(content).digest(), row.hash)) {
        void next.catch(() => {})
        return result({ id: row.id, seq: row.chain_seq, reason: 'content_changed', message: 'hash mismatch' })
      }
      if (!sameHash(row.prev_hash, running)) {
        void next.catch(() => {})
        return result(await classifyLink(db, row))
      }
      if (
        checkpoint &&
        row.chain_seq === checkpoint.lastSeq &&
        row.hash.toString('hex') !== checkpoint.lastHash
      ) {
        void next.catch(() => {})
        return checkpointMismatch(
          `the entry at place ${checkpoint.lastSeq} has another hash than the checkpoint`,
        )
      }
      seq = row.chain_seq
      lastId = row.id
      running = row.hash
      checked++
    }
  }
  if (checkpoint && seq < checkpoint.lastSeq) {
    return checkpointMismatch(`the chain ends at place ${seq}, before the checkpoint's ${checkpoint.lastSeq}`)
  }
  const bound = new Date(Date.now() - (options.unsealedBoundMs ?? 10 * 60_000))
  const stale = await db
    .selectFrom('audit_event')
    .select('id')
    .where('hash', 'is', null)
    .where('occurred_at', '<', bound)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  if (stale) {
    return result({ id: stale.id, seq: null, reason: 'unsealed', message: 'older than the sealing bound' })
  }
  return result()
}

/**
 * The chain's current head as a checkpoint, to be kept outside the database (printed, mailed, signed) so
 * that a later `verifyAuditChain(db, { checkpoint })` can prove the history up to it was not rewritten.
 * @returns undefined while the chain is empty
 */
export async function exportAuditCheckpoint(db: Db): Promise<AuditCheckpoint | undefined> {
  const head = await db
    .selectFrom('audit_event')
    .select(['id', sql<number>`chain_seq`.as('chain_seq'), sql<Buffer>`hash`.as('hash')])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!head) {
    return undefined
  }
  return {
    lastSeq: head.chain_seq,
    lastId: head.id,
    lastHash: head.hash.toString('hex'),
    count: head.chain_seq,
    at: new Date().toISOString(),
  }
}
