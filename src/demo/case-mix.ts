// SPDX-License-Identifier: EUPL-1.2
import type { Database } from '../db/schema.js'

/**
 * Where a generated case stands in its life, as in an office that has worked for years: the benefit type
 * (livelihood, other statutory duty, voluntary task) and a status that fits the case's age — recent
 * applications mostly still open, older ones decided, closed once their benefit period is over, a few under
 * objection. The dates that decide the legal deadlines (objection received, benefit period end) come with
 * it, so that the priority rules give every class and every kind of deadline, some overdue, most not.
 * Pure: the same random numbers give the same lifecycle.
 * @module
 */

type ApplicationStatus = Database['application']['status']

/** Benefit types and their weights: livelihood first (Grundsicherung, HLU, AsylbLG), then the others. */
export const BENEFIT_MIX: ReadonlyArray<readonly [string, number]> = [
  ['grusi', 380],
  ['hlu', 150],
  ['asylblg', 100],
  ['eingliederungshilfe', 130],
  ['hilfe_zur_pflege', 110],
  ['bildung_teilhabe', 100],
  ['seniorenberatung', 30],
]

const DAY_MS = 86_400_000

export interface CaseLifecycle {
  benefitType: string
  status: ApplicationStatus
  /** The statuses the case went through after `submitted`, with when (rising, not after now). */
  changes: Array<{ from: ApplicationStatus; to: ApplicationStatus; at: Date }>
  objectionReceivedAt: Date | null
  /** 'YYYY-MM-DD', for decided, objection and closed cases. */
  benefitPeriodEnd: string | null
}

function weighted<T>(next: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0)
  let r = next() * total
  for (const [value, w] of items) {
    r -= w
    if (r < 0) {
      return value
    }
  }
  return (items[items.length - 1] as readonly [T, number])[0]
}

/** Twelve months (one year) after `at`, as the last day of the benefit period. */
function periodEndAfter(at: number): string {
  const d = new Date(at)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return new Date(d.getTime() - DAY_MS).toISOString().slice(0, 10)
}

/**
 * The lifecycle of a case submitted at `submittedAt`, seen at `now`.
 * @param next random numbers in [0, 1)
 */
export function caseLifecycle(next: () => number, submittedAt: Date, now: Date): CaseLifecycle {
  const benefitType = weighted(next, BENEFIT_MIX)
  const submitted = submittedAt.getTime()
  const end = now.getTime()
  const age = end - submitted
  const changes: CaseLifecycle['changes'] = []
  let at = submitted
  let status: ApplicationStatus = 'submitted'
  /** Moves on when there is time left: somewhere in the next `days` days, but never past `now`. */
  const step = (to: ApplicationStatus, days: number): boolean => {
    const room = end - at - 60_000
    if (room <= 0) {
      return false
    }
    at += Math.max(60_000, Math.floor(next() * Math.min(room, days * DAY_MS)))
    changes.push({ from: status, to, at: new Date(at) })
    status = to
    return true
  }
  // Read through a function: TypeScript does not see that step() changes it.
  const current = (): ApplicationStatus => status
  // The older the case, the further it got: about half decided after two months, nearly all after eight.
  const progress = next()
  const decidedShare = Math.min(0.97, age / (120 * DAY_MS))
  let objectionReceivedAt: Date | null = null
  let benefitPeriodEnd: string | null = null
  if (age > 2 * 3_600_000 && progress < Math.min(0.95, age / (20 * DAY_MS))) {
    step('in_review', 20)
  }
  if (current() === 'in_review' && progress < decidedShare) {
    if (next() < 0.3) {
      step('documents_requested', 15) && step('in_review', 30)
    }
    if (step('ready_for_decision', 40) && step('decided', 14)) {
      benefitPeriodEnd = periodEndAfter(at)
      if (next() < 0.06 && step('objection', 30)) {
        objectionReceivedAt = new Date(at)
      } else if (benefitPeriodEnd < now.toISOString().slice(0, 10) && next() < 0.9) {
        // The period is over and no continuation was asked for: the file is closed after its end.
        at = Math.max(at, Date.parse(benefitPeriodEnd))
        step('closed', 30)
      }
    }
  } else if (current() === 'in_review' && next() < 0.25) {
    step(next() < 0.6 ? 'documents_requested' : 'ready_for_decision', 30)
  }
  return { benefitType, status, changes, objectionReceivedAt, benefitPeriodEnd }
}
