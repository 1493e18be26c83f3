// SPDX-License-Identifier: EUPL-1.2
import type { Context } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { AppError, PayloadTooLargeError, RateLimitedError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { Open311Error } from './open311.errors.js'
import { toXml, type XmlValue } from './xml.js'

export type Format = 'xml' | 'json'

/** Container element → item element, as the GeoReport v2 examples name them (Spark convention). */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
}

/** The format a path asks for (`requests.json` → json); undefined for anything else. */
export function splitFormat(file: string): { name: string; format: Format } | undefined {
  const match = /^(.+)\.(xml|json)$/.exec(file)
  return match?.[1] && (match[2] === 'xml' || match[2] === 'json')
    ? { name: match[1], format: match[2] }
    : undefined
}

/** The format of the request's path, XML when it names none (XML is the mandatory format). */
export function formatOfPath(path: string): Format {
  return path.endsWith('.json') ? 'json' : 'xml'
}

/** Renders a GeoReport v2 body: `root` is the XML root element (JSON has none). */
export function respond(
  c: Context<AppEnv>,
  format: Format,
  root: string,
  value: XmlValue,
  status: 200 | 400 | 403 | 404 | 429 = 200,
) {
  if (format === 'json') {
    return c.body(JSON.stringify(value), status, { 'content-type': 'application/json; charset=utf-8' })
  }
  return c.body(toXml(root, value, ITEM_NAMES), status, { 'content-type': 'text/xml; charset=utf-8' })
}

/**
 * Any failure under /open311 as the specification wants it: 404/403/400 (429 for a key over its rate) and
 * an array of `{code, description}` in the requested format. Codes are strings; they repeat the HTTP status.
 */
export function open311ErrorResponse(error: unknown, c: Context<AppEnv>) {
  const format = formatOfPath(c.req.path)
  let status: 400 | 403 | 404 | 429 = 400
  let descriptions = [t('open311.error.general')]
  if (error instanceof Open311Error) {
    status = error.status
    descriptions = error.problems.map((p) => t(p.key, p.params))
  } else if (error instanceof RateLimitedError) {
    status = 429
    descriptions = [t('open311.error.rate_limited')]
    c.header('Retry-After', String(error.retryAfterSeconds))
  } else if (error instanceof PayloadTooLargeError) {
    descriptions = [t('open311.error.too_large')]
  } else if (error instanceof AppError && error.status === 404) {
    status = 404
    descriptions = [t('open311.error.not_found')]
  } else if (!(error instanceof AppError)) {
    c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, 'open311 request failed')
  }
  return respond(
    c,
    format,
    'errors',
    descriptions.map((description) => ({ code: String(status), description })),
    status,
  )
}
