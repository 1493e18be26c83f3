// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addCalendarDays,
  addWorkingDays,
  isPublicHoliday,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.js'

const SH_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-10-03',
  '2026-10-31',
  '2026-12-25',
  '2026-12-26',
]

/** Every calendar date of 2025–2028 as ISO strings. */
function allDates(): string[] {
  const out: string[] = []
  for (
    let d = new Date(Date.UTC(2025, 0, 1));
    d < new Date(Date.UTC(2029, 0, 1));
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10))
  }
  return out
}

const dateArb = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 86_400_000, max: Date.UTC(2028, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10))

describe('public holidays of Schleswig-Holstein', () => {
  it('should know exactly the ten public holidays of 2026', () => {
    const holidays = allDates().filter((d) => d.startsWith('2026-') && isPublicHoliday(d))
    expect(holidays).toEqual(SH_HOLIDAYS_2026)
  })

  it('should not treat holidays of other Länder as holidays (Fronleichnam, Heilige Drei Könige, Buß- und Bettag)', () => {
    expect(isPublicHoliday('2026-06-04')).toBe(false)
    expect(isPublicHoliday('2026-01-06')).toBe(false)
    expect(isPublicHoliday('2026-11-18')).toBe(false)
    expect(isWorkingDay('2026-06-04')).toBe(true)
  })
})

describe('isWorkingDay', () => {
  it('should be false on weekends and holidays and true on other days', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false) // Sunday
    expect(isWorkingDay('2026-11-30')).toBe(true) // Monday
    for (const holiday of SH_HOLIDAYS_2026) {
      expect(isWorkingDay(holiday), holiday).toBe(false)
    }
  })

  it('should count the weekdays of 2026 minus the seven holidays that fall on a weekday', () => {
    const weekdays2026 = allDates().filter((d) => {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay()
      return d.startsWith('2026-') && day !== 0 && day !== 6
    })
    const holidaysOnWeekdays = SH_HOLIDAYS_2026.filter((d) => weekdays2026.includes(d))
    // 2026-10-03 and 2026-10-31 and 2026-12-26 fall on a Saturday.
    expect(holidaysOnWeekdays).toHaveLength(7)
    expect(allDates().filter((d) => d.startsWith('2026-') && isWorkingDay(d))).toHaveLength(
      weekdays2026.length - 7,
    )
  })

  it('should reject what is not a calendar date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError)
    expect(() => isWorkingDay('26.11.2026')).toThrow(RangeError)
    expect(() => addWorkingDays('2026-11-26', 1.5)).toThrow(RangeError)
  })
})

describe('addWorkingDays', () => {
  it.each([
    // Easter 2026: Karfreitag 3 April, Ostermontag 6 April.
    ['2026-04-02', 1, '2026-04-07'],
    ['2026-04-01', 3, '2026-04-08'],
    ['2026-04-03', 0, '2026-04-07'],
    ['2026-04-07', -1, '2026-04-02'],
    // Tag der Arbeit, Friday 1 May.
    ['2026-04-30', 1, '2026-05-04'],
    // Christi Himmelfahrt (14 May) and Pfingstmontag (25 May).
    ['2026-05-13', 1, '2026-05-15'],
    ['2026-05-22', 1, '2026-05-26'],
    // Reformationstag on a Saturday changes nothing on the weekdays around it.
    ['2026-10-30', 1, '2026-11-02'],
    // Received on Saturday: three working days are Mon, Tue, Wed.
    ['2026-11-28', 3, '2026-12-02'],
    ['2026-11-28', 0, '2026-11-30'],
    // Christmas: 25 (Fri) and 26 (Sat) December; new year 1 January 2027 (Fri).
    ['2026-12-24', 1, '2026-12-28'],
    ['2026-12-23', 3, '2026-12-29'],
    ['2026-12-31', 1, '2027-01-04'],
    ['2026-11-26', 14, '2026-12-16'],
    ['2026-12-17', 14, '2027-01-08'],
  ])('should take %s plus %i working days to %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected)
  })

  it('should land on a working day with exactly n working days after the start (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const end = addWorkingDays(start, n)
        expect(isWorkingDay(end)).toBe(true)
        expect(end > start).toBe(true)
        expect(workingDaysBetween(start, end)).toBe(n)
      }),
    )
  })

  it('should be the identity on working days for n = 0, and go back exactly for negative n (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const zero = addWorkingDays(start, 0)
        expect(isWorkingDay(zero)).toBe(true)
        expect(zero === start).toBe(isWorkingDay(start))
        const back = addWorkingDays(start, -n)
        expect(isWorkingDay(back)).toBe(true)
        expect(back < start).toBe(true)
        if (isWorkingDay(start)) {
          expect(addWorkingDays(back, n)).toBe(start)
        }
      }),
    )
  })

  it('should be monotonic and additive over every start date of 2025–2028', () => {
    for (const start of allDates()) {
      const one = addWorkingDays(start, 1)
      expect(addWorkingDays(one, 2)).toBe(addWorkingDays(start, 3))
      expect(addWorkingDays(start, 2) > one).toBe(true)
    }
  })
})

describe('addCalendarDays', () => {
  it('should count calendar days and move an end on a weekend or holiday to the next working day', () => {
    expect(addCalendarDays('2026-11-26', 14)).toBe('2026-12-10')
    // 12 Dec + 14 = 26 Dec (2. Weihnachtstag), then Sunday 27 Dec: ends Monday 28 Dec.
    expect(addCalendarDays('2026-12-12', 14)).toBe('2026-12-28')
    // Ends on a Saturday: Monday.
    expect(addCalendarDays('2026-11-07', 14)).toBe('2026-11-23')
    // Ends on Reformationstag (Saturday 31 Oct 2026): Monday 2 Nov.
    expect(addCalendarDays('2026-10-17', 14)).toBe('2026-11-02')
    expect(() => addCalendarDays('2026-11-26', -1)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it('should count the working days after the first date up to the second, signed', () => {
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1)
    expect(workingDaysBetween('2026-04-07', '2026-04-02')).toBe(-1)
    expect(workingDaysBetween('2026-11-26', '2026-11-26')).toBe(0)
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(5)
  })
})
