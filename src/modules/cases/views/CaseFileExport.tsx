// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'

/** The case page's "Prüfakte exportieren" action: the audit-ready file as PDF and as JSON (plain links). */
export function CaseFileExport(props: { caseId: string }) {
  const base = `/sachbearbeitung/antraege/${encodeURIComponent(props.caseId)}/pruefakte`
  return (
    <section aria-labelledby="sec-case-file">
      <h2 class="kern-heading-small" id="sec-case-file">
        {t('case_letters.export_heading')}
      </h2>
      <p class="kern-body">{t('case_letters.export_intro')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={`${base}/pdf`}>
            {t('case_letters.export_pdf')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${base}/json`}>
            {t('case_letters.export_json')}
          </a>
        </li>
      </ul>
    </section>
  )
}
