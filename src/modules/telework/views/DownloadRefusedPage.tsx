// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { Layout } from '../../../views/layout.js'

/** Shown instead of a download when the telework policy allows viewing only. No download link on it. */
export function DownloadRefusedPage(props: {
  staff: { displayName: string; csrfToken: string }
  fileName: string
  viewUrl: string
}) {
  return (
    <Layout title={t('telework.refused.title')} staff={props.staff}>
      <h1 class="kern-heading-large">{t('telework.refused.title')}</h1>
      <p class="kern-body">{t('telework.refused.text')}</p>
      <p class="kern-body">{t('telework.refused.view_hint')}</p>
      <p>
        <a class="kern-link" href={props.viewUrl}>
          {t('telework.refused.view_link', { name: props.fileName })}
        </a>
      </p>
    </Layout>
  )
}
