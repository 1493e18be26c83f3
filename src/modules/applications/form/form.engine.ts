// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import type { FieldErrors, FieldValues } from '../../../views/components/form.js'
import { FORMATS } from './form.formats.js'
import type { Condition, FieldDef, ListDef, StepAnswers, StepDef } from './form.types.js'

/** Raw form input: field name → text. */
export type RawInput = Record<string, string>

export interface StepResult {
  /** What will be stored when there are no errors. */
  answers: StepAnswers
  /** Field name → German message. */
  errors: FieldErrors
  /** What to put back into the fields when the page is shown again. */
  values: FieldValues
  /** Number of list entries to show. */
  rowCount: number
}

const DEFAULT_MAX_LENGTH = 200
/** Control characters (tab aside) and the replacement character of broken encodings: never part of an answer;
 * PostgreSQL cannot even store NUL in JSON. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVALID_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufffd]/

/** Name of a list entry's field in the HTML form, e.g. `members.0.givenName`. */
export function listFieldName(list: ListDef, index: number, field: FieldDef): string {
  return `${list.name}.${index}.${field.name}`
}

function holds(condition: Condition | undefined, values: FieldValues): boolean {
  return !condition || condition.oneOf.includes(values[condition.field] ?? '')
}

/** Validates one field; returns the stored value (undefined for an empty optional field) or an error. */
function readField(field: FieldDef, raw: string, label: string): { value?: string | number; error?: string } {
  const text = raw.trim()
  if (field.kind === 'checkbox') {
    if (text === 'ja') {
      return { value: 'ja' }
    }
    return field.required
      ? { error: t(field.requiredMessage ?? 'validation.required_checkbox', { label }) }
      : { value: 'nein' }
  }
  if (field.kind !== 'text') {
    if (text === '') {
      return { error: t(field.requiredMessage ?? 'validation.required_choice', { label }) }
    }
    return field.options.some((o) => o.value === text)
      ? { value: text }
      : { error: t('validation.invalid_choice', { label }) }
  }
  if (text === '') {
    return field.optional ? {} : { error: t(field.requiredMessage ?? 'validation.required_text', { label }) }
  }
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH
  if (text.length > max) {
    return { error: t('validation.too_long', { label, max }) }
  }
  if (INVALID_CHARACTERS.test(text)) {
    return { error: t('validation.invalid_characters', { label }) }
  }
  const parsed = FORMATS[field.format].parse(text)
  return parsed.ok ? { value: parsed.value } : { error: t(parsed.message, { label }) }
}

/** Indices of list entries present in the input, in order. */
function rowIndices(list: ListDef, input: RawInput): number[] {
  const found = new Set<number>()
  const prefix = `${list.name}.`
  for (const key of Object.keys(input)) {
    if (key.startsWith(prefix)) {
      const index = Number.parseInt(key.slice(prefix.length), 10)
      if (Number.isInteger(index) && index >= 0 && index < list.max) {
        found.add(index)
      }
    }
  }
  return [...found].sort((a, b) => a - b)
}

/**
 * Reads and checks one step's input. Empty list entries are dropped; list entries are renumbered from 0 so
 * that stored answers never have gaps.
 */
export function readStep(step: StepDef, input: RawInput): StepResult {
  const answers: StepAnswers = {}
  const errors: FieldErrors = {}
  const values: FieldValues = {}
  for (const field of step.fields) {
    values[field.name] = input[field.name] ?? ''
  }
  for (const field of step.fields) {
    if (!holds(field.when, values)) {
      continue
    }
    const result = readField(field, values[field.name] ?? '', t(field.label))
    if (result.error) {
      errors[field.name] = result.error
    } else if (result.value !== undefined) {
      answers[field.name] = result.value
    }
  }
  let rowCount = 0
  const list = step.list
  if (list) {
    const rows: Array<Record<string, string | number>> = []
    const listActive = holds(list.when, values)
    for (const index of rowIndices(list, input)) {
      const rawRow = list.fields.map((f) => input[listFieldName(list, index, f)] ?? '')
      if (rawRow.every((v) => v.trim() === '')) {
        continue
      }
      const n = rowCount
      rowCount += 1
      const row: Record<string, string | number> = {}
      list.fields.forEach((field, i) => {
        const name = listFieldName(list, n, field)
        values[name] = rawRow[i] ?? ''
        if (!listActive) {
          return
        }
        const label = `${t(field.label)} (${t(list.itemLabel, { n: n + 1 })})`
        const result = readField(field, rawRow[i] ?? '', label)
        if (result.error) {
          errors[name] = result.error
        } else if (result.value !== undefined) {
          row[field.name] = result.value
        }
      })
      rows.push(row)
    }
    if (listActive) {
      if (rows.length === 0) {
        const first = list.fields[0]
        if (first) {
          errors[listFieldName(list, 0, first)] = t(list.emptyMessage)
        }
      }
      answers[list.name] = rows
    }
  }
  return { answers, errors, values, rowCount }
}

/** Puts stored answers back into form values (to show a saved step again). */
export function stepValues(
  step: StepDef,
  answers: StepAnswers | undefined,
): { values: FieldValues; rowCount: number } {
  const values: FieldValues = {}
  if (!answers) {
    return { values, rowCount: 0 }
  }
  for (const field of step.fields) {
    const v = answers[field.name]
    if (v !== undefined && !Array.isArray(v)) {
      values[field.name] = field.kind === 'text' ? FORMATS[field.format].toInput(v) : String(v)
    }
  }
  const list = step.list
  const rows = list ? answers[list.name] : undefined
  if (!list || !Array.isArray(rows)) {
    return { values, rowCount: 0 }
  }
  rows.forEach((row, index) => {
    for (const field of list.fields) {
      const v = row[field.name]
      if (v !== undefined) {
        values[listFieldName(list, index, field)] =
          field.kind === 'text' ? FORMATS[field.format].toInput(v) : String(v)
      }
    }
  })
  return { values, rowCount: rows.length }
}

/**
 * Checks stored answers against the step as it is defined now, by putting them back into fields and reading
 * them again. Used before submission, so that nothing invalid is ever submitted, whatever path it came by.
 */
export function isStepComplete(step: StepDef, answers: StepAnswers | undefined): boolean {
  if (!answers) {
    return false
  }
  const { values } = stepValues(step, answers)
  const input: RawInput = {}
  for (const [k, v] of Object.entries(values)) {
    input[k] = v ?? ''
  }
  return Object.keys(readStep(step, input).errors).length === 0
}

export interface SummaryRow {
  label: string
  value: string
}

function displayValue(field: FieldDef, value: string | number): string {
  if (field.kind === 'text') {
    return FORMATS[field.format].display(value)
  }
  if (field.kind === 'checkbox') {
    return t(value === 'ja' ? 'summary.yes' : 'summary.no')
  }
  const option = field.options.find((o) => o.value === value)
  return option ? t(option.label) : String(value)
}

/** A step's answers as label/value rows for the review page, the receipt PDF and the staff view. */
export function summarizeStep(step: StepDef, answers: StepAnswers | undefined): SummaryRow[] {
  const rows: SummaryRow[] = []
  if (!answers) {
    return rows
  }
  for (const field of step.fields) {
    const v = answers[field.name]
    if (v !== undefined && !Array.isArray(v)) {
      rows.push({ label: t(field.summaryLabel ?? field.label), value: displayValue(field, v) })
    }
  }
  const list = step.list
  const entries = list ? answers[list.name] : undefined
  if (list && Array.isArray(entries)) {
    entries.forEach((entry, index) => {
      const parts = list.fields
        .filter((f) => entry[f.name] !== undefined)
        .map((f) => `${t(f.summaryLabel ?? f.label)}: ${displayValue(f, entry[f.name] as string | number)}`)
      rows.push({ label: t(list.itemLabel, { n: index + 1 }), value: parts.join('; ') })
    })
  }
  return rows
}
