// SPDX-License-Identifier: EUPL-1.2
/**
 * The canonical content of an audit entry and its hash: the one definition that the sealer writes and the
 * verifier checks (ADR 0007 states it in prose so that an outside party can re-implement it).
 *
 * hash = SHA-256( UTF-8( canonicalJson({
 *   action, actor_id, actor_type, details, id, occurred_at, prev_hash, request_id, subject_id, subject_type
 * }) ) )
 *
 * - `id` as a decimal string; `occurred_at` in UTC with microseconds, `2026-11-26T09:00:00.123456Z`;
 * - `prev_hash` as 64 lowercase hex digits, the hash of the entry before in the chain, zeros for the first;
 * - `chain_seq` is not hashed: the place in the chain is fixed by `prev_hash`, and keeping it out lets the
 *   verifier tell a moved entry (intact, wrongly linked) from a changed one.
 * - the context columns added later (ADR 0018) — `acting_for_post_id`, `client_address`, `outcome`,
 *   `purpose`, `session_id` — are members when they are not null and left out when they are null. Entries
 *   written before these columns existed have them null, so their content, and their hash, is unchanged.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'

/** `prev_hash` of the first entry of the chain. */
export const GENESIS_HASH = Buffer.alloc(32)

/** An entry's fields as they take part in the hash. */
export interface ChainContent {
  id: number
  /** UTC with microseconds, as selected by {@link occurredAtText}. */
  occurred_at: string
  actor_type: string
  actor_id: string | null
  action: string
  subject_type: string
  subject_id: string
  request_id: string | null
  details: unknown
  /** Context columns (ADR 0018); a null or missing one is not part of the hashed content. */
  acting_for_post_id?: string | null
  purpose?: string | null
  outcome?: string | null
  client_address?: string | null
  session_id?: string | null
}

/**
 * `occurred_at` as text with the microseconds PostgreSQL stores (a JS Date would drop them and with them
 * the precision the hash covers).
 */
export const occurredAtText = sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/**
 * The columns of an entry's hashed content, selected the way {@link ChainContent} expects. The sealer, the
 * verifier, the benchmark and the tests all select through this one list, so they cannot drift apart.
 */
export const CHAIN_CONTENT_COLUMNS = [
  'id',
  occurredAtText.as('occurred_at'),
  'actor_type',
  'actor_id',
  'action',
  'subject_type',
  'subject_id',
  'request_id',
  'details',
  'acting_for_post_id',
  'purpose',
  'outcome',
  'client_address',
  'session_id',
] as const

/**
 * JSON with object keys sorted (by UTF-16 code units, like JavaScript's default sort) and no whitespace;
 * strings and numbers as `JSON.stringify` writes them (the same as RFC 8785 for the values we store).
 * @throws TypeError for values JSON cannot hold (undefined at the top, functions, non-finite numbers)
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError('canonicalJson: non-finite number')
    }
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    // Plain loops instead of map/entries/sort: the verifier runs this for every entry (bench/audit.bench.ts).
    let out = '['
    for (let i = 0; i < value.length; i++) {
      out += i === 0 ? canonicalJson(value[i]) : `,${canonicalJson(value[i])}`
    }
    return `${out}]`
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
    // Usually already in order (the JSON came from jsonb or from our own literals): sort only when needed.
    for (let i = 1; i < keys.length; i++) {
      if ((keys[i - 1] ?? '') > (keys[i] ?? '')) {
        keys.sort()
        break
      }
    }
    let out = '{'
    for (const key of keys) {
      const v = record[key]
      if (v === undefined) {
        continue
      }
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`
    }
    return `${out}}`
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value}`)
}

/** `"key":value,` for a context member that is set, nothing for one that is null (ADR 0018). */
function optional(key: string, value: string | null | undefined): string {
  return value === null || value === undefined ? '' : `"${key}":${JSON.stringify(value)},`
}

/** The bytes that are hashed for one entry. */
export function canonicalBytes(entry: ChainContent, prevHash: Buffer): Buffer {
  // Written out in sorted key order, so that the common case needs no sort; details are canonicalised.
  // The optional context members (null = absent) sit at their sorted places.
  const text =
    `{${optional('acting_for_post_id', entry.acting_for_post_id)}"action":${JSON.stringify(entry.action)},` +
    `"actor_id":${JSON.stringify(entry.actor_id)},"actor_type":${JSON.stringify(entry.actor_type)},` +
    `${optional('client_address', entry.client_address)}"details":${canonicalJson(entry.details)},` +
    `"id":"${entry.id}","occurred_at":${JSON.stringify(entry.occurred_at)},` +
    `${optional('outcome', entry.outcome)}"prev_hash":"${prevHash.toString('hex')}",` +
    `${optional('purpose', entry.purpose)}"request_id":${JSON.stringify(entry.request_id)},` +
    `${optional('session_id', entry.session_id)}"subject_id":${JSON.stringify(entry.subject_id)},` +
    `"subject_type":${JSON.stringify(entry.subject_type)}}`
  return Buffer.from(text, 'utf8')
}

/**
 * SHA-256 of `bytes`: the one hashing call of the sealer, the verifier and the benchmark's baseline, so that
 * the benchmark compares the verifier with exactly the hashing it does.
 */
export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** SHA-256 over {@link canonicalBytes}. */
export function entryHash(entry: ChainContent, prevHash: Buffer): Buffer {
  return sha256(canonicalBytes(entry, prevHash))
}
