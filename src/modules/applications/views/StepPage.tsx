// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'
import { listFieldName } from '../form/form.engine.js'
import type { FieldDef, FormDef, ListDef, StepDef } from '../form/form.types.js'

export interface StepPageProps {
  form: FormDef
  step: StepDef
  values: FieldValues
  errors: FieldErrors
  rowCount: number
  csrfToken: string
  backHref: string
  notice?: string | undefined
}

function Field({
  field,
  name,
  values,
  errors,
}: {
  field: FieldDef
  name: string
  values: FieldValues
  errors: FieldErrors
}) {
  const common = { name, label: t(field.label), hint: field.hint ? t(field.hint) : undefined, values, errors }
  switch (field.kind) {
    case 'text':
      return (
        <TextField
          {...common}
          optional={field.optional === true}
          autocomplete={field.autocomplete}
          width={field.width}
          inputmode={field.format === 'money' || field.format === 'area' ? 'decimal' : undefined}
          type={field.format === 'email' ? 'email' : field.format === 'phone' ? 'tel' : 'text'}
          spellcheck={field.format === 'iban' || field.format === 'bic' ? false : undefined}
        />
      )
    case 'radio':
      return (
        <RadioGroup {...common} options={field.options.map((o) => ({ value: o.value, label: t(o.label) }))} />
      )
    case 'select':
      return (
        <SelectField
          {...common}
          options={field.options.map((o) => ({ value: o.value, label: t(o.label) }))}
        />
      )
    case 'checkbox':
      return <Checkbox {...common} />
  }
}

function ListEntries({
  list,
  rowCount,
  values,
  errors,
}: {
  list: ListDef
  rowCount: number
  values: FieldValues
  errors: FieldErrors
}) {
  const count = Math.min(Math.max(rowCount, 1), list.max)
  return (
    <fieldset class="kern-fieldset list-entries">
      <legend class="kern-title">{t(list.heading)}</legend>
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="kern-fieldset list-entry">
          <legend class="kern-label">{t(list.itemLabel, { n: i + 1 })}</legend>
          {list.fields.map((f) => (
            <Field field={f} name={listFieldName(list, i, f)} values={values} errors={errors} />
          ))}
          {count > 1 || rowCount > 0 ? (
            <Button variant="tertiary" name="action" value={`remove:${list.name}:${i}`} formnovalidate>
              {t(list.removeLabel, { n: i + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {count < list.max ? (
        <Button variant="secondary" name="action" value={`add:${list.name}`} formnovalidate>
          {t(list.addLabel)}
        </Button>
      ) : (
        <p class="kern-hint">{t('list.full')}</p>
      )}
    </fieldset>
  )
}

/** One step of an online application: its fields, an "add another" list where the step has one. */
export function StepPage(props: StepPageProps) {
  const { form, step } = props
  const index = form.steps.indexOf(step)
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t(step.title)} hasErrors={hasErrors}>
      <BackLink href={props.backHref}>{t('layout.back')}</BackLink>
      <ErrorSummary errors={props.errors} />
      {props.notice ? (
        <div class="kern-alert kern-alert--info" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{props.notice}</p>
          </div>
        </div>
      ) : null}
      <hgroup class="kern-hgroup">
        <p class="kern-preline">
          {t(form.title)} · {t('form.step_of', { n: index + 1, total: form.steps.length + 2 })}
        </p>
        <h1 class="kern-heading-large">{t(step.title)}</h1>
      </hgroup>
      {step.intro ? <p class="kern-body">{t(step.intro)}</p> : null}
      <form method="post" action={`/antrag/${form.slug}/${step.slug}`} novalidate class="kern-stack">
        {/* Enter in a text field submits with the first submit button in the form: make that "continue". */}
        <button type="submit" name="action" value="continue" hidden tabindex={-1} />
        <CsrfField token={props.csrfToken} />
        {step.fields.map((f) => (
          <Field field={f} name={f.name} values={props.values} errors={props.errors} />
        ))}
        {step.list ? (
          <ListEntries
            list={step.list}
            rowCount={props.rowCount}
            values={props.values}
            errors={props.errors}
          />
        ) : null}
        <div class="kern-btn-wrapper button-group">
          <Button name="action" value="continue">
            {t('form.continue')}
          </Button>
          <Button variant="secondary" name="action" value="save" formnovalidate>
            {t('form.save_draft')}
          </Button>
        </div>
      </form>
    </Layout>
  )
}
