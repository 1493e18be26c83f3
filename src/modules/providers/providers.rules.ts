// SPDX-License-Identifier: EUPL-1.2
/**
 * The date and money rules of provider contracts, pure: notice deadline, contract years, remaining budget
 * per contract year and the reminders that are due. Dates are ISO `YYYY-MM-DD`; amounts integer cents.
 * @module
 */

/** `YYYY-MM-DD` plus `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * `YYYY-MM-DD` plus `months` (may be negative); a day that does not exist in the target month becomes the
 * month's last day (31 January + 1 month = 28/29 February), as § 188 Abs. 3 BGB counts.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * The last day on which notice can be given so that the contract ends with its term: `noticeMonths`
 * months before the day after the last day of the term, minus one day.
 * @param validTo last day of the term (inclusive); null for a contract without end (no deadline)
 * @example noticeDeadline('2027-12-31', 3) // '2027-09-30'
 */
export function noticeDeadline(validTo: string | null, noticeMonths: number): string | null {
  if (validTo === null) {
    return null
  }
  return addDays(addMonths(addDays(validTo, 1), -noticeMonths), -1)
}

/** One contract year: from an anniversary of the start to the day before the next (or the end of the term). */
export interface ContractYear {
  /** 1-based number of the contract year. */
  number: number
  from: string
  /** Inclusive. */
  to: string
}

/**
 * The contract years of a term. An open-ended contract gets the years up to the one holding `today` (at
 * least the first). The last year of a term may be short.
 */
export function contractYears(validFrom: string, validTo: string | null, today: string): ContractYear[] {
  const end = validTo ?? addDays(addMonths(validFrom, 12 * (yearIndexOf(validFrom, today) + 1)), -1)
  const years: ContractYear[] = []
  for (let k = 0; k < 100; k++) {
    const from = addMonths(validFrom, 12 * k)
    if (from > end) {
      break
    }
    const next = addDays(addMonths(validFrom, 12 * (k + 1)), -1)
    // ISO dates sort as text: the earlier of the anniversary's eve and the end of the term.
    years.push({ number: k + 1, from, to: [next, end].sort()[0] ?? end })
  }
  return years
}

function yearIndexOf(validFrom: string, day: string): number {
  if (day < validFrom) {
    return 0
  }
  let k = 0
  while (addMonths(validFrom, 12 * (k + 1)) <= day && k < 100) {
    k += 1
  }
  return k
}

/** Budget, payments and what is left for one contract year. */
export interface YearBudget extends ContractYear {
  budgetCents: number
  paidCents: number
  /** Negative when more was paid than agreed (overspent). */
  remainingCents: number
}

/**
 * Remaining budget per contract year: the agreed annual budget minus the payments dated in that year.
 * The agreed budget applies in full to every contract year, a short last year included (the contracts agree
 * an amount per contract year, not per day). Payments outside the term are not counted.
 * @param annualBudgetCents agreed budget per contract year, integer cents
 * @param payments payments with their dates and amounts (cents)
 */
export function budgetByYear(
  validFrom: string,
  validTo: string | null,
  annualBudgetCents: number,
  payments: ReadonlyArray<{ paidOn: string; amountCents: number }>,
  today: string,
): YearBudget[] {
  return contractYears(validFrom, validTo, today).map((year) => {
    const paidCents = payments
      .filter((p) => p.paidOn >= year.from && p.paidOn <= year.to)
      .reduce((sum, p) => sum + p.amountCents, 0)
    return {
      ...year,
      budgetCents: annualBudgetCents,
      paidCents,
      remainingCents: annualBudgetCents - paidCents,
    }
  })
}

/** The contract year holding `day`, if the term holds it. */
export function yearOf<T extends ContractYear>(years: readonly T[], day: string): T | undefined {
  return years.find((y) => y.from <= day && day <= y.to)
}

export type ReminderKind = 'notice' | 'renegotiation' | 'end'

/** A date of a contract that needs attention soon. */
export interface Reminder {
  kind: ReminderKind
  date: string
  /** Days from today to the date (0 = today). */
  daysLeft: number
}

/**
 * The reminders of a contract due at `today`: each of its dates (notice deadline, renegotiation date, end of
 * term) that lies from today up to `leadDays` days ahead. Dates in the past are no longer reminded.
 */
export function dueReminders(
  contract: {
    validTo: string | null
    noticeMonths: number
    renegotiationOn: string | null
    leadDays: number
  },
  today: string,
): Reminder[] {
  const dates: Array<[ReminderKind, string | null]> = [
    ['notice', noticeDeadline(contract.validTo, contract.noticeMonths)],
    ['renegotiation', contract.renegotiationOn],
    ['end', contract.validTo],
  ]
  return dates
    .filter((entry): entry is [ReminderKind, string] => entry[1] !== null)
    .map(([kind, date]) => ({ kind, date, daysLeft: daysBetween(today, date) }))
    .filter((r) => r.daysLeft >= 0 && r.daysLeft <= contract.leadDays)
    .sort((a, b) => a.daysLeft - b.daysLeft)
}
