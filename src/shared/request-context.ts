// SPDX-License-Identifier: EUPL-1.2
/**
 * What the audit log needs to know about the current request, kept in an AsyncLocalStorage so that
 * `recordAuditEvent` fills it in centrally and no call site has to pass it: the request id, the client's
 * network, the staff session, and the refusals the request met. Set by the audit middleware
 * (`modules/audit/audit.context.ts`); outside a request (jobs, scripts, tests calling services) there is none.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/** A refusal to be written to the audit log once the request's own transaction has rolled back. */
export interface DeniedAccess {
  /** Dotted verb, e.g. `case.denied`, `route.denied`. */
  action: string
  subject: { type: string; id: string }
  details?: Record<string, unknown>
}

/** An active break-glass grant of the signed-in staff member (for the banner and the audit's purpose). */
export interface ActiveBreakGlass {
  grantId: string
  applicationId: string
  reference: string
  expiresAt: Date
}

export interface RequestContext {
  requestId: string
  /** The client's network (IPv4 /24, IPv6 /48), or null when unknown. */
  clientAddress: string | null
  /** Set once the staff session is known. */
  staff: { id: string; role: string; sessionId: string } | null
  /** Refusals met so far; written after the response is built, each in a transaction of its own. */
  denials: DeniedAccess[]
  /** The staff member's break-glass grants in force at the start of the request. */
  breakGlass: ActiveBreakGlass[]
  /** Unread break-glass notifications for the staff member (the lead's inbox notice). */
  breakGlassNotices: number
}

const storage = new AsyncLocalStorage<RequestContext>()

/** Runs `work` with `context` as the current request's context. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work)
}

/** The current request's context, or undefined outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore()
}

/**
 * Notes a refusal (need-to-know or role) for the audit log. The request's transaction will roll back with
 * the error that follows, so the entry is written afterwards, on its own (see audit.context.ts).
 */
export function noteDeniedAccess(denial: DeniedAccess): void {
  const context = storage.getStore()
  if (context && context.denials.length < 20) {
    context.denials.push(denial)
  }
}

/** Records who the request's staff member is and in which session (called once the session is resumed). */
export function noteStaffSession(staff: { id: string; role: string }, sessionId: string): void {
  const context = storage.getStore()
  if (context) {
    context.staff = { id: staff.id, role: staff.role, sessionId }
  }
}
