// SPDX-License-Identifier: EUPL-1.2
/**
 * Onboarding (Einarbeitung): plan templates per staff role; a plan starts when a person is given a post
 * (found by a periodic, idempotent check rather than a hook in the organisation module: it also catches
 * holdings entered by CSV import or with a start date in the future, and a holding can start only one plan);
 * the newcomer ticks tasks done, the mentor or the lead of the newcomer's unit confirms them; leads see a
 * report across the units they lead.
 * @module
 */
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { organisationService } from '../organisation/index.js'
import { postTitleAt } from '../organisation/post-title.js'
import {
  addDays,
  currentPeriod,
  daysBetween,
  isOverdue,
  type PlanState,
  planState,
  taskDueOn,
} from './onboarding.domain.js'
import type { OnboardingPeriod } from './onboarding.table.js'

/** The task does not exist or is not this person's to tick or confirm (same answer for both). */
export class OnboardingTaskNotFoundError extends AppError {
  readonly code = 'not_found'
  readonly status = 404
  readonly messageKey: MessageKey = 'onboarding.error.task_not_found'
}

/**
 * Starts a plan for every post holding in force at `now` whose person has a staff account of a role with a
 * template, when the holding began on or after the template's valid-from date and has no plan yet.
 * Idempotent (one plan per holding, unique in the database); safe on every instance at once.
 * @returns how many plans were started
 */
export async function startDuePlans(db: Db, now = new Date()): Promise<number> {
  const candidates = await db
    .selectFrom('post_holding as h')
    .innerJoin('person as p', 'p.id', 'h.person_id')
    .innerJoin('staff_user as u', 'u.id', 'p.staff_user_id')
    .innerJoin('onboarding_template as t', 't.role', 'u.role')
    .leftJoin('onboarding_plan as existing', 'existing.post_holding_id', 'h.id')
    .select(['h.id as holding_id', 'h.post_id', 'h.person_id', 'h.valid_from', 't.id as template_id'])
    .select(['t.mentor_post_id', 't.solo_after_days'])
    .where('existing.id', 'is', null)
    .where('h.valid_from', '<=', now)
    .where((eb) => eb.or([eb('h.valid_to', 'is', null), eb('h.valid_to', '>', now)]))
    .where(sql<boolean>`(h.valid_from at time zone 'Europe/Berlin')::date >= t.valid_from`)
    // The newest template of the role that applies to the holding.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('onboarding_template as newer')
            .select('newer.id')
            .whereRef('newer.role', '=', 't.role')
            .whereRef('newer.valid_from', '>', 't.valid_from')
            .where(sql<boolean>`(h.valid_from at time zone 'Europe/Berlin')::date >= newer.valid_from`),
        ),
      ),
    )
    .limit(500)
    .execute()
  let started = 0
  for (const c of candidates) {
    const startedOn = todayIso(c.valid_from)
    const created = await db.transaction().execute(async (trx) => {
      const plan = await trx
        .insertInto('onboarding_plan')
        .values({
          template_id: c.template_id,
          post_holding_id: c.holding_id,
          person_id: c.person_id,
          post_id: c.post_id,
          mentor_post_id: c.mentor_post_id,
          started_on: startedOn,
          solo_on: addDays(startedOn, c.solo_after_days),
        })
        .onConflict((oc) => oc.column('post_holding_id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!plan) {
        return false
      }
      const tasks = await trx
        .selectFrom('onboarding_template_task')
        .selectAll()
        .where('template_id', '=', c.template_id)
        .orderBy('position')
        .execute()
      if (tasks.length > 0) {
        await trx
          .insertInto('onboarding_plan_task')
          .values(
            tasks.map((task) => ({
              plan_id: plan.id,
              template_task_id: task.id,
              position: task.position,
              period: task.period,
              title: task.title,
              knowledge_slug: task.knowledge_slug,
              standard_key: task.standard_key,
              due_on: taskDueOn(startedOn, task.period),
            })),
          )
          .execute()
      }
      await recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'onboarding.plan_start',
        subject: { type: 'onboarding_plan', id: plan.id },
        details: { templateId: c.template_id, postHoldingId: c.holding_id, personId: c.person_id },
      })
      return true
    })
    started += created ? 1 : 0
  }
  return started
}

export interface PlanTask {
  id: string
  period: OnboardingPeriod
  title: string
  knowledgeSlug: string | null
  standardKey: string | null
  dueOn: string
  doneAt: Date | null
  confirmedAt: Date | null
  confirmedBy: string | null
  overdue: boolean
}

export interface Plan {
  id: string
  title: string
  person: string
  post: string
  mentorPost: string | null
  startedOn: string
  soloOn: string
  state: PlanState
  currentPeriod: OnboardingPeriod
  tasks: PlanTask[]
  done: number
}

async function loadPlans(db: Db, where: { planIds: string[] }, today: string): Promise<Plan[]> {
  if (where.planIds.length === 0) {
    return []
  }
  const plans = await db
    .selectFrom('onboarding_plan as pl')
    .innerJoin('onboarding_template as t', 't.id', 'pl.template_id')
    .innerJoin('person as pe', 'pe.id', 'pl.person_id')
    .innerJoin('post as po', 'po.id', 'pl.post_id')
    .leftJoin('post as mp', 'mp.id', 'pl.mentor_post_id')
    .select([
      'pl.id',
      't.title',
      'pe.display_name as person',
      postTitleAt('po', new Date()).as('post'),
      postTitleAt('mp', new Date()).as('mentor_post'),
      'pl.started_on',
      'pl.solo_on',
    ])
    .where('pl.id', 'in', where.planIds)
    .orderBy('pl.started_on', 'desc')
    .execute()
  const tasks = await db
    .selectFrom('onboarding_plan_task as k')
    .leftJoin('staff_user as c', 'c.id', 'k.confirmed_by')
    .selectAll('k')
    .select('c.display_name as confirmed_by_name')
    .where('k.plan_id', 'in', where.planIds)
    .orderBy('k.position')
    .execute()
  return plans.map((p) => {
    const own = tasks
      .filter((k) => k.plan_id === p.id)
      .map((k) => {
        const fact = { dueOn: k.due_on, doneAt: k.done_at, confirmedAt: k.confirmed_at }
        return {
          id: k.id,
          period: k.period,
          title: k.title,
          knowledgeSlug: k.knowledge_slug,
          standardKey: k.standard_key,
          dueOn: k.due_on,
          doneAt: k.done_at,
          confirmedAt: k.confirmed_at,
          confirmedBy: k.confirmed_by_name,
          overdue: isOverdue(fact, today),
        }
      })
    return {
      id: p.id,
      title: p.title,
      person: p.person,
      post: p.post,
      mentorPost: p.mentor_post,
      startedOn: p.started_on,
      soloOn: p.solo_on,
      state: planState(own, today),
      currentPeriod: currentPeriod(p.started_on, today),
      tasks: own,
      done: own.filter((k) => k.doneAt !== null).length,
    }
  })
}

/** The plans of the signed-in person (newest first); starts plans that are due first. */
export async function myPlans(db: Db, actor: StaffPrincipal, now = new Date()): Promise<Plan[]> {
  await startDuePlans(db, now)
  const rows = await db
    .selectFrom('onboarding_plan as pl')
    .innerJoin('person as pe', 'pe.id', 'pl.person_id')
    .select('pl.id')
    .where('pe.staff_user_id', '=', actor.id)
    .execute()
  return loadPlans(db, { planIds: rows.map((r) => r.id) }, todayIso(now))
}

/** Posts `actor` acts for at `now` (as holder, deputy, interim or unit head). */
async function postsActedFor(db: Db, actor: StaffPrincipal, now: Date): Promise<string[]> {
  const resolution = await organisationService.resolveOrganisation(db, now)
  const out: string[] = []
  for (const [postId, result] of resolution.results) {
    if (result.kind !== 'nobody' && result.person.staffUserId === actor.id) {
      out.push(postId)
    }
  }
  return out
}

/**
 * Plans `actor` accompanies: as the mentor (acting for the plan's mentor post) or as the lead of a unit
 * the newcomer's post belongs to, directly or further down.
 */
async function supervisedPlanIds(db: Db, actor: StaffPrincipal, now: Date): Promise<string[]> {
  const posts = await postsActedFor(db, actor, now)
  if (posts.length === 0) {
    return []
  }
  const rows = await sql<{ id: string }>`
    with recursive led(id) as (
      select unit_id from post where id = any(${posts}::uuid[]) and is_head_of_unit
      union
      select u.id from org_unit u join led on u.parent_id = led.id
    )
    select pl.id from onboarding_plan pl join post po on po.id = pl.post_id
    where pl.mentor_post_id = any(${posts}::uuid[]) or po.unit_id in (select id from led)`.execute(db)
  return rows.rows.map((r) => r.id)
}

/** The plans `actor` accompanies as mentor or lead (not her own). */
export async function supervisedPlans(db: Db, actor: StaffPrincipal, now = new Date()): Promise<Plan[]> {
  await startDuePlans(db, now)
  const ids = await supervisedPlanIds(db, actor, now)
  const own = await db
    .selectFrom('onboarding_plan as pl')
    .innerJoin('person as pe', 'pe.id', 'pl.person_id')
    .select('pl.id')
    .where('pe.staff_user_id', '=', actor.id)
    .execute()
  const mine = new Set(own.map((r) => r.id))
  return loadPlans(db, { planIds: ids.filter((id) => !mine.has(id)) }, todayIso(now))
}

/**
 * The newcomer ticks one of her tasks as done.
 * @throws OnboardingTaskNotFoundError when it is not her task
 */
export async function markTaskDone(
  db: Db,
  actor: StaffPrincipal,
  taskId: string,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('onboarding_plan_task as k')
      .innerJoin('onboarding_plan as pl', 'pl.id', 'k.plan_id')
      .innerJoin('person as pe', 'pe.id', 'pl.person_id')
      .select(['k.id', 'k.plan_id', 'k.done_at'])
      .where('k.id', '=', isUuid(taskId) ? taskId : '00000000-0000-0000-0000-000000000000')
      .where('pe.staff_user_id', '=', actor.id)
      .forUpdate('k')
      .executeTakeFirst()
    if (!task) {
      throw new OnboardingTaskNotFoundError('not her task')
    }
    if (task.done_at !== null) {
      return
    }
    await trx
      .updateTable('onboarding_plan_task')
      .set({ done_at: now, done_by: actor.id })
      .where('id', '=', task.id)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'onboarding.task_done',
      subject: { type: 'onboarding_plan', id: task.plan_id },
      requestId,
      details: { taskId: task.id },
    })
  })
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

/**
 * The mentor or a lead confirms a task (done or not yet ticked: a mentor may confirm what she saw). The plan
 * completes when every task is confirmed.
 * @throws OnboardingTaskNotFoundError when `actor` does not accompany that plan
 */
export async function confirmTask(
  db: Db,
  actor: StaffPrincipal,
  taskId: string,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  const allowed = new Set(await supervisedPlanIds(db, actor, now))
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('onboarding_plan_task as k')
      .innerJoin('onboarding_plan as pl', 'pl.id', 'k.plan_id')
      .innerJoin('person as pe', 'pe.id', 'pl.person_id')
      .select(['k.id', 'k.plan_id', 'k.confirmed_at', 'pe.staff_user_id'])
      .where('k.id', '=', isUuid(taskId) ? taskId : '00000000-0000-0000-0000-000000000000')
      .forUpdate('k')
      .executeTakeFirst()
    if (!task || !allowed.has(task.plan_id) || task.staff_user_id === actor.id) {
      throw new OnboardingTaskNotFoundError('not a plan she accompanies')
    }
    if (task.confirmed_at !== null) {
      return
    }
    await trx
      .updateTable('onboarding_plan_task')
      .set({ confirmed_at: now, confirmed_by: actor.id })
      .where('id', '=', task.id)
      .execute()
    const open = await trx
      .selectFrom('onboarding_plan_task')
      .select('id')
      .where('plan_id', '=', task.plan_id)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst()
    if (!open) {
      await trx
        .updateTable('onboarding_plan')
        .set({ completed_at: now })
        .where('id', '=', task.plan_id)
        .execute()
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'onboarding.task_confirm',
      subject: { type: 'onboarding_plan', id: task.plan_id },
      requestId,
      details: { taskId: task.id, planCompleted: !open },
    })
  })
}

export interface OnboardingReport {
  started: number
  onTrack: number
  overdue: number
  completed: number
  plans: Array<Plan & { daysUntilSolo: number; progressPercent: number }>
}

/** Across the units `actor` leads (and their sub-units): how the plans stand. */
export async function onboardingReport(
  db: Db,
  actor: StaffPrincipal,
  now = new Date(),
): Promise<OnboardingReport> {
  await startDuePlans(db, now)
  const today = todayIso(now)
  const plans = await loadPlans(db, { planIds: await supervisedPlanIds(db, actor, now) }, today)
  const rows = plans.map((p) => ({
    ...p,
    daysUntilSolo: Math.max(0, daysBetween(today, p.soloOn)),
    progressPercent: p.tasks.length === 0 ? 100 : Math.round((p.done / p.tasks.length) * 100),
  }))
  return {
    started: rows.length,
    onTrack: rows.filter((p) => p.state === 'on_track').length,
    overdue: rows.filter((p) => p.state === 'overdue').length,
    completed: rows.filter((p) => p.state === 'completed').length,
    plans: rows,
  }
}

/** A template as configuration data (demo data, tests, a future admin screen). */
export interface TemplateSpec {
  key: string
  title: string
  role: string
  mentorPostId: string | null
  soloAfterDays: number
  validFrom: string
  tasks: Array<{
    period: OnboardingPeriod
    title: string
    description?: string
    knowledgeSlug?: string | null
    standardKey?: string | null
  }>
}

/**
 * Stores a plan template with its tasks (once per key: an existing key is left as it is).
 * @returns the template id, or null when the key exists already
 */
export async function createTemplate(db: Db, spec: TemplateSpec): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('onboarding_template')
      .values({
        key: spec.key,
        title: spec.title,
        role: spec.role,
        mentor_post_id: spec.mentorPostId,
        solo_after_days: spec.soloAfterDays,
        valid_from: spec.validFrom,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) {
      return null
    }
    await trx
      .insertInto('onboarding_template_task')
      .values(
        spec.tasks.map((task, index) => ({
          template_id: row.id,
          position: index + 1,
          period: task.period,
          title: task.title,
          description: task.description ?? '',
          knowledge_slug: task.knowledgeSlug ?? null,
          standard_key: task.standardKey ?? null,
        })),
      )
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'system', id: null },
      action: 'onboarding.template_create',
      subject: { type: 'onboarding_template', id: row.id },
      details: { key: spec.key, role: spec.role, tasks: spec.tasks.length },
    })
    return row.id
  })
}
