// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { grundsicherungAnswers } from '../../../test/factories/applications.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { type Db, openDb } from '../../db/database.js'
import { applicationsService, grundsicherungForm } from '../applications/index.js'
import { CHAIN_CONTENT_COLUMNS, canonicalBytes, canonicalJson, entryHash } from './audit.chain.js'
import { sealAllAuditEvents, sealAuditEvents } from './audit.sealer.js'
import { recordAuditEvent } from './audit.service.js'
import { exportAuditCheckpoint, verifyAuditChain } from './audit.verify.js'

/** Writes `n` audit events, each in its own transaction, all at once. */
async function recordMany(db: Db, n: number, tag = 'test'): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      db.transaction().execute((trx) =>
        recordAuditEvent(trx, {
          actor: { type: 'staff', id: `user-${i % 7}` },
          action: 'application.view',
          subject: { type: 'application', id: `${tag}-${i}` },
          requestId: `req-${i}`,
          details: { i, tag, nested: { z: 1, a: [true, null, 'ü'] } },
        }),
      ),
    ),
  )
}

/** Runs `statements` as a DBA would: with the append-only triggers switched off. */
async function asAttacker(db: Db, statements: (db: Db) => Promise<unknown>): Promise<void> {
  await sql`alter table audit_event disable trigger user`.execute(db)
  try {
    await statements(db)
  } finally {
    await sql`alter table audit_event enable trigger user`.execute(db)
  }
}

describe('canonical content', () => {
  it('should write the entry as canonical JSON with sorted keys', () => {
    const entry = {
      id: 42,
      occurred_at: '2026-11-26T09:00:00.123456Z',
      actor_type: 'staff',
      actor_id: 'u1',
      action: 'application.view',
      subject_type: 'application',
      subject_id: 'a"b',
      request_id: null,
      details: { b: [2, { d: 1, c: 'ä\n' }], a: 1.5 },
    }
    const prev = Buffer.alloc(32, 1)
    const expected = canonicalJson({ ...entry, id: '42', prev_hash: prev.toString('hex') })
    expect(canonicalBytes(entry, prev).toString('utf8')).toBe(expected)
    expect(expected).toContain('"details":{"a":1.5,"b":[2,{"c":"ä\\n","d":1}]}')
    expect(entryHash(entry, prev)).toHaveLength(32)
  })
})

describe('canonical content with the context columns (ADR 0018)', () => {
  const entry = {
    id: 7,
    occurred_at: '2026-11-26T09:00:00.000001Z',
    actor_type: 'staff',
    actor_id: 'u1',
    action: 'application.view',
    subject_type: 'application',
    subject_id: 'a1',
    request_id: 'r1',
    details: {},
  }
  const prev = Buffer.alloc(32, 2)

  it('should hash an entry whose context columns are null exactly as before they existed', () => {
    const before =
      '{"action":"application.view","actor_id":"u1","actor_type":"staff","details":{},"id":"7",' +
      `"occurred_at":"2026-11-26T09:00:00.000001Z","prev_hash":"${prev.toString('hex')}","request_id":"r1",` +
      '"subject_id":"a1","subject_type":"application"}'
    const withNulls = {
      ...entry,
      acting_for_post_id: null,
      purpose: null,
      outcome: null,
      client_address: null,
      session_id: null,
    }
    expect(canonicalBytes(withNulls, prev).toString('utf8')).toBe(before)
  })

  it('should include every set context column at its sorted place, so that changing one changes the hash', () => {
    const full = {
      ...entry,
      acting_for_post_id: 'p1',
      purpose: 'case_processing',
      outcome: 'denied',
      client_address: '192.0.2.0/24',
      session_id: 's1',
    }
    const expected = canonicalJson({ ...full, id: '7', prev_hash: prev.toString('hex') })
    expect(canonicalBytes(full, prev).toString('utf8')).toBe(expected)
    for (const key of ['acting_for_post_id', 'purpose', 'outcome', 'client_address', 'session_id'] as const) {
      expect(entryHash({ ...full, [key]: 'x' }, prev).equals(entryHash(full, prev))).toBe(false)
      expect(entryHash({ ...full, [key]: null }, prev).equals(entryHash(full, prev))).toBe(false)
    }
  })
})

describe('audit chain', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await freshTestContext()
  })
  afterAll(async () => {
    await ctx.close()
  })

  it('should be valid after many concurrent writers while two sealers run', async () => {
    const wide = openDb(ctx.databaseUrl, 20)
    try {
      let writing = true
      const sealer = async () => {
        while (writing) {
          await sealAuditEvents(wide, { batchSize: 37 })
        }
      }
      const sealers = [sealer(), sealer()]
      const answers = grundsicherungAnswers()
      await Promise.all([
        recordMany(wide, 200),
        ...Array.from({ length: 200 }, () =>
          applicationsService.insertApplication(wide, grundsicherungForm, answers, null),
        ),
      ])
      writing = false
      await Promise.all(sealers)
      await sealAllAuditEvents(wide)
    } finally {
      await wide.destroy()
    }
    const result = await verifyAuditChain(ctx.db, { batchSize: 64, unsealedBoundMs: 0 })
    expect(result.firstBroken).toBeUndefined()
    expect(result).toMatchObject({ ok: true, checked: 400 })
    const counts = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('chain_seq').as('max')])
      .executeTakeFirstOrThrow()
    expect(counts).toEqual({ n: 400, max: 400 })
  })

  it('should refuse to change, delete or truncate entries, sealed or not', async () => {
    await recordMany(ctx.db, 2, 'guard')
    const unsealed = await ctx.db
      .selectFrom('audit_event')
      .select('id')
      .where('hash', 'is', null)
      .executeTakeFirstOrThrow()
    await expect(
      sql`update audit_event set action = 'x' where id = ${unsealed.id}`.execute(ctx.db),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`update audit_event set action = 'x', chain_seq = 999, prev_hash = ${Buffer.alloc(32)}, hash = ${Buffer.alloc(32)}
          where id = ${unsealed.id}`.execute(ctx.db),
    ).rejects.toThrow(/append-only/)
    await sealAllAuditEvents(ctx.db)
    await expect(sql`update audit_event set hash = hash where chain_seq = 1`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_event where chain_seq = 1`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`truncate audit_event`.execute(ctx.db)).rejects.toThrow(/append-only/)
    await expect(
      sql`insert into audit_event (actor_type, action, subject_type, subject_id, chain_seq, prev_hash, hash)
          values ('system', 'x', 'x', 'x', 10000, ${Buffer.alloc(32)}, ${Buffer.alloc(32)})`.execute(ctx.db),
    ).rejects.toThrow(/inserted unsealed/)
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true)
  })

  it('should deny UPDATE, DELETE and TRUNCATE by privilege to a role granted only SELECT, INSERT and sealing', async () => {
    const { rows } = await sql<{ rolsuper: boolean }>`
      select rolsuper from pg_roles where rolname = current_user`.execute(ctx.db)
    if (!rows[0]?.rolsuper) {
      return // an external test server without superuser: the grants cannot be shown here
    }
    // Roles are cluster-wide and the test server is shared: a unique name, dropped at the end.
    const role = sql.id(`lotse_app_test_${randomBytes(4).toString('hex')}`)
    await sql`create role ${role} nologin`.execute(ctx.db)
    try {
      await sql`grant usage on schema public to ${role}`.execute(ctx.db)
      await sql`grant select, insert on audit_event to ${role}`.execute(ctx.db)
      await sql`grant update (chain_seq, prev_hash, hash) on audit_event to ${role}`.execute(ctx.db)
      const asApp = (statement: ReturnType<typeof sql>) =>
        ctx.db.transaction().execute(async (trx) => {
          await sql`set local role ${role}`.execute(trx)
          // The triggers are off, so that what stops the statement can only be the missing privilege.
          return statement.execute(trx)
        })
      await asApp(
        sql`insert into audit_event (actor_type, action, subject_type, subject_id) values ('system', 'grant.test', 's', '1')`,
      )
      await asAttacker(ctx.db, async () => {
        await expect(asApp(sql`update audit_event set action = 'x'`)).rejects.toThrow(/permission denied/)
        await expect(asApp(sql`delete from audit_event`)).rejects.toThrow(/permission denied/)
        await expect(asApp(sql`truncate audit_event`)).rejects.toThrow(/permission denied/)
      })
      // Sealing needs only the three columns it may set.
      await expect(
        asApp(sql`update audit_event set hash = hash where chain_seq is null and false`),
      ).resolves.toBeDefined()
    } finally {
      await sql`drop owned by ${role}`.execute(ctx.db)
      await sql`drop role ${role}`.execute(ctx.db)
    }
  })
})

describe('tampering', () => {
  let ctx: TestContext
  afterEach(async () => {
    await ctx.close()
  })

  /** A fresh database with a sealed chain of 12 entries. */
  async function sealedChain(): Promise<Db> {
    ctx = await freshTestContext()
    for (let i = 0; i < 12; i++) {
      await recordMany(ctx.db, 1, `t${i}`)
    }
    await sealAllAuditEvents(ctx.db)
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, checked: 12 })
    return ctx.db
  }

  async function idAt(db: Db, seq: number): Promise<number> {
    return (
      await db.selectFrom('audit_event').select('id').where('chain_seq', '=', seq).executeTakeFirstOrThrow()
    ).id
  }

  it('should report a changed field as content_changed at that entry', async () => {
    const db = await sealedChain()
    const id = await idAt(db, 5)
    await asAttacker(db, () =>
      sql`update audit_event set actor_id = 'someone-else' where id = ${id}`.execute(db),
    )
    const result = await verifyAuditChain(db, { batchSize: 4 })
    expect(result).toMatchObject({ ok: false, checked: 4, firstBroken: { id, reason: 'content_changed' } })
  })

  it('should report a changed context column (network, session, outcome, purpose, acting for) as content_changed', async () => {
    ctx = await freshTestContext()
    const db = ctx.db
    await db.transaction().execute((trx) =>
      recordAuditEvent(trx, {
        actor: { type: 'staff', id: 'u1' },
        action: 'case.denied',
        subject: { type: 'application', id: 'x' },
        actingForPostId: 'post-1',
        purpose: 'case_processing',
        outcome: 'denied',
      }),
    )
    await sql`insert into audit_event (actor_type, action, subject_type, subject_id, client_address, session_id)
      values ('staff', 'application.view', 'application', 'y', '192.0.2.0/24', 's-1')`.execute(db)
    await sealAllAuditEvents(db)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 2 })
    const changes = [
      sql`update audit_event set client_address = '198.51.100.0/24' where chain_seq = 2`,
      sql`update audit_event set session_id = null where chain_seq = 2`,
      sql`update audit_event set outcome = 'success' where chain_seq = 1`,
      sql`update audit_event set purpose = 'break_glass' where chain_seq = 1`,
      sql`update audit_event set acting_for_post_id = null where chain_seq = 1`,
    ]
    for (const change of changes) {
      const snapshot = await db.selectFrom('audit_event').selectAll().orderBy('chain_seq').execute()
      await asAttacker(db, () => change.execute(db))
      expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ reason: 'content_changed' })
      // Put the entry back as it was, for the next change.
      await asAttacker(db, async () => {
        for (const row of snapshot) {
          await db
            .updateTable('audit_event')
            .set({
              client_address: row.client_address,
              session_id: row.session_id,
              purpose: row.purpose,
              acting_for_post_id: row.acting_for_post_id,
            })
            .where('id', '=', row.id)
            .execute()
          await sql`update audit_event set outcome = ${row.outcome} where id = ${row.id}`.execute(db)
        }
      })
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
    }
  })

  it('should report a change to details, a nested detail, the subject or the request as content_changed', async () => {
    const db = await sealedChain()
    const changes = [
      sql`update audit_event set details = jsonb_set(details, '{nested,a,2}', '"u"') where chain_seq = 4`,
      sql`update audit_event set details = details || '{"extra": 1}' where chain_seq = 4`,
      sql`update audit_event set details = details - 'tag' where chain_seq = 4`,
      sql`update audit_event set subject_id = subject_id || ' ' where chain_seq = 4`,
      sql`update audit_event set subject_type = 'case' where chain_seq = 4`,
      sql`update audit_event set request_id = null where chain_seq = 4`,
      sql`update audit_event set action = 'application.list' where chain_seq = 4`,
      sql`update audit_event set actor_type = 'system' where chain_seq = 4`,
    ]
    const id = await idAt(db, 4)
    const original = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    for (const change of changes) {
      await asAttacker(db, () => change.execute(db))
      expect((await verifyAuditChain(db)).firstBroken).toMatchObject({
        id,
        seq: 4,
        reason: 'content_changed',
      })
      await asAttacker(db, () =>
        sql`update audit_event set details = ${JSON.stringify(original.details)}::jsonb, subject_id = ${original.subject_id},
            subject_type = ${original.subject_type}, request_id = ${original.request_id}, action = ${original.action},
            actor_type = ${original.actor_type} where id = ${id}`.execute(db),
      )
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 12 })
    }
  })

  it('should close the connection of a verification stopped at a break, leaving the pool usable', async () => {
    const db = await sealedChain()
    await asAttacker(db, () => sql`update audit_event set actor_id = 'x' where chain_seq = 2`.execute(db))
    // More runs than the pool (5) has connections: a stopped COPY left in the pool would hang the next one.
    for (let i = 0; i < 8; i++) {
      expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ seq: 2, reason: 'content_changed' })
    }
    expect(
      await db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({ n: 12 })
  })

  it('should report a changed time (microseconds) as content_changed', async () => {
    const db = await sealedChain()
    const id = await idAt(db, 3)
    await asAttacker(db, () =>
      sql`update audit_event set occurred_at = occurred_at + interval '1 microsecond' where id = ${id}`.execute(
        db,
      ),
    )
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ id, reason: 'content_changed' })
  })

  it('should report a deleted entry as entry_deleted at its successor', async () => {
    const db = await sealedChain()
    const next = await idAt(db, 6)
    await asAttacker(db, () => sql`delete from audit_event where chain_seq = 5`.execute(db))
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ id: next, reason: 'entry_deleted' })
  })

  it('should report a deleted entry as entry_deleted even when the places were renumbered', async () => {
    const db = await sealedChain()
    const next = await idAt(db, 6)
    await asAttacker(db, async () => {
      await sql`delete from audit_event where chain_seq = 5`.execute(db)
      // Through a free range: the unique index is checked row by row.
      await sql`update audit_event set chain_seq = chain_seq + 1000000 where chain_seq > 5`.execute(db)
      await sql`update audit_event set chain_seq = chain_seq - 1000001 where chain_seq > 1000000`.execute(db)
    })
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ id: next, reason: 'entry_deleted' })
  })

  it('should report two swapped entries as reordered', async () => {
    const db = await sealedChain()
    const [a, b] = [await idAt(db, 5), await idAt(db, 6)]
    await asAttacker(db, async () => {
      await sql`update audit_event set chain_seq = 1000000 where id = ${a}`.execute(db)
      await sql`update audit_event set chain_seq = 5 where id = ${b}`.execute(db)
      await sql`update audit_event set chain_seq = 6 where id = ${a}`.execute(db)
    })
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ id: b, seq: 5, reason: 'reordered' })
  })

  it('should report a forged entry put in the middle, with a correct hash, as inserted', async () => {
    const db = await sealedChain()
    const prev = await db
      .selectFrom('audit_event')
      .select(['hash'])
      .where('chain_seq', '=', 5)
      .executeTakeFirstOrThrow()
    let forgedId = 0
    await asAttacker(db, async () => {
      await sql`update audit_event set chain_seq = chain_seq + 1000000 where chain_seq > 5`.execute(db)
      await sql`update audit_event set chain_seq = chain_seq - 999999 where chain_seq > 1000000`.execute(db)
      const { rows } = await sql<{ id: number }>`
        insert into audit_event (actor_type, actor_id, action, subject_type, subject_id)
        values ('staff', 'u1', 'application.view', 'application', 'forged') returning id`.execute(db)
      forgedId = rows[0]?.id ?? 0
      const forged = await db
        .selectFrom('audit_event')
        .select([...CHAIN_CONTENT_COLUMNS])
        .where('id', '=', forgedId)
        .executeTakeFirstOrThrow()
      const prevHash = prev.hash ?? Buffer.alloc(32)
      await sql`update audit_event set chain_seq = 6, prev_hash = ${prevHash}, hash = ${entryHash(forged, prevHash)}
        where id = ${forgedId}`.execute(db)
    })
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({
      id: forgedId,
      seq: 6,
      reason: 'inserted',
    })
  })

  it('should report entries left unsealed past the bound', async () => {
    const db = await sealedChain()
    await recordMany(db, 1, 'late')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await verifyAuditChain(db, { unsealedBoundMs: 0 })).firstBroken).toMatchObject({
      reason: 'unsealed',
    })
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('should verify from a checkpoint and detect a history rewritten behind it', async () => {
    const db = await sealedChain()
    const checkpoint = await exportAuditCheckpoint(db)
    expect(checkpoint).toMatchObject({ lastSeq: 12, count: 12 })
    if (!checkpoint) {
      return
    }
    await recordMany(db, 3, 'after')
    await sealAllAuditEvents(db)
    expect(await verifyAuditChain(db, { checkpoint })).toMatchObject({ ok: true, checked: 15 })
    expect(await verifyAuditChain(db, { checkpoint, startAtCheckpoint: true })).toMatchObject({
      ok: true,
      checked: 3,
      last: { seq: 15 },
    })

    // A DBA changes an old entry and re-seals everything: the chain is consistent again in itself…
    await asAttacker(db, async () => {
      await sql`update audit_event set action = 'application.list' where chain_seq = 2`.execute(db)
      await sql`update audit_event set chain_seq = null, prev_hash = null, hash = null`.execute(db)
    })
    await sealAllAuditEvents(db)
    expect((await verifyAuditChain(db)).ok).toBe(true)
    // …but not with what an outside party kept.
    expect((await verifyAuditChain(db, { checkpoint })).firstBroken).toMatchObject({
      reason: 'checkpoint_mismatch',
    })
    expect((await verifyAuditChain(db, { checkpoint, startAtCheckpoint: true })).firstBroken).toMatchObject({
      reason: 'checkpoint_mismatch',
    })
  })

  it('should report a cut-off tail as checkpoint_mismatch', async () => {
    const db = await sealedChain()
    const checkpoint = await exportAuditCheckpoint(db)
    await asAttacker(db, () => sql`delete from audit_event where chain_seq > 9`.execute(db))
    expect((await verifyAuditChain(db)).ok).toBe(true)
    expect((await verifyAuditChain(db, { checkpoint })).firstBroken).toMatchObject({
      reason: 'checkpoint_mismatch',
    })
  })
})
