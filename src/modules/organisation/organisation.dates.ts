// SPDX-License-Identifier: EUPL-1.2
import { todayIso } from '../../shared/dates.js'

/**
 * Calendar dates of the organisation's records. A date typed into a form ("valid from 01.10.2026") means the
 * start of that day in Lübeck (Europe/Berlin), so that a record begins at the first instant of its day.
 * @module
 */

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  timeZoneName: 'longOffset',
})

/** Minutes Berlin is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function berlinOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  if (!match) {
    return 0
  }
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/**
 * The first instant of a calendar day in Berlin.
 * @param iso `YYYY-MM-DD`
 * @example berlinDayStart('2026-12-01').toISOString() // '2026-11-30T23:00:00.000Z'
 */
export function berlinDayStart(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  const utcMidnight = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)
  // Midnight is never inside a DST switch in Berlin (switches happen at 02:00/03:00), so one correction suffices.
  const guess = new Date(utcMidnight - berlinOffsetMinutes(new Date(utcMidnight)) * 60_000)
  return new Date(utcMidnight - berlinOffsetMinutes(guess) * 60_000)
}

/** The Berlin calendar day of an instant, `YYYY-MM-DD`. */
export function berlinDay(instant: Date): string {
  return todayIso(instant)
}

/** True when the instant is the first instant of its Berlin day (a record that starts "on a date"). */
export function isBerlinDayStart(instant: Date): boolean {
  return berlinDayStart(berlinDay(instant)).getTime() === instant.getTime()
}

/**
 * The instant a "Stand am" page shows: the start of the given day, or now when no (valid) day is given.
 * @returns the instant and the day as `YYYY-MM-DD` (for the date field), plus whether the day was given
 */
export function standInstant(
  stand: string | undefined,
  now: Date,
): { at: Date; day: string; given: boolean } {
  if (stand && /^\d{4}-\d{2}-\d{2}$/.test(stand)) {
    const at = berlinDayStart(stand)
    if (!Number.isNaN(at.getTime()) && berlinDay(at) === stand) {
      return { at, day: stand, given: true }
    }
  }
  return { at: now, day: berlinDay(now), given: false }
}
