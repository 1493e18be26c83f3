// SPDX-License-Identifier: EUPL-1.2
import type { MessageKey } from '../../../shared/i18n.js'

/** How a text answer is read, checked and stored. */
export type TextFormat =
  | 'text'
  | 'date'
  | 'pastDate'
  | 'postalCode'
  | 'email'
  | 'phone'
  | 'money'
  | 'area'
  | 'iban'
  | 'bic'
  | 'insuranceNumber'

/** Show and require a field only when another field of the same step has one of these values. */
export interface Condition {
  field: string
  oneOf: readonly string[]
}

interface FieldBase {
  /** Form field name and key in the stored answers. */
  name: string
  label: MessageKey
  hint?: MessageKey
  when?: Condition
  /** Message when a required answer is missing; a generic one naming the label otherwise. */
  requiredMessage?: MessageKey
  /** Shorter label for summaries (a checkbox's label is a whole sentence). */
  summaryLabel?: MessageKey
}

export interface TextFieldDef extends FieldBase {
  kind: 'text'
  format: TextFormat
  optional?: boolean
  maxLength?: number
  autocomplete?: string
  width?: 2 | 4
}

export interface ChoiceFieldDef extends FieldBase {
  kind: 'radio' | 'select'
  /** Stored values with their labels. */
  options: ReadonlyArray<{ value: string; label: MessageKey }>
}

export interface CheckboxFieldDef extends FieldBase {
  kind: 'checkbox'
  /** A declaration that must be ticked to go on. */
  required: boolean
}

export type FieldDef = TextFieldDef | ChoiceFieldDef | CheckboxFieldDef

/** A repeatable group of fields ("add another"), e.g. household members or income sources. */
export interface ListDef {
  name: string
  /** Legend of the whole list; says when to fill it in. */
  heading: MessageKey
  /** Heading of one entry, with `{n}` for its number. */
  itemLabel: MessageKey
  addLabel: MessageKey
  removeLabel: MessageKey
  /** Message when the condition asks for entries but none was given. */
  emptyMessage: MessageKey
  fields: readonly FieldDef[]
  max: number
  when?: Condition
}

export interface StepDef {
  /** Key of the step's answers, English (glossary). */
  id: string
  /** URL segment, German. */
  slug: string
  title: MessageKey
  intro?: MessageKey
  fields: readonly FieldDef[]
  list?: ListDef
}

/** A benefit's whole online form. */
export interface FormDef {
  benefitType: string
  slug: string
  title: MessageKey
  /** Prefix of the Aktenzeichen, e.g. `GS`. */
  referencePrefix: string
  steps: readonly StepDef[]
}

/** Answers of one step as stored: text (ISO dates, IBAN in electronic form), numbers (cents, m²) and lists. */
export type StepAnswers = Record<string, string | number | Array<Record<string, string | number>>>
export type FormAnswers = Record<string, StepAnswers>
