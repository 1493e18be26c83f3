// SPDX-License-Identifier: EUPL-1.2
/**
 * Reading the chain for verification at close to hashing speed (ADR 0017): PostgreSQL streams the sealed
 * entries with ONE `COPY (SELECT …) TO STDOUT (FORMAT binary)`, this module splits the stream into rows
 * itself and rebuilds every entry's canonical bytes straight from the row's bytes — no row objects, no
 * JSON.parse, no string for the content.
 *
 * Nothing is taken on trust from the database beyond the columns themselves: the canonical bytes are built
 * here, in this process, from the columns of this run, by rules that are byte-identical to the reference
 * `canonicalBytes` in audit.chain.ts (property-tested in audit.stream.test.ts). Whatever the fast path does
 * not cover exactly — keys whose jsonb order differs from the canonical order, keys with escapes, non-trivial
 * numbers, unexpected syntax — goes through the reference implementation itself (`canonicalJson(JSON.parse)`,
 * which is what node-pg did for every row before).
 */
import type { Connection, Submittable } from 'pg'
import { canonicalJson } from './audit.chain.js'

/** The columns of the COPY, in this order; `details` is sent as jsonb (a version byte and its text). */
export const STREAM_COLUMNS = [
  'chain_seq',
  'id::text',
  'prev_hash',
  'hash',
  'occurred_at',
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
  // `occurred_at` as the reference text only where the stream does not format it itself (outside 1800–2199,
  // where its microseconds no longer fit a double exactly); to_char for every row would cost PostgreSQL more
  // than all the rest of the row.
  `case when occurred_at >= '1800-01-01 00:00:00+00' and occurred_at < '2200-01-01 00:00:00+00' then null
    else to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`,
] as const

/** Field numbers in {@link STREAM_COLUMNS}. */
export const F = {
  chainSeq: 0,
  id: 1,
  prevHash: 2,
  hash: 3,
  occurredAt: 4,
  actorType: 5,
  actorId: 6,
  action: 7,
  subjectType: 8,
  subjectId: 9,
  requestId: 10,
  details: 11,
  actingForPostId: 12,
  purpose: 13,
  outcome: 14,
  clientAddress: 15,
  sessionId: 16,
  occurredAtText: 17,
} as const

const FIELDS = STREAM_COLUMNS.length

/**
 * The COPY statement for the sealed entries after place `afterSeq`, in chain order. COPY takes no bind
 * parameters, so the number is checked and written in.
 */
export function chainCopyStatement(afterSeq: number): string {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
    throw new TypeError(`chainCopyStatement: bad place ${afterSeq}`)
  }
  return (
    `copy (select ${STREAM_COLUMNS.join(', ')} from audit_event ` +
    `where chain_seq > ${afterSeq} order by chain_seq) to stdout with (format binary)`
  )
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')

/**
 * Splits PostgreSQL's binary COPY format into rows. Feed it the stream's chunks in order; for each complete
 * row it calls `onRow(buf)` with the field positions in {@link starts} / {@link lengths} (-1 = null), valid
 * only during the call. Keeps at most one incomplete row between chunks.
 */
export class CopyRowSplitter {
  readonly starts = new Int32Array(FIELDS)
  readonly lengths = new Int32Array(FIELDS)
  /** The trailer has been read: every row was delivered. */
  ended = false
  private headerRead = false
  /** Holds the incomplete row left from the last chunk (at its start), then the next chunk behind it. */
  private window: Buffer = Buffer.allocUnsafe(1 << 17)
  private restLength = 0

  /**
   * Takes the next bytes of the stream, `chunk[from…to)`.
   * @returns false as soon as `onRow` returns false (the rest is not looked at)
   */
  feed(chunk: Buffer, onRow: (buf: Buffer) => boolean, from = 0, to = chunk.length): boolean {
    let buf = chunk
    let pos = from
    let size = to
    if (this.restLength > 0) {
      // Reusing one buffer instead of concatenating keeps the garbage collector out of the loop.
      size = this.restLength + (to - from)
      if (this.window.length < size) {
        const bigger = Buffer.allocUnsafe(size * 2)
        this.window.copy(bigger, 0, 0, this.restLength)
        this.window = bigger
      }
      chunk.copy(this.window, this.restLength, from, to)
      buf = this.window
      pos = 0
    }
    if (!this.headerRead) {
      if (size - pos < 19 || size - pos < 19 + buf.readInt32BE(pos + 15)) {
        this.keep(buf, pos, size)
        return true
      }
      if (!buf.subarray(pos, pos + 11).equals(SIGNATURE)) {
        throw new Error('not a binary COPY stream')
      }
      pos += 19 + buf.readInt32BE(pos + 15)
      this.headerRead = true
    }
    const { starts, lengths } = this
    while (!this.ended && size - pos >= 2) {
      const count = (buf[pos] as number) * 256 + (buf[pos + 1] as number)
      if (count === 0xffff) {
        this.ended = true
        pos += 2
        break
      }
      if (count !== FIELDS) {
        throw new Error(`binary COPY row with ${count} fields, expected ${FIELDS}`)
      }
      let p = pos + 2
      let complete = true
      for (let f = 0; f < FIELDS; f++) {
        if (size - p < 4) {
          complete = false
          break
        }
        // A signed 32-bit length, -1 for null.
        const length =
          ((buf[p] as number) << 24) |
          ((buf[p + 1] as number) << 16) |
          ((buf[p + 2] as number) << 8) |
          (buf[p + 3] as number)
        p += 4
        starts[f] = p
        lengths[f] = length
        if (length > 0) {
          if (size - p < length) {
            complete = false
            break
          }
          p += length
        }
      }
      if (!complete) {
        break
      }
      pos = p
      if (!onRow(buf)) {
        return false
      }
    }
    this.keep(buf, pos, size)
    return true
  }

  /** Moves `buf[from…to)` to the start of the window for the next chunk. */
  private keep(buf: Buffer, from: number, to: number): void {
    const length = to - from
    if (length > 0) {
      if (buf === this.window) {
        this.window.copyWithin(0, from, to)
      } else {
        if (this.window.length < length) {
          this.window = Buffer.allocUnsafe(length * 2)
        }
        buf.copy(this.window, 0, from, to)
      }
    }
    this.restLength = length
  }
}

/** How a {@link CopyOut} ended: every row read, or stopped by its consumer (the connection is then unusable). */
export type CopyOutEnd = 'ended' | 'stopped'

/**
 * Runs a `COPY … TO STDOUT` on a pg connection and hands the CopyData payloads straight from the socket's
 * chunks to `onData(chunk, from, to)` — no copy, no Buffer per message (pg-copy-streams makes several per
 * row, which at a few hundred bytes a row cost as much as the hashing). Like pg-copy-streams it takes the
 * socket over from pg's protocol parser for the COPY and gives it back at CopyDone or an error.
 *
 * `onData` returning false stops the reading: {@link done} then resolves 'stopped' and the connection is in
 * the middle of a COPY — close it (`client.release(true)`), never reuse it.
 */
export class CopyOut implements Submittable {
  /** Resolves when the COPY is over (or stopped); rejects with PostgreSQL's error. */
  readonly done: Promise<CopyOutEnd>
  private resolve!: (end: CopyOutEnd) => void
  private reject!: (error: unknown) => void
  private connection: Connection | undefined
  private pgOnData: ((chunk: Buffer) => void) | undefined
  private readonly onSocket = (chunk: Buffer) => this.parse(chunk)
  /** Bytes of the current message's payload still to come. */
  private remaining = 0
  /** The current message is CopyData (else it is skipped). */
  private inData = false
  /** A message header cut by the end of a socket chunk. */
  private header = Buffer.alloc(5)
  private headerLength = 0
  private finished = false

  constructor(
    readonly text: string,
    private readonly onData: (chunk: Buffer, from: number, to: number) => boolean,
  ) {
    this.done = new Promise<CopyOutEnd>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  submit(connection: Connection): void {
    this.connection = connection
    const stream = connection.stream
    const listeners = stream.listeners('data')
    if (listeners.length !== 1) {
      throw new Error('CopyOut: expected exactly one data listener on the connection')
    }
    this.pgOnData = listeners[0] as (chunk: Buffer) => void
    stream.removeListener('data', this.pgOnData)
    stream.on('data', this.onSocket)
    connection.query(this.text)
  }

  private parse(chunk: Buffer): void {
    let pos = 0
    const size = chunk.length
    while (pos < size) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, size - pos)
        if (this.inData && !this.onData(chunk, pos, pos + n)) {
          this.stop()
          return
        }
        this.remaining -= n
        pos += n
        continue
      }
      // A message header: type byte and int32 length (which counts itself).
      let type: number
      let length: number
      if (this.headerLength > 0 || size - pos < 5) {
        const n = Math.min(5 - this.headerLength, size - pos)
        chunk.copy(this.header, this.headerLength, pos, pos + n)
        this.headerLength += n
        pos += n
        if (this.headerLength < 5) {
          return
        }
        this.headerLength = 0
        type = this.header[0] as number
        length = this.header.readInt32BE(1)
        if (type === 0x45) {
          // ErrorResponse: pg parses it (and what follows) and fails the query through handleError.
          this.giveBack(Buffer.concat([this.header, chunk.subarray(pos)]))
          return
        }
      } else {
        type = chunk[pos] as number
        length = chunk.readInt32BE(pos + 1)
        if (type === 0x45) {
          this.giveBack(chunk.subarray(pos))
          return
        }
        pos += 5
      }
      if (type === 0x63) {
        // CopyDone: CommandComplete and ReadyForQuery follow, for pg.
        this.giveBack(chunk.subarray(pos + length - 4))
        return
      }
      // CopyData ('d') is read; CopyOutResponse ('H') and the messages that may come in between
      // (ParameterStatus, NoticeResponse, NotificationResponse) are skipped.
      this.inData = type === 0x64
      this.remaining = length - 4
    }
  }

  /** Hands the socket (and what is left of this chunk) back to pg's protocol parser. */
  private giveBack(rest: Buffer): void {
    const connection = this.connection
    const pgOnData = this.pgOnData
    if (!connection || !pgOnData) {
      return
    }
    connection.stream.removeListener('data', this.onSocket)
    connection.stream.on('data', pgOnData)
    if (rest.length > 0) {
      pgOnData(rest)
    }
  }

  private stop(): void {
    this.connection?.stream.removeListener('data', this.onSocket)
    this.settle(() => this.resolve('stopped'))
  }

  private settle(how: () => void): void {
    if (!this.finished) {
      this.finished = true
      how()
    }
  }

  handleError(error: unknown): void {
    this.settle(() => this.reject(error))
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.settle(() => this.resolve('ended'))
  }
}

/** Reads a non-negative int8 (binary COPY) that is a safe integer. */
export function readSeq(buf: Buffer, start: number): number {
  return buf.readUInt32BE(start) * 0x1_0000_0000 + buf.readUInt32BE(start + 4)
}

const ascii = (s: string) => Buffer.from(s, 'latin1')
const K_ACTING = ascii('"acting_for_post_id":')
const K_ACTION = ascii('"action":')
const K_ACTOR_ID = ascii(',"actor_id":')
const K_ACTOR_TYPE = ascii(',"actor_type":')
const K_CLIENT = ascii('"client_address":')
const K_DETAILS = ascii('"details":')
const K_ID = ascii(',"id":"')
const K_OCCURRED = ascii('","occurred_at":')
const K_OUTCOME = ascii('"outcome":')
const K_PREV = ascii('"prev_hash":"')
const K_PURPOSE = ascii('"purpose":')
const K_REQUEST = ascii('"request_id":')
const K_SESSION = ascii('"session_id":')
const K_SUBJECT_ID = ascii('"subject_id":')
const K_SUBJECT_TYPE = ascii(',"subject_type":')
const NULL = ascii('null')
const HEX = ascii('0123456789abcdef')
const SHORT_ESCAPES: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 }
/** Deepest nesting the fast path follows; deeper details go through the reference implementation. */
const MAX_DEPTH = 64

/**
 * Builds an entry's canonical bytes (exactly `canonicalBytes` of audit.chain.ts) from a COPY row into one
 * reused buffer.
 */
export class CanonicalWriter {
  out: Buffer = Buffer.allocUnsafe(4096)
  pos = 0
  /** Rows whose details went through the reference implementation (for tests and curiosity). */
  slowDetails = 0
  private readonly keyStart = new Int32Array(MAX_DEPTH)
  private readonly keyLength = new Int32Array(MAX_DEPTH)
  private readonly inObject = new Uint8Array(MAX_DEPTH)
  /** The day (since 2000-01-01) whose `YYYY-MM-DD` stands in {@link dayText}. */
  private day = Number.NaN
  private readonly dayText = new Uint8Array(10)

  /** The canonical bytes of the row in `buf` (fields at `starts` / `lengths`); valid until the next call. */
  build(buf: Buffer, starts: Int32Array, lengths: Int32Array): Buffer {
    this.pos = 0
    this.reserve(1024)
    this.out[this.pos++] = 0x7b // {
    this.optional(K_ACTING, buf, starts[F.actingForPostId] ?? 0, lengths[F.actingForPostId] ?? -1)
    this.lit(K_ACTION)
    this.str(buf, starts[F.action] ?? 0, lengths[F.action] ?? -1)
    this.lit(K_ACTOR_ID)
    this.str(buf, starts[F.actorId] ?? 0, lengths[F.actorId] ?? -1)
    this.lit(K_ACTOR_TYPE)
    this.str(buf, starts[F.actorType] ?? 0, lengths[F.actorType] ?? -1)
    this.out[this.pos++] = 0x2c // ,
    this.optional(K_CLIENT, buf, starts[F.clientAddress] ?? 0, lengths[F.clientAddress] ?? -1)
    this.lit(K_DETAILS)
    this.details(buf, starts[F.details] ?? 0, lengths[F.details] ?? -1)
    this.lit(K_ID)
    this.raw(buf, starts[F.id] ?? 0, lengths[F.id] ?? 0)
    this.lit(K_OCCURRED)
    if ((lengths[F.occurredAtText] ?? -1) >= 0) {
      this.str(buf, starts[F.occurredAtText] ?? 0, lengths[F.occurredAtText] ?? -1)
    } else {
      this.timestamp(buf, starts[F.occurredAt] ?? 0, lengths[F.occurredAt] ?? -1)
    }
    this.out[this.pos++] = 0x2c
    this.optional(K_OUTCOME, buf, starts[F.outcome] ?? 0, lengths[F.outcome] ?? -1)
    this.lit(K_PREV)
    this.hex(buf, starts[F.prevHash] ?? 0, lengths[F.prevHash] ?? 0)
    this.out[this.pos++] = 0x22 // "
    this.out[this.pos++] = 0x2c
    this.optional(K_PURPOSE, buf, starts[F.purpose] ?? 0, lengths[F.purpose] ?? -1)
    this.lit(K_REQUEST)
    this.str(buf, starts[F.requestId] ?? 0, lengths[F.requestId] ?? -1)
    this.out[this.pos++] = 0x2c
    this.optional(K_SESSION, buf, starts[F.sessionId] ?? 0, lengths[F.sessionId] ?? -1)
    this.lit(K_SUBJECT_ID)
    this.str(buf, starts[F.subjectId] ?? 0, lengths[F.subjectId] ?? -1)
    this.lit(K_SUBJECT_TYPE)
    this.str(buf, starts[F.subjectType] ?? 0, lengths[F.subjectType] ?? -1)
    this.reserve(1)
    this.out[this.pos++] = 0x7d // }
    return this.out.subarray(0, this.pos)
  }

  private reserve(n: number): void {
    if (this.pos + n > this.out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.pos + n))
      this.out.copy(bigger, 0, 0, this.pos)
      this.out = bigger
    }
  }

  // Small copies by hand: Buffer#copy and TypedArray#set cost more per call than a few dozen bytes take.
  private lit(bytes: Buffer): void {
    this.reserve(bytes.length)
    const out = this.out
    let pos = this.pos
    for (let k = 0; k < bytes.length; k++) {
      out[pos++] = bytes[k] as number
    }
    this.pos = pos
  }

  private raw(buf: Buffer, start: number, length: number): void {
    this.reserve(length)
    const out = this.out
    let pos = this.pos
    for (let k = start; k < start + length; k++) {
      out[pos++] = buf[k] as number
    }
    this.pos = pos
  }

  /** `"key":value,` for a set context column, nothing for a null one (ADR 0018). */
  private optional(key: Buffer, buf: Buffer, start: number, length: number): void {
    if (length < 0) {
      return
    }
    this.lit(key)
    this.str(buf, start, length)
    this.reserve(1)
    this.out[this.pos++] = 0x2c
  }

  /** A text column (UTF-8) as `JSON.stringify` writes it, or `null`. */
  private str(buf: Buffer, start: number, length: number): void {
    if (length < 0) {
      this.lit(NULL)
      return
    }
    // Worst case: every byte a six-character \u00xx escape.
    this.reserve(length * 6 + 2)
    const out = this.out
    let pos = this.pos
    out[pos++] = 0x22
    const end = start + length
    for (let i = start; i < end; i++) {
      const b = buf[i] as number
      if (b >= 0x20 && b !== 0x22 && b !== 0x5c) {
        out[pos++] = b
      } else if (b === 0x22 || b === 0x5c) {
        out[pos++] = 0x5c
        out[pos++] = b
      } else {
        const short = SHORT_ESCAPES[b]
        out[pos++] = 0x5c
        if (short !== undefined) {
          out[pos++] = short
        } else {
          // \u00xx with lowercase hex digits, as JSON.stringify (and PostgreSQL's escape_json) write it.
          out[pos++] = 0x75
          out[pos++] = 0x30
          out[pos++] = 0x30
          out[pos++] = HEX[b >> 4] as number
          out[pos++] = HEX[b & 15] as number
        }
      }
    }
    out[pos++] = 0x22
    this.pos = pos
  }

  /**
   * A timestamptz in binary (microseconds since 2000-01-01 UTC, years 1800–2199) as the JSON string that
   * `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` gives, e.g.
   * `"2026-11-26T09:00:00.123456Z"` (proleptic Gregorian, as PostgreSQL counts).
   */
  private timestamp(buf: Buffer, start: number, length: number): void {
    if (length !== 8) {
      throw new Error('audit_event.occurred_at: unexpected timestamptz in the COPY stream')
    }
    const micros = buf.readInt32BE(start) * 0x1_0000_0000 + buf.readUInt32BE(start + 4)
    const days = Math.floor(micros / 86_400_000_000)
    if (days !== this.day) {
      this.formatDay(days)
    }
    // Within the day every part fits a 32-bit integer once the microseconds are split off.
    const ofDay = micros - days * 86_400_000_000
    const seconds = Math.floor(ofDay / 1_000_000)
    const micro = ofDay - seconds * 1_000_000
    const hour = (seconds / 3600) | 0
    const minute = ((seconds - hour * 3600) / 60) | 0
    const second = seconds - hour * 3600 - minute * 60
    this.reserve(29)
    const out = this.out
    let pos = this.pos
    out[pos++] = 0x22
    const date = this.dayText
    for (let k = 0; k < 10; k++) {
      out[pos++] = date[k] as number
    }
    out[pos++] = 0x54 // T
    pos = digits(out, pos, hour, 2)
    out[pos++] = 0x3a
    pos = digits(out, pos, minute, 2)
    out[pos++] = 0x3a
    pos = digits(out, pos, second, 2)
    out[pos++] = 0x2e
    pos = digits(out, pos, micro, 6)
    out[pos++] = 0x5a // Z
    out[pos++] = 0x22
    this.pos = pos
  }

  /**
   * `YYYY-MM-DD` of the day `days` after 2000-01-01 into {@link dayText}: entries come in time order, so
   * most share the day of the one before and skip this.
   */
  private formatDay(days: number): void {
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    const z = days + 10_957 + 719_468
    const era = Math.floor(z / 146_097)
    const doe = z - era * 146_097
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    )
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
    const mp = Math.floor((5 * doy + 2) / 153)
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1
    const month = mp < 10 ? mp + 3 : mp - 9
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    const text = this.dayText
    digits(text, 0, year, 4)
    text[4] = 0x2d
    digits(text, 5, month, 2)
    text[7] = 0x2d
    digits(text, 8, day, 2)
    this.day = days
  }

  /** 32 bytes as 64 lowercase hex digits. */
  private hex(buf: Buffer, start: number, length: number): void {
    this.reserve(length * 2)
    const out = this.out
    let pos = this.pos
    for (let i = start; i < start + length; i++) {
      const b = buf[i] as number
      out[pos++] = HEX[b >> 4] as number
      out[pos++] = HEX[b & 15] as number
    }
    this.pos = pos
  }

  /** The jsonb column (a version byte, then PostgreSQL's text of it) as canonical JSON. */
  private details(buf: Buffer, start: number, length: number): void {
    if (length < 1 || buf[start] !== 1) {
      throw new Error('audit_event.details: unexpected jsonb format in the COPY stream')
    }
    const mark = this.pos
    if (!this.fastDetails(buf, start + 1, start + length)) {
      // The reference implementation, on exactly what node-pg would have parsed.
      this.pos = mark
      this.slowDetails++
      const text = canonicalJson(JSON.parse(buf.toString('utf8', start + 1, start + length)))
      const bytes = Buffer.byteLength(text, 'utf8')
      this.reserve(bytes)
      this.out.write(text, this.pos, 'utf8')
      this.pos += bytes
    }
  }

  /**
   * PostgreSQL's jsonb text differs from canonical JSON in three ways: a space after every `,` and `:`
   * outside strings; object keys ordered by length first (canonical: by UTF-16 code units); numbers as
   * numeric prints them (canonical: as JavaScript prints the double). Strings are escaped identically.
   * Copies the text, dropping those spaces, as long as every object's keys already stand in canonical
   * order and have no escapes, and every number is an integer of at most 15 digits (printed the same by
   * both); other numbers are rewritten as JavaScript prints them.
   * @returns false when the text needs the reference implementation
   */
  private fastDetails(buf: Buffer, start: number, end: number): boolean {
    // Output never exceeds input: only spaces are dropped, and a rewritten number is at most as long… except
    // that JavaScript may print more digits for a short numeric (1e21 has 22 digits, written "1e+21") —
    // numbers reserve for themselves.
    this.reserve(end - start)
    let out = this.out
    let pos = this.pos
    const keyStart = this.keyStart
    const keyLength = this.keyLength
    const inObject = this.inObject
    let depth = -1
    let expectKey = false
    let i = start
    while (i < end) {
      const c = buf[i] as number
      if (c === 0x22) {
        // A string: copied as is (escapes are the same) up to its closing quote.
        let j = i + 1
        let escaped = false
        out[pos++] = 0x22
        for (;;) {
          if (j >= end) {
            return false
          }
          const d = buf[j] as number
          out[pos++] = d
          if (d === 0x22) {
            break
          }
          if (d === 0x5c) {
            escaped = true
            out[pos++] = buf[j + 1] as number
            j += 2
          } else {
            j++
          }
        }
        if (expectKey) {
          if (escaped) {
            return false
          }
          const ks = i + 1
          const kl = j - ks
          const prev = keyLength[depth] as number
          if (prev >= 0 && !utf16Less(buf, keyStart[depth] as number, prev, ks, kl)) {
            return false
          }
          keyStart[depth] = ks
          keyLength[depth] = kl
          expectKey = false
        }
        i = j + 1
      } else if (c === 0x2c || c === 0x3a) {
        // `, ` and `: ` outside strings lose their space.
        if (buf[i + 1] !== 0x20) {
          return false
        }
        out[pos++] = c
        i += 2
        if (c === 0x2c && depth >= 0 && inObject[depth] === 1) {
          expectKey = true
        }
      } else if (c === 0x7b || c === 0x5b) {
        depth++
        if (depth >= MAX_DEPTH) {
          return false
        }
        inObject[depth] = c === 0x7b ? 1 : 0
        keyLength[depth] = -1
        expectKey = c === 0x7b
        out[pos++] = c
        i++
      } else if (c === 0x7d || c === 0x5d) {
        depth--
        expectKey = false
        out[pos++] = c
        i++
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        let j = i + 1
        let plain = true
        while (j < end) {
          const d = buf[j] as number
          if (d >= 0x30 && d <= 0x39) {
            j++
          } else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
            plain = false
            j++
          } else {
            break
          }
        }
        const digits = j - i - (c === 0x2d ? 1 : 0)
        if (plain && digits <= 15) {
          for (let k = i; k < j; k++) {
            out[pos++] = buf[k] as number
          }
        } else {
          // As canonicalJson writes the double the JSON number parses to.
          const value = Number(buf.toString('latin1', i, j))
          if (!Number.isFinite(value)) {
            return false
          }
          const text = JSON.stringify(value)
          this.pos = pos
          this.reserve(text.length + (end - j))
          out = this.out
          pos += out.write(text, pos, 'latin1')
        }
        i = j
      } else if (c === 0x74 && buf[i + 1] === 0x72 && buf[i + 2] === 0x75 && buf[i + 3] === 0x65) {
        out[pos++] = 0x74 // true
        out[pos++] = 0x72
        out[pos++] = 0x75
        out[pos++] = 0x65
        i += 4
      } else if (c === 0x6e && buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c) {
        out[pos++] = 0x6e // null
        out[pos++] = 0x75
        out[pos++] = 0x6c
        out[pos++] = 0x6c
        i += 4
      } else if (
        c === 0x66 &&
        buf[i + 1] === 0x61 &&
        buf[i + 2] === 0x6c &&
        buf[i + 3] === 0x73 &&
        buf[i + 4] === 0x65
      ) {
        out[pos++] = 0x66 // false
        out[pos++] = 0x61
        out[pos++] = 0x6c
        out[pos++] = 0x73
        out[pos++] = 0x65
        i += 5
      } else {
        return false
      }
    }
    if (depth !== -1) {
      return false
    }
    this.pos = pos
    return true
  }
}

/** Writes `value` as `width` decimal digits, zero-padded. */
function digits(out: Uint8Array, pos: number, value: number, width: number): number {
  let v = value
  for (let k = width - 1; k >= 0; k--) {
    const next = (v / 10) | 0
    out[pos + k] = 0x30 + v - next * 10
    v = next
  }
  return pos + width
}

/**
 * Whether the UTF-8 bytes `a` sort before `b` by UTF-16 code units (JavaScript's default sort). UTF-8 byte
 * order is code point order; the two differ only between U+E000–U+FFFF (lead bytes EE, EF) and the
 * characters beyond U+FFFF (lead bytes F0–F4, surrogate pairs in UTF-16, which sort before U+E000).
 */
export function utf16Less(buf: Buffer, a: number, aLength: number, b: number, bLength: number): boolean {
  const n = Math.min(aLength, bLength)
  for (let k = 0; k < n; k++) {
    let x = buf[a + k] as number
    let y = buf[b + k] as number
    if (x !== y) {
      // At the first difference both sides stand at the start of a character (or inside characters with the
      // same lead byte, where only continuation bytes 80–BF differ), so lifting EE/EF above F4 is enough.
      if (x === 0xee || x === 0xef) {
        x += 0x10
      }
      if (y === 0xee || y === 0xef) {
        y += 0x10
      }
      return x < y
    }
  }
  return aLength < bLength
}
