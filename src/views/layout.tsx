// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../http/context.js'
import type { StaffRole } from '../modules/auth/auth.table.js'
import { BreakGlassBanner } from '../modules/breakglass/views/BreakGlassMarks.js'
import { type MessageKey, t } from '../shared/i18n.js'

/** What the frame shows of the signed-in staff member: name, sign-out form, and the areas her role opens. */
export interface StaffFrame {
  displayName: string
  csrfToken: string
  role?: StaffRole
}

/** The staff frame of a page for the signed-in staff member. */
export function staffFrame(staff: StaffPrincipal, csrfToken: string): StaffFrame {
  return { displayName: staff.displayName, csrfToken, role: staff.role }
}

const CASE_READERS: readonly StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'auditor',
]
const CASE_WORKERS: readonly StaffRole[] = ['caseworker', 'team_lead', 'department_head', 'division_head']
const LEADS: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head']
const ALL: readonly StaffRole[] = [
  ...CASE_READERS,
  'complaints_coordinator',
  'data_protection_officer',
  'administrator',
]

/** The staff areas, each with the roles whose routes admit them (the routes decide; this only avoids dead links). */
const STAFF_NAV: ReadonlyArray<{ href: string; label: MessageKey; roles: readonly StaffRole[] }> = [
  { href: '/sachbearbeitung/antraege', label: 'nav.inbox', roles: CASE_READERS },
  { href: '/sachbearbeitung/freigaben', label: 'nav.approvals', roles: CASE_WORKERS },
  { href: '/bezahlkarte/freigaben', label: 'payment_card.nav', roles: CASE_WORKERS },
  { href: '/beschwerden', label: 'nav.complaints', roles: [...CASE_WORKERS, 'complaints_coordinator'] },
  { href: '/verwaltung/benutzer', label: 'nav.accounts', roles: ['administrator'] },
  { href: '/verwaltung/organisation', label: 'nav.organisation', roles: [...LEADS, 'administrator'] },
  { href: '/verwaltung/organisation/stellen', label: 'nav.staffing', roles: LEADS },
  { href: '/verwaltung/regeln', label: 'rules.nav', roles: [...LEADS, 'administrator'] },
  { href: '/berichte', label: 'nav.reports', roles: ['department_head', 'division_head'] },
  { href: '/zahlungen', label: 'payments.nav.runs', roles: LEADS },
  { href: '/traeger', label: 'providers.nav', roles: [...LEADS, 'auditor'] },
  { href: '/unterkuenfte', label: 'accommodation.nav', roles: CASE_READERS },
  { href: '/einarbeitung', label: 'nav.onboarding', roles: CASE_WORKERS },
  { href: '/zeiterfassung', label: 'reports.recording.title', roles: CASE_WORKERS },
  { href: '/verwaltung/open311', label: 'nav.open311', roles: ['administrator'] },
  {
    href: '/verwaltung/beschwerden/kategorien',
    label: 'nav.complaint_settings',
    roles: ['complaints_coordinator', 'administrator'],
  },
  { href: '/dsb/loeschung', label: 'nav.deletion', roles: ['data_protection_officer'] },
  { href: '/dsb/auskunft', label: 'nav.access_request', roles: ['data_protection_officer'] },
  {
    href: '/datenschutz/notfallzugriffe',
    label: 'nav.break_glass_review',
    roles: ['data_protection_officer'],
  },
  { href: '/datenschutz/personen', label: 'nav.person_access', roles: ['data_protection_officer'] },
  { href: '/wissen', label: 'nav.knowledge', roles: ALL },
  { href: '/standards', label: 'nav.standards', roles: ALL },
]

/** Where the site name and the sign-in lead a staff member: the first area her role opens. */
export function homeOf(role: StaffRole | undefined): string {
  return STAFF_NAV.find((n) => role && n.roles.includes(role))?.href ?? '/sachbearbeitung/antraege'
}

export interface LayoutProps {
  /** Page title without the site name; prefixed with "Fehler:" when the page shows errors (GOV.UK). */
  title: string
  hasErrors?: boolean
  /** Staff pages show the signed-in person and a sign-out button. */
  staff?: StaffFrame | undefined
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
            <a class="site-header__name" href={staff ? homeOf(staff.role) : '/'}>
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
          {staff?.role ? (
            <nav class="kern-container staff-nav" aria-label={t('nav.label')}>
              <ul class="kern-list kern-list--horizontal">
                {STAFF_NAV.filter((n) => staff.role && n.roles.includes(staff.role)).map((n) => (
                  <li>
                    <a class="kern-link" href={n.href}>
                      {t(n.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
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
