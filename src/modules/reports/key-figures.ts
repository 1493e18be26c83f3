// SPDX-License-Identifier: EUPL-1.2
/**
 * The key figures of the committee report (docs/key-figures.md), computed from plain facts. Pure: no
 * database, no clock; the repository loads the facts, the snapshot service stores what this returns. Every
 * figure is unsuppressed here; the privacy module decides what a public document may show.
 * @module
 */
import type { OrganisationAt, OrgUnit } from '../organisation/index.js'
import { berlinDay, berlinDayStart, computeStaffing } from '../organisation/index.js'
import type { OccupancyFigures } from './occupancy-figures.js'

/**
 * The schema of the snapshot figures; raise it when a field changes meaning. 2: `occupancy` added (snapshots
 * of schema 1 have none).
 */
export const FIGURES_SCHEMA = 2

export type CaseStatus =
  | 'submitted'
  | 'in_review'
  | 'documents_requested'
  | 'ready_for_decision'
  | 'decided'
  | 'objection'
  | 'closed'

/** A final decision as the figures need it. */
export interface DecisionFact {
  kind: 'initial' | 'objection'
  outcome: 'granted' | 'partly_granted' | 'refused'
  /** When it became final: the approval, or the decision itself without four-eyes approval. */
  finalAt: Date
  /** `YYYY-MM-DD` or null (refusals) */
  periodFrom: string | null
  periodTo: string | null
  monthlyCents: number
}

/** One case (application) with its history, without any content data. */
export interface CaseFact {
  benefitType: string
  submittedAt: Date
  /** The applicant plus the household members named in the application. */
  householdSize: number
  /** Final decisions in order of finalAt. */
  decisions: DecisionFact[]
  /** Status changes in order. */
  statusChanges: Array<{ to: CaseStatus; at: Date }>
  objectionReceivedAt: Date | null
  /** Assignment history in order; when empty, `currentPostId` is used for every instant. */
  assignments: Array<{ postId: string | null; at: Date }>
  currentPostId: string | null
}

export interface ComplaintFact {
  responsibleUnitId: string | null
  receivedAt: Date
  /** `YYYY-MM-DD` */
  responseDueOn: string
  answeredAt: Date | null
}

export type Light = 'green' | 'yellow' | 'red' | 'none'

/** Thresholds of the traffic light: at or beyond `yellow` the light turns yellow, beyond `red` red. */
export interface Thresholds {
  /** Median days from application to decision. */
  processingDaysMedian: { yellow: number; red: number }
  /** Share of pending applications older than the legal deadline. */
  overDeadlineShare: { yellow: number; red: number }
  /** Relative excess of cases per FTE over the upper end of the norm band (0.25 = 25 % above). */
  casesPerFteOverNorm: { yellow: number; red: number }
  /** Share of filled FTE actually present; lower is worse. */
  presenceRate: { yellow: number; red: number }
}

/** Report settings in force (table report_setting). */
export interface ReportSettings {
  /** Inhabitants by year (`YYYY` → number). */
  population: Record<string, number>
  /** Months after which an undecided application is over the legal deadline (§ 88 SGG: 6). */
  deadlineMonths: number
  thresholds: Thresholds
}

export interface PendingBuckets {
  total: number
  /** Younger than one month. */
  under1: number
  from1to3: number
  from3to6: number
  /** Older than the legal deadline (six months by default). */
  over6: number
}

export interface ProcessingTime {
  /** Decisions measured. */
  count: number
  /** Days, one decimal; null without decisions. */
  mean: number | null
  median: number | null
  p90: number | null
}

export interface BenefitFigures {
  benefitType: string
  /** Cases with a granting decision whose period covers the reference day. */
  cases: number
  persons: number
  /** Persons per 1,000 inhabitants; null without a population figure for the year. */
  density: number | null
  newApplications: number
  decisions: { granted: number; refused: number; other: number }
  pending: PendingBuckets
  processing: ProcessingTime
  objections: { received: number; decided: number; upheld: number }
  /** Sum of the monthly amounts of the cases counted in `cases`, in cents. */
  monthlyAmountCents: number
}

export interface DepartmentFigures {
  unitId: string
  shortCode: string
  name: string
  postsPlanned: number
  postsFilled: number
  postsVacant: number
  ftePlanned: number
  fteFilled: number
  ftePresent: number
  /** People holding a post of the department at the reference day. */
  staff: number
  absentPeople: number
  /** People who held a post in the department at the start of the month and none anywhere at its end. */
  leavers: number
  openCases: number
  casesPerFte: number | null
  band: 'below' | 'within' | 'above' | 'no_staff'
  pending: PendingBuckets
  processing: ProcessingTime
  complaints: { received: number; due: number; answeredInTime: number }
  light: { overall: Light; processing: Light; backlog: Light; caseload: Light; presence: Light }
}

export interface MonthFigures {
  schema: number
  month: string
  /** Last day of the month, `YYYY-MM-DD` (Stichtag). */
  referenceDay: string
  population: number | null
  deadlineMonths: number
  norm: { min: number; max: number }
  thresholds: Thresholds
  division: { unitId: string; shortCode: string; name: string } | null
  benefitTypes: BenefitFigures[]
  total: BenefitFigures
  departments: DepartmentFigures[]
  /** Shared accommodation at the reference day; absent in snapshots taken before schema 2. */
  occupancy?: OccupancyFigures
}

/** `YYYY-MM` shifted by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The first instant of a month in Berlin. */
export function monthStart(month: string): Date {
  return berlinDayStart(`${month}-01`)
}

/** The last calendar day of a month, `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  return berlinDay(new Date(monthStart(addMonths(month, 1)).getTime() - 1))
}

const DAY_MS = 86_400_000

function round1(n: number): number {
  return Math.round(n * 10) / 10
}

/**
 * Mean, median and 90th percentile (nearest rank) of durations in days.
 * @example processingTime([10, 20, 30]) // { count: 3, mean: 20, median: 20, p90: 30 }
 */
export function processingTime(days: number[]): ProcessingTime {
  if (days.length === 0) {
    return { count: 0, mean: null, median: null, p90: null }
  }
  const sorted = [...days].sort((a, b) => a - b)
  const n = sorted.length
  const mid = Math.floor(n / 2)
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  const p90 = sorted[Math.max(0, Math.ceil(0.9 * n) - 1)] ?? 0
  const mean = sorted.reduce((a, b) => a + b, 0) / n
  return { count: n, mean: round1(mean), median: round1(median), p90: round1(p90) }
}

function statusAt(fact: CaseFact, at: Date): CaseStatus | null {
  if (fact.submittedAt >= at) {
    return null
  }
  let status: CaseStatus = 'submitted'
  for (const change of fact.statusChanges) {
    if (change.at < at) {
      status = change.to
    }
  }
  return status
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

function firstInitial(fact: CaseFact): DecisionFact | undefined {
  return fact.decisions.find((d) => d.kind === 'initial')
}

/** Undecided at `end`: submitted before, no final initial decision and not closed before it. */
function isPending(fact: CaseFact, end: Date): boolean {
  if (fact.submittedAt >= end) {
    return false
  }
  const decision = firstInitial(fact)
  if (decision && decision.finalAt < end) {
    return false
  }
  return !fact.statusChanges.some((c) => c.to === 'closed' && c.at < end)
}

interface MonthWindow {
  month: string
  start: Date
  end: Date
  referenceDay: string
  /** Boundaries of the age buckets: end − 1, − 3, − deadline months. */
  minus1: Date
  minus3: Date
  minusDeadline: Date
}

function windowOf(month: string, deadlineMonths: number): MonthWindow {
  const next = addMonths(month, 1)
  return {
    month,
    start: monthStart(month),
    end: monthStart(next),
    referenceDay: lastDayOf(month),
    minus1: monthStart(addMonths(next, -1)),
    minus3: monthStart(addMonths(next, -3)),
    minusDeadline: monthStart(addMonths(next, -deadlineMonths)),
  }
}

function emptyBuckets(): PendingBuckets {
  return { total: 0, under1: 0, from1to3: 0, from3to6: 0, over6: 0 }
}

function addToBuckets(b: PendingBuckets, fact: CaseFact, w: MonthWindow): void {
  b.total += 1
  if (fact.submittedAt >= w.minus1) {
    b.under1 += 1
  } else if (fact.submittedAt >= w.minus3) {
    b.from1to3 += 1
  } else if (fact.submittedAt >= w.minusDeadline) {
    b.from3to6 += 1
  } else {
    b.over6 += 1
  }
}

function inMonth(at: Date | null, w: MonthWindow): boolean {
  return at !== null && at >= w.start && at < w.end
}

/** Processing days of the first final initial decision, when it became final within the month. */
function decidedDays(fact: CaseFact, w: MonthWindow): number | null {
  const decision = firstInitial(fact)
  if (!decision || !inMonth(decision.finalAt, w)) {
    return null
  }
  return (decision.finalAt.getTime() - fact.submittedAt.getTime()) / DAY_MS
}

/** The granting decision in force on the reference day, if any. */
function runningDecision(fact: CaseFact, w: MonthWindow): DecisionFact | undefined {
  let running: DecisionFact | undefined
  for (const d of fact.decisions) {
    if (
      d.finalAt < w.end &&
      d.outcome !== 'refused' &&
      d.periodFrom !== null &&
      d.periodTo !== null &&
      d.periodFrom <= w.referenceDay &&
      d.periodTo >= w.referenceDay
    ) {
      running = d
    }
  }
  return running
}

/** The figures of one benefit type (or all: `facts` unfiltered) for one month. */
export function benefitFigures(
  benefitType: string,
  facts: CaseFact[],
  w: MonthWindow,
  population: number | null,
): BenefitFigures {
  const f: BenefitFigures = {
    benefitType,
    cases: 0,
    persons: 0,
    density: null,
    newApplications: 0,
    decisions: { granted: 0, refused: 0, other: 0 },
    pending: emptyBuckets(),
    processing: { count: 0, mean: null, median: null, p90: null },
    objections: { received: 0, decided: 0, upheld: 0 },
    monthlyAmountCents: 0,
  }
  const days: number[] = []
  for (const fact of facts) {
    if (fact.submittedAt >= w.end) {
      continue
    }
    const running = runningDecision(fact, w)
    if (running) {
      f.cases += 1
      f.persons += fact.householdSize
      f.monthlyAmountCents += running.monthlyCents
    }
    if (inMonth(fact.submittedAt, w)) {
      f.newApplications += 1
    }
    const initial = firstInitial(fact)
    if (initial && inMonth(initial.finalAt, w)) {
      if (initial.outcome === 'granted') {
        f.decisions.granted += 1
      } else if (initial.outcome === 'refused') {
        f.decisions.refused += 1
      } else {
        f.decisions.other += 1
      }
    } else if (
      (!initial || initial.finalAt >= w.end) &&
      fact.statusChanges.some((c) => c.to === 'closed' && inMonth(c.at, w)) &&
      !fact.statusChanges.some((c) => c.to === 'closed' && c.at < w.start)
    ) {
      // Settled without a decision (withdrawn, moved away): counts as "other".
      f.decisions.other += 1
    }
    if (isPending(fact, w.end)) {
      addToBuckets(f.pending, fact, w)
    }
    const d = decidedDays(fact, w)
    if (d !== null) {
      days.push(d)
    }
    if (inMonth(fact.objectionReceivedAt, w)) {
      f.objections.received += 1
    }
    for (const decision of fact.decisions) {
      if (decision.kind === 'objection' && inMonth(decision.finalAt, w)) {
        f.objections.decided += 1
        if (decision.outcome !== 'refused') {
          f.objections.upheld += 1
        }
      }
    }
  }
  f.processing = processingTime(days)
  f.density = population && population > 0 ? Math.round((f.persons / population) * 1000 * 100) / 100 : null
  return f
}

function rank(light: Light): number {
  return { none: -1, green: 0, yellow: 1, red: 2 }[light]
}

/** Higher is worse: green up to `yellow`, yellow up to `red`, red above; null = no light. */
export function lightHigherWorse(value: number | null, t: { yellow: number; red: number }): Light {
  if (value === null) {
    return 'none'
  }
  return value > t.red ? 'red' : value > t.yellow ? 'yellow' : 'green'
}

/** Lower is worse: green from `yellow` up, yellow from `red` up, red below. */
export function lightLowerWorse(value: number | null, t: { yellow: number; red: number }): Light {
  if (value === null) {
    return 'none'
  }
  return value < t.red ? 'red' : value < t.yellow ? 'yellow' : 'green'
}

/** The worst of the lights given; 'none' only when every one is 'none'. */
export function worstLight(lights: Light[]): Light {
  return lights.reduce<Light>((worst, l) => (rank(l) > rank(worst) ? l : worst), 'none')
}

/** Each unit's department (the unit itself or its nearest ancestor of kind department). */
function departmentOf(units: OrgUnit[]): Map<string, string> {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out = new Map<string, string>()
  for (const unit of units) {
    let current: OrgUnit | undefined = unit
    const seen = new Set<string>()
    while (current && !seen.has(current.id)) {
      seen.add(current.id)
      if (current.kind === 'department') {
        out.set(unit.id, current.id)
        break
      }
      current = current.parentId ? byId.get(current.parentId) : undefined
    }
  }
  return out
}

export interface MonthInput {
  month: string
  facts: CaseFact[]
  /** The organisation at the first instant of the month and at the first instant of the next month. */
  orgStart: OrganisationAt
  orgEnd: OrganisationAt
  complaints: ComplaintFact[]
  settings: ReportSettings
  norm: { min: number; max: number }
}

/**
 * Every key figure of one month: per benefit type, for all benefit types together, and per department with
 * its traffic light.
 */
export function computeMonthFigures(input: MonthInput): MonthFigures {
  const { month, facts, orgStart, orgEnd, complaints, settings, norm } = input
  const w = windowOf(month, settings.deadlineMonths)
  const population = settings.population[month.slice(0, 4)] ?? null

  const types = [...new Set(facts.filter((f) => f.submittedAt < w.end).map((f) => f.benefitType))].sort()
  const benefitTypes = types.map((type) =>
    benefitFigures(
      type,
      facts.filter((f) => f.benefitType === type),
      w,
      population,
    ),
  )
  const total = benefitFigures('all', facts, w, population)

  // Departments at the reference day.
  const deptOfUnit = departmentOf(orgEnd.units)
  const unitOfPost = new Map(orgEnd.posts.map((p) => [p.id, p.unitId]))
  const deptOfPost = (postId: string | null) => {
    const unit = postId ? unitOfPost.get(postId) : undefined
    return unit ? deptOfUnit.get(unit) : undefined
  }
  const openByPost = new Map<string, number>()
  const casesByDept = new Map<string, CaseFact[]>()
  for (const fact of facts) {
    const post = postAt(fact, w.end)
    const status = statusAt(fact, w.end)
    if (post && status && status !== 'decided' && status !== 'closed') {
      openByPost.set(post, (openByPost.get(post) ?? 0) + 1)
    }
    const dept = deptOfPost(post)
    if (dept) {
      // Push, not spread: copying the list for every case made this quadratic at Hamburg size.
      const list = casesByDept.get(dept)
      if (list) {
        list.push(fact)
      } else {
        casesByDept.set(dept, [fact])
      }
    }
  }
  const staffing = computeStaffing(orgEnd, openByPost, norm)
  const rowByUnit = new Map(staffing.rows.map((r) => [r.unit.id, r]))

  // Leavers: held a post in the department at the start, hold none anywhere at the end.
  const startDeptOfUnit = departmentOf(orgStart.units)
  const startUnitOfPost = new Map(orgStart.posts.map((p) => [p.id, p.unitId]))
  const holdsAtEnd = new Set(orgEnd.holdings.map((h) => h.personId))
  const leaversByDept = new Map<string, Set<string>>()
  for (const h of orgStart.holdings) {
    const unit = startUnitOfPost.get(h.postId)
    const dept = unit ? startDeptOfUnit.get(unit) : undefined
    if (dept && !holdsAtEnd.has(h.personId)) {
      leaversByDept.set(dept, (leaversByDept.get(dept) ?? new Set()).add(h.personId))
    }
  }

  // Staff (people) per department at the end.
  const staffByDept = new Map<string, Set<string>>()
  for (const h of orgEnd.holdings) {
    const dept = deptOfPost(h.postId)
    if (dept) {
      staffByDept.set(dept, (staffByDept.get(dept) ?? new Set()).add(h.personId))
    }
  }

  const complaintsByDept = new Map<string, ComplaintFact[]>()
  for (const c of complaints) {
    const dept = c.responsibleUnitId ? deptOfUnit.get(c.responsibleUnitId) : undefined
    if (dept) {
      const list = complaintsByDept.get(dept)
      if (list) {
        list.push(c)
      } else {
        complaintsByDept.set(dept, [c])
      }
    }
  }
  const monthFirstDay = `${month}-01`

  const t = settings.thresholds
  const departments: DepartmentFigures[] = orgEnd.units
    .filter((u) => u.kind === 'department')
    .sort((a, b) => a.shortCode.localeCompare(b.shortCode, 'de', { numeric: true }))
    .map((unit) => {
      const figures = rowByUnit.get(unit.id)?.total
      const deptCases = benefitFigures(unit.id, casesByDept.get(unit.id) ?? [], w, null)
      const deptComplaints = complaintsByDept.get(unit.id) ?? []
      const due = deptComplaints.filter(
        (c) => c.responseDueOn >= monthFirstDay && c.responseDueOn <= w.referenceDay,
      )
      const fteFilled = figures?.fteFilled ?? 0
      const ftePresent = figures?.ftePresent ?? 0
      const casesPerFte = figures?.casesPerFte ?? null
      const processing = lightHigherWorse(deptCases.processing.median, t.processingDaysMedian)
      const backlog = lightHigherWorse(
        deptCases.pending.total > 0 ? deptCases.pending.over6 / deptCases.pending.total : null,
        t.overDeadlineShare,
      )
      const caseload = lightHigherWorse(
        casesPerFte === null ? null : (casesPerFte - norm.max) / norm.max,
        t.casesPerFteOverNorm,
      )
      const presence = lightLowerWorse(fteFilled > 0 ? ftePresent / fteFilled : null, t.presenceRate)
      return {
        unitId: unit.id,
        shortCode: unit.shortCode,
        name: unit.name,
        postsPlanned: figures?.postsPlanned ?? 0,
        postsFilled: figures?.postsFilled ?? 0,
        postsVacant: figures?.postsVacant ?? 0,
        ftePlanned: figures?.ftePlanned ?? 0,
        fteFilled,
        ftePresent,
        staff: staffByDept.get(unit.id)?.size ?? 0,
        absentPeople: figures?.absentPeople ?? 0,
        leavers: leaversByDept.get(unit.id)?.size ?? 0,
        openCases: figures?.openCases ?? 0,
        casesPerFte,
        band: figures?.band ?? 'no_staff',
        pending: deptCases.pending,
        processing: deptCases.processing,
        complaints: {
          received: deptComplaints.filter((c) => inMonth(c.receivedAt, w)).length,
          due: due.length,
          answeredInTime: due.filter(
            (c) => c.answeredAt !== null && berlinDay(c.answeredAt) <= c.responseDueOn,
          ).length,
        },
        light: {
          overall: worstLight([processing, backlog, caseload, presence]),
          processing,
          backlog,
          caseload,
          presence,
        },
      }
    })

  const division = orgEnd.units.find((u) => u.kind === 'division' && u.parentId === null) ?? null
  return {
    schema: FIGURES_SCHEMA,
    month,
    referenceDay: w.referenceDay,
    population,
    deadlineMonths: settings.deadlineMonths,
    norm,
    thresholds: t,
    division: division ? { unitId: division.id, shortCode: division.shortCode, name: division.name } : null,
    benefitTypes,
    total,
    departments,
  }
}
