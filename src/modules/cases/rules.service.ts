// SPDX-License-Identifier: EUPL-1.2
/**
 * The dated configuration of the workbench, maintained from the rule screens (rules.routes.tsx): routing rules
 * (`routing_rule`), priority rules (`priority_config`) and four-eyes approval rules (`approval_rule`).
 *
 * History is never rewritten: a rule starts today (at the moment it is saved) or on a later day, never in the
 * past; ending a rule only shortens it; a new priority version is a new row. Every change is audited in the
 * transaction that makes it. Overlapping rules are refused with a German message at the field concerned
 * (RuleRefusedError, HTTP 422) and nothing is stored. No table here holds personal data.
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { berlinDay, berlinDayStart } from '../organisation/organisation.dates.js'
import { type PriorityRules, priorityRulesSchema } from './priority-rules.js'

type Conn = Kysely<Database> | Transaction<Database>

/** A rule change the configuration refuses: shown at `field` of the form, 422, nothing stored. */
export class RuleRefusedError extends AppError {
  readonly code = 'rules.refused'
  readonly status = 422
  constructor(
    readonly field: string,
    readonly messageKey: MessageKey,
    override readonly messageParams: Record<string, string | number> = {},
  ) {
    super(`rule refused at ${field}: ${messageKey}`)
  }
}

export interface RuleActor {
  id: string
  requestId: string | null
}

/** Where a rule stands at an instant. */
export type RuleState = 'past' | 'current' | 'upcoming'

function stateOf(validFrom: Date, validTo: Date | null, now: Date): RuleState {
  if (validFrom > now) {
    return 'upcoming'
  }
  return validTo !== null && validTo <= now ? 'past' : 'current'
}

/**
 * The instant a rule starts when a form says "from this day": the moment of saving when the day is today
 * (so that it applies at once without claiming it applied earlier today), the start of the day in Berlin when
 * it is later.
 * @throws RuleRefusedError when the day lies in the past
 */
export function startOfRule(isoDay: string, now: Date, field = 'validFrom'): Date {
  const today = berlinDay(now)
  if (isoDay < today) {
    throw new RuleRefusedError(field, 'rules.error.date_in_past')
  }
  return isoDay === today ? now : berlinDayStart(isoDay)
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface RoutingRuleView {
  id: string
  position: number
  benefitType: string | null
  surnameFrom: string | null
  surnameTo: string | null
  /** Exactly one of targetPostId and targetUnitId (a team: its own rules, else its queue). */
  targetPostId: string | null
  targetUnitId: string | null
  /** A team's own rule (asked only for cases routed to that team). */
  withinUnitId: string | null
  validFrom: Date
  validTo: Date | null
  state: RuleState
}

export interface ApprovalRuleView {
  id: string
  benefitType: string | null
  minMonthlyCents: number
  approvingPostId: string | null
  validFrom: Date
  validTo: Date | null
  state: RuleState
}

export interface PriorityVersionView {
  id: string
  validFrom: Date
  rules: PriorityRules
  /** current: the version in force now; past: replaced by a later one that is in force. */
  state: RuleState
}

export interface AllRules {
  routing: RoutingRuleView[]
  approval: ApprovalRuleView[]
  priority: PriorityVersionView[]
}

/** Every rule ever recorded, with its state at `now` (history included, newest versions last). */
export async function listRules(conn: Conn, now: Date): Promise<AllRules> {
  const [routing, approval, priority] = await Promise.all([
    conn.selectFrom('routing_rule').selectAll().orderBy('valid_from').orderBy('position').execute(),
    conn
      .selectFrom('approval_rule')
      .selectAll()
      .orderBy('valid_from')
      .orderBy('benefit_type')
      .orderBy('min_monthly_cents')
      .execute(),
    conn.selectFrom('priority_config').select(['id', 'valid_from', 'rules']).orderBy('valid_from').execute(),
  ])
  const inForce = [...priority].reverse().find((p) => p.valid_from <= now)
  return {
    routing: routing.map((r) => ({
      id: r.id,
      position: r.position,
      benefitType: r.benefit_type,
      surnameFrom: r.surname_from,
      surnameTo: r.surname_to,
      targetPostId: r.target_post_id,
      targetUnitId: r.target_unit_id,
      withinUnitId: r.within_unit_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      state: stateOf(r.valid_from, r.valid_to, now),
    })),
    approval: approval.map((r) => ({
      id: r.id,
      benefitType: r.benefit_type,
      minMonthlyCents: Number(r.min_monthly_cents),
      approvingPostId: r.approving_post_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      state: stateOf(r.valid_from, r.valid_to, now),
    })),
    priority: priority.map((p) => ({
      id: p.id,
      validFrom: p.valid_from,
      rules: priorityRulesSchema.parse(p.rules),
      state: p.valid_from > now ? 'upcoming' : p.id === inForce?.id ? 'current' : 'past',
    })),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shared checks

/** Serialises changes of one rule table, so that two overlapping rules cannot both pass the check. */
async function lockTable(
  trx: Transaction<Database>,
  table: 'routing_rule' | 'approval_rule' | 'priority_config',
) {
  await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx)
}

/** A post that exists and is in force at `at` (its own period), else a refusal at `field`. */
async function assertPostInForce(trx: Conn, postId: string, at: Date, field: string): Promise<void> {
  const post = await trx
    .selectFrom('post')
    .select('id')
    .where('id', '=', postId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst()
  if (!post) {
    throw new RuleRefusedError(field, 'rules.error.post_not_in_force')
  }
}

/** A team (unit of kind team) in force at `at`, else a refusal at `field`. */
async function assertTeamInForce(trx: Conn, unitId: string, at: Date, field: string): Promise<void> {
  const unit = await trx
    .selectFrom('org_unit')
    .select('id')
    .where('id', '=', unitId)
    .where('kind', '=', 'team')
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst()
  if (!unit) {
    throw new RuleRefusedError(field, 'rules.error.team_not_in_force')
  }
}

/** A team's own rule must name one of the team's posts. */
async function assertPostInTeam(trx: Conn, postId: string, unitId: string): Promise<void> {
  const post = await trx
    .selectFrom('post')
    .select('id')
    .where('id', '=', postId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst()
  if (!post) {
    throw new RuleRefusedError('targetPostId', 'rules.error.post_not_in_team')
  }
}

function checkPeriod(validFrom: Date, validTo: Date | null): void {
  if (validTo !== null && validTo <= validFrom) {
    throw new RuleRefusedError('validTo', 'rules.error.end_before_start')
  }
}

/** SQL: the record's period [valid_from, valid_to) overlaps [from, to). */
function overlapsPeriod(from: Date, to: Date | null) {
  return sql<boolean>`tstzrange(valid_from, valid_to, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`
}

/**
 * Ends a dated rule at `at`: only ever shortens it (never later than its end, never at or before its start).
 * @throws RuleRefusedError at `validTo`
 */
async function endRule(
  db: Db,
  actor: RuleActor,
  table: 'routing_rule' | 'approval_rule',
  id: string,
  at: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockTable(trx, table)
    const row = await trx
      .selectFrom(table)
      .select(['id', 'valid_from', 'valid_to'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) {
      throw new RuleRefusedError('validTo', 'rules.error.rule_unknown')
    }
    if (at <= row.valid_from) {
      throw new RuleRefusedError('validTo', 'rules.error.end_not_after_start')
    }
    if (row.valid_to !== null && at >= row.valid_to) {
      throw new RuleRefusedError('validTo', 'rules.error.already_ends')
    }
    await trx.updateTable(table).set({ valid_to: at }).where('id', '=', id).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: table === 'routing_rule' ? 'rules.routing_end' : 'rules.approval_end',
      subject: { type: table, id },
      requestId: actor.requestId,
      details: { validTo: at.toISOString(), previousValidTo: row.valid_to?.toISOString() ?? null },
    })
  })
}

// ---------------------------------------------------------------------------------------------------------
// Routing rules

export interface NewRoutingRule {
  position: number
  benefitType: string | null
  /** Already the DIN 5007-1 key: 1–3 letters A–Z. */
  surnameFrom: string | null
  surnameTo: string | null
  /** Exactly one of targetPostId and targetUnitId. */
  targetPostId: string | null
  /** A team: cases go on to the team's own rules, else into its queue. */
  targetUnitId?: string | null
  /** A team's own rule: applies only to cases routed to this team; must name a post of it. */
  withinUnitId?: string | null
  validFrom: Date
  validTo: Date | null
}

/** True when two letter ranges (null = open end; `to` compared as a prefix) share a surname key. */
export function letterRangesOverlap(
  a: { from: string | null; to: string | null },
  b: { from: string | null; to: string | null },
): boolean {
  // Range [from, to + "ZZZ…"]: a key k is in it when k >= from and prefix(k, |to|) <= to.
  const upper = (to: string | null) => (to === null ? '\uffff' : `${to}\uffff`)
  const lower = (from: string | null) => from ?? ''
  return lower(a.from) <= upper(b.to) && lower(b.from) <= upper(a.to)
}

/**
 * Adds a routing rule, audited as `rules.routing_create`. Refused: a position already taken in an
 * overlapping period; a rule for the same benefit type (or both for any) whose letter range overlaps in an
 * overlapping period (one of them could never apply); a target post or team not in force at the start.
 * Positions and letter ranges are compared within one stage: the office-wide rules, or one team's rules.
 * A team's own rule must name a post of that team, never another team.
 */
export async function addRoutingRule(db: Db, actor: RuleActor, input: NewRoutingRule): Promise<string> {
  checkPeriod(input.validFrom, input.validTo)
  const targetUnitId = input.targetUnitId ?? null
  const withinUnitId = input.withinUnitId ?? null
  if ((input.targetPostId === null) === (targetUnitId === null)) {
    throw new RuleRefusedError('targetPostId', 'rules.error.one_target')
  }
  if (withinUnitId !== null && targetUnitId !== null) {
    throw new RuleRefusedError('targetUnitId', 'rules.error.team_rule_targets_team')
  }
  return db.transaction().execute(async (trx) => {
    await lockTable(trx, 'routing_rule')
    if (withinUnitId !== null) {
      await assertTeamInForce(trx, withinUnitId, input.validFrom, 'withinUnitId')
    }
    if (input.targetPostId !== null) {
      await assertPostInForce(trx, input.targetPostId, input.validFrom, 'targetPostId')
      if (withinUnitId !== null) {
        await assertPostInTeam(trx, input.targetPostId, withinUnitId)
      }
    }
    if (targetUnitId !== null) {
      await assertTeamInForce(trx, targetUnitId, input.validFrom, 'targetUnitId')
    }
    const others = await trx
      .selectFrom('routing_rule')
      .select(['id', 'position', 'benefit_type', 'surname_from', 'surname_to'])
      .where(overlapsPeriod(input.validFrom, input.validTo))
      .where(sql<boolean>`within_unit_id is not distinct from ${withinUnitId}::uuid`)
      .execute()
    const samePosition = others.find((o) => o.position === input.position)
    if (samePosition) {
      throw new RuleRefusedError('position', 'rules.error.routing_position_taken', {
        position: input.position,
      })
    }
    const shadowing = others.find(
      (o) =>
        o.benefit_type === input.benefitType &&
        letterRangesOverlap(
          { from: o.surname_from, to: o.surname_to },
          { from: input.surnameFrom, to: input.surnameTo },
        ),
    )
    if (shadowing) {
      throw new RuleRefusedError('surnameFrom', 'rules.error.routing_letters_overlap', {
        position: shadowing.position,
        range: `${shadowing.surname_from ?? 'A'}–${shadowing.surname_to ?? 'Z'}`,
      })
    }
    const row = await trx
      .insertInto('routing_rule')
      .values({
        position: input.position,
        benefit_type: input.benefitType,
        surname_from: input.surnameFrom,
        surname_to: input.surnameTo,
        target_post_id: input.targetPostId,
        target_unit_id: targetUnitId,
        within_unit_id: withinUnitId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'rules.routing_create',
      subject: { type: 'routing_rule', id: row.id },
      requestId: actor.requestId,
      details: {
        position: input.position,
        benefitType: input.benefitType,
        surnameFrom: input.surnameFrom,
        surnameTo: input.surnameTo,
        targetPostId: input.targetPostId,
        targetUnitId,
        withinUnitId,
        validFrom: input.validFrom.toISOString(),
        validTo: input.validTo?.toISOString() ?? null,
      },
    })
    return row.id
  })
}

/** Ends a routing rule at `at`, audited as `rules.routing_end`. */
export function endRoutingRule(db: Db, actor: RuleActor, id: string, at: Date): Promise<void> {
  return endRule(db, actor, 'routing_rule', id, at)
}

// ---------------------------------------------------------------------------------------------------------
// Approval (four-eyes) rules

export interface NewApprovalRule {
  benefitType: string | null
  minMonthlyCents: number
  /** null: the head post of the case's unit approves. */
  approvingPostId: string | null
  validFrom: Date
  validTo: Date | null
}

/**
 * Adds a four-eyes rule, audited as `rules.approval_create`. Refused: another rule for the same benefit type
 * (or both for any) with the same threshold in an overlapping period (which of them applies would be
 * undefined); an approving post not in force at the start.
 */
export async function addApprovalRule(db: Db, actor: RuleActor, input: NewApprovalRule): Promise<string> {
  checkPeriod(input.validFrom, input.validTo)
  return db.transaction().execute(async (trx) => {
    await lockTable(trx, 'approval_rule')
    if (input.approvingPostId) {
      await assertPostInForce(trx, input.approvingPostId, input.validFrom, 'approvingPostId')
    }
    const clash = await trx
      .selectFrom('approval_rule')
      .select('id')
      .where(overlapsPeriod(input.validFrom, input.validTo))
      .where(sql<boolean>`benefit_type is not distinct from ${input.benefitType}::text`)
      .where('min_monthly_cents', '=', input.minMonthlyCents)
      .executeTakeFirst()
    if (clash) {
      throw new RuleRefusedError('minMonthly', 'rules.error.approval_overlap')
    }
    const row = await trx
      .insertInto('approval_rule')
      .values({
        benefit_type: input.benefitType,
        min_monthly_cents: input.minMonthlyCents,
        approving_post_id: input.approvingPostId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'rules.approval_create',
      subject: { type: 'approval_rule', id: row.id },
      requestId: actor.requestId,
      details: {
        benefitType: input.benefitType,
        minMonthlyCents: input.minMonthlyCents,
        approvingPostId: input.approvingPostId,
        validFrom: input.validFrom.toISOString(),
        validTo: input.validTo?.toISOString() ?? null,
      },
    })
    return row.id
  })
}

/** Ends a four-eyes rule at `at`, audited as `rules.approval_end`. */
export function endApprovalRule(db: Db, actor: RuleActor, id: string, at: Date): Promise<void> {
  return endRule(db, actor, 'approval_rule', id, at)
}

// ---------------------------------------------------------------------------------------------------------
// Priority rules

/**
 * Adds a new version of the priority rules from `validFrom`, audited as `rules.priority_create`. The rules
 * are validated by `priorityRulesSchema` once more; a second version starting on the same day is refused.
 * The stored urgency of open cases follows once `recomputeOutdatedUrgency` runs after the start.
 */
export async function addPriorityVersion(
  db: Db,
  actor: RuleActor,
  input: { validFrom: Date; rules: PriorityRules },
): Promise<string> {
  const parsed = priorityRulesSchema.safeParse(input.rules)
  if (!parsed.success) {
    throw new RuleRefusedError('validFrom', 'rules.error.priority_invalid')
  }
  return db.transaction().execute(async (trx) => {
    await lockTable(trx, 'priority_config')
    const sameDay = await trx
      .selectFrom('priority_config')
      .select('id')
      .where(
        sql<boolean>`(valid_from at time zone 'Europe/Berlin')::date = ${berlinDay(input.validFrom)}::date`,
      )
      .executeTakeFirst()
    if (sameDay) {
      throw new RuleRefusedError('validFrom', 'rules.error.priority_same_day')
    }
    const before = await trx
      .selectFrom('priority_config')
      .select('rules')
      .where('valid_from', '<', input.validFrom)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst()
    const previous = before ? Object.keys(priorityRulesSchema.parse(before.rules).benefitTypes) : []
    const next = Object.keys(parsed.data.benefitTypes)
    const row = await trx
      .insertInto('priority_config')
      .values({ valid_from: input.validFrom, rules: JSON.stringify(parsed.data), created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'rules.priority_create',
      subject: { type: 'priority_config', id: row.id },
      requestId: actor.requestId,
      details: {
        validFrom: input.validFrom.toISOString(),
        rules: parsed.data,
        // What changes in the catalogue from this version on (a removed type falls to the default rank).
        addedBenefitTypes: next.filter((b) => !previous.includes(b)),
        removedBenefitTypes: previous.filter((b) => !next.includes(b)),
      },
    })
    return row.id
  })
}

// ---------------------------------------------------------------------------------------------------------
// Withdrawing a rule that has not started (ADR 0029)

/** The rule tables whose future versions may be withdrawn. */
export type WithdrawableTable = 'routing_rule' | 'approval_rule' | 'priority_config'

const WITHDRAW_ACTION: Record<WithdrawableTable, string> = {
  routing_rule: 'rules.routing_withdraw',
  approval_rule: 'rules.approval_withdraw',
  priority_config: 'rules.priority_withdraw',
}

/** The reason a withdrawal needs: 3–500 characters after trimming. */
export function checkWithdrawalReason(reason: string): string {
  const trimmed = reason.trim()
  if (trimmed === '') {
    throw new RuleRefusedError('reason', 'rules.error.withdraw_reason_required')
  }
  if (trimmed.length < 3 || trimmed.length > 500) {
    throw new RuleRefusedError('reason', 'rules.error.withdraw_reason_length')
  }
  return trimmed
}

/**
 * Withdraws a rule version that has not started yet: the row is deleted, because it never applied to any
 * case, and the audit entry `rules.*_withdraw` keeps the whole row, the reason and who withdrew it (the
 * hash-chained audit log is the record of what was planned and withdrawn). A rule that started (or whose
 * start passed) is never withdrawn: it can only be ended by a new dated version.
 * @throws RuleRefusedError at `reason`: no reason, or the rule has already started
 */
export async function withdrawRule(
  db: Db,
  actor: RuleActor,
  table: WithdrawableTable,
  id: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  const why = checkWithdrawalReason(reason)
  await db.transaction().execute(async (trx) => {
    await lockTable(trx, table)
    const row = await trx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) {
      throw new RuleRefusedError('reason', 'rules.error.rule_unknown')
    }
    if (row.valid_from <= now) {
      throw new RuleRefusedError(
        'reason',
        table === 'priority_config'
          ? 'rules.error.withdraw_priority_started'
          : 'rules.error.withdraw_started',
      )
    }
    await trx.deleteFrom(table).where('id', '=', id).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: WITHDRAW_ACTION[table],
      subject: { type: table, id },
      requestId: actor.requestId,
      details: { reason: why, withdrawn: JSON.parse(JSON.stringify(row)) as unknown },
    })
  })
}
