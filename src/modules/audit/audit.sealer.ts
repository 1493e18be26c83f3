// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Db } from '../../db/database.js'
import { CHAIN_CONTENT_COLUMNS, type ChainContent, entryHash, GENESIS_HASH } from './audit.chain.js'

/**
 * Key of the transaction-level advisory lock that lets one sealer at a time extend the chain, across all
 * app instances. Writers of audit entries never take it.
 */
export const SEALER_LOCK_KEY = 7_007_001

/**
 * Seals committed, unsealed audit entries: gives each, in id order, the next place in the chain, the
 * previous entry's hash and its own hash, in one transaction. An entry that commits after a lower id was
 * already sealed simply gets a later place: the chain records the order in which entries became visible,
 * which no writer has to wait for.
 * @param options.batchSize entries per call at most
 * @returns how many entries were sealed (0 also when another sealer holds the lock)
 */
export async function sealAuditEvents(db: Db, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 5000
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) as locked`.execute(trx)
    if (!lock.rows[0]?.locked) {
      return 0
    }
    const pending = await trx
      .selectFrom('audit_event')
      .select([...CHAIN_CONTENT_COLUMNS])
      .where('hash', 'is', null)
      .orderBy('id')
      .limit(batchSize)
      .execute()
    if (pending.length === 0) {
      return 0
    }
    // Read after the lock: the previous sealer has committed, so its head is visible to this statement.
    const head = await trx
      .selectFrom('audit_event')
      .select(['chain_seq', 'hash'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    let seq = head?.chain_seq ?? 0
    let prev: Buffer = head?.hash ?? GENESIS_HASH
    const ids: number[] = []
    const seqs: number[] = []
    const prevs: string[] = []
    const hashes: string[] = []
    for (const row of pending) {
      const entry: ChainContent = row
      const hash = entryHash(entry, prev)
      seq += 1
      ids.push(row.id)
      seqs.push(seq)
      prevs.push(prev.toString('hex'))
      hashes.push(hash.toString('hex'))
      prev = hash
    }
    // One statement for the whole batch; the trigger checks that it only seals.
    await sql`
      update audit_event as e
      set chain_seq = s.seq, prev_hash = decode(s.prev, 'hex'), hash = decode(s.hash, 'hex')
      from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as s(id, seq, prev, hash)
      where e.id = s.id`.execute(trx)
    return pending.length
  })
}

/**
 * Seals until nothing is left (or another sealer holds the lock).
 * @returns how many entries this call sealed
 */
export async function sealAllAuditEvents(db: Db, options: { batchSize?: number } = {}): Promise<number> {
  let total = 0
  for (;;) {
    const n = await sealAuditEvents(db, options)
    total += n
    if (n < (options.batchSize ?? 5000)) {
      return total
    }
  }
}

/**
 * Runs the sealer every `everyMs` on this instance. Safe on every instance at once: the advisory lock lets
 * one seal and the others skip. A failure is logged and retried at the next tick; until then entries stay
 * unsealed, which `verifyAuditChain` reports once they are older than its bound.
 * @returns a function that stops the timer
 */
export function startAuditSealer(db: Db, logger: Logger, everyMs = 1000): () => void {
  let running = false
  const run = async () => {
    // A slow round must not overlap the next one on the same instance.
    if (running) {
      return
    }
    running = true
    try {
      await sealAllAuditEvents(db)
    } catch (err) {
      logger.error({ err }, 'audit sealer failed')
    } finally {
      running = false
    }
  }
  void run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
