// SPDX-License-Identifier: EUPL-1.2
/**
 * Pure rules of the payment card: the card lifecycle, reading approval requests from forms (with specific
 * German errors), deadlines and the time-to-decision figures. No database, no clock of its own.
 * @module
 */
import { electronicFormatIBAN, ValidationErrorsIBAN, validateIBAN } from 'ibantools'
import { parseGermanDate } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors } from '../../views/components/form.js'
import { addWorkingDays } from '../complaints/working-days.js'
import type { CardStatus } from './payment-card.table.js'

/** Valid status changes: bestellt → aktiv → gesperrt ⇄ aktiv; ersetzt and geschlossen are final. */
export const CARD_TRANSITIONS: Record<CardStatus, readonly CardStatus[]> = {
  ordered: ['active', 'closed'],
  active: ['blocked', 'replaced', 'closed'],
  blocked: ['active', 'replaced', 'closed'],
  replaced: [],
  closed: [],
}

/** True when a card may go from `from` to `to`. */
export function canTransition(from: CardStatus, to: CardStatus): boolean {
  return CARD_TRANSITIONS[from].includes(to)
}

/** Statuses in which a card is the member's current card (the others are history). */
export const CURRENT_STATUSES: readonly CardStatus[] = ['ordered', 'active', 'blocked']

/**
 * Reads an IBAN as people type it (spaces, lower case) and checks it with ibantools.
 * @returns the electronic format, or the German message explaining what is wrong
 * @example checkIban('de02 1203 0000 0000 2020 51') // { iban: 'DE02120300000000202051' }
 */
export function checkIban(input: string | undefined): { iban: string } | { error: string } {
  const raw = (input ?? '').trim()
  if (raw === '') {
    return { error: t('payment_card.iban.required') }
  }
  const iban = electronicFormatIBAN(raw) ?? ''
  if (!/^[A-Za-z0-9 ]+$/.test(raw) || !/^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$/.test(iban)) {
    return { error: t('payment_card.iban.characters') }
  }
  const result = validateIBAN(iban)
  if (result.valid) {
    return { iban }
  }
  const codes = result.errorCodes
  if (codes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return { error: t('payment_card.iban.country') }
  }
  if (codes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    return { error: t('payment_card.iban.length') }
  }
  if (
    codes.includes(ValidationErrorsIBAN.WrongIBANChecksum) ||
    codes.includes(ValidationErrorsIBAN.ChecksumNotNumber)
  ) {
    return { error: t('payment_card.iban.checksum') }
  }
  return { error: t('payment_card.iban.format') }
}

/** A transfer request read from a form. */
export interface TransferInput {
  payeeName: string
  payeeIban: string
  purpose: string
  amountCents: number
  standing: boolean
}

/** A request to use the card outside Schleswig-Holstein. */
export interface TravelInput {
  from: string
  to: string
  reason: string
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** Control characters other than tab and line breaks (as the Open311 intake). */
const CONTROL = /[^\P{Cc}\t\n\r]/u

function text(
  form: Record<string, string>,
  name: string,
  errors: FieldErrors,
  required: MessageKey,
  max: number,
): string {
  const value = (form[name] ?? '').trim()
  if (value === '') {
    errors[name] = t(required)
  } else if (value.length > max) {
    errors[name] = t('payment_card.too_long', { max })
  } else if (CONTROL.test(value)) {
    errors[name] = t('payment_card.control_characters')
  }
  return value
}

/**
 * Reads a transfer request: Empfänger, IBAN, Verwendungszweck, Betrag (Euro), Dauerauftrag ("ja").
 * Amounts are integer cents, at most 10,000 €.
 */
export function parseTransfer(form: Record<string, string>): Parsed<TransferInput> {
  const errors: FieldErrors = {}
  const payeeName = text(form, 'empfaenger', errors, 'payment_card.payee_required', 140)
  const iban = checkIban(form.iban)
  if ('error' in iban) {
    errors.iban = iban.error
  }
  const purpose = text(form, 'zweck', errors, 'payment_card.purpose_required', 140)
  const amountText = (form.betrag ?? '').trim()
  let amountCents = 0
  if (amountText === '') {
    errors.betrag = t('payment_card.amount_required')
  } else {
    const cents = parseEuroToCents(amountText)
    if (cents === null) {
      errors.betrag = t('payment_card.amount_format')
    } else if (cents <= 0 || cents > 1_000_000) {
      errors.betrag = t('payment_card.amount_range')
    } else {
      amountCents = cents
    }
  }
  const standing = form.dauerauftrag === 'ja'
  if (Object.keys(errors).length > 0 || 'error' in iban) {
    return { ok: false, errors }
  }
  return { ok: true, value: { payeeName, payeeIban: iban.iban, purpose, amountCents, standing } }
}

/**
 * Reads a travel request: von, bis (TT.MM.JJJJ, not before `today`, at most 92 days), Grund.
 */
export function parseTravel(form: Record<string, string>, today: string): Parsed<TravelInput> {
  const errors: FieldErrors = {}
  const fromText = (form.von ?? '').trim()
  const toText = (form.bis ?? '').trim()
  const from = fromText === '' ? null : parseGermanDate(fromText)
  const to = toText === '' ? null : parseGermanDate(toText)
  if (fromText === '') {
    errors.von = t('payment_card.travel_from_required')
  } else if (!from) {
    errors.von = t('payment_card.date_format')
  } else if (from < today) {
    errors.von = t('payment_card.travel_past')
  }
  if (toText === '') {
    errors.bis = t('payment_card.travel_to_required')
  } else if (!to) {
    errors.bis = t('payment_card.date_format')
  } else if (from && to < from) {
    errors.bis = t('payment_card.travel_order')
  } else if (from && daysBetween(from, to) > 92) {
    errors.bis = t('payment_card.travel_too_long')
  }
  const reason = text(form, 'grund', errors, 'payment_card.reason_required', 1000)
  if (Object.keys(errors).length > 0 || !from || !to) {
    return { ok: false, errors }
  }
  return { ok: true, value: { from, to, reason } }
}

/** What a new approval request holds. */
export type ApprovalInput = ({ kind: 'transfer' } & TransferInput) | ({ kind: 'travel' } & TravelInput)

/** Reads either request form. */
export function parseRequest(
  kind: 'transfer' | 'travel',
  form: Record<string, string>,
  today: string,
): Parsed<ApprovalInput> {
  if (kind === 'transfer') {
    const parsed = parseTransfer(form)
    return parsed.ok ? { ok: true, value: { kind, ...parsed.value } } : parsed
  }
  const parsed = parseTravel(form, today)
  return parsed.ok ? { ok: true, value: { kind, ...parsed.value } } : parsed
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** The deadline of a request made on `today`: `workingDays` working days later (Schleswig-Holstein holidays). */
export function approvalDueOn(today: string, workingDays: number): string {
  return addWorkingDays(today, workingDays)
}

/** True when an open request's deadline has passed (the deadline day itself is still in time). */
export function isOverdue(dueOn: string, today: string): boolean {
  return dueOn < today
}

/**
 * Median and 90th percentile of decision times (in hours), linear interpolation between ranks — the same
 * definition as PostgreSQL's `percentile_cont`, so the report and this function agree.
 * @returns nulls for an empty list
 */
export function decisionTimeStats(hours: readonly number[]): { median: number | null; p90: number | null } {
  if (hours.length === 0) {
    return { median: null, p90: null }
  }
  const sorted = [...hours].sort((a, b) => a - b)
  const at = (p: number) => {
    const rank = p * (sorted.length - 1)
    const lo = Math.floor(rank)
    const hi = Math.ceil(rank)
    const low = sorted[lo] as number
    const high = sorted[hi] as number
    return low + (high - low) * (rank - lo)
  }
  return { median: at(0.5), p90: at(0.9) }
}
