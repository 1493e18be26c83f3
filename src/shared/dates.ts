// SPDX-License-Identifier: EUPL-1.2
const TIME_ZONE = 'Europe/Berlin'

/**
 * Parses a calendar date as typed in Germany ("17.3.1955", "17.03.1955") or ISO ("1955-03-17") into
 * ISO `YYYY-MM-DD`; null when it is not a real date.
 */
export function parseGermanDate(input: string): string | null {
  const s = input.trim()
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const [y, m, d] = german
    ? [Number(german[3]), Number(german[2]), Number(german[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0]
  if (y === 0) {
    return null
  }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null
  }
  return date.toISOString().slice(0, 10)
}

/** `YYYY-MM-DD` → `17.03.1955`. */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

// Formatters are costly to build (a measurable share of a submission's CPU): build each once.
const isoDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE })
const yearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' })

/** Today's date in Berlin as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return isoDateFormat.format(now)
}

/** The calendar year in Berlin, e.g. for a reference number issued on New Year's Eve at 23:30 UTC. */
export function berlinYear(date: Date): string {
  return yearFormat.format(date)
}

const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
})

/** A point in time as people in Lübeck read it: "26.11.2026, 10:15". */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date)
}
