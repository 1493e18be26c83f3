// SPDX-License-Identifier: EUPL-1.2
/**
 * The money rules of a payment run, as pure functions over integer cents. Given the final decisions of one case
 * (household), its one-off grants, what released runs already paid and whether payments are stopped, they say
 * what is due for a target month, line by line, each line naming where it came from.
 *
 * Rules (docs/payments.md explains them with examples):
 * - Which decision applies on a day: among the final decisions whose benefit period covers the day, the one
 *   that became final last (a change decision replaces the earlier one from its period start).
 * - Proration (anteilige Leistung, § 41 Abs. 1 SGB II: "Der Monat wird mit 30 Tagen berechnet"): every month has
 *   30 benefit days (30/360 day count). Days 1–30 count one each; the 31st counts none; the last day of February
 *   counts the days up to the 30th. A part of a month from day a to day b is worth
 *   round(M × D(b) / 30) − round(M × D(a − 1) / 30) with D(x) the benefit days up to day x, per component.
 *   Because the parts telescope, the parts of a split month always add up to exactly the monthly amount.
 * - Arrears (Nachzahlung): for every month from the first benefit period start up to the target month, what is
 *   due minus what released runs paid for that service month. Nothing paid yet: the due lines themselves
 *   (ongoing for the target month, arrears before it); partly paid (e.g. a change decision raising the amount):
 *   one difference line. Overpayments are never offset here (a refund needs its own decision, § 50 SGB X);
 *   they are reported so that someone can act.
 * - One-off grants (einmalige Leistungen) are due once, in the first run whose target month is not before the
 *   day they are due.
 * - Stop: days after the benefit period end are not due; a closed case is due nothing after the day it was
 *   closed; while a payment suspension is in force, the whole case is held (nothing due now; the held months
 *   come as arrears once the suspension ends).
 * - Returned payments (Rückläufer): a payment the bank sent back counts as not paid. While a return is not
 *   resolved (no new account, no active card yet) the whole case is held — paying to a dead account again is
 *   pointless. Once resolved, the next run pays the returned amount again as separate "Rückläufer" lines that
 *   name the returned payment and the return reason, capped by what is still due. A re-payment counts as
 *   paid; if it comes back too, it is itself a returned payment and is paid again once — never twice
 *   (`settleLedger` derives all of this from the released lines and the return bookings).
 * @module
 */

/** One line of a decision's monthly amount (as stored with the decision). */
export interface Component {
  label: string
  cents: number
}

export interface DecisionForPayment {
  id: string
  outcome: 'granted' | 'partly_granted' | 'refused'
  monthlyCents: number
  components: readonly Component[]
  /** 'YYYY-MM-DD'; a decision without a period start pays nothing. */
  periodFrom: string | null
  /** 'YYYY-MM-DD', inclusive; null = open-ended. */
  periodTo: string | null
  legalBasis: string
  /** When it became final: the later one wins where periods overlap. */
  finalAt: Date
}

export interface OneOffGrant {
  id: string
  decisionId: string | null
  label: string
  cents: number
  /** 'YYYY-MM-DD' */
  dueOn: string
  legalBasis: string
}

/** One amount of a returned payment that has not been paid again yet. */
export interface ReturnedAmount {
  /** 'YYYY-MM': the service month of the returned line. */
  serviceMonth: string
  cents: number
  /** Set when the returned line paid a one-off grant. */
  oneOffId: string | null
}

/** A payment (item) the bank sent back, as the rules see it. */
export interface ReturnedPayment {
  /** The returned payment's id (payment_item.id; its EndToEndId is this UUID without hyphens). */
  itemId: string
  /** ISO 20022 return reason code (e.g. 'AC04'), or null (a reversal without reason). */
  reason: string | null
  /** A caseworker resolved the return (new account or card): it may be paid again. */
  resolved: boolean
  /** What of it has not been paid again yet. */
  open: readonly ReturnedAmount[]
}

export interface CaseForPayment {
  applicationId: string
  decisions: readonly DecisionForPayment[]
  oneOffs: readonly OneOffGrant[]
  /**
   * Service month 'YYYY-MM' → cents of monthly benefit (not one-off grants) released runs paid for it and the
   * bank did not send back (see `settleLedger`).
   */
  paidByMonth: ReadonlyMap<string, number>
  /** One-off grants paid by a released run and not sent back. */
  paidOneOffIds: ReadonlySet<string>
  /** Payments of this case the bank sent back (default: none). */
  returns?: readonly ReturnedPayment[]
  /** The case was closed on this day ('YYYY-MM-DD'): nothing is due for later days. */
  closedOn: string | null
  /** A payment suspension is in force at the run date. */
  suspended: boolean
}

export type LineKind = 'ongoing' | 'arrears' | 'difference' | 'one_off' | 'repayment'
export type LineRule = 'full_month' | 'prorated_30' | 'difference' | 'one_off' | 'repayment'

/** Component label of a line that pays a returned payment again. */
export const REPAYMENT_COMPONENT = 'Rückläufer'

/** One computed amount and where it came from. */
export interface PaymentLine {
  kind: LineKind
  /** 'YYYY-MM': the month the money is for. */
  serviceMonth: string
  cents: number
  decisionId: string | null
  oneOffId: string | null
  /** The decision's component label (e.g. "Regelbedarf"), "Differenz" or the one-off grant's label. */
  component: string
  legalBasis: string
  /** First and last calendar day covered ('YYYY-MM-DD'). */
  from: string
  to: string
  /** Benefit days of 30 covered (30 for a full month, 0 for one-offs and differences). */
  benefitDays: number
  rule: LineRule
  /** For a 'repayment' line: the returned payment (item id) it pays again; null otherwise. */
  repaysItemId: string | null
  /** For a 'repayment' line: the return reason code of that payment; null otherwise. */
  returnReason: string | null
}

/** Why a case is held: a payment suspension, or a returned payment not yet resolved. */
export type HoldReason = 'suspended' | 'return_open'

export interface DueResult {
  lines: PaymentLine[]
  /** Sum of `lines`. */
  totalCents: number
  /** Payments are held (suspension or open return): nothing is due in this run. */
  held: boolean
  heldReason: HoldReason | null
  /** Months paid more than is due now, with the excess (information only, never offset). */
  overpaid: Array<{ serviceMonth: string; cents: number }>
}

/** Benefit days a month counts. */
export const BENEFIT_DAYS_PER_MONTH = 30

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** Whether `value` is a month 'YYYY-MM'. */
export function isMonth(value: string): boolean {
  return MONTH.test(value)
}

/** Days in month 'YYYY-MM'. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** 'YYYY-MM' plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

function dayOf(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`
}

/**
 * Benefit days from day 1 up to and including day `x` of a month of `length` days (30/360): min(x, 30), and
 * the last day of the month always brings it to 30.
 */
export function benefitDaysUpTo(x: number, length: number): number {
  if (x <= 0) {
    return 0
  }
  if (x >= length) {
    return BENEFIT_DAYS_PER_MONTH
  }
  return Math.min(x, BENEFIT_DAYS_PER_MONTH)
}

/** round(monthly × days / 30), half up, in integer arithmetic (exact for any safe cents value). */
export function shareOf(monthlyCents: number, days: number): number {
  return Math.floor((2 * monthlyCents * days + BENEFIT_DAYS_PER_MONTH) / (2 * BENEFIT_DAYS_PER_MONTH))
}

/**
 * What the days `a`..`b` (1-based, inclusive) of a month of `length` days are worth of `monthlyCents`.
 * @example proratedCents(56_300, 16, 31, 31) // second half of a 31-day month: 28 150
 */
export function proratedCents(monthlyCents: number, a: number, b: number, length: number): number {
  if (b < a) {
    return 0
  }
  return (
    shareOf(monthlyCents, benefitDaysUpTo(b, length)) - shareOf(monthlyCents, benefitDaysUpTo(a - 1, length))
  )
}

function componentsOf(d: DecisionForPayment): Component[] {
  if (d.outcome === 'refused') {
    return []
  }
  const listed = d.components.filter((c) => c.cents > 0)
  if (listed.length > 0) {
    return listed
  }
  return d.monthlyCents > 0 ? [{ label: 'Monatsbetrag', cents: d.monthlyCents }] : []
}

/** The decision in force on `day`, or undefined: the latest final one whose period covers it. */
function decisionOn(decisions: readonly DecisionForPayment[], day: string): DecisionForPayment | undefined {
  let best: DecisionForPayment | undefined
  for (const d of decisions) {
    if (!d.periodFrom || d.periodFrom > day || (d.periodTo !== null && d.periodTo < day)) {
      continue
    }
    if (!best || d.finalAt.getTime() > best.finalAt.getTime()) {
      best = d
    }
  }
  return best
}

/**
 * The lines due for one service month from the decisions alone (nothing paid yet), per decision segment and
 * component.
 */
export function monthLines(
  decisions: readonly DecisionForPayment[],
  month: string,
  closedOn: string | null,
  kind: 'ongoing' | 'arrears',
): PaymentLine[] {
  const length = daysInMonth(month)
  const lines: PaymentLine[] = []
  let start = 1
  let current: DecisionForPayment | undefined
  const flush = (end: number) => {
    if (!current) {
      return
    }
    const full = start === 1 && end === length
    const days = benefitDaysUpTo(end, length) - benefitDaysUpTo(start - 1, length)
    for (const c of componentsOf(current)) {
      const cents = full ? c.cents : proratedCents(c.cents, start, end, length)
      if (cents > 0) {
        lines.push({
          kind,
          serviceMonth: month,
          cents,
          decisionId: current.id,
          oneOffId: null,
          component: c.label,
          legalBasis: current.legalBasis,
          from: dayOf(month, start),
          to: dayOf(month, end),
          benefitDays: days,
          rule: full ? 'full_month' : 'prorated_30',
          repaysItemId: null,
          returnReason: null,
        })
      }
    }
  }
  for (let day = 1; day <= length; day++) {
    const iso = dayOf(month, day)
    const d = closedOn !== null && iso > closedOn ? undefined : decisionOn(decisions, iso)
    if (d !== current) {
      flush(day - 1)
      current = d
      start = day
    }
  }
  flush(length)
  return lines
}

function sum(lines: readonly { cents: number }[]): number {
  return lines.reduce((n, l) => n + l.cents, 0)
}

/** One released line of a case, as `settleLedger` reads it. */
export interface PaidLine {
  /** The payment (item) it belongs to; may be null for payments the bank never sent back (aggregated). */
  itemId: string | null
  serviceMonth: string
  cents: number
  oneOffId: string | null
  /** For a re-payment line: the returned payment it paid again. */
  repaysItemId: string | null
}

/** A return booking of a payment (payment_booking with status 'returned'). */
export interface ReturnBooking {
  itemId: string
  reason: string | null
  resolved: boolean
}

function amountKey(month: string, oneOffId: string | null): string {
  return `${month}|${oneOffId ?? ''}`
}

/**
 * What a case was paid, net of returns: the single place that says "a returned amount counts as not paid".
 * Lines of a returned payment do not count as paid; per returned payment, its lines minus the re-payment
 * lines naming it (whether or not those came back in turn) are still open. A re-payment that came back is a
 * returned payment of its own, so a chain of returns is paid again once per return, never twice.
 * @param lines the released lines of the case (lines of payments never returned may be aggregated, itemId null)
 * @param returns the return bookings of the case
 */
export function settleLedger(
  lines: readonly PaidLine[],
  returns: readonly ReturnBooking[],
): Pick<CaseForPayment, 'paidByMonth' | 'paidOneOffIds' | 'returns'> {
  const returnedIds = new Set(returns.map((r) => r.itemId))
  const paidByMonth = new Map<string, number>()
  const paidOneOffIds = new Set<string>()
  const gross = new Map<string, Map<string, ReturnedAmount>>()
  const repaid = new Map<string, Map<string, number>>()
  for (const l of lines) {
    if (l.repaysItemId !== null) {
      const map = repaid.get(l.repaysItemId) ?? new Map<string, number>()
      const key = amountKey(l.serviceMonth, l.oneOffId)
      map.set(key, (map.get(key) ?? 0) + l.cents)
      repaid.set(l.repaysItemId, map)
    }
    if (l.itemId !== null && returnedIds.has(l.itemId)) {
      const map = gross.get(l.itemId) ?? new Map<string, ReturnedAmount>()
      const key = amountKey(l.serviceMonth, l.oneOffId)
      const prev = map.get(key)
      map.set(key, {
        serviceMonth: l.serviceMonth,
        oneOffId: l.oneOffId,
        cents: (prev?.cents ?? 0) + l.cents,
      })
      gross.set(l.itemId, map)
      continue
    }
    if (l.oneOffId !== null) {
      paidOneOffIds.add(l.oneOffId)
    } else {
      paidByMonth.set(l.serviceMonth, (paidByMonth.get(l.serviceMonth) ?? 0) + l.cents)
    }
  }
  const seen = new Set<string>()
  const settled: ReturnedPayment[] = []
  for (const r of returns) {
    if (seen.has(r.itemId)) {
      continue
    }
    seen.add(r.itemId)
    const again = repaid.get(r.itemId)
    const open: ReturnedAmount[] = []
    for (const [key, amount] of gross.get(r.itemId) ?? []) {
      const left = amount.cents - (again?.get(key) ?? 0)
      if (left > 0) {
        open.push({ ...amount, cents: left })
      }
    }
    open.sort((a, b) =>
      amountKey(a.serviceMonth, a.oneOffId).localeCompare(amountKey(b.serviceMonth, b.oneOffId)),
    )
    settled.push({ itemId: r.itemId, reason: r.reason, resolved: r.resolved, open })
  }
  return { paidByMonth, paidOneOffIds, returns: settled }
}

function repaymentLine(
  r: ReturnedPayment,
  amount: ReturnedAmount,
  cents: number,
  source: { decisionId: string | null; legalBasis: string; from: string; to: string },
): PaymentLine {
  return {
    kind: 'repayment',
    serviceMonth: amount.serviceMonth,
    cents,
    decisionId: source.decisionId,
    oneOffId: amount.oneOffId,
    component: REPAYMENT_COMPONENT,
    legalBasis: source.legalBasis,
    from: source.from,
    to: source.to,
    benefitDays: 0,
    rule: 'repayment',
    repaysItemId: r.itemId,
    returnReason: r.reason,
  }
}

/**
 * Everything due for `targetMonth` for one case: ongoing benefit, arrears and differences of earlier months,
 * and one-off grants not yet paid.
 * @param targetMonth 'YYYY-MM', the month the run pays for (paid in advance, § 41 Abs. 1 Satz 4 SGB II style)
 * @throws Error for a target month that is not 'YYYY-MM'
 */
export function computeDue(c: CaseForPayment, targetMonth: string): DueResult {
  if (!isMonth(targetMonth)) {
    throw new Error(`not a month: ${targetMonth}`)
  }
  const returns = c.returns ?? []
  if (c.suspended) {
    return { lines: [], totalCents: 0, held: true, heldReason: 'suspended', overpaid: [] }
  }
  if (returns.some((r) => !r.resolved)) {
    return { lines: [], totalCents: 0, held: true, heldReason: 'return_open', overpaid: [] }
  }
  const starts = c.decisions
    .filter((d) => d.outcome !== 'refused' && d.periodFrom && DAY.test(d.periodFrom))
    .map((d) => (d.periodFrom as string).slice(0, 7))
    .sort()
  const lines: PaymentLine[] = []
  const overpaid: DueResult['overpaid'] = []
  const first = starts[0]
  if (first && first <= targetMonth) {
    for (let month = first; month <= targetMonth; month = addMonths(month, 1)) {
      const kind = month === targetMonth ? 'ongoing' : 'arrears'
      const due = monthLines(c.decisions, month, c.closedOn, kind)
      const dueCents = sum(due)
      const paid = c.paidByMonth.get(month) ?? 0
      const outstanding = dueCents - paid
      const last = due[due.length - 1]
      const source = {
        decisionId: last?.decisionId ?? null,
        legalBasis: last?.legalBasis ?? '',
        from: dayOf(month, 1),
        to: dayOf(month, daysInMonth(month)),
      }
      // Returned money of this month first, as its own traceable lines, never more than is still due.
      let repaid = 0
      for (const r of returns) {
        for (const amount of r.open) {
          if (amount.oneOffId !== null || amount.serviceMonth !== month) {
            continue
          }
          const cents = Math.min(amount.cents, outstanding - repaid)
          if (cents > 0) {
            lines.push(repaymentLine(r, amount, cents, source))
            repaid += cents
          }
        }
      }
      const rest = outstanding - repaid
      if (paid === 0 && repaid === 0) {
        lines.push(...due)
      } else if (rest > 0 && last) {
        lines.push({
          kind: 'difference',
          serviceMonth: month,
          cents: rest,
          decisionId: last.decisionId,
          oneOffId: null,
          component: 'Differenz',
          legalBasis: last.legalBasis,
          from: dayOf(month, 1),
          to: dayOf(month, daysInMonth(month)),
          benefitDays: 0,
          rule: 'difference',
          repaysItemId: null,
          returnReason: null,
        })
      } else if (outstanding < 0) {
        overpaid.push({ serviceMonth: month, cents: -outstanding })
      }
    }
  }
  const lastDay = dayOf(targetMonth, daysInMonth(targetMonth))
  for (const o of c.oneOffs) {
    if (o.cents > 0 && o.dueOn <= lastDay && !c.paidOneOffIds.has(o.id)) {
      const source = { decisionId: o.decisionId, legalBasis: o.legalBasis, from: o.dueOn, to: o.dueOn }
      const returned = returns.flatMap((r) =>
        r.open.filter((a) => a.oneOffId === o.id).map((a) => ({ r, a })),
      )[0]
      if (returned) {
        lines.push(repaymentLine(returned.r, returned.a, o.cents, source))
        continue
      }
      lines.push({
        kind: 'one_off',
        serviceMonth: o.dueOn.slice(0, 7),
        cents: o.cents,
        decisionId: o.decisionId,
        oneOffId: o.id,
        component: o.label,
        legalBasis: o.legalBasis,
        from: o.dueOn,
        to: o.dueOn,
        benefitDays: 0,
        rule: 'one_off',
        repaysItemId: null,
        returnReason: null,
      })
    }
  }
  return { lines, totalCents: sum(lines), held: false, heldReason: null, overpaid }
}
