// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { type FieldErrors, type FieldValues, TextField } from '../../../views/components/form.js'

/** The renegotiation date and reminder lead time of a contract: in the contract form and the reminder form. */
export function ReminderFields(props: { values: FieldValues; errors: FieldErrors }) {
  return (
    <>
      <TextField
        name="renegotiationOn"
        label={t('providers.field.renegotiation_on')}
        hint={t('providers.hint.date')}
        optional
        width={4}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        name="reminderLeadDays"
        label={t('providers.field.reminder_lead_days')}
        hint={t('providers.hint.reminder_lead_days')}
        inputmode="numeric"
        width={2}
        values={props.values}
        errors={props.errors}
      />
    </>
  )
}
