// SPDX-License-Identifier: EUPL-1.2
/**
 * Demo data for the committee report: twelve past monthly snapshots with synthetic figures of a Lübeck-size
 * office (about 9,000 livelihood cases), and a draft report for the last complete month. The departments and
 * their staffing come from the demo organisation; every case figure is invented (a seeded pattern: slowly
 * rising caseload, processing times falling after measures in the middle of the year). No person is behind
 * any figure.
 * @module
 */
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { recordAuditEvent } from '../modules/audit/index.js'
import {
  addMonths,
  type BenefitFigures,
  type DepartmentFigures,
  lightHigherWorse,
  lightLowerWorse,
  type MonthFigures,
  type PendingBuckets,
  worstLight,
} from '../modules/reports/key-figures.js'
import * as reportsService from '../modules/reports/reports.service.js'
import { computeMonths } from '../modules/reports/snapshots.service.js'
import { todayIso } from '../shared/dates.js'

/** Cases in payment per benefit type at the start of the demo year (Lübeck-like order of magnitude). */
const CASES: ReadonlyArray<readonly [string, number]> = [
  ['grusi', 4600],
  ['hlu', 1900],
  ['asylblg', 2500],
  ['eingliederungshilfe', 1500],
  ['hilfe_zur_pflege', 1100],
  ['bildung_teilhabe', 900],
]

/** Seeded random numbers in [0, 1) (mulberry32): the same demo on every start. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10

function buckets(total: number, overShare: number): PendingBuckets {
  const over6 = Math.round(total * overShare)
  const under1 = Math.round(total * 0.45)
  const from1to3 = Math.round(total * 0.33)
  return { total, under1, from1to3, from3to6: Math.max(0, total - under1 - from1to3 - over6), over6 }
}

/** Synthetic figures of one benefit type in month `i` (0 = oldest) of the demo year. */
function benefit(type: string, base: number, i: number, next: () => number, population: number | null) {
  const cases = Math.round(base * (1 + 0.006 * i) * (0.99 + 0.02 * next()))
  const persons = Math.round(cases * 1.45)
  const newApplications = Math.round(cases * 0.045 * (0.9 + 0.2 * next()))
  const decided = Math.round(newApplications * (0.92 + 0.1 * next()))
  const granted = Math.round(decided * 0.74)
  const refused = Math.round(decided * 0.17)
  // Processing times rise until the measures of month 6, then fall.
  const median = round1((i < 6 ? 30 + 2.5 * i : 45 - 3 * (i - 6)) * (0.9 + 0.2 * next()))
  const f: BenefitFigures = {
    benefitType: type,
    cases,
    persons,
    density: population ? Math.round((persons / population) * 1000 * 100) / 100 : null,
    newApplications,
    decisions: { granted, refused, other: decided - granted - refused },
    pending: buckets(Math.round(newApplications * (1.5 + 0.3 * next())), i < 6 ? 0.06 : 0.03),
    processing: { count: decided, mean: round1(median * 1.2), median, p90: round1(median * 2.3) },
    objections: {
      received: Math.round(decided * 0.05),
      decided: Math.round(decided * 0.045),
      upheld: Math.round(decided * 0.01),
    },
    monthlyAmountCents: cases * 61_000,
  }
  return f
}

function sum(list: BenefitFigures[], population: number | null): BenefitFigures {
  const add = (pick: (b: BenefitFigures) => number) => list.reduce((n, b) => n + pick(b), 0)
  const count = add((b) => b.processing.count)
  const weighted = (pick: (b: BenefitFigures) => number | null) =>
    count > 0 ? round1(list.reduce((n, b) => n + (pick(b) ?? 0) * b.processing.count, 0) / count) : null
  const persons = add((b) => b.persons)
  return {
    benefitType: 'all',
    cases: add((b) => b.cases),
    persons,
    density: population ? Math.round((persons / population) * 1000 * 100) / 100 : null,
    newApplications: add((b) => b.newApplications),
    decisions: {
      granted: add((b) => b.decisions.granted),
      refused: add((b) => b.decisions.refused),
      other: add((b) => b.decisions.other),
    },
    pending: {
      total: add((b) => b.pending.total),
      under1: add((b) => b.pending.under1),
      from1to3: add((b) => b.pending.from1to3),
      from3to6: add((b) => b.pending.from3to6),
      over6: add((b) => b.pending.over6),
    },
    processing: {
      count,
      mean: weighted((b) => b.processing.mean),
      median: weighted((b) => b.processing.median),
      p90: weighted((b) => b.processing.p90),
    },
    objections: {
      received: add((b) => b.objections.received),
      decided: add((b) => b.objections.decided),
      upheld: add((b) => b.objections.upheld),
    },
    monthlyAmountCents: add((b) => b.monthlyAmountCents),
  }
}

/** The demo organisation's staffing with invented caseloads, backlogs and complaints, and their lights. */
function department(d: DepartmentFigures, m: MonthFigures, total: BenefitFigures, next: () => number) {
  const staffed = m.departments.reduce((n, x) => n + x.fteFilled, 0)
  const share = staffed > 0 ? d.fteFilled / staffed : 0
  const openCases = Math.round(d.fteFilled * (m.norm.min + (m.norm.max - m.norm.min + 40) * next()))
  const casesPerFte = d.fteFilled > 0 ? round1(openCases / d.fteFilled) : null
  const pendingTotal = Math.round(total.pending.total * share)
  const median =
    total.processing.median === null ? null : round1(total.processing.median * (0.7 + 0.6 * next()))
  const received = Math.round(3 * share * 9 * next())
  const t = m.thresholds
  const pending = buckets(
    pendingTotal,
    (total.pending.over6 / Math.max(1, total.pending.total)) * (0.5 + next()),
  )
  const processing = lightHigherWorse(median, t.processingDaysMedian)
  const backlog = lightHigherWorse(
    pending.total > 0 ? pending.over6 / pending.total : null,
    t.overDeadlineShare,
  )
  const caseload = lightHigherWorse(
    casesPerFte === null ? null : (casesPerFte - m.norm.max) / m.norm.max,
    t.casesPerFteOverNorm,
  )
  const presence = lightLowerWorse(d.fteFilled > 0 ? d.ftePresent / d.fteFilled : null, t.presenceRate)
  const out: DepartmentFigures = {
    ...d,
    openCases,
    casesPerFte,
    band:
      casesPerFte === null
        ? 'no_staff'
        : casesPerFte < m.norm.min
          ? 'below'
          : casesPerFte > m.norm.max
            ? 'above'
            : 'within',
    pending,
    processing: {
      count: Math.round(total.processing.count * share),
      mean: median === null ? null : round1(median * 1.2),
      median,
      p90: median === null ? null : round1(median * 2.3),
    },
    complaints: { received, due: received, answeredInTime: Math.max(0, received - (next() < 0.3 ? 1 : 0)) },
    light: {
      overall: worstLight([processing, backlog, caseload, presence]),
      processing,
      backlog,
      caseload,
      presence,
    },
  }
  return out
}

/** Synthetic figures for the month of `base` (the month's real structure and staffing, invented case data). */
export function synthesiseMonth(base: MonthFigures, i: number, seed: number): MonthFigures {
  const next = random(seed + i * 7919)
  const benefitTypes = CASES.map(([type, cases]) => benefit(type, cases, i, next, base.population))
  const total = sum(benefitTypes, base.population)
  return {
    ...base,
    benefitTypes,
    total,
    departments: base.departments.map((d) => department(d, base, total, next)),
  }
}

/**
 * Stores twelve synthetic monthly snapshots (the twelve complete months before `now`) and a draft report of
 * the last of them, once: nothing happens when snapshots exist already.
 */
export async function loadReportsDemo(
  db: Db,
  logger: Logger,
  norm: { min: number; max: number },
  now: Date = new Date(),
): Promise<void> {
  if (await db.selectFrom('report_snapshot').select('id').limit(1).executeTakeFirst()) {
    return
  }
  const current = todayIso(now).slice(0, 7)
  const months = Array.from({ length: 12 }, (_, i) => addMonths(current, i - 12))
  const base = await computeMonths(db, months, norm)
  await db.transaction().execute(async (trx) => {
    for (const [i, figures] of base.entries()) {
      const row = await trx
        .insertInto('report_snapshot')
        .values({
          month: figures.month,
          sequence: 1,
          figures: JSON.stringify(synthesiseMonth(figures, i, 2500)),
          note: null,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'report.snapshot_create',
        subject: { type: 'report_snapshot', id: row.id },
        details: { month: figures.month, sequence: 1, correction: false, demo: true },
      })
    }
  })
  const office = await db
    .selectFrom('staff_user')
    .select(['id', 'username', 'display_name'])
    .where('role', '=', 'division_head')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst()
  if (office) {
    const actor = {
      id: office.id,
      username: office.username,
      displayName: office.display_name,
      role: 'division_head' as const,
    }
    const draft = await reportsService.createDraft(db, actor, months.at(-1) as string, norm, now)
    await reportsService.saveTexts(db, actor, draft.id, {
      situation:
        'Die Zahl der Leistungsberechtigten ist im Berichtsjahr leicht gestiegen. Nach den Maßnahmen zur Jahresmitte (Vertretungsregeln, Abbau von Altfällen) sinken die Bearbeitungszeiten wieder. (Demodaten)',
      outlook: 'Die Personalgewinnung für die offenen Stellen läuft. (Demodaten)',
    })
  }
  logger.info({ months: months.length }, 'demo report snapshots created')
}
