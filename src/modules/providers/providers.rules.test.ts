// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  budgetByYear,
  contractYears,
  dueReminders,
  noticeDeadline,
  yearOf,
} from './providers.rules.js'

describe('noticeDeadline', () => {
  it('should end three months before the end of a term that ends on 31 December', () => {
    expect(noticeDeadline('2027-12-31', 3)).toBe('2027-09-30')
  })

  it('should count from the day after the end for a term ending mid-month', () => {
    expect(noticeDeadline('2027-06-15', 3)).toBe('2027-03-15')
  })

  it('should be the last day of the term with a notice period of zero months', () => {
    expect(noticeDeadline('2027-06-30', 0)).toBe('2027-06-30')
  })

  it('should handle the end of February in a leap year', () => {
    expect(noticeDeadline('2028-05-31', 3)).toBe('2028-02-29')
  })

  it('should give no deadline for a contract without end', () => {
    expect(noticeDeadline(null, 3)).toBeNull()
  })
})

describe('addMonths', () => {
  it('should clamp to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
  })

  it('should cross year boundaries in both directions', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15')
    expect(addMonths('2026-02-15', -3)).toBe('2025-11-15')
  })
})

describe('contractYears', () => {
  it('should split a term into anniversary years with a short last year', () => {
    expect(contractYears('2025-04-01', '2027-09-30', '2026-01-01')).toEqual([
      { number: 1, from: '2025-04-01', to: '2026-03-31' },
      { number: 2, from: '2026-04-01', to: '2027-03-31' },
      { number: 3, from: '2027-04-01', to: '2027-09-30' },
    ])
  })

  it('should list an open-ended contract up to the year holding today', () => {
    const years = contractYears('2024-01-01', null, '2026-06-15')
    expect(years.map((y) => y.number)).toEqual([1, 2, 3])
    expect(years[2]).toEqual({ number: 3, from: '2026-01-01', to: '2026-12-31' })
  })
})

describe('budgetByYear (remaining budget)', () => {
  const payments = [
    { paidOn: '2026-01-15', amountCents: 10_000_00 },
    { paidOn: '2026-12-31', amountCents: 5_000_00 },
    { paidOn: '2027-01-01', amountCents: 30_000_00 },
    // Outside the term: never counted.
    { paidOn: '2029-01-01', amountCents: 99_00 },
  ]

  it('should subtract the payments of each contract year from the annual budget', () => {
    const years = budgetByYear('2026-01-01', '2027-12-31', 25_000_00, payments, '2026-06-01')
    expect(years.map((y) => [y.paidCents, y.remainingCents])).toEqual([
      [15_000_00, 10_000_00],
      [30_000_00, -5_000_00],
    ])
  })

  it('should give the full budget for a year without payments', () => {
    const years = budgetByYear('2026-01-01', '2026-12-31', 1_00, [], '2026-06-01')
    expect(years).toEqual([
      {
        number: 1,
        from: '2026-01-01',
        to: '2026-12-31',
        budgetCents: 1_00,
        paidCents: 0,
        remainingCents: 1_00,
      },
    ])
  })

  it('should find the contract year holding a day', () => {
    const years = budgetByYear('2026-01-01', '2027-12-31', 100, payments, '2026-06-01')
    expect(yearOf(years, '2027-03-01')?.number).toBe(2)
    expect(yearOf(years, '2028-01-01')).toBeUndefined()
  })
})

describe('dueReminders', () => {
  const contract = { validTo: '2027-12-31', noticeMonths: 3, renegotiationOn: '2027-08-01', leadDays: 60 }

  it('should remind of the renegotiation and the notice deadline within the lead time, nearest first', () => {
    expect(dueReminders(contract, '2027-08-01')).toEqual([
      { kind: 'renegotiation', date: '2027-08-01', daysLeft: 0 },
      { kind: 'notice', date: '2027-09-30', daysLeft: 60 },
    ])
  })

  it('should remind of nothing before the lead time starts', () => {
    expect(dueReminders(contract, '2027-05-01')).toEqual([])
  })

  it('should stop reminding of dates that have passed', () => {
    expect(dueReminders(contract, '2027-11-15')).toEqual([{ kind: 'end', date: '2027-12-31', daysLeft: 46 }])
  })

  it('should use the lead time of the contract', () => {
    expect(dueReminders({ ...contract, leadDays: 250 }, '2027-05-01').map((r) => r.kind)).toEqual([
      'renegotiation',
      'notice',
      'end',
    ])
  })
})
