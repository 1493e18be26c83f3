// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { postTitleAt } from '../organisation/post-title.js'
import type { ComplaintStatus, RoutingDecision } from './complaints.table.js'

type Conn = Kysely<Database> | Transaction<Database>

/** Open = not yet answered: the statuses in which deadlines run. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'acknowledged', 'in_progress']

export function listCategories(db: Conn, onlyActive = true) {
  let q = db.selectFrom('complaint_category').selectAll()
  if (onlyActive) {
    q = q.where('active', '=', true)
  }
  return q.orderBy('position').orderBy('label').execute()
}

export function findCategoryByCode(db: Conn, code: string) {
  return db
    .selectFrom('complaint_category')
    .selectAll()
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst()
}

// --- Organisation and cases: read-only look-ups of ids, names and titles (no personal or social data) -------

/** The unit with its name, if it is in force at `at`. */
export function findUnitValidAt(db: Conn, unitId: string, at: Date) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_code', 'parent_id'])
    .where('id', '=', unitId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst()
}

export function findUnitByShortCode(db: Conn, shortCode: string, at: Date) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_code', 'parent_id'])
    .where('short_code', '=', shortCode)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst()
}

/** The head post of a unit in force at `at` (at most one, by constraint). */
export function findHeadPost(db: Conn, unitId: string, at: Date) {
  return db
    .selectFrom('post as p')
    .select(['p.id', postTitleAt('p', at).as('title'), 'p.unit_id'])
    .where('p.unit_id', '=', unitId)
    .where('p.is_head_of_unit', '=', true)
    .where('p.valid_from', '<=', at)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', at)]))
    .executeTakeFirst()
}

export function findPost(db: Conn, postId: string) {
  return db
    .selectFrom('post as p')
    .select(['p.id', postTitleAt('p', new Date()).as('title'), 'p.unit_id', 'p.is_head_of_unit'])
    .where('p.id', '=', postId)
    .executeTakeFirst()
}

/** Units in force at `at`, by name (for forwarding and filters). */
export function listUnitsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_code', 'parent_id'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('short_code')
    .execute()
}

/**
 * A case named by its reference: only its id and the post it is assigned to. Deliberately no applicant
 * data: the complaint must not carry the case's social data.
 */
export function findCaseByReference(db: Conn, reference: string) {
  return db
    .selectFrom('application')
    .select(['id', 'assigned_post_id'])
    .where('reference', '=', reference)
    .executeTakeFirst()
}

// --- Complaints ----------------------------------------------------------------------------------------------

export interface NewComplaint {
  referencePrefix: string
  categoryId: string
  description: string
  channel: string
  externalId: string | null
  contactName: string | null
  contactEmail: string | null
  contactPhone: string | null
  contactAddress: string | null
  caseReference: string | null
  applicationId: string | null
  receivedAt: Date
  ackDueOn: string
  responseDueOn: string
  routing: RoutingDecision
  createdBy: string | null
}

/** Inserts a complaint with the next reference number (`BS-2026-000001`). */
export async function insertComplaint(trx: Transaction<Database>, c: NewComplaint) {
  const { rows } = await sql<{ id: string; reference: string }>`
    insert into complaint (reference, category_id, description, channel, external_id, contact_name,
      contact_email, contact_phone, contact_address, case_reference, application_id, received_at, ack_due_on,
      response_due_on, responsible_unit_id, responsible_post_id, routing, created_by)
    values (${c.referencePrefix} || lpad(nextval('complaint_reference_seq')::text, 6, '0'), ${c.categoryId},
      ${c.description}, ${c.channel}, ${c.externalId}, ${c.contactName}, ${c.contactEmail}, ${c.contactPhone},
      ${c.contactAddress}, ${c.caseReference}, ${c.applicationId}, ${c.receivedAt}, ${c.ackDueOn}::date,
      ${c.responseDueOn}::date, ${c.routing.unitId}, ${c.routing.postId}, ${JSON.stringify(c.routing)}::jsonb,
      ${c.createdBy})
    returning id, reference`.execute(trx)
  const row = rows[0]
  if (!row) {
    throw new Error('insert returned no row')
  }
  return row
}

export function lockComplaint(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('complaint').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function findComplaint(db: Conn, id: string) {
  return db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findComplaintByFeedbackToken(db: Conn, tokenHash: Buffer) {
  return db
    .selectFrom('complaint')
    .select(['id', 'reference', 'status', 'feedback_at'])
    .where('feedback_token_hash', '=', tokenHash)
    .executeTakeFirst()
}

/** Who sees which complaints: everything, or those routed to some posts or to some units. */
export type ComplaintScope = { all: true } | { all: false; postIds: string[]; unitIds: string[] }

export interface ComplaintFilter {
  status: ComplaintStatus | undefined
  categoryId: string | undefined
  unitId: string | undefined
  overdueOn: string | undefined
  limit: number
  offset: number
}

function filtered(db: Conn, scope: ComplaintScope, f: Omit<ComplaintFilter, 'limit' | 'offset'>) {
  let q = db
    .selectFrom('complaint')
    .innerJoin('complaint_category', 'complaint_category.id', 'complaint.category_id')
    .leftJoin('org_unit', 'org_unit.id', 'complaint.responsible_unit_id')
  if (!scope.all) {
    const { postIds, unitIds } = scope
    q = q.where((eb) =>
      eb.or([
        postIds.length > 0 ? eb('complaint.responsible_post_id', 'in', postIds) : eb.lit(false),
        unitIds.length > 0 ? eb('complaint.responsible_unit_id', 'in', unitIds) : eb.lit(false),
      ]),
    )
  }
  if (f.status) {
    q = q.where('complaint.status', '=', f.status)
  }
  if (f.categoryId) {
    q = q.where('complaint.category_id', '=', f.categoryId)
  }
  if (f.unitId) {
    q = q.where('complaint.responsible_unit_id', '=', f.unitId)
  }
  if (f.overdueOn) {
    const today = f.overdueOn
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('complaint.status', '=', 'received'), eb('complaint.ack_due_on', '<', today)]),
        eb.and([eb('complaint.status', 'in', OPEN_STATUSES), eb('complaint.response_due_on', '<', today)]),
      ]),
    )
  }
  return q
}

export function listComplaints(db: Conn, scope: ComplaintScope, f: ComplaintFilter) {
  return filtered(db, scope, f)
    .select([
      'complaint.id',
      'complaint.reference',
      'complaint.status',
      // Escalated for either deadline (answer or acknowledgement).
      sql<boolean>`complaint.escalated or complaint.ack_escalated_at is not null`.as('escalated'),
      'complaint.channel',
      'complaint.received_at',
      'complaint.ack_due_on',
      'complaint.response_due_on',
      'complaint_category.label as category',
      'org_unit.name as unit',
    ])
    .orderBy('complaint.received_at', 'desc')
    .orderBy('complaint.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

export async function countComplaints(db: Conn, scope: ComplaintScope, f: ComplaintFilter): Promise<number> {
  const row = await filtered(db, scope, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function listAttachments(db: Conn, complaintId: string) {
  return db
    .selectFrom('complaint_attachment')
    .select(['id', 'kind', 'original_name', 'media_type', 'size_bytes', 'uploaded_at', 'storage_key'])
    .where('complaint_id', '=', complaintId)
    .orderBy('uploaded_at')
    .execute()
}

export function listEvents(db: Conn, complaintId: string) {
  return db
    .selectFrom('complaint_event')
    .leftJoin('staff_user', 'staff_user.id', 'complaint_event.actor_id')
    .select([
      'complaint_event.id',
      'complaint_event.kind',
      'complaint_event.at',
      'complaint_event.details',
      'staff_user.display_name as actor',
    ])
    .where('complaint_event.complaint_id', '=', complaintId)
    .orderBy('complaint_event.id')
    .execute()
}

export function insertEvent(
  trx: Transaction<Database>,
  complaintId: string,
  kind: string,
  actorId: string | null,
  details: Record<string, unknown> = {},
) {
  return trx
    .insertInto('complaint_event')
    .values({ complaint_id: complaintId, kind, actor_id: actorId, details: JSON.stringify(details) })
    .execute()
}

export interface NewMail {
  complaintId: string | null
  kind: string
  recipient: string
  subject: string
  body: string
  attachmentKey?: string | null
  attachmentName?: string | null
}

/** Puts a mail in the outbox; call inside the transaction of the change that causes it. */
export function enqueueMail(trx: Transaction<Database>, m: NewMail) {
  return trx
    .insertInto('complaint_mail')
    .values({
      complaint_id: m.complaintId,
      kind: m.kind,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      attachment_key: m.attachmentKey ?? null,
      attachment_name: m.attachmentName ?? null,
    })
    .execute()
}
