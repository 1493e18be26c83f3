// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { openPaymentReturnsOf } from '../payments/statement.repository.js'
import { openStepsDueOf } from './checklist.repository.js'
import { type CaseFacts, type PriorityRules, priorityRulesSchema, urgencyOf } from './priority-rules.js'

type Conn = Kysely<Database> | Transaction<Database>

export interface RulesInForce {
  id: string
  validFrom: Date
  rules: PriorityRules
}

/**
 * The priority rules in force at `at`: the configuration with the latest valid_from not after it.
 * @throws Error when none is configured (the first migration seeds one, so this is a broken installation)
 */
export async function rulesInForce(conn: Conn, at: Date): Promise<RulesInForce> {
  const row = await conn
    .selectFrom('priority_config')
    .select(['id', 'valid_from', 'rules'])
    .where('valid_from', '<=', at)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) {
    throw new Error(`no priority rules in force at ${at.toISOString()}`)
  }
  return { id: row.id, validFrom: row.valid_from, rules: priorityRulesSchema.parse(row.rules) }
}

/** Stores new priority rules from a date; earlier cases are recomputed once they come into force. */
export async function addPriorityRules(
  db: Db,
  input: { validFrom: Date; rules: PriorityRules; createdBy: string | null },
): Promise<string> {
  const rules = priorityRulesSchema.parse(input.rules)
  const row = await db
    .insertInto('priority_config')
    .values({ valid_from: input.validFrom, rules: JSON.stringify(rules), created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function factsOf(conn: Conn, ids: readonly string[]): Promise<Map<string, CaseFacts>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await conn
    .selectFrom('application as a')
    .select((eb) => [
      'a.id',
      'a.benefit_type',
      'a.status',
      'a.submitted_at',
      'a.objection_received_at',
      'a.benefit_period_end',
      eb
        .selectFrom('document_request as r')
        .select(sql<string[]>`coalesce(array_agg(r.due_on::text order by r.due_on), '{}')`.as('due'))
        .whereRef('r.application_id', '=', 'a.id')
        .where('r.fulfilled_at', 'is', null)
        .where('r.cancelled_at', 'is', null)
        .as('open_requests_due'),
      openStepsDueOf(),
      openPaymentReturnsOf(),
    ])
    .where('a.id', 'in', ids)
    .execute()
  return new Map(
    rows.map((r) => [
      r.id,
      {
        benefitType: r.benefit_type,
        status: r.status,
        submittedAt: r.submitted_at,
        objectionReceivedAt: r.objection_received_at,
        benefitPeriodEnd: r.benefit_period_end,
        openDocumentRequestsDue: r.open_requests_due ?? [],
        openStepsDue: r.open_steps_due ?? [],
        openPaymentReturns: r.open_payment_returns ?? [],
      },
    ]),
  )
}

async function store(conn: Conn, configId: string, rules: PriorityRules, facts: Map<string, CaseFacts>) {
  if (facts.size === 0) {
    return
  }
  const ids: string[] = []
  const classes: number[] = []
  const deadlines: (string | null)[] = []
  const kinds: (string | null)[] = []
  for (const [id, f] of facts) {
    const u = urgencyOf(f, rules)
    ids.push(id)
    classes.push(u.priorityClass)
    deadlines.push(u.nextDeadline?.at.toISOString() ?? null)
    kinds.push(u.nextDeadline?.kind ?? null)
  }
  await sql`
    update application a set priority_class = u.class, next_deadline_at = u.deadline,
      next_deadline_kind = u.kind, urgency_config_id = ${configId}
    from unnest(${ids}::uuid[], ${classes}::smallint[], ${deadlines}::timestamptz[], ${kinds}::text[])
      as u(id, class, deadline, kind)
    where a.id = u.id`.execute(conn)
}

/**
 * Recomputes a case's priority class and nearest deadline after something changed (status, decision,
 * objection, document request). Call inside the transaction that made the change.
 */
export async function refreshUrgency(trx: Conn, applicationId: string, at = new Date()): Promise<void> {
  const { id, rules } = await rulesInForce(trx, at)
  await store(trx, id, rules, await factsOf(trx, [applicationId]))
}

/**
 * Brings every open case up to the rules in force at `at`, in batches (each its own short transaction), so
 * that dated rules take effect on the day they start. Cheap when nothing changed: one indexed query.
 * @returns how many cases were recomputed
 */
export async function recomputeOutdatedUrgency(db: Db, at = new Date(), batchSize = 5000): Promise<number> {
  const { id, rules } = await rulesInForce(db, at)
  let done = 0
  for (;;) {
    const batch = await db
      .selectFrom('application')
      .select('id')
      .where('status', '<>', 'closed')
      .where((eb) => eb.or([eb('urgency_config_id', 'is', null), eb('urgency_config_id', '<>', id)]))
      .limit(batchSize)
      .execute()
    if (batch.length === 0) {
      return done
    }
    await db.transaction().execute(async (trx) => {
      await store(
        trx,
        id,
        rules,
        await factsOf(
          trx,
          batch.map((b) => b.id),
        ),
      )
    })
    done += batch.length
  }
}
