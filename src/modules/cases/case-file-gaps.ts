// SPDX-License-Identifier: EUPL-1.2
/**
 * The gaps of a case file (Prüfakte): what a state auditor must see first because evidence or an approval
 * is missing. A pure function over a few facts of the case, so that each rule can be tested on its own.
 * @module
 */
import { formatIsoDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import type { CaseFileGap } from '../letters/index.js'
import type { DecisionStatus } from './cases.table.js'

/** The facts of a case the gap rules look at. */
export interface CaseGapFacts {
  /** Today in Berlin, `YYYY-MM-DD`: a request due before today is overdue. */
  today: string
  /** How many documents the case holds (uploaded with the application or later). */
  documentCount: number
  /** Document requests to the citizen, oldest first. */
  requests: Array<{ description: string; dueOn: string; fulfilled: boolean; cancelled: boolean }>
  /** Decisions, oldest first; returned decisions are history and raise no gap. */
  decisions: Array<{
    /** Day of the decision in Berlin, `YYYY-MM-DD`. */
    decidedOn: string
    status: DecisionStatus
    /** A four-eyes rule applied (the decision has an approving post). */
    approvalRequired: boolean
    approved: boolean
    hasLetter: boolean
  }>
}

/**
 * The gaps, in this order: no documents at all; open document requests (overdue ones say so); decisions
 * over a four-eyes threshold without approval; final decisions without a stored letter.
 * @example caseFileGaps({ today: '2026-03-01', documentCount: 0, requests: [], decisions: [] })
 *   // [{ kind: 'missing_evidence', description: 'Es liegen keine Unterlagen vor.' }]
 */
export function caseFileGaps(facts: CaseGapFacts): CaseFileGap[] {
  const gaps: CaseFileGap[] = []
  if (facts.documentCount === 0) {
    gaps.push({ kind: 'missing_evidence', description: t('case_letters.gap_no_documents') })
  }
  for (const r of facts.requests) {
    if (r.fulfilled || r.cancelled) {
      continue
    }
    const params = { dueOn: formatIsoDate(r.dueOn), description: r.description }
    gaps.push({
      kind: 'missing_evidence',
      description:
        r.dueOn < facts.today
          ? t('case_letters.gap_request_overdue', params)
          : t('case_letters.gap_request_open', params),
    })
  }
  for (const d of facts.decisions) {
    if (d.status === 'returned') {
      continue
    }
    const date = formatIsoDate(d.decidedOn)
    if (d.approvalRequired && !d.approved) {
      gaps.push({ kind: 'missing_approval', description: t('case_letters.gap_missing_approval', { date }) })
    }
    if (d.status === 'final' && !d.hasLetter) {
      gaps.push({ kind: 'other', description: t('case_letters.gap_missing_letter', { date }) })
    }
  }
  return gaps
}
