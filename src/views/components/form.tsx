// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import { t } from '../../shared/i18n.js'

/** Field name → message already in German. */
export type FieldErrors = Record<string, string>
/** Field name → submitted or stored value, as text. */
export type FieldValues = Record<string, string | undefined>

/** The hidden field that carries the CSRF token in every form. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

/**
 * GOV.UK / KERN error summary: at the top of the page, announced at once, each message a link to its field.
 * `order` lists field names in page order so that the summary reads like the form.
 */
export function ErrorSummary({ errors, order }: { errors: FieldErrors; order?: string[] }) {
  const names = Object.keys(errors)
  if (names.length === 0) {
    return null
  }
  const sorted = order ? [...names].sort((a, b) => rank(order, a) - rank(order, b)) : names
  return (
    <div
      class="kern-alert kern-alert--danger error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id="error-summary-title">
          {t('form.error_summary_title')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {sorted.map((name) => (
            <li>
              <a class="kern-link" href={`#${fieldId(name)}`}>
                {errors[name]}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name)
  return i === -1 ? order.length : i
}

/** Element id for a field name; names may hold characters ids should not (e.g. brackets). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) {
    return null
  }
  return (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger" aria-hidden="true" />
      <span class="kern-body">
        <span class="kern-sr-only">{t('layout.error_prefix')} </span>
        {message}
      </span>
    </p>
  )
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

interface FieldProps {
  name: string
  label: string
  values: FieldValues
  errors: FieldErrors
  hint?: string | undefined
  optional?: boolean
}

/**
 * The frame every labelled field shares (KERN markup): label with the optional marker, hint, error message.
 * The control itself is the child; it refers to `${id}-hint` and `${id}-error` via describedBy().
 */
function FieldFrame(props: {
  id: string
  label: string
  hint: string | undefined
  optional?: boolean | undefined
  error: string | undefined
  children: Child
}) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={props.id}>
        {props.label}
        {props.optional ? <span class="kern-label__optional"> {t('form.optional')}</span> : null}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <ErrorMessage id={props.id} message={props.error} />
      {props.children}
    </div>
  )
}

/** A labelled text input with hint and error, KERN markup. */
export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password'
    autocomplete?: string
    inputmode?: 'numeric' | 'decimal' | 'text'
    width?: 2 | 4 | 'full'
    spellcheck?: boolean
  },
) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  const widthClass =
    props.width === 2 || props.width === 4 ? ` kern-form-input__input--width-${props.width}` : ''
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} optional={props.optional} error={error}>
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}${widthClass}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.values[props.name] ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldFrame>
  )
}

/** A labelled multi-line text input with hint and error, KERN markup. */
export function TextArea(props: FieldProps & { rows?: number; maxlength?: number; autocomplete?: string }) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} optional={props.optional} error={error}>
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.values[props.name] ?? ''}
      </textarea>
    </FieldFrame>
  )
}

export interface Option {
  value: string
  label: string
}

/** Evidence files the office accepts: PDF, JPEG, PNG. */
export const EVIDENCE_ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png'

/**
 * A labelled file input with hint and error, KERN markup. Files are never kept when the page is shown again,
 * so there is no value. `id` overrides the id derived from the name (several upload forms on one page).
 * `unpadded` leaves off the app's `file-input` padding.
 */
export function FileField(props: {
  name: string
  label: string
  errors: FieldErrors
  hint?: string | undefined
  optional?: boolean
  multiple?: boolean
  accept?: string
  id?: string
  unpadded?: boolean
}) {
  const id = props.id ?? fieldId(props.name)
  const error = props.errors[props.name]
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} optional={props.optional} error={error}>
      <input
        class={`kern-form-input__input${props.unpadded ? '' : ' file-input'}`}
        type="file"
        id={id}
        name={props.name}
        multiple={props.multiple}
        accept={props.accept ?? EVIDENCE_ACCEPT}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldFrame>
  )
}

/** A select with label, hint and error. */
export function SelectField(props: FieldProps & { options: Option[] }) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  const current = props.values[props.name] ?? ''
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error}>
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={props.name}
          aria-describedby={describedBy(id, props.hint, error)}
          aria-invalid={error ? 'true' : undefined}
        >
          <option value="">{t('form.select_placeholder')}</option>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </FieldFrame>
  )
}

/** A group of radio buttons in a fieldset whose legend is the question. The first radio gets the field's id
 * so that the error summary link lands on it. */
export function RadioGroup(props: FieldProps & { options: Option[] }) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  const current = props.values[props.name] ?? ''
  return (
    <fieldset
      class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend class="kern-label">{props.label}</legend>
      {props.hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      <div class="kern-fieldset__body">
        {props.options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`
          return (
            <div class="kern-form-check">
              <input
                class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`}
                type="radio"
                id={optionId}
                name={props.name}
                value={o.value}
                checked={o.value === current}
              />
              <label class="kern-label" for={optionId}>
                {o.label}
              </label>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

/** A single checkbox (declarations); value "ja" when ticked. */
export function Checkbox(props: Omit<FieldProps, 'optional'>) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  return (
    <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
      <ErrorMessage id={id} message={error} />
      <input
        class={`kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}`}
        type="checkbox"
        id={id}
        name={props.name}
        value="ja"
        checked={props.values[props.name] === 'ja'}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
      <label class="kern-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
    </div>
  )
}

/** A button; `name`/`value` tell the handler which action was chosen (no JavaScript needed). */
export function Button(props: {
  children: Child
  variant?: 'primary' | 'secondary' | 'tertiary'
  name?: string
  value?: string
  formnovalidate?: boolean
}) {
  return (
    <button
      type="submit"
      class={`kern-btn kern-btn--${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
      formnovalidate={props.formnovalidate}
    >
      <span class="kern-label">{props.children}</span>
    </button>
  )
}
