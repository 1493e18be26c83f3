// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { publicAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie, setAppCookie } from '../../http/cookies.js'
import { formText } from '../../http/form-input.js'
import { clientAddress, consumeRateLimit, type RateRule } from '../../http/rate-limit.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { authenticate, closeSession, openSession } from './auth.service.js'
import { LoginPage } from './views/LoginPage.js'

/** Failed and successful attempts per address and per username; slows guessing to a crawl. */
const LOGIN_BY_ADDRESS: RateRule = { bucket: 'login-address', limit: 30, windowSeconds: 900 }
const LOGIN_BY_USER: RateRule = { bucket: 'login-user', limit: 10, windowSeconds: 900 }

/** Only paths inside the staff area are accepted as "come back to", so the login is no open redirect. */
function safeNext(next: string | undefined): string {
  return next && /^\/(sachbearbeitung|verwaltung)(\/[\w\-/]*)?$/.test(next)
    ? next
    : '/sachbearbeitung/antraege'
}

/** Sign-in and sign-out for staff (local accounts; OIDC and MFA come with the security issue). */
export function authRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/anmelden', publicAccess, (c) => {
    if (c.get('staff')) {
      return c.redirect(safeNext(c.req.query('weiter')), 303)
    }
    return c.html(
      <LoginPage
        values={{}}
        errors={{}}
        next={safeNext(c.req.query('weiter'))}
        csrfToken={c.get('csrfToken')}
      />,
    )
  })

  app.post('/anmelden', publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    const input = await formText(c)
    const username = (input.username ?? '').trim()
    const password = input.password ?? ''
    const next = safeNext(input.weiter)
    const errors: FieldErrors = {}
    if (username === '') {
      errors.username = t('login.required_username')
    }
    if (password === '') {
      errors.password = t('login.required_password')
    }
    if (Object.keys(errors).length === 0) {
      await consumeRateLimit(db, LOGIN_BY_ADDRESS, clientAddress(c))
      await consumeRateLimit(db, LOGIN_BY_USER, username.toLowerCase())
      const staff = await authenticate(db, username, password.slice(0, 1024))
      if (staff) {
        const old = readAppCookie(c, COOKIE.session)
        if (old) {
          await closeSession(db, old)
        }
        // A new token on every sign-in: a session id planted before login is worthless (fixation).
        const token = await openSession(db, staff.id, {
          idleMinutes: config.sessionIdleMinutes,
          maxHours: config.sessionMaxHours,
        })
        setAppCookie(c, COOKIE.session, token)
        return c.redirect(next, 303)
      }
      errors.username = t('login.failed')
    }
    return c.html(
      <LoginPage values={{ username }} errors={errors} next={next} csrfToken={c.get('csrfToken')} />,
      422,
    )
  })

  app.post('/abmelden', publicAccess, async (c) => {
    const token = readAppCookie(c, COOKIE.session)
    if (token) {
      await closeSession(c.get('deps').db, token)
    }
    clearAppCookie(c, COOKIE.session)
    return c.redirect('/anmelden', 303)
  })

  return app
}
