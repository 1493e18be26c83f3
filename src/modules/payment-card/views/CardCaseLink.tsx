// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'

/** The link from a case page to its payment card section (one element on the case page). */
export function CardCaseLink(props: { applicationId: string }) {
  return (
    <p class="kern-body">
      <a class="kern-link" href={`/sachbearbeitung/antraege/${props.applicationId}/bezahlkarte`}>
        {t('payment_card.case_link')}
      </a>
    </p>
  )
}
