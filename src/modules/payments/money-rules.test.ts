// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  benefitDaysUpTo,
  type CaseForPayment,
  computeDue,
  type DecisionForPayment,
  daysInMonth,
  monthLines,
  type PaidLine,
  type PaymentLine,
  proratedCents,
  type ReturnBooking,
  settleLedger,
} from './money-rules.js'

function decision(overrides: Partial<DecisionForPayment> = {}): DecisionForPayment {
  return {
    id: 'd1',
    outcome: 'granted',
    monthlyCents: 98_350,
    components: [
      { label: 'Regelbedarf', cents: 56_300 },
      { label: 'Kosten der Unterkunft', cents: 42_050 },
    ],
    periodFrom: '2026-12-01',
    periodTo: '2027-11-30',
    legalBasis: '§§ 41 ff. SGB XII',
    finalAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  }
}

function household(overrides: Partial<CaseForPayment> = {}): CaseForPayment {
  return {
    applicationId: 'a1',
    decisions: [decision()],
    oneOffs: [],
    paidByMonth: new Map(),
    paidOneOffIds: new Set(),
    closedOn: null,
    suspended: false,
    ...overrides,
  }
}

describe('calendar helpers', () => {
  it('should count days per month including leap years', () => {
    expect(daysInMonth('2026-02')).toBe(28)
    expect(daysInMonth('2028-02')).toBe(29)
    expect(daysInMonth('2026-12')).toBe(31)
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2027-01', -1)).toBe('2026-12')
  })

  it('should count 30 benefit days per month (the 31st counts none, the end of February the rest)', () => {
    expect(benefitDaysUpTo(30, 31)).toBe(30)
    expect(benefitDaysUpTo(31, 31)).toBe(30)
    expect(benefitDaysUpTo(27, 28)).toBe(27)
    expect(benefitDaysUpTo(28, 28)).toBe(30)
    expect(benefitDaysUpTo(0, 30)).toBe(0)
  })
})

describe('ongoing monthly benefit', () => {
  it('should pay each component in full for a month the period covers completely', () => {
    const due = computeDue(household(), '2026-12')
    expect(due.lines.map((l) => [l.kind, l.component, l.cents, l.rule, l.benefitDays])).toEqual([
      ['ongoing', 'Regelbedarf', 56_300, 'full_month', 30],
      ['ongoing', 'Kosten der Unterkunft', 42_050, 'full_month', 30],
    ])
    expect(due.totalCents).toBe(98_350)
    expect(due.lines[0]?.decisionId).toBe('d1')
    expect(due.lines[0]?.legalBasis).toBe('§§ 41 ff. SGB XII')
  })

  it('should pay the decision total as one line when it has no components', () => {
    const due = computeDue(household({ decisions: [decision({ components: [] })] }), '2026-12')
    expect(due.lines.map((l) => [l.component, l.cents])).toEqual([['Monatsbetrag', 98_350]])
  })

  it('should pay nothing before the benefit period starts and for refused decisions', () => {
    expect(computeDue(household(), '2026-11').lines).toEqual([])
    const refused = decision({ outcome: 'refused', components: [], monthlyCents: 0 })
    expect(computeDue(household({ decisions: [refused] }), '2026-12').lines).toEqual([])
  })
})

describe('proration of a partial month (30 benefit days)', () => {
  it('should pay 16/30 when the period starts on the 16th of a 31-day month', () => {
    const d = decision({ periodFrom: '2026-12-16', components: [{ label: 'Regelbedarf', cents: 56_300 }] })
    const due = computeDue(household({ decisions: [d] }), '2026-12')
    // Days 16..31 = benefit days 16..30 = 15 days: 563,00 € × 15/30 = 281,50 €
    expect(due.lines.map((l) => [l.cents, l.benefitDays, l.rule, l.from, l.to])).toEqual([
      [28_150, 15, 'prorated_30', '2026-12-16', '2026-12-31'],
    ])
  })

  it('should pay up to the period end and nothing afterwards (stop at period end)', () => {
    const d = decision({ periodTo: '2027-01-10', components: [{ label: 'Regelbedarf', cents: 56_300 }] })
    const paid = new Map([['2026-12', 56_300]])
    const january = computeDue(household({ decisions: [d], paidByMonth: paid }), '2027-01')
    expect(january.lines.map((l) => [l.cents, l.benefitDays])).toEqual([[18_767, 10]])
    const february = computeDue(
      household({ decisions: [d], paidByMonth: new Map([...paid, ['2027-01', 18_767]]) }),
      '2027-02',
    )
    expect(february.lines).toEqual([])
    expect(february.totalCents).toBe(0)
  })

  it('should give the last day of February the benefit days up to the 30th', () => {
    expect(proratedCents(30_000, 28, 28, 28)).toBe(3_000)
    expect(proratedCents(30_000, 31, 31, 31)).toBe(0)
  })

  it('should split a month between two decisions so that the parts add up to the new amounts', () => {
    const first = decision({ id: 'old', components: [{ label: 'Regelbedarf', cents: 56_300 }] })
    const change = decision({
      id: 'new',
      periodFrom: '2026-12-11',
      components: [{ label: 'Regelbedarf', cents: 60_000 }],
      finalAt: new Date('2026-12-05T10:00:00Z'),
    })
    const lines = monthLines([first, change], '2026-12', null, 'ongoing')
    expect(lines.map((l) => [l.decisionId, l.cents, l.from, l.to])).toEqual([
      ['old', 18_767, '2026-12-01', '2026-12-10'],
      ['new', 40_000, '2026-12-11', '2026-12-31'],
    ])
  })

  it('property: the prorated parts of any split of a month add up to exactly the monthly amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom(28, 29, 30, 31),
        fc.uniqueArray(fc.integer({ min: 2, max: 31 }), { maxLength: 6 }),
        (monthly, length, cuts) => {
          const bounds = [1, ...cuts.filter((c) => c <= length).sort((a, b) => a - b), length + 1]
          let total = 0
          for (let i = 0; i + 1 < bounds.length; i++) {
            const part = proratedCents(monthly, bounds[i] as number, (bounds[i + 1] as number) - 1, length)
            expect(part).toBeGreaterThanOrEqual(0)
            total += part
          }
          expect(total).toBe(monthly)
        },
      ),
    )
  })

  it('property: a part is never negative and never more than the monthly amount, and grows with its days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom(28, 29, 30, 31),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        (monthly, length, x, y) => {
          const a = Math.min(x, y, length)
          const b = Math.min(Math.max(x, y), length)
          const part = proratedCents(monthly, a, b, length)
          expect(part).toBeGreaterThanOrEqual(0)
          expect(part).toBeLessThanOrEqual(monthly)
          if (b < length) {
            expect(proratedCents(monthly, a, b + 1, length)).toBeGreaterThanOrEqual(part)
          }
        },
      ),
    )
  })

  it('property: whatever decisions cover a month, every line is positive and integer', () => {
    const arbDecision = fc.record({
      start: fc.integer({ min: 1, max: 31 }),
      end: fc.integer({ min: 1, max: 31 }),
      cents: fc.integer({ min: 0, max: 300_000 }),
      order: fc.integer({ min: 0, max: 1000 }),
    })
    fc.assert(
      fc.property(fc.array(arbDecision, { maxLength: 4 }), (specs) => {
        const decisions = specs.map((s, i) =>
          decision({
            id: `d${i}`,
            periodFrom: `2026-12-${String(Math.min(s.start, s.end)).padStart(2, '0')}`,
            periodTo: `2026-12-${String(Math.max(s.start, s.end)).padStart(2, '0')}`,
            components: [{ label: 'Regelbedarf', cents: s.cents }],
            finalAt: new Date(Date.UTC(2026, 10, 1, 0, s.order, i)),
          }),
        )
        for (const line of monthLines(decisions, '2026-12', null, 'ongoing')) {
          expect(Number.isInteger(line.cents)).toBe(true)
          expect(line.cents).toBeGreaterThan(0)
        }
      }),
    )
  })
})

describe('arrears', () => {
  it('should pay every month since the period start that was never paid', () => {
    const due = computeDue(household({ decisions: [decision({ periodFrom: '2026-10-01' })] }), '2026-12')
    expect(due.lines.map((l) => [l.kind, l.serviceMonth, l.component])).toEqual([
      ['arrears', '2026-10', 'Regelbedarf'],
      ['arrears', '2026-10', 'Kosten der Unterkunft'],
      ['arrears', '2026-11', 'Regelbedarf'],
      ['arrears', '2026-11', 'Kosten der Unterkunft'],
      ['ongoing', '2026-12', 'Regelbedarf'],
      ['ongoing', '2026-12', 'Kosten der Unterkunft'],
    ])
    expect(due.totalCents).toBe(3 * 98_350)
  })

  it('should pay the difference when a change decision raises the amount of a month already paid', () => {
    const first = decision({ id: 'old' })
    const raise = decision({
      id: 'raise',
      monthlyCents: 100_000,
      components: [
        { label: 'Regelbedarf', cents: 57_950 },
        { label: 'Kosten der Unterkunft', cents: 42_050 },
      ],
      finalAt: new Date('2027-01-15T10:00:00Z'),
    })
    const paid = new Map([
      ['2026-12', 98_350],
      ['2027-01', 98_350],
    ])
    const due = computeDue(household({ decisions: [first, raise], paidByMonth: paid }), '2027-02')
    expect(due.lines.map((l) => [l.kind, l.serviceMonth, l.cents, l.decisionId])).toEqual([
      ['difference', '2026-12', 1_650, 'raise'],
      ['difference', '2027-01', 1_650, 'raise'],
      ['ongoing', '2027-02', 57_950, 'raise'],
      ['ongoing', '2027-02', 42_050, 'raise'],
    ])
  })

  it('should never pay a negative amount when a change decision lowers it, but report the overpayment', () => {
    const lower = decision({
      id: 'lower',
      components: [{ label: 'Regelbedarf', cents: 50_000 }],
      finalAt: new Date('2027-01-15T10:00:00Z'),
    })
    const due = computeDue(
      household({ decisions: [decision(), lower], paidByMonth: new Map([['2026-12', 98_350]]) }),
      '2027-01',
    )
    expect(due.lines.every((l) => l.cents > 0)).toBe(true)
    expect(due.totalCents).toBe(50_000)
    expect(due.overpaid).toEqual([{ serviceMonth: '2026-12', cents: 48_350 }])
  })

  it('should pay nothing for a month already paid in full (a second run adds nothing)', () => {
    const due = computeDue(household({ paidByMonth: new Map([['2026-12', 98_350]]) }), '2026-12')
    expect(due.lines).toEqual([])
  })
})

describe('one-off grants', () => {
  const grant = {
    id: 'o1',
    decisionId: 'd1',
    label: 'Erstausstattung der Wohnung',
    cents: 85_000,
    dueOn: '2026-12-15',
    legalBasis: '§ 31 Abs. 1 Nr. 1 SGB XII',
  }

  it('should pay a one-off grant once, in the first run of its month or later', () => {
    expect(computeDue(household({ oneOffs: [grant] }), '2026-11').lines).toEqual([])
    const december = computeDue(household({ oneOffs: [grant] }), '2026-12')
    const line = december.lines.find((l) => l.kind === 'one_off')
    expect(line).toMatchObject({ cents: 85_000, oneOffId: 'o1', rule: 'one_off', serviceMonth: '2026-12' })
    const paidAlready = computeDue(household({ oneOffs: [grant], paidOneOffIds: new Set(['o1']) }), '2027-01')
    expect(paidAlready.lines.some((l) => l.kind === 'one_off')).toBe(false)
  })
})

describe('stops', () => {
  it('should hold the whole case while payments are suspended', () => {
    const due = computeDue(household({ suspended: true }), '2026-12')
    expect(due).toEqual({ lines: [], totalCents: 0, held: true, heldReason: 'suspended', overpaid: [] })
  })

  it('should pay the held months as arrears once the suspension ends', () => {
    const due = computeDue(household({ paidByMonth: new Map([['2026-12', 98_350]]) }), '2027-02')
    expect(due.lines.filter((l) => l.kind === 'arrears').map((l) => l.serviceMonth)).toEqual([
      '2027-01',
      '2027-01',
    ])
  })

  it('should pay nothing for the days after a case was closed', () => {
    const d = decision({ components: [{ label: 'Regelbedarf', cents: 60_000 }] })
    const due = computeDue(household({ decisions: [d], closedOn: '2026-12-15' }), '2026-12')
    expect(due.lines.map((l) => [l.cents, l.to])).toEqual([[30_000, '2026-12-15']])
    const later = computeDue(
      household({ decisions: [d], closedOn: '2026-12-15', paidByMonth: new Map([['2026-12', 30_000]]) }),
      '2027-01',
    )
    expect(later.lines).toEqual([])
  })

  it('should refuse a target month that is not a month', () => {
    expect(() => computeDue(household(), '2026-13')).toThrow('not a month')
  })
})

/** Lines of a released run as the ledger keeps them. */
function released(itemId: string, lines: readonly PaymentLine[]): PaidLine[] {
  return lines.map((l) => ({
    itemId,
    serviceMonth: l.serviceMonth,
    cents: l.cents,
    oneOffId: l.oneOffId,
    repaysItemId: l.repaysItemId,
  }))
}

describe('returned payments (Rückläufer)', () => {
  const grant = {
    id: 'o1',
    decisionId: 'd1',
    label: 'Erstausstattung der Wohnung',
    cents: 85_000,
    dueOn: '2026-12-15',
    legalBasis: '§ 31 Abs. 1 Nr. 1 SGB XII',
  }

  it('should count a returned payment as not paid and hold the case while the return is open', () => {
    const december = computeDue(household({ oneOffs: [grant] }), '2026-12')
    const ledger = released('item-1', december.lines)
    const open = computeDue(
      household({
        oneOffs: [grant],
        ...settleLedger(ledger, [{ itemId: 'item-1', reason: 'AC04', resolved: false }]),
      }),
      '2027-01',
    )
    expect(open).toEqual({ lines: [], totalCents: 0, held: true, heldReason: 'return_open', overpaid: [] })
  })

  it('should pay the returned amount again as Rückläufer lines naming the payment and the reason, once resolved', () => {
    const december = computeDue(household({ oneOffs: [grant] }), '2026-12')
    expect(december.totalCents).toBe(98_350 + 85_000)
    const ledger = released('item-1', december.lines)
    const settled = settleLedger(ledger, [{ itemId: 'item-1', reason: 'AC04', resolved: true }])
    expect(settled.paidByMonth.get('2026-12')).toBeUndefined()
    expect(settled.paidOneOffIds.has('o1')).toBe(false)
    const january = computeDue(household({ oneOffs: [grant], ...settled }), '2027-01')
    const repayments = january.lines.filter((l) => l.kind === 'repayment')
    expect(
      repayments.map((l) => [
        l.serviceMonth,
        l.cents,
        l.component,
        l.repaysItemId,
        l.returnReason,
        l.oneOffId,
      ]),
    ).toEqual([
      ['2026-12', 98_350, 'Rückläufer', 'item-1', 'AC04', null],
      ['2026-12', 85_000, 'Rückläufer', 'item-1', 'AC04', 'o1'],
    ])
    // January itself is paid as usual beside the Rückläufer, not as arrears of December.
    expect(january.lines.filter((l) => l.kind === 'ongoing').map((l) => l.serviceMonth)).toEqual([
      '2027-01',
      '2027-01',
    ])
    expect(
      january.lines.some((l) => l.kind === 'arrears' || l.kind === 'one_off' || l.kind === 'difference'),
    ).toBe(false)
    expect(january.totalCents).toBe(98_350 + 85_000 + 98_350)
  })

  it('should not pay again once the re-payment was released, nor twice when the re-payment comes back', () => {
    const december = computeDue(household(), '2026-12')
    const returns: ReturnBooking[] = [{ itemId: 'item-1', reason: 'AC04', resolved: true }]
    const ledger = released('item-1', december.lines)
    const january = computeDue(household(settleLedger(ledger, returns)), '2027-01')
    ledger.push(...released('item-2', january.lines))
    // A second run for January pays nothing more.
    const again = computeDue(household(settleLedger(ledger, returns)), '2027-01')
    expect(again.lines).toEqual([])
    // The re-payment comes back too (the new account was wrong): held, then paid again once.
    returns.push({ itemId: 'item-2', reason: 'AC01', resolved: false })
    expect(computeDue(household(settleLedger(ledger, returns)), '2027-02').heldReason).toBe('return_open')
    returns[1] = { itemId: 'item-2', reason: 'AC01', resolved: true }
    const february = computeDue(household(settleLedger(ledger, returns)), '2027-02')
    const repaid = february.lines.filter((l) => l.kind === 'repayment')
    // item-2 paid December (Rückläufer) and January: both came back and are paid again, naming item-2.
    expect(repaid.map((l) => [l.serviceMonth, l.cents, l.repaysItemId, l.returnReason])).toEqual([
      ['2026-12', 98_350, 'item-2', 'AC01'],
      ['2027-01', 98_350, 'item-2', 'AC01'],
    ])
  })

  it('should pay a Rückläufer no more than is still due after a lowering change decision', () => {
    const december = computeDue(household(), '2026-12')
    const ledger = released('item-1', december.lines)
    const lower = decision({
      id: 'd2',
      components: [{ label: 'Regelbedarf', cents: 50_000 }],
      finalAt: new Date('2026-12-20T10:00:00Z'),
    })
    const due = computeDue(
      household({
        decisions: [decision(), lower],
        ...settleLedger(ledger, [{ itemId: 'item-1', reason: 'AC04', resolved: true }]),
      }),
      '2026-12',
    )
    expect(due.lines.map((l) => [l.kind, l.cents])).toEqual([['repayment', 50_000]])
  })

  it('property: over any sequence of runs, returns and resolutions a month is paid exactly once in total', () => {
    const step = fc.oneof(
      fc.constant({ op: 'run' as const }),
      fc.record({
        op: fc.constant('return' as const),
        pick: fc.nat(),
        reason: fc.constantFrom('AC04', 'MD07', null),
      }),
      fc.constant({ op: 'resolve' as const }),
      fc.constant({ op: 'next_month' as const }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), fc.integer({ min: 1, max: 28 }), (steps, startDay) => {
        const d = decision({
          periodFrom: `2026-10-${String(startDay).padStart(2, '0')}`,
          periodTo: '2027-12-31',
        })
        const oneOff = { ...grant, dueOn: '2026-11-15' }
        const ledger: PaidLine[] = []
        const returns: ReturnBooking[] = []
        const items: string[] = []
        let month = '2026-11'
        const input = () => household({ decisions: [d], oneOffs: [oneOff], ...settleLedger(ledger, returns) })
        const run = () => {
          const due = computeDue(input(), month)
          if (due.totalCents > 0) {
            const id = `item-${items.length + 1}`
            items.push(id)
            ledger.push(...released(id, due.lines))
          }
        }
        const check = (final: boolean) => {
          // Computed here from the ledger, independently of settleLedger: what was paid and not sent back.
          const kept = ledger.filter((l) => !returns.some((r) => r.itemId === l.itemId))
          for (let m = '2026-10'; m <= month; m = addMonths(m, 1)) {
            const due = monthLines([d], m, null, 'ongoing').reduce((n, l) => n + l.cents, 0)
            const net = kept
              .filter((l) => l.oneOffId === null && l.serviceMonth === m)
              .reduce((n, l) => n + l.cents, 0)
            // Never more than due; once everything is resolved and a run has been made, exactly what is due.
            expect(net).toBeLessThanOrEqual(due)
            if (final) {
              expect(net).toBe(due)
            }
          }
          const oneOffPaid = kept.filter((l) => l.oneOffId === 'o1').length
          expect(oneOffPaid).toBeLessThanOrEqual(1)
          if (final) {
            expect(oneOffPaid).toBe(1)
          }
        }
        for (const s of steps) {
          if (s.op === 'run') {
            run()
          } else if (s.op === 'return') {
            const candidates = items.filter((i) => !returns.some((r) => r.itemId === i))
            const item = candidates[s.pick % Math.max(candidates.length, 1)]
            if (item) {
              returns.push({ itemId: item, reason: s.reason, resolved: false })
            }
          } else if (s.op === 'resolve') {
            for (const r of returns) {
              r.resolved = true
            }
          } else if (month < '2027-06') {
            month = addMonths(month, 1)
          }
          check(false)
        }
        for (const r of returns) {
          r.resolved = true
        }
        run()
        run()
        check(true)
      }),
      { numRuns: 300 },
    )
  })
})
