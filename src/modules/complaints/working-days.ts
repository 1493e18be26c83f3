// SPDX-License-Identifier: EUPL-1.2
import { getHolidays } from 'feiertagejs'

/**
 * Working days of the office in Lübeck: Monday to Friday, except the public holidays of Schleswig-Holstein
 * (feiertagejs, region `SH`). Dates are calendar dates as ISO strings (`YYYY-MM-DD`); no time zone enters
 * here, so the functions are pure and the same on every machine.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const holidaysByYear = new Map<number, ReadonlySet<string>>()

function holidaysOf(year: number): ReadonlySet<string> {
  let set = holidaysByYear.get(year)
  if (!set) {
    set = new Set(getHolidays(year, 'SH').map((h) => h.dateString))
    holidaysByYear.set(year, set)
  }
  return set
}

function parse(iso: string): Date {
  const m = ISO_DATE.exec(iso)
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(Number.NaN)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not a calendar date: ${iso}`)
  }
  return date
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** True for a public holiday of Schleswig-Holstein (e.g. `2026-10-31`, Reformationstag). */
export function isPublicHoliday(iso: string): boolean {
  return holidaysOf(parse(iso).getUTCFullYear()).has(iso)
}

/**
 * True when the office works on that date: not Saturday or Sunday, not a public holiday in Schleswig-Holstein.
 * @throws RangeError when `iso` is not a calendar date
 */
export function isWorkingDay(iso: string): boolean {
  const day = parse(iso).getUTCDay()
  return day !== 0 && day !== 6 && !isPublicHoliday(iso)
}

/**
 * The date `n` working days after `start` (n > 0), before it (n < 0), or — for n = 0 — `start` itself when it
 * is a working day, else the next working day. `start` need not be a working day: a complaint received on a
 * Saturday with n = 3 is due on the third working day after that Saturday.
 * @throws RangeError when `start` is not a calendar date or `n` is not a whole number
 * @example addWorkingDays('2026-04-02', 1) // '2026-04-07' (Karfreitag and Ostermontag skipped)
 */
export function addWorkingDays(start: string, n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`not a whole number of days: ${n}`)
  }
  const date = parse(start)
  if (n === 0) {
    while (!isWorkingDay(format(date))) {
      date.setUTCDate(date.getUTCDate() + 1)
    }
    return format(date)
  }
  const step = n > 0 ? 1 : -1
  let left = Math.abs(n)
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + step)
    if (isWorkingDay(format(date))) {
      left -= 1
    }
  }
  return format(date)
}

/**
 * A deadline of `n` calendar days after `start`; when it falls on a weekend or a public holiday it ends on the
 * next working day (as § 26 (3) SGB X and § 193 BGB count deadlines).
 * @throws RangeError when `start` is not a calendar date or `n` is not a whole number ≥ 0
 * @example addCalendarDays('2026-11-26', 14) // '2026-12-10'
 * @example addCalendarDays('2026-12-12', 14) // '2026-12-28' (26 December is a holiday, 27 a Sunday)
 */
export function addCalendarDays(start: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`not a whole number of days ≥ 0: ${n}`)
  }
  const date = parse(start)
  date.setUTCDate(date.getUTCDate() + n)
  while (!isWorkingDay(format(date))) {
    date.setUTCDate(date.getUTCDate() + 1)
  }
  return format(date)
}

/**
 * Working days in the half-open range (from, to]: how many working days lie after `from` up to and
 * including `to`; negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parse(from)
  const b = parse(to)
  const sign = a <= b ? 1 : -1
  const [lo, hi] = sign === 1 ? [a, b] : [b, a]
  let count = 0
  const d = new Date(lo)
  while (d < hi) {
    d.setUTCDate(d.getUTCDate() + 1)
    if (isWorkingDay(format(d))) {
      count += 1
    }
  }
  return sign * count
}
