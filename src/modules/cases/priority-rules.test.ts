// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CaseFacts,
  deadlineState,
  deadlinesOf,
  type PriorityRules,
  priorityClassOf,
  priorityRulesSchema,
  urgencyOf,
} from './priority-rules.js'

const RULES: PriorityRules = {
  benefitTypes: {
    grusi: { livelihood: true, statutory: true },
    eingliederungshilfe: { livelihood: false, statutory: true },
    seniorenberatung: { livelihood: false, statutory: false },
  },
  unknownBenefitType: { livelihood: false, statutory: true },
  undecidedAfterMonths: 6,
  objectionAfterMonths: 3,
  periodEndingWithinWeeks: 4,
  riskWithinDays: 28,
}

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    benefitType: 'grusi',
    status: 'submitted',
    submittedAt: new Date('2026-03-31T10:00:00Z'),
    objectionReceivedAt: null,
    benefitPeriodEnd: null,
    openDocumentRequestsDue: [],
    ...overrides,
  }
}

describe('priority class from the task catalogue', () => {
  it('should put livelihood first, other statutory duties second, voluntary tasks last, unknown types as configured', () => {
    expect(priorityClassOf('grusi', RULES)).toBe(0)
    expect(priorityClassOf('eingliederungshilfe', RULES)).toBe(1)
    expect(priorityClassOf('seniorenberatung', RULES)).toBe(2)
    expect(priorityClassOf('unbekannt', RULES)).toBe(1)
    expect(
      priorityClassOf('unbekannt', { ...RULES, unknownBenefitType: { livelihood: false, statutory: false } }),
    ).toBe(2)
  })
})

describe('legal deadlines', () => {
  it('should give an undecided application § 88 SGG’s six months, clamped to the month’s last day', () => {
    // 31 March + 6 months = 30 September (§ 188 (3) BGB), not 1 October.
    expect(deadlinesOf(facts(), RULES)).toEqual([{ kind: 'undecided', at: new Date('2026-09-30T10:00:00Z') }])
    for (const status of ['in_review', 'documents_requested', 'ready_for_decision'] as const) {
      expect(deadlinesOf(facts({ status }), RULES).map((d) => d.kind)).toEqual(['undecided'])
    }
  })

  it('should give an objection three months from its receipt, and nothing for a closed case', () => {
    const received = new Date('2026-11-30T12:00:00Z')
    expect(deadlinesOf(facts({ status: 'objection', objectionReceivedAt: received }), RULES)).toEqual([
      { kind: 'objection', at: new Date('2027-02-28T12:00:00Z') },
    ])
    expect(deadlinesOf(facts({ status: 'closed', openDocumentRequestsDue: ['2026-12-01'] }), RULES)).toEqual(
      [],
    )
  })

  it('should warn four weeks before a benefit period ends without a continuation decision', () => {
    const [deadline] = deadlinesOf(facts({ status: 'decided', benefitPeriodEnd: '2027-03-31' }), RULES)
    expect(deadline).toEqual({ kind: 'period_ending', at: new Date('2027-03-03T00:00:00Z') })
    // A refusal has no period: no deadline.
    expect(deadlinesOf(facts({ status: 'decided' }), RULES)).toEqual([])
  })

  it('should count document requests and overdue process steps, and sort all deadlines nearest first', () => {
    const all = deadlinesOf(
      facts({
        status: 'documents_requested',
        openDocumentRequestsDue: ['2026-05-10', '2026-04-20'],
        openStepsDue: ['2026-04-25'],
      }),
      RULES,
    )
    expect(all.map((d) => [d.kind, d.at.toISOString().slice(0, 10)])).toEqual([
      ['documents_overdue', '2026-04-20'],
      ['step_overdue', '2026-04-25'],
      ['documents_overdue', '2026-05-10'],
      ['undecided', '2026-09-30'],
    ])
    expect(urgencyOf(facts({ openDocumentRequestsDue: ['2026-04-20'] }), RULES).nextDeadline?.kind).toBe(
      'documents_overdue',
    )
  })

  it('should follow the dated rules: other months give other deadlines', () => {
    const stricter = { ...RULES, undecidedAfterMonths: 3 }
    expect(deadlinesOf(facts(), stricter)[0]?.at).toEqual(new Date('2026-06-30T10:00:00Z'))
  })

  it('should never put a deadline before the case’s submission (any submission time, any status)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.constantFrom('submitted', 'in_review', 'documents_requested', 'ready_for_decision' as const),
        (submittedAt, status) => {
          const [first] = deadlinesOf(facts({ submittedAt, status }), RULES)
          return first !== undefined && first.at.getTime() > submittedAt.getTime()
        },
      ),
    )
  })
})

describe('deadline state on screen', () => {
  it('should say overdue, at risk within the configured days, or open', () => {
    const now = new Date('2026-11-26T12:00:00Z')
    expect(deadlineState(new Date('2026-11-25T12:00:00Z'), now, RULES)).toBe('overdue')
    expect(deadlineState(new Date('2026-12-20T12:00:00Z'), now, RULES)).toBe('at_risk')
    expect(deadlineState(new Date('2027-02-01T12:00:00Z'), now, RULES)).toBe('open')
  })
})

describe('rules as configuration', () => {
  it('should refuse rules out of range or incomplete, so a typo cannot reorder every inbox', () => {
    expect(priorityRulesSchema.safeParse(RULES).success).toBe(true)
    expect(priorityRulesSchema.safeParse({ ...RULES, undecidedAfterMonths: 0 }).success).toBe(false)
    const { riskWithinDays: _dropped, ...incomplete } = RULES
    expect(priorityRulesSchema.safeParse(incomplete).success).toBe(false)
  })
})
