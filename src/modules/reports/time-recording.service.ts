// SPDX-License-Identifier: EUPL-1.2
/**
 * Optional self-recording (Selbstaufschreibung) for the organisational review: a lead opens a window of 4 to
 * 8 weeks for a unit she leads; during it the staff of the unit (and of the units below it) record minutes
 * per task type, which feed the mean processing time of the export. Outside a window recording is refused.
 * Leads see aggregates of at least three people only, never a person's figures.
 * @module
 */
import type { Db } from '../../db/database.js'
import { parseGermanDate, todayIso } from '../../shared/dates.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import type { OrganisationAt, OrgUnit } from '../organisation/index.js'
import { organisationService } from '../organisation/index.js'
import { OrgReviewRefusedError } from './org-review.errors.js'
import { MIN_PEOPLE, type TaskCatalogue } from './org-review.js'
import { catalogueAt } from './org-review.service.js'

export type RecordingActor = AuditActor & { id: string; requestId?: string | null }

/** Shortest and longest window, in calendar days with both ends included (4 and 8 weeks). */
export const WINDOW_DAYS = { min: 28, max: 56 } as const
const MAX_MINUTES = 600

const DAY_MS = 86_400_000

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS)
}

/** The units a staff account's person holds a post in at `org.at`, and those she leads (with all below). */
export function unitsOf(
  org: OrganisationAt,
  staffUserId: string,
): { member: Set<string>; leads: Set<string> } {
  const people = new Set(org.people.filter((p) => p.staffUserId === staffUserId).map((p) => p.id))
  const postsById = new Map(org.posts.map((p) => [p.id, p]))
  const member = new Set<string>()
  const headOf = new Set<string>()
  for (const h of org.holdings) {
    const post = postsById.get(h.postId)
    if (post && people.has(h.personId)) {
      member.add(post.unitId)
      if (post.isHeadOfUnit) {
        headOf.add(post.unitId)
      }
    }
  }
  const leads = new Set<string>()
  for (const unit of org.units) {
    if (ancestorsOf(org.units, unit).some((u) => headOf.has(u.id))) {
      leads.add(unit.id)
    }
  }
  return { member, leads }
}

/** The unit and its ancestors, nearest first. */
function ancestorsOf(units: OrgUnit[], unit: OrgUnit): OrgUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out: OrgUnit[] = []
  const seen = new Set<string>()
  let current: OrgUnit | undefined = unit
  while (current && !seen.has(current.id)) {
    seen.add(current.id)
    out.push(current)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return out
}

export interface WindowView {
  id: string
  unitId: string
  unitName: string
  startsOn: string
  endsOn: string
}

/** Windows running on `day` that cover one of `unitIds` (a window covers its unit and every unit below). */
async function windowsCovering(db: Db, org: OrganisationAt, unitIds: Set<string>, day: string) {
  const rows = await db
    .selectFrom('time_recording_window')
    .select(['id', 'unit_id', 'starts_on', 'ends_on'])
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .orderBy('starts_on')
    .execute()
  const covered = new Map<string, Set<string>>()
  for (const unit of org.units) {
    if (unitIds.has(unit.id)) {
      for (const a of ancestorsOf(org.units, unit)) {
        covered.set(a.id, (covered.get(a.id) ?? new Set()).add(unit.id))
      }
    }
  }
  return rows.filter((r) => covered.has(r.unit_id))
}

/**
 * Opens a window for `unitId` from `von` to `bis` (German dates), audited as `time_recording.window_open`.
 * @throws OrgReviewRefusedError window_invalid_dates, window_length, window_in_past, unknown_unit,
 *   not_lead_of_unit, window_overlaps
 */
export async function openWindow(
  db: Db,
  actor: RecordingActor,
  input: { unitId: string; von: string; bis: string },
  now: Date = new Date(),
): Promise<WindowView> {
  const startsOn = parseGermanDate(input.von)
  const endsOn = parseGermanDate(input.bis)
  if (!startsOn || !endsOn || endsOn < startsOn) {
    throw new OrgReviewRefusedError('window_invalid_dates')
  }
  const length = daysBetween(startsOn, endsOn) + 1
  if (length < WINDOW_DAYS.min || length > WINDOW_DAYS.max) {
    throw new OrgReviewRefusedError('window_length')
  }
  if (startsOn < todayIso(now)) {
    throw new OrgReviewRefusedError('window_in_past')
  }
  const org = await organisationService.loadOrganisationAt(db, now)
  const unit = org.units.find((u) => u.id === input.unitId)
  if (!unit) {
    throw new OrgReviewRefusedError('unknown_unit')
  }
  if (!unitsOf(org, actor.id).leads.has(unit.id)) {
    throw new OrgReviewRefusedError('not_lead_of_unit')
  }
  return db.transaction().execute(async (trx) => {
    const overlapping = await trx
      .selectFrom('time_recording_window')
      .select('id')
      .where('unit_id', '=', unit.id)
      .where('starts_on', '<=', endsOn)
      .where('ends_on', '>=', startsOn)
      .forUpdate()
      .executeTakeFirst()
    if (overlapping) {
      throw new OrgReviewRefusedError('window_overlaps')
    }
    const row = await trx
      .insertInto('time_recording_window')
      .values({ unit_id: unit.id, starts_on: startsOn, ends_on: endsOn, opened_by: actor.id })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      requestId: actor.requestId ?? null,
      action: 'time_recording.window_open',
      subject: { type: 'time_recording_window', id: row.id },
      details: { unitId: unit.id, startsOn, endsOn },
    })
    return { id: row.id, unitId: unit.id, unitName: unit.name, startsOn, endsOn }
  })
}

/**
 * Records minutes for a task type today, in the window running for the recorder's unit; audited as
 * `time_recording.record` (without the minutes: the audit log is read by others).
 * @throws OrgReviewRefusedError invalid_task_type, invalid_minutes, no_open_window
 */
export async function record(
  db: Db,
  actor: RecordingActor,
  input: { taskType: string; minutes: string },
  now: Date = new Date(),
): Promise<void> {
  const catalogue = await catalogueAt(db, now)
  if (!catalogue.tasks.some((task) => task.code === input.taskType)) {
    throw new OrgReviewRefusedError('invalid_task_type')
  }
  const minutes = /^\d{1,4}$/.test(input.minutes.trim()) ? Number(input.minutes.trim()) : Number.NaN
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
    throw new OrgReviewRefusedError('invalid_minutes')
  }
  const day = todayIso(now)
  const org = await organisationService.loadOrganisationAt(db, now)
  const [window] = await windowsCovering(db, org, unitsOf(org, actor.id).member, day)
  if (!window) {
    throw new OrgReviewRefusedError('no_open_window')
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('time_recording')
      .values({
        window_id: window.id,
        staff_user_id: actor.id,
        task_type: input.taskType,
        minutes,
        recorded_on: day,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      requestId: actor.requestId ?? null,
      action: 'time_recording.record',
      subject: { type: 'time_recording', id: row.id },
      details: { windowId: window.id, taskType: input.taskType },
    })
  })
}

export interface WindowSummary extends WindowView {
  /** Per task type: entries, and the mean and total only with at least three people (else null). */
  tasks: Array<{
    code: string
    label: string
    entries: number | null
    people: number | null
    mean: number | null
  }>
}

export interface RecordingOverview {
  catalogue: TaskCatalogue
  /** The window the user records in today, if any. */
  current: WindowView | null
  /** Units the user may open a window for. */
  leadUnits: Array<{ id: string; name: string }>
  /** Windows of the units the user leads, with aggregates. */
  windows: WindowSummary[]
}

/** What the recording page shows one staff member. */
export async function overview(
  db: Db,
  staffUserId: string,
  now: Date = new Date(),
): Promise<RecordingOverview> {
  const [catalogue, org] = await Promise.all([
    catalogueAt(db, now),
    organisationService.loadOrganisationAt(db, now),
  ])
  const { member, leads } = unitsOf(org, staffUserId)
  const unitName = new Map(org.units.map((u) => [u.id, u.name]))
  const [current] = await windowsCovering(db, org, member, todayIso(now))
  const windows: WindowSummary[] = []
  if (leads.size > 0) {
    const rows = await db
      .selectFrom('time_recording_window')
      .select(['id', 'unit_id', 'starts_on', 'ends_on'])
      .where('unit_id', 'in', [...leads])
      .orderBy('starts_on', 'desc')
      .limit(20)
      .execute()
    const stats =
      rows.length === 0
        ? []
        : await db
            .selectFrom('time_recording')
            .select((eb) => [
              'window_id',
              'task_type',
              eb.fn.countAll<number>().as('entries'),
              eb.fn.count<number>('staff_user_id').distinct().as('people'),
              eb.fn.sum<number>('minutes').as('minutes'),
            ])
            .where(
              'window_id',
              'in',
              rows.map((r) => r.id),
            )
            .groupBy(['window_id', 'task_type'])
            .execute()
    for (const r of rows) {
      windows.push({
        id: r.id,
        unitId: r.unit_id,
        unitName: unitName.get(r.unit_id) ?? '',
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        tasks: catalogue.tasks.map((task) => {
          const s = stats.find((x) => x.window_id === r.id && x.task_type === task.code)
          const people = Number(s?.people ?? 0)
          const entries = Number(s?.entries ?? 0)
          const shown = people >= MIN_PEOPLE
          return {
            code: task.code,
            label: task.label,
            entries: shown ? entries : null,
            people: shown ? people : null,
            mean: shown ? Math.round((Number(s?.minutes ?? 0) / entries) * 10) / 10 : null,
          }
        }),
      })
    }
  }
  return {
    catalogue,
    current: current
      ? {
          id: current.id,
          unitId: current.unit_id,
          unitName: unitName.get(current.unit_id) ?? '',
          startsOn: current.starts_on,
          endsOn: current.ends_on,
        }
      : null,
    leadUnits: org.units.filter((u) => leads.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
    windows,
  }
}
