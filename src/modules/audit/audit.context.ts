// SPDX-License-Identifier: EUPL-1.2
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../http/context.js'
import { clientAddress } from '../../http/rate-limit.js'
import { type RequestContext, runWithRequestContext } from '../../shared/request-context.js'
// The pure helper directly, not through auth/index.ts: auth records audit events, and this import must not
// make the two modules load each other.
import { addressPrefix } from '../auth/client-info.js'
import { recordDeniedAccesses } from './audit.service.js'

/**
 * Gives the request its audit context (shared/request-context.ts): request id and client network now, the
 * staff session once `loadStaffSession` knows it. After the handler — and after any error page, because
 * Hono's error handler runs inside the chain — the refusals the request met are written as `denied`
 * entries in a transaction of their own. A failure to write them is logged, and the answer stays as it is.
 *
 * The address is kept as its network (IPv4 /24, IPv6 /48), as in the session list: enough to tell the
 * office from a home connection, not enough to single out one line (ADR 0018).
 */
export const auditRequestScope = createMiddleware<AppEnv>(async (c, next) => {
  const context: RequestContext = {
    requestId: c.get('requestId'),
    clientAddress: addressPrefix(clientAddress(c)),
    staff: null,
    denials: [],
    breakGlass: [],
    breakGlassNotices: 0,
  }
  await runWithRequestContext(context, async () => {
    await next()
    try {
      await recordDeniedAccesses(c.get('deps').db, context)
    } catch (err) {
      c.get('deps').logger.error({ err, requestId: context.requestId }, 'denied access not audited')
    }
  })
})
