// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ApplicationStatus } from '../applications/applications.table.js'
import type { DeadlineKind } from './cases.table.js'

type Conn = Kysely<Database> | Transaction<Database>

/** Position in the priority order; the page after a cursor starts strictly behind it. */
export interface InboxCursor {
  priorityClass: number
  /** ISO instant, or 'infinity' for a case without deadline */
  deadline: string
  submittedAt: string
  id: string
}

export interface InboxRow {
  id: string
  reference: string
  benefit_type: string
  status: ApplicationStatus
  applicant_surname: string
  applicant_given_name: string
  submitted_at: Date
  priority_class: number
  next_deadline_at: Date | null
  next_deadline_kind: DeadlineKind | null
  assigned_post_id: string | null
  /** Set while the case waits in a team queue (Teameingang). */
  queue_unit_id: string | null
}

export interface InboxQuery {
  /** The posts whose cases to list; `null` lists the fallback queue (cases without a post). */
  postIds: string[] | null
  /** Team queues listed beside the posts (cases routed to the team without a post yet). */
  queueUnitIds?: string[]
  status?: ApplicationStatus
  benefitType?: string
  /** Surname prefix (case-insensitive) or an exact file number. */
  search?: { surnamePrefix: string } | { reference: string }
  after?: InboxCursor
  limit: number
}

const ORDER = sql`a.priority_class, coalesce(a.next_deadline_at, 'infinity'::timestamptz), a.submitted_at, a.id`

function conditions(q: InboxQuery) {
  const parts = [sql`a.status <> 'closed'`]
  if (q.status) {
    parts.push(sql`a.status = ${q.status}`)
  }
  if (q.benefitType) {
    parts.push(sql`a.benefit_type = ${q.benefitType}`)
  }
  if (q.search && 'reference' in q.search) {
    parts.push(sql`a.reference = ${q.search.reference}`)
  }
  if (q.search && 'surnamePrefix' in q.search) {
    const pattern = `${q.search.surnamePrefix.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    parts.push(sql`lower(a.applicant_surname) like ${pattern}`)
  }
  if (q.after) {
    parts.push(sql`(${ORDER}) > (${q.after.priorityClass}::smallint, ${q.after.deadline}::timestamptz,
      ${q.after.submittedAt}::timestamptz, ${q.after.id}::uuid)`)
  }
  return sql.join(parts, sql` and `)
}

const COLUMNS = sql`a.id, a.reference, a.benefit_type, a.status, a.applicant_surname, a.applicant_given_name,
  a.submitted_at, a.priority_class, a.next_deadline_at, a.next_deadline_kind, a.assigned_post_id, a.queue_unit_id`

/**
 * One page of cases in priority order. Each post's cases are read through the inbox index up to `limit`
 * rows (a LATERAL per post) and merged: the first page costs the same whatever the total number of cases.
 */
export async function listInboxPage(conn: Conn, q: InboxQuery): Promise<InboxRow[]> {
  if (q.postIds === null) {
    const { rows } = await sql<InboxRow>`
      select ${COLUMNS} from application a
      where a.assigned_post_id is null and a.queue_unit_id is null and ${conditions(q)}
      order by ${ORDER} limit ${q.limit}`.execute(conn)
    return rows
  }
  const queues = q.queueUnitIds ?? []
  if (q.postIds.length === 0 && queues.length === 0) {
    return []
  }
  // Team queues: the same LATERAL per queue, through the partial queue index (application_queue_idx).
  const queueRows =
    queues.length === 0
      ? sql``
      : sql`union all
    select q.* from unnest(${queues}::uuid[]) as u(id)
    cross join lateral (
      select ${COLUMNS} from application a
      where a.assigned_post_id is null and a.queue_unit_id = u.id and ${conditions(q)}
      order by ${ORDER} limit ${q.limit}
    ) q`
  const { rows } = await sql<InboxRow>`
    select c.* from (
      select p.* from unnest(${q.postIds}::uuid[]) as k(id)
      cross join lateral (
        select ${COLUMNS} from application a
        where a.assigned_post_id = k.id and ${conditions(q)}
        order by ${ORDER} limit ${q.limit}
      ) p
      ${queueRows}
    ) c
    order by c.priority_class, coalesce(c.next_deadline_at, 'infinity'::timestamptz), c.submitted_at, c.id
    limit ${q.limit}`.execute(conn)
  return rows
}

export interface InboxCount {
  post_id: string | null
  /** Set for the open cases of a team queue (post_id null). */
  unit_id?: string | null
  status: ApplicationStatus
  count: number
}

/** Open cases per post and status (the inbox header); read from the (post, status) index. */
export async function countOpenCases(conn: Conn, postIds: string[] | null): Promise<InboxCount[]> {
  const where =
    postIds === null
      ? sql`a.assigned_post_id is null and a.queue_unit_id is null`
      : sql`a.assigned_post_id = any(${postIds}::uuid[])`
  if (postIds !== null && postIds.length === 0) {
    return []
  }
  const { rows } = await sql<InboxCount>`
    select a.assigned_post_id as post_id, a.status, count(*)::int as count
    from application a
    where ${where} and a.status <> 'closed'
    group by a.assigned_post_id, a.status`.execute(conn)
  return rows
}

/** Open cases per team queue and status, from the partial queue index. */
export async function countQueueCases(conn: Conn, unitIds: string[]): Promise<InboxCount[]> {
  if (unitIds.length === 0) {
    return []
  }
  const { rows } = await sql<InboxCount>`
    select null as post_id, a.queue_unit_id as unit_id, a.status, count(*)::int as count
    from application a
    where a.assigned_post_id is null and a.queue_unit_id = any(${unitIds}::uuid[]) and a.status <> 'closed'
    group by a.queue_unit_id, a.status`.execute(conn)
  return rows
}

export function cursorOf(row: InboxRow): InboxCursor {
  return {
    priorityClass: row.priority_class,
    deadline: row.next_deadline_at?.toISOString() ?? 'infinity',
    submittedAt: row.submitted_at.toISOString(),
    id: row.id,
  }
}

/** Cursor as a URL parameter; parse failures give undefined (first page), never an error page. */
export function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.priorityClass, c.deadline, c.submittedAt, c.id])).toString('base64url')
}

export function decodeCursor(value: string | undefined): InboxCursor | undefined {
  if (!value || value.length > 300) {
    return undefined
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 4) {
      return undefined
    }
    const [priorityClass, deadline, submittedAt, id] = parsed
    const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v))
    if (
      ![0, 1, 2].includes(priorityClass) ||
      !(deadline === 'infinity' || isInstant(deadline)) ||
      !isInstant(submittedAt) ||
      typeof id !== 'string' ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ) {
      return undefined
    }
    return { priorityClass, deadline, submittedAt, id }
  } catch {
    return undefined
  }
}
