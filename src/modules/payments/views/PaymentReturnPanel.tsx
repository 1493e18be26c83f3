// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { Button, CsrfField } from '../../../views/components/form.js'

/**
 * On the case page while a returned payment is open (the case's nearest deadline is 'payment_returned'):
 * the reason is in the timeline note; this form marks the return as resolved, which takes the case out of
 * the inbox's returned-payment deadline.
 */
export function PaymentReturnPanel(props: {
  applicationId: string
  csrfToken: string
  deadlineKind: string | null | undefined
  readOnly: boolean
}) {
  if (props.deadlineKind !== 'payment_returned' || props.readOnly) {
    return null
  }
  return (
    <section class="kern-alert kern-alert--warning" aria-labelledby="sec-payment-return">
      <div class="kern-alert__body">
        <h2 class="kern-heading-small" id="sec-payment-return">
          {t('payments.camt.case_heading')}
        </h2>
        <p class="kern-body">{t('payments.camt.case_intro')}</p>
        <p class="kern-body">
          <a class="kern-link" href={`/sachbearbeitung/antraege/${props.applicationId}/zahlungen`}>
            {t('payments.case.resolve_with_account')}
          </a>
        </p>
        <form method="post" action={`/sachbearbeitung/antraege/${props.applicationId}/ruecklaeufer`}>
          <CsrfField token={props.csrfToken} />
          <Button variant="secondary">{t('payments.camt.case_resolve')}</Button>
        </form>
      </div>
    </section>
  )
}
