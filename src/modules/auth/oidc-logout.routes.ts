// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { publicAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { clientAddress } from '../../http/rate-limit.js'
import { AppError, NotFoundError } from '../../shared/errors.js'
import { addressPrefix, summariseUserAgent } from './client-info.js'
import { BACKCHANNEL_LOGOUT_PATH } from './oidc-logout.path.js'
import {
  backchannelLogout,
  idpSignOutUrl,
  LOGOUT_TOKEN_MAX_LENGTH,
  LogoutTokenError,
} from './oidc-logout.service.js'

/** Section 2.8: an error answer as RFC 6749 section 5.2, never cached. */
function oauthError(c: Context<AppEnv>, status: 400 | 404 | 413 | 500, error: string, description: string) {
  c.header('Cache-Control', 'no-store')
  return c.json({ error, error_description: description }, status)
}

/**
 * The answer for anything that fails on the back-channel logout path before or outside the handler (body
 * too large, OIDC not configured, provider unreachable): JSON for the provider, not an HTML page.
 */
export function backchannelLogoutErrorResponse(error: Error, c: Context<AppEnv>) {
  if (error instanceof AppError && error.status === 413) {
    return oauthError(c, 413, 'invalid_request', 'request body too large')
  }
  if (error instanceof AppError && error.status === 404) {
    return oauthError(c, 404, 'not_found', 'single sign-on is not configured')
  }
  if (error instanceof AppError && error.status < 500) {
    return oauthError(c, 400, 'invalid_request', 'the request could not be processed')
  }
  c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, 'back-channel logout failed')
  return oauthError(c, 500, 'server_error', 'the logout could not be processed')
}

/**
 * OpenID Connect Back-Channel Logout 1.0: the identity provider posts a signed logout token when a person's
 * session there ends; every Lotse session from that IdP session (or of that person) ends. Public (the
 * provider has no Lotse session) and outside the CSRF check (the provider has no CSRF cookie); the token's
 * signature proves where it comes from.
 */
export function oidcLogoutRoutes() {
  const app = new Hono<AppEnv>()

  app.post(BACKCHANNEL_LOGOUT_PATH, publicAccess, async (c) => {
    const { db, config, logger } = c.get('deps')
    if (!config.oidc) {
      throw new NotFoundError('oidc not configured')
    }
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(c, 400, 'invalid_request', 'expected application/x-www-form-urlencoded')
    }
    const form = new URLSearchParams(await c.req.text())
    const tokens = form.getAll('logout_token')
    const token = tokens[0] ?? ''
    if (tokens.length !== 1 || token === '' || token.length > LOGOUT_TOKEN_MAX_LENGTH) {
      return oauthError(c, 400, 'invalid_request', 'exactly one logout_token is required')
    }
    try {
      const { sessionsEnded } = await backchannelLogout(db, config.oidc, token, {
        client: {
          userAgent: summariseUserAgent(c.req.header('user-agent')),
          addressPrefix: addressPrefix(clientAddress(c)),
        },
        requestId: c.get('requestId'),
      })
      logger.info({ requestId: c.get('requestId'), sessionsEnded }, 'idp back-channel logout')
    } catch (error) {
      if (error instanceof LogoutTokenError) {
        // The reason only: the token names a person and is never logged.
        logger.warn({ requestId: c.get('requestId'), reason: error.reason }, 'logout token refused')
        return oauthError(c, 400, 'invalid_request', 'invalid logout token')
      }
      throw error
    }
    c.header('Cache-Control', 'no-store')
    return c.body(null, 200)
  })

  return app
}

/**
 * The provider's sign-out URL for the session behind `token` (RP-initiated logout), or null: a local session,
 * no end_session_endpoint, or the provider unreachable (then Lotse still signs out locally).
 */
export async function idpSignOutFor(c: Context<AppEnv>, token: string): Promise<string | null> {
  const { db, config, logger } = c.get('deps')
  if (!config.oidc || !config.mfaSecretKey) {
    return null
  }
  try {
    return (await idpSignOutUrl(db, config.oidc, config.mfaSecretKey, token))?.href ?? null
  } catch (error) {
    logger.warn(
      { requestId: c.get('requestId'), error: (error as Error).name },
      'idp sign-out unavailable; signed out locally',
    )
    return null
  }
}
