// SPDX-License-Identifier: EUPL-1.2
/**
 * Reading the workbench's forms — pure: submitted text in, either typed input or German field errors out.
 * Nothing is stored unless a form reads without errors.
 * @module
 */

import { parseGermanDate, todayIso } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors } from '../../views/components/form.js'
import type { AmountComponent, DecisionOutcome } from './cases.table.js'
import type { DecisionInput } from './decisions.service.js'

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

const MAX_MONTHLY_CENTS = 10_000_000

function text(form: Record<string, string>, name: string): string {
  return (form[name] ?? '').trim()
}

function addMonthsIso(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}

export function readNoteForm(form: Record<string, string>): FormResult<string> {
  const body = text(form, 'notiz')
  if (body.length === 0) {
    return { ok: false, errors: { notiz: t('case.error_note_empty') } }
  }
  if (body.length > 10_000) {
    return { ok: false, errors: { notiz: t('case.error_note_long') } }
  }
  return { ok: true, value: body }
}

export function readDocumentRequestForm(
  form: Record<string, string>,
  now: Date,
): FormResult<{ description: string; dueOn: string }> {
  const errors: FieldErrors = {}
  const description = text(form, 'beschreibung')
  if (description.length < 3 || description.length > 2000) {
    errors.beschreibung = t('case.error_request_description')
  }
  const due = parseGermanDate(text(form, 'frist'))
  const today = todayIso(now)
  if (!due) {
    errors.frist = t('case.error_date')
  } else if (due <= today || due > addMonthsIso(today, 6)) {
    errors.frist = t('case.error_request_due')
  }
  return Object.keys(errors).length > 0 || !due
    ? { ok: false, errors }
    : { ok: true, value: { description, dueOn: due } }
}

const OUTCOMES: readonly DecisionOutcome[] = ['granted', 'partly_granted', 'refused']
/** The monthly amount components of the decision form, in form order. */
export const AMOUNT_FIELDS = [
  { name: 'regelbedarf', label: 'case.amount_regelbedarf' },
  { name: 'unterkunft', label: 'case.amount_unterkunft' },
  { name: 'mehrbedarf', label: 'case.amount_mehrbedarf' },
] as const

/**
 * A decision: outcome, monthly amounts per component (granted or partly granted need at least one), the
 * benefit period (at most 12 months, § 44 (3) SGB XII), legal basis and reasons.
 */
export function readDecisionForm(form: Record<string, string>): FormResult<DecisionInput> {
  const errors: FieldErrors = {}
  const outcome = text(form, 'ergebnis') as DecisionOutcome
  if (!OUTCOMES.includes(outcome)) {
    errors.ergebnis = t('case.error_outcome')
  }
  const components: AmountComponent[] = []
  for (const field of AMOUNT_FIELDS) {
    const raw = text(form, field.name)
    if (raw === '') {
      continue
    }
    const cents = parseEuroToCents(raw)
    if (cents === null || cents > MAX_MONTHLY_CENTS) {
      errors[field.name] = t('case.error_amount')
    } else if (cents > 0) {
      components.push({ label: t(field.label), cents })
    }
  }
  const granting = outcome === 'granted' || outcome === 'partly_granted'
  if (granting && components.length === 0 && !AMOUNT_FIELDS.some((f) => errors[f.name])) {
    errors.regelbedarf = t('case.error_amount_missing')
  }
  let periodFrom: string | null = null
  let periodTo: string | null = null
  if (granting) {
    periodFrom = parseGermanDate(text(form, 'von'))
    periodTo = parseGermanDate(text(form, 'bis'))
    if (!periodFrom) {
      errors.von = t('case.error_date')
    }
    if (!periodTo) {
      errors.bis = t('case.error_date')
    }
    if (periodFrom && periodTo && (periodTo < periodFrom || periodTo >= addMonthsIso(periodFrom, 12))) {
      errors.bis = t('case.error_period')
    }
  }
  const legalBasis = text(form, 'rechtsgrundlage')
  if (legalBasis.length < 3 || legalBasis.length > 500) {
    errors.rechtsgrundlage = t('case.error_legal_basis')
  }
  const reasons = text(form, 'begruendung')
  if (reasons.length < 10 || reasons.length > 20_000) {
    errors.begruendung = t('case.error_reasons')
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors }
  }
  return { ok: true, value: { outcome, components, periodFrom, periodTo, legalBasis, reasons } }
}

export function readObjectionForm(form: Record<string, string>, now: Date): FormResult<string> {
  const received = parseGermanDate(text(form, 'eingang'))
  if (!received) {
    return { ok: false, errors: { eingang: t('case.error_date') } }
  }
  if (received > todayIso(now)) {
    return { ok: false, errors: { eingang: t('case.error_objection_future') } }
  }
  return { ok: true, value: received }
}

/** The value of the "fallback queue" option of the reassignment form. */
export const FALLBACK_OPTION = 'ohne'

export function readReassignForm(
  caseIds: string[],
  form: Record<string, string>,
): FormResult<{ ids: string[]; toPostId: string | null; reason: string }> {
  const errors: FieldErrors = {}
  const ids = [...new Set(caseIds)]
  if (ids.length === 0) {
    errors.faelle = t('inbox.error_no_cases')
  } else if (ids.length > 200 || !ids.every((id) => isUuid(id))) {
    errors.faelle = t('inbox.error_cases_invalid')
  }
  const target = text(form, 'stelle')
  if (target !== FALLBACK_OPTION && !isUuid(target)) {
    errors.stelle = t('inbox.error_target')
  }
  const reason = text(form, 'grund')
  if (reason.length < 3 || reason.length > 500) {
    errors.grund = t('inbox.error_reason')
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors }
  }
  return { ok: true, value: { ids, toPostId: target === FALLBACK_OPTION ? null : target, reason } }
}
