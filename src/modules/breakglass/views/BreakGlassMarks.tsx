// SPDX-License-Identifier: EUPL-1.2
/**
 * The small marks break-glass puts on pages it does not own, each hooked in with one element: the banner
 * in the layout (every page while a grant is in force), the offer on a case's "not found" page, and the
 * notice on the lead's inbox. They read the request's context (shared/request-context.ts), which
 * `loadBreakGlassState` fills once per request, so they need no props and no query of their own.
 * @module
 */
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { currentRequestContext } from '../../../shared/request-context.js'
import { mayBreakGlass } from '../break-glass.roles.js'

/** Shown at the top of every page while the signed-in staff member holds a break-glass grant. */
export function BreakGlassBanner() {
  const context = currentRequestContext()
  const now = Date.now()
  const active = (context?.breakGlass ?? []).filter((g) => g.expiresAt.getTime() > now)
  if (active.length === 0) {
    return null
  }
  return (
    <section class="break-glass-banner" aria-label={t('breakglass.offer_title')}>
      <div class="kern-container">
        {active.map((g) => (
          <p class="kern-body kern-body--bold">
            <a class="kern-link" href={`/sachbearbeitung/antraege/${g.applicationId}`}>
              {t('breakglass.banner', {
                reference: g.reference,
                until: formatDateTime(g.expiresAt).slice(-5),
              })}
            </a>
          </p>
        ))}
      </div>
    </section>
  )
}

/**
 * On an error page after a need-to-know refusal, to staff who may break glass: a link to the emergency
 * form. The same for a case that does not exist and one she may not see, so it reveals nothing; the form
 * asks for the file number.
 */
export function BreakGlassOffer() {
  const context = currentRequestContext()
  const refused = context?.denials.some((d) => d.action === 'case.denied') ?? false
  const role = context?.staff?.role
  if (!refused || !role || !mayBreakGlass(role)) {
    return null
  }
  return (
    <section class="kern-alert kern-alert--info" aria-labelledby="break-glass-offer">
      <div class="kern-alert__header">
        <h2 class="kern-title" id="break-glass-offer">
          {t('breakglass.offer_title')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{t('breakglass.offer_text')}</p>
        <p class="kern-body">
          <a class="kern-link" href="/notfallzugriff">
            {t('breakglass.offer_link')}
          </a>
        </p>
      </div>
    </section>
  )
}

/** On the inbox: unread notifications of break-glass accesses to cases the lead is responsible for. */
export function BreakGlassInboxNotice() {
  const count = currentRequestContext()?.breakGlassNotices ?? 0
  if (count === 0) {
    return null
  }
  return (
    <div class="kern-alert kern-alert--warning" role="status">
      <div class="kern-alert__body">
        <p class="kern-body">
          {t('breakglass.inbox_notice', { count })}{' '}
          <a class="kern-link" href="/notfallzugriff/hinweise">
            {t('breakglass.inbox_notice_link')}
          </a>
        </p>
      </div>
    </div>
  )
}
