// SPDX-License-Identifier: EUPL-1.2
/**
 * The caseworker forms on a case's payment page, read into typed values or German field errors: a new bank
 * account when resolving a returned payment, a one-off grant, and suspending or resuming payments. Pure.
 * @module
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import { parseGermanDate } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors } from '../../views/components/form.js'
import { addMonths } from './money-rules.js'

/** Whether a form text holds control characters other than tab and line breaks (they never belong there). */
export function hasControl(text: string): boolean {
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) {
      return true
    }
  }
  return false
}

/** Largest one-off grant accepted on screen: 100.000,00 €. */
export const MAX_ONE_OFF_CENTS = 10_000_000

export interface AccountInput {
  holder: string
  /** Electronic form. */
  iban: string
  bic: string | null
}

export interface OneOffInput {
  cents: number
  label: string
  legalBasis: string
  /** 'YYYY-MM-01': due at the start of the due month. */
  dueOn: string
}

export interface DatedReasonInput {
  /** 'YYYY-MM-DD' */
  from: string
  reason: string
}

type Values = Record<string, string | undefined>

function text(values: Values, name: string): string {
  return (values[name] ?? '').trim()
}

function checkText(
  errors: FieldErrors,
  name: string,
  value: string,
  min: number,
  max: number,
  key: MessageKey,
): void {
  if (value.length < min || value.length > max || hasControl(value)) {
    errors[name] = t(key, { min, max })
  }
}

/** "12.2026" or "2026-12" → "2026-12"; anything else → null. */
export function parseMonthInput(input: string): string | null {
  const value = input.trim()
  const german = /^(0?[1-9]|1[0-2])\.(\d{4})$/.exec(value)
  if (german) {
    return `${german[2]}-${(german[1] ?? '').padStart(2, '0')}`
  }
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null
}

/**
 * The new account given when resolving a returned payment. All fields empty: no new account (the return is
 * resolved otherwise, e.g. a payment card is now active).
 */
export function parseAccountForm(values: Values): { account: AccountInput | null; errors: FieldErrors } {
  const holder = text(values, 'kontoinhaber')
  const rawIban = text(values, 'iban')
  const bic = text(values, 'bic').toUpperCase()
  if (holder === '' && rawIban === '' && bic === '') {
    return { account: null, errors: {} }
  }
  const errors: FieldErrors = {}
  checkText(errors, 'kontoinhaber', holder, 2, 70, 'payments.case.error_holder')
  const iban = electronicFormatIBAN(rawIban) ?? ''
  if (!isValidIBAN(iban)) {
    errors.iban = t('payments.case.error_iban')
  }
  if (bic !== '' && !isValidBIC(bic)) {
    errors.bic = t('payments.case.error_bic')
  }
  if (Object.keys(errors).length > 0) {
    return { account: null, errors }
  }
  return { account: { holder, iban, bic: bic === '' ? null : bic }, errors }
}

/**
 * A one-off grant: amount in euros as typed in Germany ("1.234,56"), purpose, legal basis, due month
 * (from 24 months back up to 12 months ahead of `today`).
 */
export function parseOneOffForm(
  values: Values,
  today: string,
): { value: OneOffInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const cents = parseEuroToCents(text(values, 'betrag'))
  if (cents === null || cents <= 0 || cents > MAX_ONE_OFF_CENTS) {
    errors.betrag = t('payments.case.error_amount')
  }
  const label = text(values, 'zweck')
  checkText(errors, 'zweck', label, 3, 140, 'payments.case.error_purpose')
  const legalBasis = text(values, 'rechtsgrundlage')
  checkText(errors, 'rechtsgrundlage', legalBasis, 3, 200, 'payments.case.error_legal_basis')
  const month = parseMonthInput(text(values, 'monat'))
  const current = today.slice(0, 7)
  if (!month || month < addMonths(current, -24) || month > addMonths(current, 12)) {
    errors.monat = t('payments.case.error_month')
  }
  if (Object.keys(errors).length > 0 || cents === null || !month) {
    return { value: null, errors }
  }
  return { value: { cents, label, legalBasis, dueOn: `${month}-01` }, errors }
}

/** Suspending or resuming payments: from a date (German "01.12.2026"), with a reason. */
export function parseDatedReasonForm(values: Values): {
  value: DatedReasonInput | null
  errors: FieldErrors
} {
  const errors: FieldErrors = {}
  const from = parseGermanDate(text(values, 'ab'))
  if (!from || from < '2000-01-01' || from > '2099-12-31') {
    errors.ab = t('payments.case.error_date')
  }
  const reason = text(values, 'grund')
  checkText(errors, 'grund', reason, 3, 1000, 'payments.case.error_reason')
  if (Object.keys(errors).length > 0 || !from) {
    return { value: null, errors }
  }
  return { value: { from, reason }, errors }
}
