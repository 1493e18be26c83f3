// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import {
  Button,
  Checkbox,
  CsrfField,
  type FieldErrors,
  type FieldValues,
  TextArea,
  TextField,
} from '../../../views/components/form.js'

/**
 * The two request forms (transfer, use outside Schleswig-Holstein), shared by the citizen page and the staff
 * page. Field names differ between the forms, so ids stay unique on one page.
 */
export function ApprovalForms(props: {
  transferAction: string
  travelAction: string
  csrfToken: string
  form?: { name: 'transfer' | 'travel'; errors: FieldErrors; values: FieldValues } | undefined
}) {
  // Only errors and values are spread onto the fields (the form's own `name` must not replace theirs).
  const state = (name: 'transfer' | 'travel') =>
    props.form?.name === name
      ? { errors: props.form.errors, values: props.form.values }
      : { errors: {} as FieldErrors, values: {} as FieldValues }
  const transfer = state('transfer')
  const travel = state('travel')
  return (
    <>
      <section aria-labelledby="sec-transfer" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-transfer">
          {t('payment_card.transfer_title')}
        </h2>
        <p class="kern-body">{t('payment_card.transfer_intro')}</p>
        <form method="post" action={props.transferAction} class="kern-stack" novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="art" value="ueberweisung" />
          <TextField name="empfaenger" label={t('payment_card.payee_label')} {...transfer} />
          <TextField
            name="iban"
            label={t('payment_card.payee_iban_label')}
            hint={t('payment_card.iban_hint')}
            autocomplete="off"
            spellcheck={false}
            {...transfer}
          />
          <TextField name="zweck" label={t('payment_card.purpose_label')} {...transfer} />
          <TextField
            name="betrag"
            label={t('payment_card.amount_label')}
            hint={t('payment_card.amount_hint')}
            inputmode="decimal"
            width={4}
            {...transfer}
          />
          <Checkbox name="dauerauftrag" label={t('payment_card.standing_label')} {...transfer} />
          <Button>{t('payment_card.transfer_submit')}</Button>
        </form>
      </section>
      <section aria-labelledby="sec-travel" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-travel">
          {t('payment_card.travel_title')}
        </h2>
        <form method="post" action={props.travelAction} class="kern-stack" novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="art" value="reise" />
          <TextField
            name="von"
            label={t('payment_card.travel_from_label')}
            hint={t('payment_card.date_hint')}
            width={4}
            {...travel}
          />
          <TextField
            name="bis"
            label={t('payment_card.travel_to_label')}
            hint={t('payment_card.date_hint')}
            width={4}
            {...travel}
          />
          <TextArea name="grund" label={t('payment_card.travel_reason_label')} maxlength={1000} {...travel} />
          <Button>{t('payment_card.travel_submit')}</Button>
        </form>
      </section>
    </>
  )
}
