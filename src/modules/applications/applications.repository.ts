// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { routingCtes } from '../cases/routing.sql.js'

type Conn = Kysely<Database> | Transaction<Database>

export function insertDraft(
  db: Conn,
  values: { resumeCodeHash: Buffer; benefitType: string; expiresAt: Date },
) {
  return db
    .insertInto('application_draft')
    .values({
      resume_code_hash: values.resumeCodeHash,
      benefit_type: values.benefitType,
      expires_at: values.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function findLiveDraftByCodeHash(db: Conn, codeHash: Buffer, now: Date) {
  return db
    .selectFrom('application_draft')
    .selectAll()
    .where('resume_code_hash', '=', codeHash)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

/** Locks the draft row so that a double submit cannot create two applications. */
export function lockDraft(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('application_draft').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Stores one step's answers (merged into the JSON document) and marks the step complete or not. */
export function updateDraftStep(
  db: Conn,
  id: string,
  values: { stepId: string; answers: unknown; complete: boolean; expiresAt: Date },
) {
  const steps = sql<string[]>`array_remove(completed_steps, ${values.stepId})`
  return db
    .updateTable('application_draft')
    .set({
      answers: sql`jsonb_set(answers, ${sql.lit(`{${values.stepId}}`)}::text[], ${JSON.stringify(values.answers)}::jsonb)`,
      completed_steps: values.complete ? sql`array_append(${steps}, ${values.stepId})` : steps,
      updated_at: new Date(),
      expires_at: values.expiresAt,
    })
    .where('id', '=', id)
    .execute()
}

export function deleteDraft(db: Conn, id: string) {
  return db.deleteFrom('application_draft').where('id', '=', id).execute()
}

export function deleteExpiredDrafts(db: Conn, now: Date) {
  return db.deleteFrom('application_draft').where('expires_at', '<=', now).executeTakeFirst()
}

export function listDraftDocuments(db: Conn, draftId: string) {
  return db
    .selectFrom('document')
    .select(['id', 'original_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('draft_id', '=', draftId)
    .orderBy('uploaded_at')
    .execute()
}

export function findApplicationByReference(db: Conn, reference: string) {
  return db.selectFrom('application').selectAll().where('reference', '=', reference).executeTakeFirst()
}

export interface NewSubmission {
  referencePrefix: string
  benefitType: string
  surname: string
  /** routing.surnameKey(surname) */
  surnameKey: string
  givenName: string
  birthDate: string
  answersJson: string
  accessCodeHash: Buffer
  submittedAt: Date
  requestId: string | null
  /** From the priority rules in force at submittedAt (cases/urgency.service.ts). */
  urgency: { configId: string; priorityClass: number; deadlineAt: Date | null; deadlineKind: string | null }
}

/**
 * Stores a submitted application, its first status, its routing to a post and its `application.submit` audit
 * row in ONE statement (data-modifying CTEs): atomic even outside a transaction, and one round trip instead of
 * six on the busiest write path. The reference number is drawn from the sequence inside the statement; the
 * post comes from the first routing rule in force that matches (cases/routing.ts has the same rule in
 * TypeScript), or none: the fallback queue.
 */
export async function insertSubmission(
  db: Conn,
  s: NewSubmission,
): Promise<{ id: string; reference: string }> {
  const { rows } = await sql<{ id: string; reference: string }>`
    with ${routingCtes({ at: s.submittedAt, benefitType: s.benefitType, surnameKey: s.surnameKey })},
    app as (
      insert into application (reference, benefit_type, status, applicant_surname, applicant_given_name,
        applicant_birth_date, answers, access_code_hash, submitted_at, status_changed_at, surname_key,
        assigned_post_id, queue_unit_id, priority_class, next_deadline_at, next_deadline_kind, urgency_config_id)
      values (${s.referencePrefix} || lpad(nextval('application_reference_seq')::text, 7, '0'), ${s.benefitType},
        'submitted', ${s.surname}, ${s.givenName}, ${s.birthDate}::date, ${s.answersJson}::jsonb, ${s.accessCodeHash},
        ${s.submittedAt}, ${s.submittedAt}, ${s.surnameKey}, (select target_post_id from rule), (select queue_unit_id from rule),
        ${s.urgency.priorityClass}, ${s.urgency.deadlineAt}, ${s.urgency.deadlineKind}, ${s.urgency.configId})
      returning id, reference, assigned_post_id, queue_unit_id
    ), first_status as (
      insert into application_status_change (application_id, from_status, to_status, changed_at)
      select id, null, 'submitted', ${s.submittedAt} from app
    ), routed as (
      insert into case_assignment (application_id, post_id, queue_unit_id, rule_id, assigned_at)
      select app.id, app.assigned_post_id, app.queue_unit_id, (select id from rule), ${s.submittedAt} from app
    ), audit as (
      insert into audit_event (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      select 'citizen', null, 'application.submit', 'application', id::text, ${s.requestId},
        jsonb_build_object('reference', reference, 'assignedPostId', assigned_post_id)
      from app
    )
    select id, reference from app`.execute(db)
  const row = rows[0]
  if (!row) {
    throw new Error('insert returned no row')
  }
  return row
}
