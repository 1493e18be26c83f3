// SPDX-License-Identifier: EUPL-1.2
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { AuditActorType } from './audit.table.js'

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
}

/**
 * Appends one audit event. Takes a transaction on purpose: the record must commit or roll back together
 * with the read or change it describes.
 */
export async function recordAuditEvent(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      action: event.action,
      subject_type: event.subject.type,
      subject_id: event.subject.id,
      request_id: event.requestId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute()
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
