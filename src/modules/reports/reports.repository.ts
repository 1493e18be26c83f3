// SPDX-License-Identifier: EUPL-1.2
/**
 * Kysely queries of the reports module. The fact queries read the case, decision, assignment and complaint
 * tables of other modules directly and read-only: a report is a cross-cutting aggregate, and going through
 * the case services would audit a read of every case for figures that name nobody (docs/key-figures.md).
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { postTitleAt } from '../organisation/post-title.js'
import type { CaseFact, CaseStatus, ComplaintFact } from './key-figures.js'
import type { CommitteeReportRow, ReportSnapshotRow } from './reports.table.js'

type Q = Db | Transaction<Database> | Kysely<Database>

/** Cases submitted before `end`, without content data; household size from the application's answers. */
export function caseFactsQuery(db: Q, end: Date) {
  return db
    .selectFrom('application')
    .select([
      'id',
      'benefit_type',
      'submitted_at',
      'objection_received_at',
      'assigned_post_id',
      sql<number>`1 + case when jsonb_typeof(answers #> '{household,members}') = 'array'
        then jsonb_array_length(answers #> '{household,members}') else 0 end`.as('household_size'),
    ])
    .where('submitted_at', '<', end)
    .orderBy('id')
}

/** Final decisions that became final before `end`. */
export function decisionFactsQuery(db: Q, end: Date) {
  return db
    .selectFrom('decision')
    .select([
      'application_id',
      'kind',
      'outcome',
      'period_from',
      'period_to',
      'monthly_amount_cents',
      sql<Date>`coalesce(approved_at, decided_at)`.as('final_at'),
    ])
    .where('status', '=', 'final')
    .where(sql<Date>`coalesce(approved_at, decided_at)`, '<', end)
    .orderBy('application_id')
    .orderBy(sql`coalesce(approved_at, decided_at)`)
}

/** Every status change before `end`, grouped by case in order. */
export function statusChangeFactsQuery(db: Q, end: Date) {
  return db
    .selectFrom('application_status_change')
    .select(['application_id', 'to_status', 'changed_at'])
    .where('changed_at', '<', end)
    .orderBy('application_id')
    .orderBy('id')
}

/** Every assignment of a case to a post (or a queue) before `end`, grouped by case in order. */
export function assignmentFactsQuery(db: Q, end: Date) {
  return db
    .selectFrom('case_assignment')
    .select(['application_id', 'post_id', 'assigned_at'])
    .where('assigned_at', '<', end)
    .orderBy('application_id')
    .orderBy('id')
}

/** Loads every case fact up to `end` (three queries, joined in memory). */
export async function loadCaseFacts(db: Q, end: Date): Promise<CaseFact[]> {
  const [cases, decisions, changes, assignments] = await Promise.all([
    caseFactsQuery(db, end).execute(),
    decisionFactsQuery(db, end).execute(),
    statusChangeFactsQuery(db, end).execute(),
    assignmentFactsQuery(db, end).execute(),
  ])
  const facts = new Map<string, CaseFact>()
  for (const c of cases) {
    facts.set(c.id, {
      benefitType: c.benefit_type,
      submittedAt: c.submitted_at,
      householdSize: Number(c.household_size),
      decisions: [],
      statusChanges: [],
      objectionReceivedAt: c.objection_received_at,
      assignments: [],
      currentPostId: c.assigned_post_id,
    })
  }
  for (const d of decisions) {
    facts.get(d.application_id)?.decisions.push({
      kind: d.kind,
      outcome: d.outcome,
      finalAt: new Date(d.final_at),
      periodFrom: d.period_from,
      periodTo: d.period_to,
      monthlyCents: Number(d.monthly_amount_cents),
    })
  }
  for (const s of changes) {
    facts.get(s.application_id)?.statusChanges.push({ to: s.to_status as CaseStatus, at: s.changed_at })
  }
  for (const a of assignments) {
    facts.get(a.application_id)?.assignments.push({ postId: a.post_id, at: a.assigned_at })
  }
  return [...facts.values()]
}

/** Complaints received before `end` (no content, no contact data). */
export async function loadComplaintFacts(db: Q, end: Date): Promise<ComplaintFact[]> {
  const rows = await db
    .selectFrom('complaint')
    .select(['responsible_unit_id', 'received_at', 'response_due_on', 'answered_at'])
    .where('received_at', '<', end)
    .execute()
  return rows.map((r) => ({
    responsibleUnitId: r.responsible_unit_id,
    receivedAt: r.received_at,
    responseDueOn: r.response_due_on,
    answeredAt: r.answered_at && r.answered_at < end ? r.answered_at : null,
  }))
}

/** The settings row in force at `at`. */
export function settingsAt(db: Q, at: Date) {
  return db
    .selectFrom('report_setting')
    .select(['settings'])
    .where('valid_from', '<=', at)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The latest snapshot of each month given. */
export async function latestSnapshots(db: Q, months: string[]): Promise<ReportSnapshotRow[]> {
  if (months.length === 0) {
    return []
  }
  return db
    .selectFrom('report_snapshot')
    .selectAll()
    .distinctOn('month')
    .where('month', 'in', months)
    .orderBy('month')
    .orderBy('sequence', 'desc')
    .execute()
}

export function snapshotsByIds(db: Q, ids: string[]): Promise<ReportSnapshotRow[]> {
  if (ids.length === 0) {
    return Promise.resolve([])
  }
  return db.selectFrom('report_snapshot').selectAll().where('id', 'in', ids).execute()
}

/** Every snapshot, newest month first, corrections after their first version. */
export function listSnapshots(db: Q) {
  return db
    .selectFrom('report_snapshot')
    .leftJoin('staff_user', 'staff_user.id', 'report_snapshot.created_by')
    .select([
      'report_snapshot.id',
      'report_snapshot.month',
      'report_snapshot.sequence',
      'report_snapshot.note',
      'report_snapshot.created_at',
      'staff_user.display_name as created_by_name',
    ])
    .orderBy('report_snapshot.month', 'desc')
    .orderBy('report_snapshot.sequence', 'desc')
    .execute()
}

export async function nextSnapshotSequence(trx: Transaction<Database>, month: string): Promise<number> {
  // Serialises concurrent snapshots of the same month (unique (month, sequence) would reject the loser).
  await sql`select pg_advisory_xact_lock(hashtext(${`report_snapshot:${month}`}))`.execute(trx)
  const row = await trx
    .selectFrom('report_snapshot')
    .select((eb) => eb.fn.max('sequence').as('max'))
    .where('month', '=', month)
    .executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

export function listReports(db: Q) {
  return db
    .selectFrom('committee_report')
    .select(['id', 'month', 'version', 'status', 'created_at', 'released_at', 'released_by_name'])
    .orderBy('month', 'desc')
    .orderBy('version', 'desc')
    .execute()
}

export function findReport(db: Q, id: string): Promise<CommitteeReportRow | undefined> {
  return db.selectFrom('committee_report').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findReportForUpdate(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('committee_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The last released report before `releasedBefore` (or any, when null), other than `exceptId`. */
export function previousReleased(db: Q, exceptId: string, releasedBefore: Date | null) {
  let q = db
    .selectFrom('committee_report')
    .selectAll()
    .where('status', '=', 'released')
    .where('id', '<>', exceptId)
  if (releasedBefore) {
    q = q.where('released_at', '<', releasedBefore)
  }
  return q.orderBy('released_at', 'desc').limit(1).executeTakeFirst()
}

export async function nextReportVersion(trx: Transaction<Database>, month: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`committee_report:${month}`}))`.execute(trx)
  const row = await trx
    .selectFrom('committee_report')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('month', '=', month)
    .executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

/** The head post of the division (the root unit of kind division) in force at `at`. */
export function divisionHeadPost(db: Q, at: Date) {
  return db
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.unit_id')
    .select([
      'post.id',
      postTitleAt('post', at).as('title'),
      'org_unit.name as unit_name',
      'org_unit.short_code',
    ])
    .where('org_unit.kind', '=', 'division')
    .where('org_unit.parent_id', 'is', null)
    .where('post.is_head_of_unit', '=', true)
    .where('post.valid_from', '<=', at)
    .where((eb) => eb.or([eb('post.valid_to', 'is', null), eb('post.valid_to', '>', at)]))
    .where('org_unit.valid_from', '<=', at)
    .where((eb) => eb.or([eb('org_unit.valid_to', 'is', null), eb('org_unit.valid_to', '>', at)]))
    .orderBy('org_unit.short_code')
    .limit(1)
    .executeTakeFirst()
}
