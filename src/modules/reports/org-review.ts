// SPDX-License-Identifier: EUPL-1.2
/**
 * The export for the organisational review (Organisationsuntersuchung, staffing method of the BMI
 * Organisationshandbuch): per department × task type × month the cases opened and closed, lead times, touches
 * and self-recorded minutes; per department × month the FTE; per caseworker pseudonym the active caseload.
 * Pure: no database, no clock, no randomness — the caller passes the facts and the pseudonymisation key.
 *
 * What leaves: department short codes and names, task-type codes and labels, months, counts, durations and
 * keyed pseudonyms. What never leaves: names, ids of people, posts or cases, references, content (ADR 0026).
 * @module
 */
import { createHmac } from 'node:crypto'
import { z } from 'zod'
import type { OrganisationAt, OrgUnit } from '../organisation/index.js'
import { computeStaffing } from '../organisation/index.js'
import { addMonths, type CaseFact, monthStart, type ProcessingTime, processingTime } from './key-figures.js'

/** Where Lotse counts a task type from; null: only self-recorded minutes (no case data yet). */
export type TaskSource = 'application' | 'objection' | null

export const taskCatalogueSchema = z.object({
  tasks: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z_]{1,40}$/),
        label: z.string().min(1).max(80),
        statutory: z.boolean(),
        source: z.enum(['application', 'objection']).nullable(),
      }),
    )
    .min(1),
})
export type TaskCatalogue = z.infer<typeof taskCatalogueSchema>
export type TaskType = TaskCatalogue['tasks'][number]

/** A case as the export needs it: the key-figure facts plus the instants of its audited staff events. */
export interface OrgCaseFact extends CaseFact {
  /** Instants of audited staff events on the case (touches), any order. */
  touches: Date[]
}

/** Self-recorded minutes, already attributed to a unit; `person` is only used to count distinct people. */
export interface RecordingFact {
  unitId: string
  person: string
  taskType: string
  minutes: number
  /** `YYYY-MM-DD` */
  recordedOn: string
}

export interface TaskRow {
  month: string
  departmentCode: string
  departmentName: string
  taskType: string
  taskLabel: string
  statutory: boolean
  /** Null when Lotse holds no case data for the task type (only self-recording). */
  opened: number | null
  closed: number | null
  /** Days from opening to closing, of the tasks closed in the month. */
  leadTime: ProcessingTime
  touches: number | null
  /** Self-recorded minutes: entries, and their mean; the mean is null below 3 people. */
  recordedEntries: number
  recordedMinutesMean: number | null
  ftePlanned: number
  fteFilled: number
  ftePresent: number
}

export interface CaseloadRow {
  month: string
  departmentCode: string
  /** A keyed pseudonym of the caseworker (HMAC-SHA256 with the export's key), or `unbesetzt`. */
  pseudonym: string
  openCases: number
}

export interface OrgReviewExport {
  from: string
  to: string
  tasks: TaskRow[]
  caseloads: CaseloadRow[]
}

/** Fewer distinct people than this and recorded minutes are not shown. */
export const MIN_PEOPLE = 3

const DAY_MS = 86_400_000
const VACANT = 'unbesetzt'

/**
 * A keyed pseudonym: the first 16 hex digits of HMAC-SHA256(key, id). With the key discarded after the export,
 * neither the people behind the pseudonyms nor the pseudonyms of two exports can be linked.
 */
export function pseudonym(key: Buffer, id: string): string {
  return `P-${createHmac('sha256', key).update(`person:${id}`).digest('hex').slice(0, 16)}`
}

/** Every `YYYY-MM` from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m = addMonths(m, 1)) {
    out.push(m)
  }
  return out
}

function postAt(fact: CaseFact, at: Date): string | null {
  if (fact.assignments.length === 0) {
    return fact.currentPostId
  }
  let post: string | null = null
  for (const a of fact.assignments) {
    if (a.at < at) {
      post = a.postId
    }
  }
  return post
}

/** A task on a case: opened, and closed (or null while open). */
interface Task {
  type: 'application' | 'objection'
  opened: Date
  closed: Date | null
}

/** The tasks Lotse knows of a case: the application itself and its objection (when one came in). */
export function tasksOf(fact: CaseFact): Task[] {
  const initial = fact.decisions.find((d) => d.kind === 'initial')
  const closedChange = fact.statusChanges.find((c) => c.to === 'closed' && c.at >= fact.submittedAt)
  const applicationClosed =
    initial && (!closedChange || initial.finalAt <= closedChange.at)
      ? initial.finalAt
      : (closedChange?.at ?? null)
  const tasks: Task[] = [{ type: 'application', opened: fact.submittedAt, closed: applicationClosed }]
  if (fact.objectionReceivedAt) {
    const received = fact.objectionReceivedAt
    const decided = fact.decisions.find((d) => d.kind === 'objection' && d.finalAt >= received)
    tasks.push({ type: 'objection', opened: received, closed: decided?.finalAt ?? null })
  }
  return tasks
}

/** The task a touch at `at` belongs to: the objection while one is open, otherwise the application. */
function taskOfTouch(tasks: Task[], at: Date): Task['type'] {
  const objection = tasks.find((t) => t.type === 'objection')
  if (objection && objection.opened <= at && (objection.closed === null || at <= objection.closed)) {
    return 'objection'
  }
  return 'application'
}

/** Each unit's department (the unit itself or its nearest ancestor of kind department). */
function departmentOf(units: OrgUnit[]): Map<string, OrgUnit> {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out = new Map<string, OrgUnit>()
  for (const unit of units) {
    let current: OrgUnit | undefined = unit
    const seen = new Set<string>()
    while (current && !seen.has(current.id)) {
      seen.add(current.id)
      if (current.kind === 'department') {
        out.set(unit.id, current)
        break
      }
      current = current.parentId ? byId.get(current.parentId) : undefined
    }
  }
  return out
}

export interface OrgReviewInput {
  from: string
  to: string
  facts: OrgCaseFact[]
  recordings: RecordingFact[]
  catalogue: TaskCatalogue
  /** Whether a benefit type is a statutory duty (the priority rules' task catalogue). */
  benefitTypeStatutory: (benefitType: string) => boolean
  /** The organisation at the first instant after each month (the month's end), by `YYYY-MM`. */
  orgAtEnd: Map<string, OrganisationAt>
  norm: { min: number; max: number }
  /** The per-export pseudonymisation key; the caller discards it after the export. */
  key: Buffer
}

interface Cell {
  opened: number
  closed: number
  days: number[]
  touches: number
  recorded: number[]
  people: Set<string>
}

/** Builds the export (see the module comment). Rows are sorted by month, department, catalogue order. */
export function buildOrgReview(input: OrgReviewInput): OrgReviewExport {
  const { catalogue, orgAtEnd } = input
  const months = monthsBetween(input.from, input.to)
  const bySource = new Map<string, TaskType>()
  for (const task of catalogue.tasks) {
    if (task.source && !bySource.has(task.source)) {
      bySource.set(task.source, task)
    }
  }
  const tasks: TaskRow[] = []
  const caseloads: CaseloadRow[] = []

  for (const month of months) {
    const start = monthStart(month)
    const end = monthStart(addMonths(month, 1))
    const inMonth = (at: Date | null) => at !== null && at >= start && at < end
    const org = orgAtEnd.get(month)
    if (!org) {
      continue
    }
    const deptOfUnit = departmentOf(org.units)
    const unitOfPost = new Map(org.posts.map((p) => [p.id, p.unitId]))
    const deptOfPost = (postId: string | null) => {
      const unit = postId ? unitOfPost.get(postId) : undefined
      return unit ? deptOfUnit.get(unit) : undefined
    }
    // cells[dept][taskCode][statutory]
    const cells = new Map<string, Cell>()
    const cell = (deptId: string, code: string, statutory: boolean): Cell => {
      const key = `${deptId}|${code}|${statutory}`
      let c = cells.get(key)
      if (!c) {
        c = { opened: 0, closed: 0, days: [], touches: 0, recorded: [], people: new Set() }
        cells.set(key, c)
      }
      return c
    }
    const openByPost = new Map<string, number>()
    for (const fact of input.facts) {
      if (fact.submittedAt >= end) {
        continue
      }
      const post = postAt(fact, end)
      const dept = deptOfPost(post)
      const factTasks = tasksOf(fact)
      const stillOpen = factTasks.some((t) => t.opened < end && (t.closed === null || t.closed >= end))
      if (post && stillOpen) {
        openByPost.set(post, (openByPost.get(post) ?? 0) + 1)
      }
      if (!dept) {
        continue
      }
      const typeStatutory = input.benefitTypeStatutory(fact.benefitType)
      for (const task of factTasks) {
        const type = bySource.get(task.type)
        if (!type) {
          continue
        }
        const c = cell(dept.id, type.code, type.statutory && typeStatutory)
        if (inMonth(task.opened)) {
          c.opened += 1
        }
        if (task.closed && inMonth(task.closed)) {
          c.closed += 1
          c.days.push((task.closed.getTime() - task.opened.getTime()) / DAY_MS)
        }
      }
      for (const touch of fact.touches) {
        if (inMonth(touch)) {
          const type = bySource.get(taskOfTouch(factTasks, touch))
          if (type) {
            cell(dept.id, type.code, type.statutory && typeStatutory).touches += 1
          }
        }
      }
    }
    for (const r of input.recordings) {
      if (r.recordedOn.slice(0, 7) !== month) {
        continue
      }
      const dept = deptOfUnit.get(r.unitId)
      const type = catalogue.tasks.find((t) => t.code === r.taskType)
      if (dept && type) {
        const c = cell(dept.id, type.code, type.statutory)
        c.recorded.push(r.minutes)
        c.people.add(r.person)
      }
    }

    const staffing = computeStaffing(org, openByPost, input.norm)
    const staffingOf = new Map(staffing.rows.map((row) => [row.unit.id, row.total]))
    const holderOf = new Map(org.holdings.map((h) => [h.postId, h.personId]))
    const departments = org.units
      .filter((u) => u.kind === 'department')
      .sort((a, b) => a.shortCode.localeCompare(b.shortCode, 'de', { numeric: true }))
    for (const dept of departments) {
      const fte = staffingOf.get(dept.id)
      for (const type of catalogue.tasks) {
        for (const statutory of type.statutory ? [true, false] : [false]) {
          const c = cells.get(`${dept.id}|${type.code}|${statutory}`)
          // The voluntary variant of a statutory task type appears only when a voluntary benefit type has it.
          if (statutory !== type.statutory && !c) {
            continue
          }
          const counted = type.source !== null
          tasks.push({
            month,
            departmentCode: dept.shortCode,
            departmentName: dept.name,
            taskType: type.code,
            taskLabel: type.label,
            statutory,
            opened: counted ? (c?.opened ?? 0) : null,
            closed: counted ? (c?.closed ?? 0) : null,
            leadTime: processingTime(c?.days ?? []),
            touches: counted ? (c?.touches ?? 0) : null,
            recordedEntries: c?.recorded.length ?? 0,
            recordedMinutesMean:
              c && c.people.size >= MIN_PEOPLE
                ? Math.round((c.recorded.reduce((a, b) => a + b, 0) / c.recorded.length) * 10) / 10
                : null,
            ftePlanned: round2(fte?.ftePlanned ?? 0),
            fteFilled: round2(fte?.fteFilled ?? 0),
            ftePresent: round2(fte?.ftePresent ?? 0),
          })
        }
      }
      // Active caseload per caseworker (holders of the department's posts other than heads of unit).
      const perPseudonym = new Map<string, number>()
      for (const post of org.posts) {
        if (post.isHeadOfUnit || deptOfUnit.get(post.unitId)?.id !== dept.id) {
          continue
        }
        const person = holderOf.get(post.id)
        const open = openByPost.get(post.id) ?? 0
        if (!person && open === 0) {
          continue
        }
        const name = person ? pseudonym(input.key, person) : VACANT
        perPseudonym.set(name, (perPseudonym.get(name) ?? 0) + open)
      }
      for (const [name, openCases] of [...perPseudonym].sort((a, b) => a[0].localeCompare(b[0]))) {
        caseloads.push({ month, departmentCode: dept.shortCode, pseudonym: name, openCases })
      }
    }
  }
  return { from: input.from, to: input.to, tasks, caseloads }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}
