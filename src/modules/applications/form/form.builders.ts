// SPDX-License-Identifier: EUPL-1.2
import type { CheckboxFieldDef, ChoiceFieldDef, Condition, TextFieldDef } from './form.types.js'

/**
 * Small builders for the repeated shapes of form definitions. Each one only spells out what the
 * definitions wrote out by hand before; the message keys are derived by naming convention and checked
 * by the compiler (a key missing from de.json does not type-check).
 */

/** Options whose label keys are `<prefix>.<value>`, e.g. `choices('marital', ['single'])`. */
export function choices<const P extends string, const V extends string>(
  prefix: P,
  values: readonly V[],
): Array<{ value: V; label: `${P}.${V}` }> {
  return values.map((value) => ({ value, label: `${prefix}.${value}` as `${P}.${V}` }))
}

export const YES_NO = [
  { value: 'ja', label: 'option.yes' },
  { value: 'nein', label: 'option.no' },
] as const

/** A yes/no question labelled `field.<name>`. */
export function yesNoField<N extends string>(name: N, hint?: ChoiceFieldDef['hint']) {
  return {
    kind: 'radio',
    name,
    label: `field.${name}`,
    ...(hint ? { hint } : {}),
    options: YES_NO,
  } as const
}

/** The five texts of an "add another" list, keyed `list.<key>.heading|item|add|remove|empty`. */
export function listTexts<K extends string>(key: K) {
  return {
    heading: `list.${key}.heading`,
    itemLabel: `list.${key}.item`,
    addLabel: `list.${key}.add`,
    removeLabel: `list.${key}.remove`,
    emptyMessage: `list.${key}.empty`,
  } as const
}

/** A person's given name or surname; `autocomplete` only where it is the applicant's own. */
export function personNameField(
  name: 'givenName' | 'surname',
  autocomplete?: 'given-name' | 'family-name',
): TextFieldDef {
  return {
    kind: 'text',
    name,
    label: `field.${name}`,
    format: 'text',
    maxLength: 100,
    ...(autocomplete ? { autocomplete } : {}),
  }
}

/** A date of birth in the past; `autocomplete` only where it is the applicant's own. */
export function birthDateField(autocomplete?: 'bday'): TextFieldDef {
  return {
    kind: 'text',
    name: 'birthDate',
    label: 'field.birthDate',
    hint: 'hint.date',
    format: 'pastDate',
    width: 4,
    ...(autocomplete ? { autocomplete } : {}),
  }
}

/** A euro amount in a narrow input. */
export function moneyField(
  name: string,
  label: TextFieldDef['label'],
  hint: TextFieldDef['hint'],
  when?: Condition,
): TextFieldDef {
  return { kind: 'text', name, label, hint, format: 'money', width: 4, ...(when ? { when } : {}) }
}

/** A declaration that must be ticked, with keys `declaration.<name>`, `.short` and `.required`. */
export function declarationField<N extends string>(name: N, hint?: CheckboxFieldDef['hint']) {
  return {
    kind: 'checkbox',
    name,
    label: `declaration.${name}`,
    summaryLabel: `declaration.${name}.short`,
    ...(hint ? { hint } : {}),
    required: true,
    requiredMessage: `declaration.${name}.required`,
  } as const
}
