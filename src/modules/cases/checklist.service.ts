// SPDX-License-Identifier: EUPL-1.2
/**
 * Process standards applied in cases. A case follows the version of its standard (chosen by benefit type
 * and case kind, table `case_standard_mapping`) that was in force when the case — or its objection —
 * started. The version is pinned on first use: versions are immutable once published and cannot be
 * published for a past date, so pinning later gives the same version as pinning at the start (ADR 0016).
 * A newer version is adopted only when someone asks for it. Mandatory items block the decision until done
 * or waived with a reason; every tick, waiver, reopening and adoption is in the case history and the audit.
 * @module
 */
import { sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { t } from '../../shared/i18n.js'
import type { ApplicationStatus } from '../applications/applications.table.js'
import { recordAuditEvent } from '../audit/index.js'
import {
  StandardRefusedError,
  type StandardStep,
  type StandardVersion,
  standardsService,
  versionInForce,
} from '../standards/index.js'
import { actingForOfCase, withVisibleCase } from './cases.service.js'
import {
  carryOverMarks,
  checklistView,
  type ItemView,
  openMandatoryItems,
  openStepDueDates,
  type StepView,
} from './checklist.domain.js'
import { ChecklistRefusedError } from './checklist.errors.js'
import * as repo from './checklist.repository.js'
import type { CaseChecklistRow, ChecklistCaseKind, ChecklistEventKind } from './checklist.table.js'
import { refreshUrgency } from './urgency.service.js'

type Trx = Transaction<Database>

/** Statuses in which the checklist of a kind can still be worked (and a newer version adopted). */
const OPEN_STATUSES: Record<ChecklistCaseKind, readonly ApplicationStatus[]> = {
  initial: ['submitted', 'in_review', 'documents_requested', 'ready_for_decision'],
  objection: ['objection'],
}

/** The checklist a case in `status` follows: the objection's while in objection, else the application's. */
export function checklistKindOf(status: ApplicationStatus): ChecklistCaseKind {
  return status === 'objection' ? 'objection' : 'initial'
}

interface Pinned {
  row: CaseChecklistRow
  steps: StandardStep[]
  standardTitle: string
}

/** What the case page shows of the checklist. */
export interface CaseChecklist {
  kind: ChecklistCaseKind
  standardKey: string
  standardTitle: string
  /** The pinned version, or null when no version was in force when the case started. */
  version: number | null
  startedAt: Date | null
  adoptedAt: Date | null
  steps: StepView[]
  openMandatory: ItemView[]
  /** A version newer than the pinned one (or any, when none is pinned) in force now; adopted only by hand. */
  newerVersion: { version: number; validFrom: string } | null
  /** The case is in a status in which the checklist can be worked. */
  open: boolean
}

/**
 * The version of `key` in force at `at` among the versions published by then (a version published later the
 * same day does not reach back). Undefined when the standard does not exist or nothing was in force.
 */
async function versionAt(
  trx: Trx,
  key: string,
  at: Date,
): Promise<{ title: string; version: StandardVersion } | undefined> {
  let standard: Awaited<ReturnType<typeof standardsService.getStandard>>
  try {
    standard = await standardsService.getStandard(trx, key)
  } catch (error) {
    if (error instanceof StandardRefusedError && error.refusal === 'not_found') {
      return undefined
    }
    throw error
  }
  const published = standard.versions.filter((v) => v.publishedAt !== null && v.publishedAt <= at)
  const version = versionInForce({ versions: published }, at)
  return version ? { title: standard.title, version } : undefined
}

async function caseFacts(trx: Trx, applicationId: string) {
  return trx
    .selectFrom('application')
    .select(['status', 'benefit_type', 'submitted_at', 'objection_received_at'])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

function startOf(
  app: { submitted_at: Date; objection_received_at: Date | null },
  kind: ChecklistCaseKind,
): Date | null {
  return kind === 'objection' ? app.objection_received_at : app.submitted_at
}

async function stepsOf(trx: Trx, row: CaseChecklistRow): Promise<{ title: string; steps: StandardStep[] }> {
  const standard = await standardsService.getStandard(trx, row.standard_key)
  const version = standard.versions.find((v) => v.id === row.standard_version_id)
  if (!version) {
    throw new Error(`checklist ${row.id}: version ${row.standard_version_id} missing`)
  }
  return { title: standard.title, steps: version.steps }
}

/**
 * The case's checklist of `kind`, pinned now to the version in force at the case's start when it has none
 * yet (only while the case is open for that kind). Call inside the case's transaction.
 */
async function pin(trx: Trx, applicationId: string, kind: ChecklistCaseKind): Promise<Pinned | undefined> {
  const existing = await repo.findChecklist(trx, applicationId, kind)
  if (existing) {
    const { title, steps } = await stepsOf(trx, existing)
    return { row: existing, steps, standardTitle: title }
  }
  const app = await caseFacts(trx, applicationId)
  const startedAt = startOf(app, kind)
  if (!startedAt || !OPEN_STATUSES[kind].includes(app.status)) {
    return undefined
  }
  const key = await repo.mappedStandardKey(trx, app.benefit_type, kind)
  const found = key ? await versionAt(trx, key, startedAt) : undefined
  if (!key || !found) {
    return undefined
  }
  const due = openStepDueDates(checklistView(found.version.steps, [], startedAt, startedAt))
  const row = await trx
    .insertInto('case_checklist')
    .values({
      application_id: applicationId,
      case_kind: kind,
      standard_key: key,
      standard_version_id: found.version.id,
      version: found.version.version,
      started_at: startedAt,
      open_step_due_dates: due,
    })
    .onConflict((oc) => oc.columns(['application_id', 'case_kind']).doNothing())
    .returningAll()
    .executeTakeFirst()
  const pinned = row ?? (await repo.findChecklist(trx, applicationId, kind))
  if (!pinned) {
    return undefined
  }
  return { row: pinned, steps: found.version.steps, standardTitle: found.title }
}

async function viewOf(trx: Trx, pinned: Pinned, now: Date): Promise<StepView[]> {
  const marks = await repo.listMarks(trx, pinned.row.id)
  return checklistView(
    pinned.steps,
    marks.map((m) => ({
      stepKey: m.step_key,
      itemIndex: m.item_index,
      state: m.state,
      reason: m.reason,
      by: m.by,
      at: m.marked_at,
    })),
    pinned.row.started_at,
    now,
  )
}

/** Stores the derived step deadlines and recomputes the case's urgency (the inbox order). */
async function storeDeadlines(trx: Trx, pinned: Pinned, view: readonly StepView[], now: Date) {
  await trx
    .updateTable('case_checklist')
    .set({ open_step_due_dates: openStepDueDates(view) })
    .where('id', '=', pinned.row.id)
    .execute()
  await refreshUrgency(trx, pinned.row.application_id, now)
}

/** The newest version in force now, if newer than `current` (or any, when current is null). */
async function adoptable(
  trx: Trx,
  key: string | undefined,
  current: number | null,
  now: Date,
): Promise<{ title: string; version: StandardVersion } | undefined> {
  if (!key) {
    return undefined
  }
  const found = await versionAt(trx, key, now)
  return found && (current === null || found.version.version > current) ? found : undefined
}

/**
 * The checklist the case follows now, for the case page; pins it on first use. Call inside the case's
 * transaction (getCase), after the need-to-know check.
 * @returns null when the case's benefit type and kind have no standard configured
 */
export async function caseChecklistOf(
  trx: Trx,
  applicationId: string,
  now = new Date(),
): Promise<CaseChecklist | null> {
  const app = await caseFacts(trx, applicationId)
  const kind = checklistKindOf(app.status)
  const open = OPEN_STATUSES[kind].includes(app.status)
  const pinned = await pin(trx, applicationId, kind)
  const key = pinned?.row.standard_key ?? (await repo.mappedStandardKey(trx, app.benefit_type, kind))
  const newer = open ? await adoptable(trx, key, pinned?.row.version ?? null, now) : undefined
  if (!pinned) {
    if (!key || !newer) {
      return null
    }
    return {
      kind,
      standardKey: key,
      standardTitle: newer.title,
      version: null,
      startedAt: null,
      adoptedAt: null,
      steps: [],
      openMandatory: [],
      newerVersion: { version: newer.version.version, validFrom: newer.version.validFrom ?? '' },
      open,
    }
  }
  const steps = await viewOf(trx, pinned, now)
  return {
    kind,
    standardKey: pinned.row.standard_key,
    standardTitle: pinned.standardTitle,
    version: pinned.row.version,
    startedAt: pinned.row.started_at,
    adoptedAt: pinned.row.adopted_at,
    steps,
    openMandatory: openMandatoryItems(steps),
    newerVersion: newer ? { version: newer.version.version, validFrom: newer.version.validFrom ?? '' } : null,
    open,
  }
}

/**
 * Refuses a decision while mandatory items of the checklist of `kind` are neither done nor waived. Called by
 * decide() inside its transaction, so a refusal stores nothing.
 * @throws ChecklistRefusedError('incomplete') naming the open items
 */
export async function assertChecklistAllowsDecision(
  trx: Trx,
  applicationId: string,
  kind: ChecklistCaseKind,
  now = new Date(),
): Promise<void> {
  const pinned = await pin(trx, applicationId, kind)
  if (!pinned) {
    return
  }
  const open = openMandatoryItems(await viewOf(trx, pinned, now))
  if (open.length > 0) {
    throw new ChecklistRefusedError('incomplete', {
      count: open.length,
      items: open.map((i) => `„${i.text}“`).join(', '),
    })
  }
}

/** What a caseworker does to one item. */
export type ItemAction = 'done' | 'waive' | 'reopen'

export interface ItemInput {
  stepKey: string
  index: number
  action: ItemAction
  /** Required for a waiver. */
  reason?: string | undefined
}

function assertWorker(actor: StaffPrincipal): void {
  if (actor.role === 'auditor') {
    throw new ChecklistRefusedError('read_only')
  }
}

/**
 * Ticks an item as done, waives it with a reason, or reopens it, on the checklist the case follows now.
 * Recorded in the checklist history (the case timeline) and the audit, in one transaction.
 * @throws NotFoundError (not her case), ChecklistRefusedError (reason missing, unknown item, case not open)
 */
export async function markItem(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  input: ItemInput,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  assertWorker(actor)
  const reason = input.reason?.trim() ?? ''
  await withVisibleCase(
    db,
    actor,
    applicationId,
    async (trx, scope) => {
      if (input.action === 'waive' && reason === '') {
        throw new ChecklistRefusedError('reason_required')
      }
      const app = await caseFacts(trx, applicationId)
      const kind = checklistKindOf(app.status)
      if (!OPEN_STATUSES[kind].includes(app.status)) {
        throw new ChecklistRefusedError('not_open')
      }
      const pinned = await pin(trx, applicationId, kind)
      const item = pinned?.steps.find((s) => s.key === input.stepKey)?.items[input.index]
      if (!pinned || !item) {
        throw new ChecklistRefusedError('unknown_item')
      }
      const { actingFor } = await actingForOfCase(trx, scope, applicationId)
      const where = { checklist_id: pinned.row.id, step_key: input.stepKey, item_index: input.index }
      await trx
        .deleteFrom('case_checklist_mark')
        .where('checklist_id', '=', where.checklist_id)
        .where('step_key', '=', where.step_key)
        .where('item_index', '=', where.item_index)
        .execute()
      if (input.action !== 'reopen') {
        await trx
          .insertInto('case_checklist_mark')
          .values({
            ...where,
            state: input.action === 'done' ? 'done' : 'waived',
            reason: input.action === 'waive' ? reason : null,
            marked_by: actor.id,
            acting_for_post_id: actingFor ?? null,
            marked_at: now,
          })
          .execute()
      }
      const kindOfEvent: ChecklistEventKind =
        input.action === 'done' ? 'done' : input.action === 'waive' ? 'waived' : 'reopened'
      await repo.addEvent(trx, {
        applicationId,
        checklistId: pinned.row.id,
        kind: kindOfEvent,
        stepKey: input.stepKey,
        itemText: item.text,
        reason: input.action === 'waive' ? reason : null,
        version: pinned.row.version,
        by: actor.id,
        actingForPostId: actingFor ?? null,
      })
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: actor.id },
        action: `case.checklist_${kindOfEvent}`,
        subject: { type: 'application', id: applicationId },
        requestId,
        details: {
          standard: pinned.row.standard_key,
          version: pinned.row.version,
          step: input.stepKey,
          item: input.index,
          mandatory: item.mandatory,
          ...(input.action === 'waive' ? { reason } : {}),
          actingFor,
        },
      })
      await storeDeadlines(trx, pinned, await viewOf(trx, pinned, now), now)
    },
    now,
  )
}

/**
 * Moves an open case to the newest version of its standard in force now — only when someone asks for it.
 * Marks carry over to items with the same text in the same step; the case start (and so the step
 * deadlines' origin) stays.
 * @returns the adopted version number
 * @throws NotFoundError (not her case), ChecklistRefusedError('nothing_to_adopt' | 'not_open')
 */
export async function adoptNewerVersion(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  requestId: string | null,
  now = new Date(),
): Promise<number> {
  assertWorker(actor)
  return withVisibleCase(
    db,
    actor,
    applicationId,
    async (trx, scope) => {
      const app = await caseFacts(trx, applicationId)
      const kind = checklistKindOf(app.status)
      const startedAt = startOf(app, kind)
      if (!OPEN_STATUSES[kind].includes(app.status) || !startedAt) {
        throw new ChecklistRefusedError('not_open')
      }
      const current = await pin(trx, applicationId, kind)
      const key = current?.row.standard_key ?? (await repo.mappedStandardKey(trx, app.benefit_type, kind))
      const target = await adoptable(trx, key, current?.row.version ?? null, now)
      if (!key || !target) {
        throw new ChecklistRefusedError('nothing_to_adopt')
      }
      const { actingFor } = await actingForOfCase(trx, scope, applicationId)
      let row: CaseChecklistRow
      if (current) {
        const marks = await trx
          .selectFrom('case_checklist_mark')
          .selectAll()
          .where('checklist_id', '=', current.row.id)
          .execute()
        const carried = carryOverMarks(
          current.steps,
          target.version.steps,
          marks.map((m) => ({ ...m, stepKey: m.step_key, itemIndex: m.item_index })),
        )
        await trx.deleteFrom('case_checklist_mark').where('checklist_id', '=', current.row.id).execute()
        if (carried.length > 0) {
          await trx
            .insertInto('case_checklist_mark')
            .values(
              carried.map((m) => ({
                checklist_id: m.checklist_id,
                step_key: m.stepKey,
                item_index: m.itemIndex,
                state: m.state,
                reason: m.reason,
                marked_by: m.marked_by,
                acting_for_post_id: m.acting_for_post_id,
                marked_at: m.marked_at,
              })),
            )
            .execute()
        }
        row = await trx
          .updateTable('case_checklist')
          .set({
            standard_version_id: target.version.id,
            version: target.version.version,
            adopted_by: actor.id,
            adopted_at: now,
          })
          .where('id', '=', current.row.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      } else {
        row = await trx
          .insertInto('case_checklist')
          .values({
            application_id: applicationId,
            case_kind: kind,
            standard_key: key,
            standard_version_id: target.version.id,
            version: target.version.version,
            started_at: startedAt,
            adopted_by: actor.id,
            adopted_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
      }
      const pinned: Pinned = { row, steps: target.version.steps, standardTitle: target.title }
      await repo.addEvent(trx, {
        applicationId,
        checklistId: row.id,
        kind: 'adopted',
        stepKey: null,
        itemText: null,
        reason: null,
        version: target.version.version,
        by: actor.id,
        actingForPostId: actingFor ?? null,
      })
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: actor.id },
        action: 'case.checklist_adopt',
        subject: { type: 'application', id: applicationId },
        requestId,
        details: {
          standard: key,
          fromVersion: current?.row.version ?? null,
          toVersion: target.version.version,
          actingFor,
        },
      })
      await storeDeadlines(trx, pinned, await viewOf(trx, pinned, now), now)
      return target.version.version
    },
    now,
  )
}

/** The checklist history as timeline entries of the case (kind 'checklist'); for getCase. */
export async function checklistTimeline(trx: Trx, applicationId: string) {
  const events = await repo.listEvents(trx, applicationId)
  return events.map((e) => ({
    at: e.at,
    kind: 'checklist' as const,
    by: e.by,
    params: {
      event: e.kind,
      item: e.item_text ?? '',
      reason: e.reason ?? '',
      version: String(e.version),
    } as Record<string, string>,
  }))
}

/** The German text of a checklist timeline entry. */
export function checklistTimelineText(params: Record<string, string>): string {
  const values = { item: params.item ?? '', reason: params.reason ?? '', version: params.version ?? '' }
  switch (params.event) {
    case 'done':
      return t('checklist.timeline_done', values)
    case 'waived':
      return t('checklist.timeline_waived', values)
    case 'reopened':
      return t('checklist.timeline_reopened', values)
    default:
      return t('checklist.timeline_adopted', values)
  }
}

/**
 * Pins the checklists of open cases that have none yet (a case nobody opened since it came in), so that
 * their step deadlines reach the inbox order. Safe to run on every instance at once (idempotent, locked per
 * case). Run by the maintenance job.
 * @returns how many checklists were pinned
 */
export async function pinMissingChecklists(db: Db, now = new Date(), batchSize = 500): Promise<number> {
  let done = 0
  for (;;) {
    const batch = await db
      .selectFrom('application as a')
      .innerJoin('case_standard_mapping as m', (join) =>
        join
          .onRef('m.benefit_type', '=', 'a.benefit_type')
          .on(
            sql<boolean>`m.case_kind = case when a.status = 'objection' then 'objection' else 'initial' end`,
          ),
      )
      .innerJoin('process_standard as s', 's.key', 'm.standard_key')
      .select(['a.id', 'm.case_kind'])
      .where('a.status', 'in', [...OPEN_STATUSES.initial, ...OPEN_STATUSES.objection])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_checklist as c')
              .select('c.id')
              .whereRef('c.application_id', '=', 'a.id')
              .whereRef('c.case_kind', '=', 'm.case_kind'),
          ),
        ),
      )
      // Only cases for which a version was in force at their start: the rest would come back every run.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('process_standard_version as v')
            .select('v.id')
            .whereRef('v.standard_id', '=', 's.id')
            .where('v.status', '=', 'published')
            .where(
              sql<boolean>`v.published_at <= case when a.status = 'objection' then a.objection_received_at else a.submitted_at end`,
            ),
        ),
      )
      .limit(batchSize)
      .execute()
    let pinnedNow = 0
    for (const c of batch) {
      const ok = await db.transaction().execute(async (trx) => {
        await trx.selectFrom('application').select('id').where('id', '=', c.id).forUpdate().execute()
        const pinned = await pin(trx, c.id, c.case_kind)
        if (pinned) {
          await refreshUrgency(trx, c.id, now)
        }
        return pinned !== undefined
      })
      pinnedNow += ok ? 1 : 0
    }
    done += pinnedNow
    if (batch.length < batchSize || pinnedNow === 0) {
      return done
    }
  }
}
