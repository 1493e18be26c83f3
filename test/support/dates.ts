// SPDX-License-Identifier: EUPL-1.2
import { berlinDay } from '../../src/modules/organisation/organisation.dates.js'

/**
 * A day counted from today in Berlin, as the forms take it: "TT.MM.JJJJ". Counted on the calendar, not in
 * 24-hour steps from the UTC date, so that it is right between midnight in Berlin and midnight UTC and
 * across daylight-saving changes.
 */
export function germanDay(offsetDays: number): string {
  const [y, m, d] = berlinDay(new Date()).split('-').map(Number)
  const day = new Date(Date.UTC(y ?? 2026, (m ?? 1) - 1, (d ?? 1) + offsetDays))
  const [yy, mm, dd] = day.toISOString().slice(0, 10).split('-')
  return `${dd}.${mm}.${yy}`
}
