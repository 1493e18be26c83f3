// SPDX-License-Identifier: EUPL-1.2
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { BACKCHANNEL_LOGOUT_PATH } from '../modules/auth/oidc-logout.path.js'
import { backchannelLogoutErrorResponse } from '../modules/auth/oidc-logout.routes.js'
import { inboundWebhookErrorResponse, open311ErrorResponse } from '../modules/open311/index.js'
import { formatBytes } from '../shared/bytes.js'
import { AppError, PayloadTooLargeError, RateLimitedError } from '../shared/errors.js'
import { t } from '../shared/i18n.js'
import { TextPage } from '../views/TextPage.js'
import type { AppEnv } from './context.js'

/**
 * The single place where failures become responses: a German page with the right status, never a stack
 * trace. Only unexpected errors (and AppErrors marked reportable) are logged at error level.
 */
export function handleError(error: Error, c: Context<AppEnv>) {
  if (c.req.path.startsWith('/open311/')) {
    return open311ErrorResponse(error, c)
  }
  if (c.req.path.startsWith('/webhooks/beschwerden/')) {
    return inboundWebhookErrorResponse(error, c)
  }
  if (c.req.path === BACKCHANNEL_LOGOUT_PATH) {
    return backchannelLogoutErrorResponse(error, c)
  }
  const logger = c.get('deps').logger
  if (error instanceof AppError) {
    if (error.reportable) {
      logger.error({ err: error, requestId: c.get('requestId') }, error.code)
    }
    const params: Record<string, string | number> = { ...error.messageParams }
    if (error instanceof RateLimitedError) {
      params.minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
      c.header('Retry-After', String(error.retryAfterSeconds))
    }
    if (error instanceof PayloadTooLargeError) {
      params.max = formatBytes(c.get('deps').config.uploadMaxBytes)
    }
    return c.html(
      <TextPage title={t('error.title')} text={t(error.messageKey, params)} linkHome />,
      error.status,
    )
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.html(<TextPage title={t('error.title')} text={t('error.bad_request')} linkHome />, error.status)
  }
  logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error')
  return c.html(<TextPage title={t('error.title')} text={t('error.internal')} linkHome />, 500)
}

export function handleNotFound(c: Context<AppEnv>) {
  return c.html(<TextPage title={t('error.title')} text={t('error.not_found')} linkHome />, 404)
}
