// SPDX-License-Identifier: EUPL-1.2
/**
 * Priority by legal urgency — pure. The rules are dated configuration (table `priority_config`); this module
 * turns the rules in force and the facts of one case into what the inbox sorts by and what it explains:
 *
 * 1. livelihood benefits first (Grundsicherung, HLU, AsylbLG): class 0;
 * 2. other statutory duties before voluntary tasks (the task catalogue says which): class 1 before class 2;
 * 3. within a class, the nearest legal deadline first — § 88 SGG (an application undecided 6 months after
 *    it was made), an objection undecided 3 months after it came in (§ 88 (2) SGG), a benefit period ending
 *    within 4 weeks without a continuation decision, a document request past its due date, a step of the
 *    case's process standard not completed by its due date;
 * 4. then the age of the case (older first).
 * @module
 */
import { z } from 'zod'
import type { ApplicationStatus } from '../applications/applications.table.js'
import type { DeadlineKind } from './cases.table.js'

const taskKind = z.object({ livelihood: z.boolean(), statutory: z.boolean() })

/** The rules as stored in `priority_config.rules`; validated when read and when an admin saves new ones. */
export const priorityRulesSchema = z.object({
  /** The task catalogue: per benefit type, whether it secures a livelihood and whether it is a statutory duty. */
  benefitTypes: z.record(z.string().min(1), taskKind),
  unknownBenefitType: taskKind,
  undecidedAfterMonths: z.number().int().min(1).max(24),
  objectionAfterMonths: z.number().int().min(1).max(24),
  periodEndingWithinWeeks: z.number().int().min(1).max(26),
  /** A deadline nearer than this many days is shown as a risk. */
  riskWithinDays: z.number().int().min(1).max(365),
})
export type PriorityRules = z.infer<typeof priorityRulesSchema>

/** 0 livelihood, 1 other statutory duty, 2 voluntary task. */
export type PriorityClass = 0 | 1 | 2

/** What the rules need to know about a case. */
export interface CaseFacts {
  benefitType: string
  status: ApplicationStatus
  submittedAt: Date
  objectionReceivedAt: Date | null
  /** End of the benefit period of the last final decision, 'YYYY-MM-DD'. */
  benefitPeriodEnd: string | null
  /** Due dates ('YYYY-MM-DD') of document requests neither fulfilled nor cancelled. */
  openDocumentRequestsDue: string[]
  /** Due dates ('YYYY-MM-DD') of the incomplete steps of the case's process-standard checklist. */
  openStepsDue?: string[]
  /** Booking dates ('YYYY-MM-DD') of returned payments not yet resolved (bank statement import). */
  openPaymentReturns?: string[]
}

export interface Deadline {
  kind: DeadlineKind
  at: Date
}

export interface Urgency {
  priorityClass: PriorityClass
  /** The nearest deadline, or null when none applies (closed cases, refusals without a period). */
  nextDeadline: Deadline | null
}

const UNDECIDED: readonly ApplicationStatus[] = [
  'submitted',
  'in_review',
  'documents_requested',
  'ready_for_decision',
]

export function priorityClassOf(benefitType: string, rules: PriorityRules): PriorityClass {
  const kind = rules.benefitTypes[benefitType] ?? rules.unknownBenefitType
  if (kind.livelihood) {
    return 0
  }
  return kind.statutory ? 1 : 2
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime())
  const day = d.getUTCDate()
  d.setUTCMonth(d.getUTCMonth() + months)
  // 31 March + 1 month is 30 April, not 1 May (as § 188 (3) BGB counts).
  if (d.getUTCDate() < day) {
    d.setUTCDate(0)
  }
  return d
}

/** Start of a calendar day ('YYYY-MM-DD') in Berlin, as an instant; good enough for deadlines at day grain. */
function dayStart(isoDate: string): Date {
  // Europe/Berlin is UTC+1 or +2; midnight there is 22:00 or 23:00 UTC the day before. Deadlines here are
  // whole days, so taking 00:00 UTC (01:00/02:00 Berlin) keeps the right calendar day in both zones.
  return new Date(`${isoDate}T00:00:00Z`)
}

/** Every deadline that applies to the case now, nearest first. */
export function deadlinesOf(facts: CaseFacts, rules: PriorityRules): Deadline[] {
  const deadlines: Deadline[] = []
  if (UNDECIDED.includes(facts.status)) {
    deadlines.push({ kind: 'undecided', at: addMonths(facts.submittedAt, rules.undecidedAfterMonths) })
  }
  if (facts.status === 'objection' && facts.objectionReceivedAt) {
    deadlines.push({
      kind: 'objection',
      at: addMonths(facts.objectionReceivedAt, rules.objectionAfterMonths),
    })
  }
  if (facts.status === 'decided' && facts.benefitPeriodEnd) {
    const end = dayStart(facts.benefitPeriodEnd)
    deadlines.push({
      kind: 'period_ending',
      at: new Date(end.getTime() - rules.periodEndingWithinWeeks * 7 * 86_400_000),
    })
  }
  if (facts.status !== 'closed') {
    for (const due of facts.openDocumentRequestsDue) {
      deadlines.push({ kind: 'documents_overdue', at: dayStart(due) })
    }
  }
  if (UNDECIDED.includes(facts.status) || facts.status === 'objection') {
    for (const due of facts.openStepsDue ?? []) {
      deadlines.push({ kind: 'step_overdue', at: dayStart(due) })
    }
  }
  for (const day of facts.openPaymentReturns ?? []) {
    deadlines.push({ kind: 'payment_returned', at: dayStart(day) })
  }
  return deadlines.sort((a, b) => a.at.getTime() - b.at.getTime())
}

export function urgencyOf(facts: CaseFacts, rules: PriorityRules): Urgency {
  return {
    priorityClass: priorityClassOf(facts.benefitType, rules),
    nextDeadline: deadlinesOf(facts, rules)[0] ?? null,
  }
}

/** How near a deadline is, for the explanation on screen. */
export type DeadlineState = 'overdue' | 'at_risk' | 'open'

export function deadlineState(deadline: Date, now: Date, rules: PriorityRules): DeadlineState {
  const left = deadline.getTime() - now.getTime()
  if (left < 0) {
    return 'overdue'
  }
  return left <= rules.riskWithinDays * 86_400_000 ? 'at_risk' : 'open'
}
