// SPDX-License-Identifier: EUPL-1.2
/** W3C date-time (ISO 8601 subset) as GeoReport v2 prescribes: always with a time zone, Berlin offset on output. */

const berlin = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function berlinParts(date: Date): { local: string; offsetMinutes: number } {
  const local = berlin.format(date).replace(' ', 'T')
  const asUtc = Date.parse(`${local}Z`)
  const seconds = Math.floor(date.getTime() / 1000) * 1000
  return { local, offsetMinutes: Math.round((asUtc - seconds) / 60_000) }
}

/** `2026-11-26T10:15:00+01:00`: the instant in Berlin time with its offset. */
export function formatW3(date: Date): string {
  const { local, offsetMinutes } = berlinParts(date)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local}${sign}${hh}:${mm}`
}

/** The last second of a Berlin calendar day (`YYYY-MM-DD`), e.g. a deadline. */
export function endOfBerlinDay(isoDate: string): Date {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number)
  const { offsetMinutes } = berlinParts(new Date(Date.UTC(y, m - 1, d, 12)))
  return new Date(Date.UTC(y, m - 1, d, 23, 59, 59) - offsetMinutes * 60_000)
}

const W3 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/

/**
 * Parses a W3C date-time that names its time zone (`2010-01-01T00:00:00Z`, `…+01:00`); undefined for
 * anything else, including impossible dates such as 30 February.
 */
export function parseW3(text: string): Date | undefined {
  const m = W3.exec(text)
  if (!m) {
    return undefined
  }
  const [year, month, day, hour, minute, second = '0'] = m.slice(1, 7).map((v) => Number(v ?? 0))
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return undefined
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth ||
    hour > 23 ||
    minute > 59 ||
    Number(second) > 59 ||
    Number(m[8] ?? 0) > 14 ||
    Number(m[9] ?? 0) > 59
  ) {
    return undefined
  }
  const time = Date.parse(text)
  return Number.isNaN(time) ? undefined : new Date(time)
}
