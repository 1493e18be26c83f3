// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { type CaseFacts, type PriorityRules, urgencyOf } from '../cases/priority-rules.js'

const RULES: PriorityRules = {
  benefitTypes: { grusi: { livelihood: true, statutory: true } },
  unknownBenefitType: { livelihood: false, statutory: true },
  undecidedAfterMonths: 6,
  objectionAfterMonths: 3,
  periodEndingWithinWeeks: 4,
  riskWithinDays: 28,
}

const decided: CaseFacts = {
  benefitType: 'grusi',
  status: 'decided',
  submittedAt: new Date('2026-03-31T10:00:00Z'),
  objectionReceivedAt: null,
  benefitPeriodEnd: '2027-11-30',
  openDocumentRequestsDue: [],
}

describe('returned payments as a case deadline', () => {
  it('should make an open return the nearest deadline of a decided case, at its booking date', () => {
    expect(urgencyOf({ ...decided, openPaymentReturns: ['2026-12-02'] }, RULES).nextDeadline).toEqual({
      kind: 'payment_returned',
      at: new Date('2026-12-02T00:00:00Z'),
    })
  })

  it('should leave the case as before without open returns', () => {
    expect(urgencyOf({ ...decided, openPaymentReturns: [] }, RULES).nextDeadline?.kind).toBe('period_ending')
    expect(urgencyOf(decided, RULES).nextDeadline?.kind).toBe('period_ending')
  })

  it('should let an earlier legal deadline come first', () => {
    const u = urgencyOf(
      { ...decided, openDocumentRequestsDue: ['2026-11-01'], openPaymentReturns: ['2026-12-02'] },
      RULES,
    )
    expect(u.nextDeadline?.kind).toBe('documents_overdue')
  })
})
