// SPDX-License-Identifier: EUPL-1.2
import type { Context, MiddlewareHandler } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { StaffRole } from '../modules/auth/auth.table.js'
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js'
import { noteDeniedAccess } from '../shared/request-context.js'
import type { AppEnv, StaffPrincipal } from './context.js'

/**
 * Who may call a route. Every route names one of these as its first handler; a test walks all routes of
 * the app and fails for any route without one (deny by default).
 */
export type RoutePolicy =
  /** Anyone, including citizens without an account. What they can reach is bounded by codes they hold. */
  | { kind: 'public' }
  /** Signed-in staff with one of these roles. */
  | { kind: 'staff'; roles: readonly StaffRole[] }

const policies = new WeakMap<MiddlewareHandler, RoutePolicy>()

/** The policy a handler enforces, if it is a policy handler (used by the route inventory test). */
export function policyOf(handler: unknown): RoutePolicy | undefined {
  return typeof handler === 'function' ? policies.get(handler as MiddlewareHandler) : undefined
}

function register(policy: RoutePolicy, handler: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  policies.set(handler as MiddlewareHandler, policy)
  return handler
}

/** Route may be called by anyone. */
export const publicAccess = register(
  { kind: 'public' },
  createMiddleware<AppEnv>(async (_c, next) => next()),
)

/**
 * Route needs a signed-in staff member holding one of `roles`. A browser asking for a page without a
 * session is sent to the sign-in page and brought back afterwards.
 */
export function staffAccess(...roles: StaffRole[]): MiddlewareHandler<AppEnv> {
  return register(
    { kind: 'staff', roles },
    createMiddleware<AppEnv>(async (c, next) => {
      const staff = c.get('staff')
      if (!staff) {
        if (c.req.method === 'GET') {
          const back = new URL(c.req.url).pathname
          return c.redirect(`/anmelden?weiter=${encodeURIComponent(back)}`, 303)
        }
        throw new UnauthenticatedError('no session')
      }
      if (!roles.includes(staff.role)) {
        noteDeniedAccess({ action: 'route.denied', subject: { type: 'route', id: c.req.routePath } })
        throw new ForbiddenError(`role ${staff.role} not allowed`)
      }
      await next()
    }),
  )
}

/** Roles that work on cases; administrators have no access to social data by default. */
export const CASE_ROLES: readonly StaffRole[] = ['caseworker', 'team_lead']

/**
 * The signed-in staff member of a request that passed `staffAccess`.
 * @throws UnauthenticatedError when called on a route without a staff policy (a programming error)
 */
export function requireStaff(c: Context<AppEnv>): StaffPrincipal {
  const staff = c.get('staff')
  if (!staff) {
    throw new UnauthenticatedError('no session')
  }
  return staff
}
