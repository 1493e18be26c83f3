// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import QRCode from 'qrcode'
import type { Config } from '../../config/config.js'
import { publicAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie, setAppCookie } from '../../http/cookies.js'
import { formText } from '../../http/form-input.js'
import { clientAddress, consumeRateLimit, type RateRule } from '../../http/rate-limit.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { homeOf, staffFrame } from '../../views/layout.js'
import { accountRoutes } from './account.routes.js'
import {
  confirmEnrolment,
  loadPendingSignIn,
  type RequestInfo,
  type SecondFactorOutcome,
  type SignInSettings,
  signInWithPassword,
  signInWithSecondFactor,
} from './auth.service.js'
import type { StaffRole } from './auth.table.js'
import { addressPrefix, summariseUserAgent } from './client-info.js'
import { beginOidcSignIn, completeOidcSignIn } from './oidc.service.js'
import { idpSignOutFor } from './oidc-logout.routes.js'
import { closeSession } from './session.service.js'
import { groupedSecret, totpUri } from './totp.js'
import { LoginPage } from './views/LoginPage.js'
import { EnrolPage, RecoveryCodesPage, SecondFactorPage } from './views/SignInPages.js'

/** Failed and successful attempts per address and per username; slows guessing to a crawl. */
const LOGIN_BY_ADDRESS: RateRule = { bucket: 'login-address', limit: 30, windowSeconds: 900 }
const LOGIN_BY_USER: RateRule = { bucket: 'login-user', limit: 10, windowSeconds: 900 }
/** Code attempts per address (each account is also locked after a few wrong codes, see lockout.ts). */
const CODE_BY_ADDRESS: RateRule = { bucket: 'login-code-address', limit: 30, windowSeconds: 900 }

const DEFAULT_NEXT = '/sachbearbeitung/antraege'

/** Only paths inside the staff areas are accepted as "come back to", so the login is no open redirect. */
export function safeNext(next: string | undefined): string {
  return next &&
    /^\/(sachbearbeitung|konto|verwaltung|wissen|standards|beschwerden|dsb)(\/[\w\-/]*)?$/.test(next)
    ? next
    : DEFAULT_NEXT
}

/** Where a staff member lands after sign-in: where they wanted to go, or their role's start page. */
export function landingFor(role: StaffRole, next: string): string {
  return next === DEFAULT_NEXT ? homeOf(role) : next
}

/** The sign-in settings of the running app. */
export function signInSettings(config: Config): SignInSettings {
  if (!config.mfaSecretKey) {
    throw new Error('MFA secret key not resolved (main.ts resolves it before the app starts)')
  }
  return {
    limits: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    lockout: { attempts: config.loginLockoutAttempts, minutes: config.loginLockoutMinutes },
    mfaKey: config.mfaSecretKey,
  }
}

/** Browser summary and network prefix of the request (never the full address or header). */
export function requestInfo(c: Context<AppEnv>): RequestInfo {
  return {
    client: {
      userAgent: summariseUserAgent(c.req.header('user-agent')),
      addressPrefix: addressPrefix(clientAddress(c)),
    },
    requestId: c.get('requestId'),
  }
}

function lockedMessage(until: Date): string {
  return t('auth.locked', { minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)) })
}

/** An authenticator's QR code as inline SVG, labelled for screen readers. */
async function qrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', width: 240, margin: 2, errorCorrectionLevel: 'M' })
  return svg.replace('<svg ', `<svg role="img" aria-label="${t('auth.enrol.qr_label')}" focusable="false" `)
}

/**
 * Staff sign-in for local accounts: password, then the second factor (or its enrolment at first sign-in),
 * sign-out; plus "my sessions" and the account administration.
 */
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
        sso={c.get('deps').config.oidc !== undefined}
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
      const old = readAppCookie(c, COOKIE.session)
      const result = await signInWithPassword(
        db,
        signInSettings(config),
        { username, password: password.slice(0, 1024) },
        requestInfo(c),
      )
      if (result.outcome === 'pending') {
        if (old) {
          await closeSession(db, old)
        }
        // A new token on every sign-in: a session id planted before login is worthless (fixation).
        setAppCookie(c, COOKIE.session, result.token)
        const step = result.stage === 'enrolment' ? '/anmelden/einrichten' : '/anmelden/code'
        return c.redirect(`${step}?weiter=${encodeURIComponent(next)}`, 303)
      }
      errors.username = result.outcome === 'locked' ? lockedMessage(result.until) : t('login.failed')
    }
    return c.html(
      <LoginPage values={{ username }} errors={errors} next={next} csrfToken={c.get('csrfToken')} />,
      422,
    )
  })

  /** The answer to a code: signed in (rotated session), back to the form, or back to the start. */
  const afterCode = (
    c: Context<AppEnv>,
    result: SecondFactorOutcome,
    next: string,
    again: (errors: FieldErrors) => Response | Promise<Response>,
    invalidKey: 'auth.code.invalid' | 'auth.enrol.invalid',
  ) => {
    if (result.outcome === 'no_session') {
      clearAppCookie(c, COOKIE.session)
      return c.redirect(`/anmelden?weiter=${encodeURIComponent(next)}`, 303)
    }
    if (result.outcome === 'locked') {
      clearAppCookie(c, COOKIE.session)
      return c.html(
        <LoginPage
          values={{}}
          errors={{ username: lockedMessage(result.until) }}
          next={next}
          csrfToken={c.get('csrfToken')}
        />,
        422,
      )
    }
    if (result.outcome === 'failed') {
      return again({ code: t(invalidKey) })
    }
    setAppCookie(c, COOKIE.session, result.token)
    const target = landingFor(result.staff.role, next)
    if (result.recoveryCodes) {
      c.header('Cache-Control', 'no-store')
      return c.html(
        <RecoveryCodesPage
          codes={result.recoveryCodes}
          next={target}
          staff={staffFrame(result.staff, c.get('csrfToken'))}
        />,
      )
    }
    return c.redirect(target, 303)
  }

  const pendingOf = async (c: Context<AppEnv>) => {
    const token = readAppCookie(c, COOKIE.session)
    const { db, config } = c.get('deps')
    return token ? loadPendingSignIn(db, signInSettings(config).mfaKey, token) : null
  }

  app.get('/anmelden/code', publicAccess, async (c) => {
    const next = safeNext(c.req.query('weiter'))
    const pending = await pendingOf(c)
    if (pending?.stage !== 'second_factor') {
      return c.redirect(`/anmelden?weiter=${encodeURIComponent(next)}`, 303)
    }
    return c.html(<SecondFactorPage errors={{}} next={next} csrfToken={c.get('csrfToken')} />)
  })

  app.post('/anmelden/code', publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    const input = await formText(c)
    const next = safeNext(input.weiter)
    const code = (input.code ?? '').trim().slice(0, 64)
    const page = (errors: FieldErrors) =>
      c.html(<SecondFactorPage errors={errors} next={next} csrfToken={c.get('csrfToken')} />, 422)
    const token = readAppCookie(c, COOKIE.session) ?? ''
    if (code === '') {
      return (await pendingOf(c))?.stage === 'second_factor'
        ? page({ code: t('auth.code.required') })
        : c.redirect(`/anmelden?weiter=${encodeURIComponent(next)}`, 303)
    }
    await consumeRateLimit(db, CODE_BY_ADDRESS, clientAddress(c))
    const result = await signInWithSecondFactor(db, signInSettings(config), token, code, requestInfo(c))
    return afterCode(c, result, next, page, 'auth.code.invalid')
  })

  const enrolPage = async (c: Context<AppEnv>, next: string, errors: FieldErrors, status: 200 | 422) => {
    const pending = await pendingOf(c)
    if (pending?.stage !== 'enrolment' || !pending.proposedSecret) {
      return c.redirect(`/anmelden?weiter=${encodeURIComponent(next)}`, 303)
    }
    // The secret is on this page: no cache may keep it.
    c.header('Cache-Control', 'no-store')
    return c.html(
      <EnrolPage
        errors={errors}
        next={next}
        csrfToken={c.get('csrfToken')}
        username={pending.user.username}
        qrSvg={await qrSvg(totpUri(pending.proposedSecret, pending.user.username))}
        secretGroups={groupedSecret(pending.proposedSecret)}
      />,
      status,
    )
  }

  app.get('/anmelden/einrichten', publicAccess, (c) => enrolPage(c, safeNext(c.req.query('weiter')), {}, 200))

  app.post('/anmelden/einrichten', publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    const input = await formText(c)
    const next = safeNext(input.weiter)
    const code = (input.code ?? '').trim().slice(0, 64)
    if (code === '') {
      return enrolPage(c, next, { code: t('auth.code.required') }, 422)
    }
    await consumeRateLimit(db, CODE_BY_ADDRESS, clientAddress(c))
    const token = readAppCookie(c, COOKIE.session) ?? ''
    const result = await confirmEnrolment(db, signInSettings(config), token, code, requestInfo(c))
    return afterCode(c, result, next, (errors) => enrolPage(c, next, errors, 422), 'auth.enrol.invalid')
  })

  // Single sign-on (OIDC), when configured: to the identity provider and back.
  app.get('/anmelden/oidc', publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    if (!config.oidc) {
      throw new NotFoundError('oidc not configured')
    }
    await consumeRateLimit(db, LOGIN_BY_ADDRESS, clientAddress(c))
    const url = await beginOidcSignIn(db, config.oidc, safeNext(c.req.query('weiter')), c.get('csrfToken'))
    return c.redirect(url.href, 303)
  })

  app.get('/anmelden/oidc/rueckkehr', publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    if (!config.oidc) {
      throw new NotFoundError('oidc not configured')
    }
    const query = new URL(c.req.url).search
    const result = await completeOidcSignIn(
      db,
      config.oidc,
      signInSettings(config),
      query,
      c.get('csrfToken'),
      requestInfo(c),
    )
    const old = readAppCookie(c, COOKIE.session)
    if (old) {
      await closeSession(db, old)
    }
    setAppCookie(c, COOKIE.session, result.token)
    return c.redirect(landingFor(result.staff.role, safeNext(result.next)), 303)
  })

  app.post('/abmelden', publicAccess, async (c) => {
    const token = readAppCookie(c, COOKIE.session)
    // Signed in through OIDC: on to the provider to end its session too (RP-initiated logout).
    const atIdp = token ? await idpSignOutFor(c, token) : null
    if (token) {
      await closeSession(c.get('deps').db, token)
    }
    clearAppCookie(c, COOKIE.session)
    return c.redirect(atIdp ?? '/anmelden', 303)
  })

  app.route('/', accountRoutes())
  return app
}
