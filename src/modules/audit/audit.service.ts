// SPDX-License-Identifier: EUPL-1.2
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { currentRequestContext, type RequestContext } from '../../shared/request-context.js'
import type { AuditActorType, AuditOutcome } from './audit.table.js'

/** Who acted, as far as the request knows. */
export interface AuditActor {
  type: AuditActorType
  /** Staff user id; null for citizens (they hold only a code) and the system. */
  id: string | null
}

export interface AuditEvent {
  actor: AuditActor
  /** Dotted verb, e.g. `application.view`, `application.status_change`, `document.view`. */
  action: string
  subject: { type: string; id: string }
  requestId?: string | null
  /** Facts about the access, never the social data itself. */
  details?: Record<string, unknown>
  /** The post acted for as deputy; defaults to `details.actingFor` (how the case services pass it). */
  actingForPostId?: string | null
  /** Why; defaults from the request (break-glass grant, role, subject), see {@link purposeOf}. */
  purpose?: string | null
  /** Defaults to `success`. */
  outcome?: AuditOutcome
}

const CASE_SUBJECTS = new Set(['application', 'case_list', 'application_batch', 'document', 'decision'])

/**
 * The purpose of an access when the caller does not name one: a case opened through a break-glass grant is
 * `break_glass`; an auditor's read is `internal_audit`; other staff reading cases do `case_processing`;
 * citizens see their own application.
 */
export function purposeOf(event: AuditEvent, context: RequestContext | undefined): string | null {
  if (event.purpose !== undefined) {
    return event.purpose
  }
  if (
    event.subject.type === 'application' &&
    context?.breakGlass.some((g) => g.applicationId === event.subject.id)
  ) {
    return 'break_glass'
  }
  if (event.actor.type === 'citizen') {
    return 'own_application'
  }
  if (event.actor.type === 'staff' && CASE_SUBJECTS.has(event.subject.type)) {
    return context?.staff?.role === 'auditor' ? 'internal_audit' : 'case_processing'
  }
  return null
}

function actingForOf(event: AuditEvent): string | null {
  if (event.actingForPostId !== undefined) {
    return event.actingForPostId
  }
  const fromDetails = event.details?.actingFor
  return typeof fromDetails === 'string' ? fromDetails : null
}

/**
 * Appends one audit event. Takes a transaction on purpose: the record must commit or roll back together
 * with the read or change it describes. Request id, client network and staff session come from the
 * current request (shared/request-context.ts) unless the event names them, so every call site gets them.
 */
export async function recordAuditEvent(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  const context = currentRequestContext()
  // The session belongs to the request's staff member only; a citizen or system entry carries none.
  const sameActor = event.actor.type === 'staff' && context?.staff?.id === event.actor.id
  await trx
    .insertInto('audit_event')
    .values({
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      action: event.action,
      subject_type: event.subject.type,
      subject_id: event.subject.id,
      request_id: event.requestId ?? context?.requestId ?? null,
      details: JSON.stringify(event.details ?? {}),
      acting_for_post_id: actingForOf(event),
      purpose: purposeOf(event, context),
      outcome: event.outcome ?? 'success',
      client_address: context && event.actor.type !== 'system' ? context.clientAddress : null,
      session_id: sameActor ? (context?.staff?.sessionId ?? null) : null,
    })
    .execute()
}

/**
 * Writes the refusals the request met, each as a `denied` entry, in a transaction of its own: the request's
 * transaction has rolled back with the error, and the refusal must be on record all the same.
 */
export async function recordDeniedAccesses(db: Kysely<Database>, context: RequestContext): Promise<void> {
  if (context.denials.length === 0) {
    return
  }
  const denials = context.denials.splice(0)
  await db.transaction().execute(async (trx) => {
    for (const denial of denials) {
      await recordAuditEvent(trx, {
        actor: context.staff ? { type: 'staff', id: context.staff.id } : { type: 'citizen', id: null },
        action: denial.action,
        subject: denial.subject,
        details: denial.details,
        outcome: 'denied',
      })
    }
  })
}

/** The audit trail of one subject, oldest first (for tests and, later, the data-protection views). */
export function listAuditEvents(db: Kysely<Database>, subject: { type: string; id: string }) {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('id')
    .execute()
}
