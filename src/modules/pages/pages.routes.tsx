// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { t } from '../../shared/i18n.js'
import { TextPage } from '../../views/TextPage.js'
import { publicAccess } from '../auth/index.js'

/** Static information pages required of every public-sector site (BITV 2.0, DSGVO). */
export function pagesRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/barrierefreiheit', publicAccess, (c) =>
    c.html(<TextPage title={t('page.accessibility.title')} text={t('page.accessibility.text')} />),
  )
  app.get('/datenschutz', publicAccess, (c) =>
    c.html(
      <TextPage
        title={t('page.privacy.title')}
        text={t('page.privacy.text', { days: c.get('deps').config.draftRetentionDays })}
      />,
    ),
  )
  return app
}
