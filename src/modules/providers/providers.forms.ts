// SPDX-License-Identifier: EUPL-1.2
/**
 * Reads the register's forms into typed rows, or German field errors. Pure; nothing is stored here.
 * Field names are the form's (camelCase); dates are typed as "31.12.2027" or ISO; amounts as "1.234,56".
 * @module
 */
import { parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors } from '../../views/components/form.js'
import type { ContractKind } from './providers.table.js'

export type Parsed<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors }

const KINDS: readonly ContractKind[] = ['budget', 'operator', 'care', 'guarding']
/** Text a person typed holds no control characters (a pasted NUL or escape is no answer); line breaks and tabs only where the field has several lines. */
function hasControl(text: string, multiline: boolean): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    const control = code < 32 || (code >= 127 && code < 160)
    if (control && !(multiline && (ch === '\n' || ch === '\r' || ch === '\t'))) {
      return true
    }
  }
  return false
}

class Reader {
  readonly errors: FieldErrors = {}
  constructor(private readonly values: Record<string, string>) {}

  text(name: string, opts: { required: boolean; min?: number; max: number; multiline?: boolean }) {
    const raw = (this.values[name] ?? '').trim()
    if (raw === '') {
      if (opts.required) {
        this.errors[name] = t('providers.error.required')
      }
      return null
    }
    if (hasControl(raw, opts.multiline ?? false)) {
      this.errors[name] = t('providers.error.invalid_characters')
      return null
    }
    if (raw.length < (opts.min ?? 1) || raw.length > opts.max) {
      this.errors[name] = t('providers.error.length', { min: opts.min ?? 1, max: opts.max })
      return null
    }
    return raw
  }

  date(name: string, required: boolean): string | null {
    const raw = (this.values[name] ?? '').trim()
    if (raw === '') {
      if (required) {
        this.errors[name] = t('providers.error.required')
      }
      return null
    }
    const iso = parseGermanDate(raw)
    if (!iso || iso < '2000-01-01' || iso > '2100-12-31') {
      this.errors[name] = t('providers.error.invalid_date')
      return null
    }
    return iso
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const raw = (this.values[name] ?? '').trim()
    if (raw === '') {
      return fallback
    }
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN
    if (!(n >= min && n <= max)) {
      this.errors[name] = t('providers.error.integer', { min, max })
      return fallback
    }
    return n
  }

  cents(name: string, required: boolean, positive: boolean): number | null {
    const raw = (this.values[name] ?? '').trim()
    if (raw === '') {
      if (required) {
        this.errors[name] = t('providers.error.required')
      }
      return null
    }
    const cents = parseEuroToCents(raw)
    if (cents === null || cents > 100_000_000_000 || (positive && cents === 0)) {
      this.errors[name] = t('providers.error.invalid_amount')
      return null
    }
    return cents
  }

  result<T>(input: T): Parsed<T> {
    return Object.keys(this.errors).length > 0 ? { ok: false, errors: this.errors } : { ok: true, input }
  }
}

/** The provider form: name, legal form, address, contact role and function mailbox. */
export function parseProviderForm(values: Record<string, string>) {
  const r = new Reader(values)
  const name = r.text('name', { required: true, min: 2, max: 200 })
  const legal_form = r.text('legalForm', { required: false, max: 100 })
  const address = r.text('address', { required: true, min: 5, max: 500, multiline: true })
  const contact_role = r.text('contactRole', { required: false, max: 200 })
  const contact_email = r.text('contactEmail', { required: false, max: 254 })
  if (contact_email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact_email)) {
    r.errors.contactEmail = t('providers.error.invalid_email')
  }
  return r.result({
    name: name ?? '',
    legal_form,
    address: address ?? '',
    contact_role,
    contact_email,
  })
}

/** The contract form; `siteIds` are the sites an operator, care or guarding contract may belong to. */
export function parseContractForm(values: Record<string, string>, siteIds: readonly string[]) {
  const r = new Reader(values)
  const kindRaw = values.kind ?? ''
  const kind = KINDS.find((k) => k === kindRaw)
  if (!kind) {
    r.errors.kind = t('providers.error.kind')
  }
  const title = r.text('title', { required: true, min: 2, max: 200 })
  const reference = r.text('reference', { required: true, min: 2, max: 60 })
  const valid_from = r.date('validFrom', true)
  const valid_to = r.date('validTo', false)
  if (valid_from && valid_to && valid_to < valid_from) {
    r.errors.validTo = t('providers.error.end_before_start')
  }
  const notice_months = r.integer('noticeMonths', 0, 36, 3)
  const renegotiation_on = r.date('renegotiationOn', false)
  const reminder_lead_days = r.integer('reminderLeadDays', 1, 365, 60)
  const annual_budget_cents = r.cents('annualBudget', kind === 'budget', false)
  const tender_on = r.date('tenderOn', false)
  const awarded_on = r.date('awardedOn', false)
  if (tender_on && awarded_on && awarded_on < tender_on) {
    r.errors.awardedOn = t('providers.error.award_before_tender')
  }
  const siteRaw = (values.siteId ?? '').trim()
  let site_id: string | null = null
  if (kind && kind !== 'budget') {
    if (!siteIds.includes(siteRaw)) {
      r.errors.siteId = t('providers.error.site_required')
    } else {
      site_id = siteRaw
    }
  }
  return r.result({
    kind: kind ?? 'budget',
    site_id,
    title: title ?? '',
    reference: reference ?? '',
    valid_from: valid_from ?? '',
    valid_to,
    notice_months,
    renegotiation_on,
    reminder_lead_days,
    annual_budget_cents,
    tender_on,
    awarded_on,
  })
}

/** The payment form: date, amount (more than zero) and booking reference. */
export function parsePaymentForm(values: Record<string, string>) {
  const r = new Reader(values)
  const paid_on = r.date('paidOn', true)
  const amount_cents = r.cents('amount', true, true)
  const reference = r.text('reference', { required: true, max: 140 })
  return r.result({ paid_on: paid_on ?? '', amount_cents: amount_cents ?? 0, reference: reference ?? '' })
}

/** The reminder settings of a contract: renegotiation date (optional) and lead time in days. */
export function parseReminderForm(values: Record<string, string>) {
  const r = new Reader(values)
  const renegotiation_on = r.date('renegotiationOn', false)
  const raw = (values.reminderLeadDays ?? '').trim()
  if (raw === '') {
    r.errors.reminderLeadDays = t('providers.error.required')
  }
  const reminder_lead_days = r.integer('reminderLeadDays', 1, 365, 60)
  return r.result({ renegotiation_on, reminder_lead_days })
}
