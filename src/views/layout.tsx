// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import { BreakGlassBanner } from '../modules/breakglass/views/BreakGlassMarks.js'
import { t } from '../shared/i18n.js'

export interface LayoutProps {
  /** Page title without the site name; prefixed with "Fehler:" when the page shows errors (GOV.UK). */
  title: string
  hasErrors?: boolean
  /** Staff pages show the signed-in person and a sign-out button. */
  staff?: { displayName: string; csrfToken: string } | undefined
  children?: Child
}

/** The frame of every page: KERN UX styles, skip link, header, main landmark, footer. */
export function Layout({ title, hasErrors, staff, children }: LayoutProps) {
  const fullTitle = `${hasErrors ? `${t('layout.error_prefix')} ` : ''}${title} – ${t('app.name')}`
  return (
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/static/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/static/kern.min.css" />
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body class="kern-body">
        <a class="skip-link kern-link" href="#inhalt">
          {t('layout.skip_link')}
        </a>
        <div class="kern-kopfzeile">
          <div class="kern-container">
            <div class="kern-kopfzeile__content">
              <span class="kern-kopfzeile__flagge" aria-hidden="true" />
              <span class="kern-kopfzeile__label">{t('layout.official_site')}</span>
            </div>
          </div>
        </div>
        <header class="site-header">
          <div class="kern-container site-header__inner">
            <a class="site-header__name" href={staff ? '/sachbearbeitung/antraege' : '/'}>
              {t('app.name')} <span class="site-header__org">{t('app.org')}</span>
            </a>
            {staff ? (
              <form method="post" action="/abmelden" class="site-header__user">
                <span>{t('layout.signed_in_as', { name: staff.displayName })}</span>
                <a class="kern-link" href="/konto/sitzungen">
                  {t('auth.sessions.nav')}
                </a>
                <input type="hidden" name="_csrf" value={staff.csrfToken} />
                <button type="submit" class="kern-btn kern-btn--tertiary">
                  <span class="kern-label">{t('layout.sign_out')}</span>
                </button>
              </form>
            ) : null}
          </div>
        </header>
        <BreakGlassBanner />
        <main id="inhalt" class="kern-container site-main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="kern-container">
            <ul class="kern-list kern-list--horizontal">
              <li>
                <a class="kern-link" href="/barrierefreiheit">
                  {t('layout.accessibility')}
                </a>
              </li>
              <li>
                <a class="kern-link" href="/datenschutz">
                  {t('layout.privacy')}
                </a>
              </li>
              <li>
                <a class="kern-link" href="/anmelden">
                  {t('layout.staff_login')}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  )
}
