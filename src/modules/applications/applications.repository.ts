// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ApplicationStatus } from './applications.table.js'

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

export function listApplications(
  db: Conn,
  filter: { status: ApplicationStatus | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom('application')
    .select([
      'id',
      'reference',
      'benefit_type',
      'status',
      'applicant_surname',
      'applicant_given_name',
      'submitted_at',
    ])
  if (filter.status) {
    query = query.where('status', '=', filter.status)
  }
  // id breaks ties so that pages are stable when several applications arrive in the same instant.
  return query
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
}

export async function countApplications(db: Conn, status: ApplicationStatus | undefined): Promise<number> {
  let query = db.selectFrom('application').select((eb) => eb.fn.countAll<number>().as('n'))
  if (status) {
    query = query.where('status', '=', status)
  }
  return (await query.executeTakeFirstOrThrow()).n
}

export function findApplication(db: Conn, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findApplicationByReference(db: Conn, reference: string) {
  return db.selectFrom('application').selectAll().where('reference', '=', reference).executeTakeFirst()
}

export function listApplicationDocuments(db: Conn, applicationId: string) {
  return db
    .selectFrom('document')
    .select(['id', 'original_name', 'media_type', 'size_bytes', 'uploaded_at', 'storage_key'])
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .execute()
}

export interface NewSubmission {
  referencePrefix: string
  benefitType: string
  surname: string
  givenName: string
  birthDate: string
  answersJson: string
  accessCodeHash: Buffer
  submittedAt: Date
  requestId: string | null
}

/**
 * Stores a submitted application, its first status and its `application.submit` audit row in ONE statement
 * (data-modifying CTEs): atomic even outside a transaction, and one round trip instead of five on the
 * busiest write path. The reference number is drawn from the sequence inside the statement.
 */
export async function insertSubmission(
  db: Conn,
  s: NewSubmission,
): Promise<{ id: string; reference: string }> {
  const { rows } = await sql<{ id: string; reference: string }>`
    with app as (
      insert into application (reference, benefit_type, status, applicant_surname, applicant_given_name,
        applicant_birth_date, answers, access_code_hash, submitted_at, status_changed_at)
      values (${s.referencePrefix} || lpad(nextval('application_reference_seq')::text, 7, '0'), ${s.benefitType},
        'submitted', ${s.surname}, ${s.givenName}, ${s.birthDate}::date, ${s.answersJson}::jsonb, ${s.accessCodeHash},
        ${s.submittedAt}, ${s.submittedAt})
      returning id, reference
    ), first_status as (
      insert into application_status_change (application_id, from_status, to_status, changed_at)
      select id, null, 'submitted', ${s.submittedAt} from app
    ), audit as (
      insert into audit_event (actor_type, actor_id, action, subject_type, subject_id, request_id, details)
      select 'citizen', null, 'application.submit', 'application', id::text, ${s.requestId},
        jsonb_build_object('reference', reference)
      from app
    )
    select id, reference from app`.execute(db)
  const row = rows[0]
  if (!row) {
    throw new Error('insert returned no row')
  }
  return row
}
