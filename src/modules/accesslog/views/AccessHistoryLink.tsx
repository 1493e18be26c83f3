// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'

/** The link from a case page to its access history (one element on the case page). */
export function AccessHistoryLink(props: { applicationId: string }) {
  return (
    <p class="kern-body">
      <a class="kern-link" href={`/sachbearbeitung/antraege/${props.applicationId}/zugriffe`}>
        {t('accesslog.case_link')}
      </a>
    </p>
  )
}
