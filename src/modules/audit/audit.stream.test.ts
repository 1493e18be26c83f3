// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { Db } from '../../db/database.js'
import { CHAIN_CONTENT_COLUMNS, canonicalBytes } from './audit.chain.js'
import { sealAllAuditEvents } from './audit.sealer.js'
import { CanonicalWriter, F, readSeq, utf16Less } from './audit.stream.js'
import { streamSealedEntries, verifyAuditChain } from './audit.verify.js'

/**
 * The verifier rebuilds canonical bytes from PostgreSQL's binary COPY (audit.stream.ts); the sealer and every
 * outside verifier use the reference `canonicalBytes` over the row as node-pg reads it. These tests hold the
 * two byte-identical on generated entries with awkward content, on whichever PostgreSQL the tests run.
 */

/** Characters that need care somewhere: escapes, controls, quotes, non-BMP, U+E000–U+FFFF (key order). */
const AWKWARD = [
  '"',
  '\\',
  '\t',
  '\n',
  '\r',
  '\b',
  '\f',
  '\u0001',
  '\u001f',
  '\u007f',
  '/',
  ' ',
  ', ',
  ': ',
  '", "',
  '\\"',
  'ä',
  'ß',
  '€',
  '\u2028',
  '\ue000',
  '\uffff',
  '😀',
  '\u{10ffff}',
  'a',
  'z',
  '0',
]

/** A string PostgreSQL text can hold (no NUL, no lone surrogates). */
const text = fc
  .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 6 })
  .map((parts) => parts.join('').replaceAll('\u0000', ''))
  .filter((s) => !/\p{Surrogate}/u.test(s))

/** JSON numerals, written as text so that jsonb keeps what JavaScript could not (1.50, 2^53 + 1, 1e21). */
const numeral = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer({ min: 14, max: 18 }).chain((n) => fc.stringMatching(new RegExp(`^-?[1-9][0-9]{${n - 1}}$`))),
  fc.constantFrom(
    '1.50',
    '-0',
    '0.0',
    '1e21',
    '1E-7',
    '0.000001',
    '0.0000001',
    '1.0000000000000002',
    '9007199254740993',
    '123456789012345',
    '1234567890123456',
    '123456789012345.678',
    '-1e-300',
    '1e300',
    '100000000000000000000',
  ),
)

/** Details as JSON text: nested objects and arrays, awkward keys and strings, numerals as above. */
const detailsText: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numeral,
    text.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            {
              arbitrary: fc.constantFrom('a', 'ab', 'b', 'ids', 'page', 'to', 'from', 'ä', '\ue000', '😀'),
              weight: 3,
            },
            { arbitrary: text, weight: 1 },
          ),
          tie('node'),
        ),
        { maxLength: 5 },
      )
      .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).node

/** UTC with microseconds, from year 1 to 9999. */
const timestamp = fc
  .tuple(
    fc.oneof(
      fc.date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      // Where the stream formats the binary value itself, and its edges.
      fc.date({
        min: new Date('1800-01-01T00:00:00Z'),
        max: new Date('2199-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      fc
        .constantFrom(
          ...[
            '1799-12-31T23:59:59.999Z',
            '1800-01-01T00:00:00Z',
            '1969-12-31T23:59:59.999Z',
            '2000-02-29T12:00:00Z',
          ],
          ...['1999-12-31T23:59:59.999Z', '2199-12-31T23:59:59.999Z', '2200-01-01T00:00:00Z'],
        )
        .map((iso) => new Date(iso)),
    ),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([date, micros]) => date.toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`))

const entry = fc.record({
  occurredAt: timestamp,
  actorType: fc.constantFrom('staff', 'citizen', 'system'),
  actorId: fc.option(text),
  action: text,
  subjectType: text,
  subjectId: text,
  requestId: fc.option(text),
  details: detailsText,
  actingForPostId: fc.option(text),
  purpose: fc.option(text),
  outcome: fc.option(fc.constantFrom('success', 'denied')),
  clientAddress: fc.option(text),
  sessionId: fc.option(text),
})
type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never

async function insert(db: Db, e: Entry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      occurred_at: sql`${e.occurredAt}::timestamptz`,
      actor_type: e.actorType as 'staff',
      actor_id: e.actorId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      request_id: e.requestId,
      details: e.details,
      acting_for_post_id: e.actingForPostId,
      purpose: e.purpose,
      client_address: e.clientAddress,
      session_id: e.sessionId,
    })
    .execute()
  if (e.outcome === null) {
    // `outcome` defaults to 'success' and cannot be set to null through the insert type.
    await sql`update audit_event set outcome = null where id = (select max(id) from audit_event)`.execute(db)
  }
}

/** What the stream builds for every sealed entry after `afterSeq`, with the place of each. */
async function streamed(db: Db, afterSeq: number): Promise<{ seq: number; bytes: Buffer; fast: boolean }[]> {
  const writer = new CanonicalWriter()
  const out: { seq: number; bytes: Buffer; fast: boolean }[] = []
  const end = await streamSealedEntries(db, afterSeq, (buf, starts, lengths) => {
    const slowBefore = writer.slowDetails
    const bytes = Buffer.from(writer.build(buf, starts, lengths))
    out.push({
      seq: readSeq(buf, starts[F.chainSeq] as number),
      bytes,
      fast: writer.slowDetails === slowBefore,
    })
    return true
  })
  expect(end).toBe('ended')
  return out
}

describe('key order', () => {
  it('should order UTF-8 keys exactly as JavaScript sorts the strings (UTF-16 code units)', () => {
    const key = fc.string({
      unit: fc.constantFrom('a', 'b', 'ä', '\ud7ff', '\ue000', '\uffff', '😀', '\u{10ffff}'),
      maxLength: 4,
    })
    fc.assert(
      fc.property(key, key, (a, b) => {
        const buf = Buffer.from(a + b, 'utf8')
        const aLength = Buffer.byteLength(a)
        expect(utf16Less(buf, 0, aLength, aLength, buf.length - aLength)).toBe(a < b)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('canonical bytes from the COPY stream', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await freshTestContext()
    // The triggers would refuse setting `outcome` to null after the insert.
    await sql`alter table audit_event disable trigger user`.execute(ctx.db)
  })
  afterAll(async () => {
    await ctx.close()
  })

  it('should be byte-identical to canonicalBytes for generated entries with awkward content', async () => {
    let sealedUpTo = 0
    let fast = 0
    let slow = 0
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), async (entries) => {
        for (const e of entries) {
          await insert(ctx.db, e)
        }
        await sealAllAuditEvents(ctx.db)
        const reference = await ctx.db
          .selectFrom('audit_event')
          .select([...CHAIN_CONTENT_COLUMNS, sql<Buffer>`prev_hash`.as('prev_hash'), 'chain_seq'])
          .where('chain_seq', '>', sealedUpTo)
          .orderBy('chain_seq')
          .execute()
        const built = await streamed(ctx.db, sealedUpTo)
        expect(built.map((b) => b.seq)).toEqual(reference.map((r) => r.chain_seq))
        for (const [i, row] of reference.entries()) {
          const expected = canonicalBytes(row, row.prev_hash).toString('utf8')
          expect(built[i]?.bytes.toString('utf8')).toBe(expected)
          if (built[i]?.fast) {
            fast++
          } else {
            slow++
          }
        }
        sealedUpTo += reference.length
      }),
      { numRuns: 150 },
    )
    // Both ways through the details were taken: the byte-level fast path and the reference fallback.
    expect(fast).toBeGreaterThan(20)
    expect(slow).toBeGreaterThan(20)
    // And the verifier accepts the whole chain the reference sealed.
    const result = await verifyAuditChain(ctx.db)
    expect(result.firstBroken).toBeUndefined()
    expect(result).toMatchObject({ ok: true, checked: sealedUpTo })
  })
})
