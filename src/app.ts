// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from './http/context.js'
import { handleError, handleNotFound } from './http/errors.js'
import { limitBody } from './http/middleware/body-limit.js'
import { csrfProtection } from './http/middleware/csrf.js'
import { requestContext } from './http/middleware/request-id.js'
import { securityHeaders } from './http/middleware/security-headers.js'
import { staticRoutes } from './http/static.js'
import { accessLogRoutes } from './modules/accesslog/index.js'
import { accommodationRoutes } from './modules/accommodation/index.js'
import { applicationsRoutes } from './modules/applications/index.js'
import { auditRequestScope } from './modules/audit/index.js'
import { authRoutes, loadStaffSession, publicAccess, recoveryRenewalRoutes } from './modules/auth/index.js'
import { oidcLogoutRoutes } from './modules/auth/oidc-logout.routes.js'
import { breakGlassRoutes, loadBreakGlassState } from './modules/breakglass/index.js'
import { caseLettersRoutes, casesRoutes, checklistRoutes } from './modules/cases/index.js'
import { rulesRoutes } from './modules/cases/rules.routes.js'
import { teamQueueRoutes } from './modules/cases/team-queue.routes.js'
import { complaintCategoryRoutes, complaintsRoutes } from './modules/complaints/index.js'
import { knowledgeRoutes } from './modules/knowledge/index.js'
import { onboardingRoutes } from './modules/onboarding/index.js'
import { inboundWebhookRoutes, open311Routes, open311ServiceRoutes } from './modules/open311/index.js'
import { organisationRoutes } from './modules/organisation/index.js'
import { personAccountsRoutes } from './modules/organisation/person-accounts.routes.js'
import { pagesRoutes } from './modules/pages/pages.routes.js'
import { paymentCardRoutes } from './modules/payment-card/index.js'
import { casePaymentsRoutes } from './modules/payments/case-payments.routes.js'
import { paymentsRoutes } from './modules/payments/index.js'
import { statementRoutes } from './modules/payments/statement.routes.js'
import { providersRoutes } from './modules/providers/index.js'
import { reportsRoutes } from './modules/reports/index.js'
import { orgReviewRoutes } from './modules/reports/org-review.routes.js'
import { retentionRoutes } from './modules/retention/index.js'
import { standardsRoutes } from './modules/standards/index.js'

/**
 * Builds the HTTP app around its dependencies. The middleware order is deliberate:
 * 1. deps + request id (everything below logs and audits with it)
 * 2. security headers (set even on error pages)
 * 3. body limit (before anything reads a body)
 * 4. CSRF (needs the body; before any handler changes state)
 * 5. staff session (who is asking; the route's policy decides what they may do)
 * The audit scope (right after the request id) carries request id, network and session to every audit
 * entry and writes refusals afterwards; break-glass state is loaded once the staff member is known.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use('*', requestContext)
  app.use('*', auditRequestScope)
  app.use('*', securityHeaders)
  app.use('*', limitBody)
  app.use('*', csrfProtection)
  app.use('*', loadStaffSession)
  app.use('*', loadBreakGlassState)

  app.get('/healthz', publicAccess, async (c) => {
    try {
      await deps.db.selectNoFrom((eb) => eb.val(1).as('ok')).execute()
      return c.json({ status: 'ok' })
    } catch {
      return c.json({ status: 'database unreachable' }, 503)
    }
  })

  app.route('/', staticRoutes())
  app.route('/', pagesRoutes())
  app.route('/', authRoutes())
  app.route('/', oidcLogoutRoutes())
  app.route('/', recoveryRenewalRoutes())
  app.route('/', casesRoutes())
  app.route('/', caseLettersRoutes())
  app.route('/', applicationsRoutes())
  app.route('/', organisationRoutes())
  app.route('/', standardsRoutes())
  app.route('/', knowledgeRoutes())
  app.route('/', complaintsRoutes())
  app.route('/', open311Routes())
  app.route('/', inboundWebhookRoutes())
  app.route('/', complaintCategoryRoutes())
  app.route('/', open311ServiceRoutes())
  app.route('/', retentionRoutes())
  app.route('/', breakGlassRoutes())
  app.route('/', accessLogRoutes())
  app.route('/', checklistRoutes())
  app.route('/', onboardingRoutes())
  app.route('/', reportsRoutes())
  app.route('/', rulesRoutes())
  app.route('/', teamQueueRoutes())
  app.route('/', personAccountsRoutes())
  app.route('/', paymentsRoutes())
  app.route('/', statementRoutes())
  app.route('/', casePaymentsRoutes())
  app.route('/', orgReviewRoutes())
  app.route('/', providersRoutes())
  app.route('/', accommodationRoutes())
  app.route('/', paymentCardRoutes())

  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}

export type App = ReturnType<typeof createApp>
