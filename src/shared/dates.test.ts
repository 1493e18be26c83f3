// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { formatDateTime, formatIsoDate, parseGermanDate, todayIso } from './dates.js'

describe('parseGermanDate', () => {
  it.each([
    ['17.03.1955', '1955-03-17'],
    ['17.3.1955', '1955-03-17'],
    ['7.3.1955', '1955-03-07'],
    ['1955-03-17', '1955-03-17'],
    ['  17.03.1955  ', '1955-03-17'],
    ['29.02.2024', '2024-02-29'],
    ['29.02.2000', '2000-02-29'],
    ['31.12.1999', '1999-12-31'],
    ['01.01.1900', '1900-01-01'],
  ])('should read %j as %j', (input, iso) => {
    expect(parseGermanDate(input)).toBe(iso)
  })

  it.each([
    ['29.02.2023', 'the 29th of February outside a leap year'],
    ['29.02.1900', 'the 29th of February in 1900 (divisible by 100, not by 400)'],
    ['31.04.2020', 'the 31st of a 30-day month'],
    ['32.01.2020', 'day 32'],
    ['00.01.2020', 'day 0'],
    ['15.13.2020', 'month 13'],
    ['15.00.2020', 'month 0'],
    ['17.03.55', 'a two-digit year'],
    ['17/03/1955', 'slashes'],
    ['17-03-1955', 'dashes in German order'],
    ['1955-3-17', 'ISO without leading zeros'],
    ['01.01.0050', 'a year below 100 (Date.UTC would move it to 1950)'],
    ['01.01.0000', 'year 0'],
    ['', 'nothing'],
    ['heute', 'a word'],
    ['17.03.1955x', 'trailing characters'],
  ])('should refuse %j (%s)', (input) => {
    expect(parseGermanDate(input)).toBeNull()
  })
})

describe('formatIsoDate', () => {
  it('should show an ISO date the German way with leading zeros', () => {
    expect(formatIsoDate('1955-03-07')).toBe('07.03.1955')
    expect(formatIsoDate('2024-02-29')).toBe('29.02.2024')
  })

  it('should give back what parseGermanDate reads', () => {
    for (const iso of ['1900-01-01', '1957-08-12', '2000-02-29', '2026-12-31']) {
      expect(parseGermanDate(formatIsoDate(iso))).toBe(iso)
    }
  })
})

describe('todayIso', () => {
  it('should give the calendar date in Berlin, not in UTC, in winter (UTC+1)', () => {
    expect(todayIso(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31')
    expect(todayIso(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01')
  })

  it('should give the calendar date in Berlin in summer (UTC+2)', () => {
    expect(todayIso(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30')
    expect(todayIso(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01')
  })

  it('should have the form YYYY-MM-DD for the current time', () => {
    expect(todayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})

describe('formatDateTime', () => {
  it('should show a point in time in Berlin time, winter and summer', () => {
    expect(formatDateTime(new Date('2026-11-26T09:15:00Z'))).toBe('26.11.2026, 10:15')
    expect(formatDateTime(new Date('2026-07-01T09:15:00Z'))).toBe('01.07.2026, 11:15')
  })

  it('should put a time just before midnight UTC on the next Berlin day', () => {
    expect(formatDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('01.01.2027, 00:30')
  })
})
