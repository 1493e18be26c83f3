// SPDX-License-Identifier: EUPL-1.2
/**
 * Data-subject access (DSGVO Art. 15): for one person, everything Lotse holds about them and who accessed it.
 *
 * Who "the person" is: citizens have no account, so a person is identified by what they wrote on their
 * applications — the same surname and given name (compared case-insensitively, after NFC) and the same birth
 * date. A search by file number starts from that application's applicant. Complaints belong to the person
 * only when they are linked to one of the person's cases (by case or by file number) or were sent from an
 * e-mail address the person gave in an application; a complaint that merely carries the same name is NOT
 * included (namesakes), the DPO checks such complaints by hand (docs/retention.md).
 */
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { AuditActor } from '../audit/index.js'
import { recordAuditEvent } from '../audit/index.js'

export type SubjectQuery =
  | { kind: 'name'; surname: string; givenName: string; birthDate: string }
  | { kind: 'reference'; reference: string }

/** One search hit: an application and the identity on it. */
export interface SubjectHit {
  applicationId: string
  reference: string
  surname: string
  givenName: string
  birthDate: string
  submittedAt: Date
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase()

/**
 * Finds the applications that match the query. Audited without the search terms (no names in audit rows):
 * the kind of search and the ids found.
 */
export async function findSubjects(
  db: Db,
  query: SubjectQuery,
  actor: AuditActor,
  requestId: string | null,
): Promise<SubjectHit[]> {
  let q = db
    .selectFrom('application')
    .select([
      'id',
      'reference',
      'applicant_surname',
      'applicant_given_name',
      'applicant_birth_date',
      'submitted_at',
    ])
    .orderBy('submitted_at')
    .limit(50)
  if (query.kind === 'reference') {
    q = q.where('reference', '=', query.reference.trim().toUpperCase())
  } else {
    q = q
      .where(sql`lower(applicant_surname)`, '=', norm(query.surname))
      .where(sql`lower(applicant_given_name)`, '=', norm(query.givenName))
      .where('applicant_birth_date', '=', query.birthDate)
  }
  const rows = await q.execute()
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor,
      action: 'dsar.search',
      subject: { type: 'dsar_search', id: requestId ?? 'search' },
      requestId,
      details: { by: query.kind, ids: rows.map((r) => r.id) },
    }),
  )
  return rows.map((r) => ({
    applicationId: r.id,
    reference: r.reference,
    surname: r.applicant_surname,
    givenName: r.applicant_given_name,
    birthDate: r.applicant_birth_date,
    submittedAt: r.submitted_at,
  }))
}

export interface AccessBundle {
  generatedAt: string
  person: { surname: string; givenName: string; birthDate: string }
  /** How the data were matched to the person (Art. 15 answers must be explainable). */
  matching: { applications: string; complaints: string }
  applications: Array<{
    id: string
    reference: string
    benefitType: string
    status: string
    submittedAt: string
    statusChangedAt: string
    answers: Record<string, unknown>
    statusHistory: Array<{ from: string | null; to: string; at: string }>
    documents: Array<{ id: string; name: string; mediaType: string; sizeBytes: number; uploadedAt: string }>
    decisions: Array<{
      kind: string
      outcome: string
      status: string
      monthlyAmountCents: number
      periodFrom: string | null
      periodTo: string | null
      legalBasis: string
      reasons: string
      decidedAt: string
    }>
    notes: Array<{ createdAt: string; body: string }>
    documentRequests: Array<{
      description: string
      dueOn: string
      requestedAt: string
      fulfilledAt: string | null
      cancelledAt: string | null
    }>
  }>
  complaints: Array<{
    id: string
    reference: string
    category: string
    description: string
    status: string
    receivedAt: string
    closedAt: string | null
    contact: { name: string | null; email: string | null; phone: string | null; address: string | null }
    replyText: string | null
  }>
  /** Every audit entry about the person's cases, documents and complaints (who by role, what, when). */
  accessHistory: Array<{
    at: string
    action: string
    actorType: string
    actorRole: string | null
    subjectType: string
    subjectId: string
  }>
}

const iso = (d: Date) => d.toISOString()
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)

/** The e-mail addresses the person gave in their applications (step "person", field "email"). */
function emailsOf(answers: Record<string, unknown>): string[] {
  const person = answers.person
  if (person && typeof person === 'object' && 'email' in person) {
    const email = (person as { email?: unknown }).email
    if (typeof email === 'string' && email.trim() !== '') {
      return [email.trim().toLowerCase()]
    }
  }
  return []
}

/**
 * Everything held about the applicant of `applicationId` (see the module comment for who counts as the same
 * person), and the access history. Audited on each of the person's cases as `dsar.export`.
 * @returns null when the application does not exist
 */
export async function buildAccessBundle(
  db: Db,
  applicationId: string,
  actor: AuditActor,
  requestId: string | null,
  format: 'json' | 'pdf',
  now = new Date(),
): Promise<AccessBundle | null> {
  return db.transaction().execute(async (trx) => {
    const anchor = await trx
      .selectFrom('application')
      .select(['applicant_surname', 'applicant_given_name', 'applicant_birth_date'])
      .where('id', '=', applicationId)
      .executeTakeFirst()
    if (!anchor) {
      return null
    }
    const apps = await trx
      .selectFrom('application')
      .selectAll()
      .where(sql`lower(applicant_surname)`, '=', norm(anchor.applicant_surname))
      .where(sql`lower(applicant_given_name)`, '=', norm(anchor.applicant_given_name))
      .where('applicant_birth_date', '=', anchor.applicant_birth_date)
      .orderBy('submitted_at')
      .execute()
    const ids = apps.map((a) => a.id)
    const references = apps.map((a) => a.reference)
    const emails = [...new Set(apps.flatMap((a) => emailsOf(a.answers)))]

    const [history, documents, decisions, notes, requests] = await Promise.all([
      trx
        .selectFrom('application_status_change')
        .selectAll()
        .where('application_id', 'in', ids)
        .orderBy('id')
        .execute(),
      trx
        .selectFrom('document')
        .selectAll()
        .where('application_id', 'in', ids)
        .orderBy('uploaded_at')
        .execute(),
      trx
        .selectFrom('decision')
        .selectAll()
        .where('application_id', 'in', ids)
        .orderBy('decided_at')
        .execute(),
      trx
        .selectFrom('case_note')
        .selectAll()
        .where('application_id', 'in', ids)
        .orderBy('created_at')
        .execute(),
      trx
        .selectFrom('document_request')
        .selectAll()
        .where('application_id', 'in', ids)
        .orderBy('requested_at')
        .execute(),
    ])
    const complaints = await trx
      .selectFrom('complaint as k')
      .innerJoin('complaint_category as cat', 'cat.id', 'k.category_id')
      .selectAll('k')
      .select('cat.label as category_label')
      .where((eb) =>
        eb.or([
          eb('k.application_id', 'in', ids),
          eb(sql`upper(trim(k.case_reference))`, 'in', references),
          ...(emails.length > 0 ? [eb(sql`lower(trim(k.contact_email))`, 'in', emails)] : []),
        ]),
      )
      .orderBy('k.received_at')
      .execute()

    const subjectIds = [...ids, ...documents.map((d) => d.id), ...complaints.map((k) => k.id)]
    const audit = await trx
      .selectFrom('audit_event as e')
      .leftJoin('staff_user as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('e.actor_id')))
      .select(['e.occurred_at', 'e.action', 'e.actor_type', 'u.role', 'e.subject_type', 'e.subject_id'])
      .where((eb) =>
        eb.or([
          eb('e.subject_id', 'in', subjectIds),
          // Lists (inboxes) record the ids they showed.
          eb(sql<boolean>`e.details -> 'ids' ?| ${sql.val(ids)}::text[]`, '=', true),
        ]),
      )
      .orderBy('e.id')
      .execute()

    for (const id of ids) {
      await recordAuditEvent(trx, {
        actor,
        action: 'dsar.export',
        subject: { type: 'application', id },
        requestId,
        details: { format, applications: ids.length, complaints: complaints.length },
      })
    }

    const byApp = <T extends { application_id: string | null }>(rows: T[], id: string) =>
      rows.filter((r) => r.application_id === id)
    return {
      generatedAt: iso(now),
      person: {
        surname: anchor.applicant_surname,
        givenName: anchor.applicant_given_name,
        birthDate: anchor.applicant_birth_date,
      },
      matching: {
        applications: 'same surname and given name (case-insensitive) and same birth date',
        complaints:
          'linked to one of these cases, naming one of their file numbers, or sent from an e-mail address given in one of these applications; name-only matches are not included',
      },
      applications: apps.map((a) => ({
        id: a.id,
        reference: a.reference,
        benefitType: a.benefit_type,
        status: a.status,
        submittedAt: iso(a.submitted_at),
        statusChangedAt: iso(a.status_changed_at),
        answers: a.answers,
        statusHistory: byApp(history, a.id).map((h) => ({
          from: h.from_status,
          to: h.to_status,
          at: iso(h.changed_at),
        })),
        documents: byApp(documents, a.id).map((d) => ({
          id: d.id,
          name: d.original_name,
          mediaType: d.media_type,
          sizeBytes: d.size_bytes,
          uploadedAt: iso(d.uploaded_at),
        })),
        decisions: byApp(decisions, a.id).map((d) => ({
          kind: d.kind,
          outcome: d.outcome,
          status: d.status,
          monthlyAmountCents: d.monthly_amount_cents,
          periodFrom: d.period_from,
          periodTo: d.period_to,
          legalBasis: d.legal_basis,
          reasons: d.reasons,
          decidedAt: iso(d.decided_at),
        })),
        notes: byApp(notes, a.id).map((n) => ({ createdAt: iso(n.created_at), body: n.body })),
        documentRequests: byApp(requests, a.id).map((r) => ({
          description: r.description,
          dueOn: r.due_on,
          requestedAt: iso(r.requested_at),
          fulfilledAt: isoOrNull(r.fulfilled_at),
          cancelledAt: isoOrNull(r.cancelled_at),
        })),
      })),
      complaints: complaints.map((k) => ({
        id: k.id,
        reference: k.reference,
        category: k.category_label,
        description: k.description,
        status: k.status,
        receivedAt: iso(k.received_at),
        closedAt: isoOrNull(k.closed_at),
        contact: {
          name: k.contact_name,
          email: k.contact_email,
          phone: k.contact_phone,
          address: k.contact_address,
        },
        replyText: k.reply_text,
      })),
      accessHistory: audit.map((e) => ({
        at: iso(e.occurred_at),
        action: e.action,
        actorType: e.actor_type,
        actorRole: e.role ?? null,
        subjectType: e.subject_type,
        subjectId: e.subject_id,
      })),
    }
  })
}
