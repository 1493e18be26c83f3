// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import {
  Button,
  type FieldErrors,
  type FieldValues,
  type Option,
  SelectField,
  TextField,
} from '../../../views/components/form.js'

/** Target post and reason of a reassignment (fields `stelle`, `grund`): in the inbox and on the case page. */
export function ReassignFieldset(props: {
  options: Option[]
  values: FieldValues
  errors: FieldErrors
  /** The inbox shows the legend as a label, the case page as a small heading. */
  legendClass: 'kern-label' | 'kern-heading-small'
}) {
  return (
    <fieldset class="kern-fieldset">
      <legend class={props.legendClass}>{t('inbox.reassign_legend')}</legend>
      <SelectField
        name="stelle"
        label={t('inbox.reassign_target')}
        options={props.options}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        name="grund"
        label={t('inbox.reassign_reason')}
        values={props.values}
        errors={props.errors}
      />
      <Button variant="secondary">{t('inbox.reassign_submit')}</Button>
    </fieldset>
  )
}
