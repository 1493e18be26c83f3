// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import { t } from '../../../shared/i18n.js'
import { type FieldErrors, type FieldValues, fieldId } from '../../../views/components/form.js'

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
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

/** A labelled multi-line text field with hint and error, KERN markup (as TextField). */
export function TextArea(props: {
  name: string
  label: string
  values: FieldValues
  errors: FieldErrors
  hint?: string | undefined
  optional?: boolean
  rows?: number
  autocomplete?: string
}) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {props.label}
        {props.optional ? <span class="kern-label__optional"> {t('form.optional')}</span> : null}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      <textarea
        class={`kern-form-input__input textarea${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 6}
        autocomplete={props.autocomplete}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.values[props.name] ?? ''}
      </textarea>
    </div>
  )
}

/** A file input (several files) with hint and error. Files are not kept when the page is shown again. */
export function FileField(props: { name: string; label: string; errors: FieldErrors; hint: string }) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {props.label}
        <span class="kern-label__optional"> {t('form.optional')}</span>
      </label>
      <div class="kern-hint" id={`${id}-hint`}>
        {props.hint}
      </div>
      <ErrorMessage id={id} message={error} />
      <input
        class="kern-form-input__input"
        id={id}
        name={props.name}
        type="file"
        multiple
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  )
}

/** Label/value rows as a KERN description list. */
export function Facts(props: { rows: Array<{ label: string; value: Child }> }) {
  return (
    <dl class="kern-description-list">
      {props.rows.map((row) => (
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{row.label}</dt>
          <dd class="kern-description-list-item__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Text typed by a person, paragraph by paragraph (no markup is ever interpreted). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p class="kern-body">{p}</p>
        ))}
    </>
  )
}

/** A success notice after an action. */
