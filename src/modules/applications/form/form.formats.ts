// SPDX-License-Identifier: EUPL-1.2
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import { formatIsoDate, parseGermanDate, todayIso } from '../../../shared/dates.js'
import type { MessageKey } from '../../../shared/i18n.js'
import { centsToInput, formatCents, parseEuroToCents } from '../../../shared/money.js'
import type { TextFormat } from './form.types.js'

export type ParseResult = { ok: true; value: string | number } | { ok: false; message: MessageKey }

interface Format {
  /** Reads what a person typed; `raw` is trimmed and not empty. */
  parse(raw: string): ParseResult
  /** Puts a stored value back into an input field. */
  toInput(value: string | number): string
  /** Shows a stored value on summaries, the receipt and to staff. */
  display(value: string | number): string
}

const fail = (message: MessageKey): ParseResult => ({ ok: false, message })
const str = (v: string | number) => String(v)

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// Krankenversichertennummer: a capital letter and nine digits.
const INSURANCE_NUMBER = /^[A-Z]\d{9}$/

/** Every text format: how it is parsed, put back into a field and displayed. */
export const FORMATS: Record<TextFormat, Format> = {
  text: { parse: (raw) => ({ ok: true, value: raw }), toInput: str, display: str },
  date: {
    parse: (raw) => {
      const iso = parseGermanDate(raw)
      return iso ? { ok: true, value: iso } : fail('validation.date')
    },
    toInput: (v) => formatIsoDate(String(v)),
    display: (v) => formatIsoDate(String(v)),
  },
  pastDate: {
    parse: (raw) => {
      const iso = parseGermanDate(raw)
      if (!iso) {
        return fail('validation.date')
      }
      if (iso > todayIso()) {
        return fail('validation.date_in_past')
      }
      if (iso < '1900-01-01') {
        return fail('validation.date_too_old')
      }
      return { ok: true, value: iso }
    },
    toInput: (v) => formatIsoDate(String(v)),
    display: (v) => formatIsoDate(String(v)),
  },
  postalCode: {
    parse: (raw) => (/^\d{5}$/.test(raw) ? { ok: true, value: raw } : fail('validation.postal_code')),
    toInput: str,
    display: str,
  },
  email: {
    parse: (raw) =>
      EMAIL.test(raw) && raw.length <= 254 ? { ok: true, value: raw } : fail('validation.email'),
    toInput: str,
    display: str,
  },
  phone: {
    parse: (raw) => (/^\+?[\d\s/()-]{6,25}$/.test(raw) ? { ok: true, value: raw } : fail('validation.phone')),
    toInput: str,
    display: str,
  },
  money: {
    parse: (raw) => {
      const cents = parseEuroToCents(raw)
      if (cents === null) {
        return fail('validation.money')
      }
      return cents > 100_000_000_00 ? fail('validation.money_too_large') : { ok: true, value: cents }
    },
    toInput: (v) => centsToInput(Number(v)),
    display: (v) => formatCents(Number(v)),
  },
  area: {
    parse: (raw) => {
      const n = Number(raw.replace(',', '.'))
      return Number.isFinite(n) && n > 0 && n < 10_000 && /^\d+([.,]\d{1,2})?$/.test(raw)
        ? { ok: true, value: Math.round(n * 100) / 100 }
        : fail('validation.area')
    },
    toInput: (v) => String(v).replace('.', ','),
    display: (v) => `${String(v).replace('.', ',')} m²`,
  },
  iban: {
    parse: (raw) => {
      const iban = electronicFormatIBAN(raw) ?? ''
      return isValidIBAN(iban) ? { ok: true, value: iban } : fail('validation.iban')
    },
    toInput: (v) => friendlyFormatIBAN(String(v)) ?? String(v),
    display: (v) => friendlyFormatIBAN(String(v)) ?? String(v),
  },
  bic: {
    parse: (raw) => {
      const bic = raw.replace(/\s/g, '').toUpperCase()
      return isValidBIC(bic) ? { ok: true, value: bic } : fail('validation.bic')
    },
    toInput: str,
    display: str,
  },
  insuranceNumber: {
    parse: (raw) => {
      const n = raw.replace(/\s/g, '').toUpperCase()
      return INSURANCE_NUMBER.test(n) ? { ok: true, value: n } : fail('validation.insurance_number')
    },
    toInput: str,
    display: str,
  },
}
