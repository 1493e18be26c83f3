// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context.js'

/** Gives each request an id for logs and audit rows, and times it. Paths are logged without query strings
 * because a query may carry a name someone searched for. */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = randomUUID()
  c.set('requestId', requestId)
  c.set('staff', null)
  const started = performance.now()
  await next()
  c.header('X-Request-Id', requestId)
  // Pages carry social data: no browser or proxy may keep a copy unless a route says otherwise (static files).
  if (!c.res.headers.has('Cache-Control')) {
    c.header('Cache-Control', 'no-store')
  }
  c.get('deps').logger.info(
    {
      requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    },
    'request',
  )
})
