// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { type Db, poolOf } from '../../db/database.js'
import { GENESIS_HASH, sha256 } from './audit.chain.js'
import {
  CanonicalWriter,
  CopyOut,
  type CopyOutEnd,
  CopyRowSplitter,
  chainCopyStatement,
  F,
  readSeq,
} from './audit.stream.js'

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
  /**
   * No longer used: the chain is read with one streaming COPY (ADR 0017). Accepted so that callers and
   * `npm run audit:verify -- --batch-size` keep working.
   */
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

/** What {@link classifyLink} needs of the entry whose link is wrong. */
interface LinkRow {
  id: number
  chain_seq: number
  prev_hash: Buffer
}

/** Whether the 32 bytes at `buf[start…]` are `hash`. */
function sameHashAt(hash: Buffer, buf: Buffer, start: number): boolean {
  for (let k = 0; k < 32; k++) {
    if (hash[k] !== buf[start + k]) {
      return false
    }
  }
  return true
}

/** A decimal number written in ASCII (the id, selected as text). */
function readDecimal(buf: Buffer, start: number, length: number): number {
  let n = 0
  for (let i = start; i < start + length; i++) {
    n = n * 10 + ((buf[i] as number) - 0x30)
  }
  return n
}

/**
 * Says why `row`, intact in itself, does not link to the entry before it. Runs once, at the first break,
 * so a scan for the hash it points to is affordable.
 */
async function classifyLink(db: Db, row: LinkRow): Promise<NonNullable<AuditVerifyResult['firstBroken']>> {
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
 * Streams the sealed entries after place `afterSeq` in chain order, from ONE binary COPY in one snapshot
 * (ADR 0017), and calls `onRow` for each with the row's bytes and its field positions (audit.stream.ts
 * {@link F}; valid only during the call). `onRow` returning false stops the stream; the connection, then in
 * the middle of a COPY, is closed instead of going back to the pool.
 * @returns 'ended' after the last entry, 'stopped' when `onRow` stopped it
 */
export async function streamSealedEntries(
  db: Db,
  afterSeq: number,
  onRow: (buf: Buffer, starts: Int32Array, lengths: Int32Array) => boolean,
): Promise<CopyOutEnd> {
  const splitter = new CopyRowSplitter()
  const { starts, lengths } = splitter
  const each = (buf: Buffer) => onRow(buf, starts, lengths)
  const client = await poolOf(db).connect()
  let stopped = false
  let failed = false
  try {
    // Read along the chain_seq index instead of letting the planner sort the whole table, which it prefers
    // for a table without fresh statistics and which spills to disk for a long chain: streaming in index
    // order starts at once, needs no temp space, and took half the server time in bench/audit.bench.ts.
    await client.query('begin read only')
    await client.query('set local enable_sort = off')
    const copy = new CopyOut(chainCopyStatement(afterSeq), (chunk, from, to) =>
      splitter.feed(chunk, each, from, to),
    )
    client.query(copy)
    stopped = (await copy.done) === 'stopped'
    if (!stopped && !splitter.ended) {
      throw new Error('the COPY stream of the audit chain ended early')
    }
    if (!stopped) {
      await client.query('commit')
    }
  } catch (error) {
    failed = true
    throw error
  } finally {
    client.release(stopped || failed ? true : undefined)
  }
  return stopped ? 'stopped' : 'ended'
}

/**
 * Streams the chain in order and checks every entry: its place follows the previous one, its content gives
 * its hash, and its `prev_hash` is the previous entry's hash. Stops at the first break. Then checks that no
 * entry has stayed unsealed longer than the bound, and that the chain contains the checkpoint, if given.
 * Reads only; safe against a live database (entries sealed meanwhile are simply not covered).
 */
export async function verifyAuditChain(db: Db, options: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
  const checkpoint = options.checkpoint
  let seq = 0
  let lastId: number | null = null
  // The hash the next entry must link to (copied into, never replaced: rows live in reused stream chunks).
  const running = Buffer.from(GENESIS_HASH)
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
    Buffer.from(checkpoint.lastHash, 'hex').copy(running)
  }

  // One COPY streams every sealed entry after the start in chain order, in one snapshot; the rows are
  // split and their canonical bytes rebuilt straight from the stream (audit.stream.ts, ADR 0017).
  let broken: AuditVerifyResult['firstBroken']
  let misLinked: LinkRow | undefined
  const writer = new CanonicalWriter()
  const onRow = (buf: Buffer, starts: Int32Array, lengths: Int32Array): boolean => {
    const rowSeq = readSeq(buf, starts[F.chainSeq] as number)
    const id = readDecimal(buf, starts[F.id] as number, lengths[F.id] as number)
    if (rowSeq !== seq + 1) {
      broken = {
        id,
        seq: rowSeq,
        reason: 'entry_deleted',
        message: `places ${seq + 1}…${rowSeq - 1} are missing`,
      }
      return false
    }
    const hashAt = starts[F.hash] as number
    const prevAt = starts[F.prevHash] as number
    if (lengths[F.hash] !== 32 || lengths[F.prevHash] !== 32) {
      broken = { id, seq: rowSeq, reason: 'content_changed', message: 'the seal columns are damaged' }
      return false
    }
    const content = writer.build(buf, starts, lengths)
    bytes += content.length
    if (!sameHashAt(sha256(content), buf, hashAt)) {
      broken = { id, seq: rowSeq, reason: 'content_changed', message: 'hash mismatch' }
      return false
    }
    if (!sameHashAt(running, buf, prevAt)) {
      misLinked = { id, chain_seq: rowSeq, prev_hash: Buffer.from(buf.subarray(prevAt, prevAt + 32)) }
      return false
    }
    if (
      checkpoint &&
      rowSeq === checkpoint.lastSeq &&
      buf.toString('hex', hashAt, hashAt + 32) !== checkpoint.lastHash
    ) {
      broken = {
        id: checkpoint.lastId,
        seq: checkpoint.lastSeq,
        reason: 'checkpoint_mismatch',
        message: `the entry at place ${checkpoint.lastSeq} has another hash than the checkpoint`,
      }
      return false
    }
    for (let k = 0; k < 32; k++) {
      running[k] = buf[hashAt + k] as number
    }
    seq = rowSeq
    lastId = id
    checked++
    return true
  }

  await streamSealedEntries(db, seq, onRow)
  if (misLinked) {
    return result(await classifyLink(db, misLinked))
  }
  if (broken) {
    return result(broken)
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
