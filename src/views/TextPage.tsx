// SPDX-License-Identifier: EUPL-1.2
import { BreakGlassOffer } from '../modules/breakglass/views/BreakGlassMarks.js'
import { t } from '../shared/i18n.js'
import { Layout } from './layout.js'

/** A plain page with a title and one paragraph (privacy, accessibility, simple errors). */
export function TextPage(props: { title: string; text: string; linkHome?: boolean }) {
  return (
    <Layout title={props.title}>
      <h1 class="kern-heading-large">{props.title}</h1>
      <p class="kern-body">{props.text}</p>
      <BreakGlassOffer />
      {props.linkHome ? (
        <p>
          <a class="kern-link" href="/">
            {t('error.home')}
          </a>
        </p>
      ) : null}
    </Layout>
  )
}
