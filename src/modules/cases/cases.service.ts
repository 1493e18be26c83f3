// SPDX-License-Identifier: EUPL-1.2

import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { ForbiddenError, InvalidStateError, NotFoundError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import { isUuid } from '../../shared/ids.js'
import type { ApplicationStatus } from '../applications/applications.table.js'
import { recordAuditEvent } from '../audit/index.js'
import { postTitleAt } from '../organisation/post-title.js'
import {
  actingForPost,
  assertCanSeeCase,
  type CaseScope,
  caseScopeOf,
  leadsAnyUnit,
  ownQueueUnitIds,
  postsOfLedUnits,
  visiblePostIds,
} from './case-access.js'
import { listCaseNotes, listDecisions, listStatusChanges } from './case-records.repository.js'
import { caseChecklistOf, checklistTimeline } from './checklist.service.js'
import {
  countOpenCases,
  countQueueCases,
  type InboxCount,
  type InboxCursor,
  type InboxRow,
  listInboxPage,
} from './inbox.repository.js'
import { refreshUrgency } from './urgency.service.js'

export const INBOX_PAGE_SIZE = 25

/** Which cases an inbox view lists: my posts (held and covered), the units I lead, or the fallback queue. */
export type InboxView = 'mine' | 'unit' | 'fallback'

export interface InboxFilter {
  view: InboxView
  status?: ApplicationStatus
  benefitType?: string
  /** Restricts to posts of this unit (team). */
  unitId?: string
  search?: { surnamePrefix: string } | { reference: string }
  after?: InboxCursor
}

export interface InboxPage {
  scope: CaseScope
  rows: InboxRow[]
  counts: InboxCount[]
  /** Cursor of the next page when there is one. */
  hasMore: boolean
}

/** The post ids a view lists, or null for the fallback queue. */
function postsOfView(scope: CaseScope, filter: InboxFilter, unitOf: Map<string, string>): string[] | null {
  if (filter.view === 'fallback') {
    if (!leadsAnyUnit(scope)) {
      throw new ForbiddenError('fallback queue is for leads')
    }
    return null
  }
  const posts = filter.view === 'unit' ? scope.ledPostIds : scope.inboxPosts.map((p) => p.postId)
  return filter.unitId ? posts.filter((p) => unitOf.get(p) === filter.unitId) : posts
}

/**
 * One page of a staff member's inbox in priority order, with counts per post and status. The list shows
 * names, so it is audited with the ids shown.
 */
export async function listInbox(
  db: Db,
  staff: StaffPrincipal,
  filter: InboxFilter,
  requestId: string | null,
  at = new Date(),
): Promise<InboxPage & { posts: Map<string, { unitId: string; title: string }> }> {
  const scope = await caseScopeOf(db, staff, at)
  const postRows = await db
    .selectFrom('post as p')
    .select(['p.id', 'p.unit_id', postTitleAt('p', at).as('title')])
    .where('p.id', 'in', [...visiblePostIds(scope), '00000000-0000-0000-0000-000000000000'])
    .execute()
  const posts = new Map(postRows.map((r) => [r.id, { unitId: r.unit_id, title: r.title }]))
  const unitOf = new Map(postRows.map((r) => [r.id, r.unit_id]))
  const postIds = postsOfView(scope, filter, unitOf)
  // Team queues (ADR 0029): her own teams' in "mine", the led units' in "unit", none in the fallback view.
  const queueUnitIds = (
    filter.view === 'mine' ? ownQueueUnitIds(scope) : filter.view === 'unit' ? scope.ledUnitIds : []
  ).filter((u) => !filter.unitId || u === filter.unitId)
  return db.transaction().execute(async (trx) => {
    const rows = await listInboxPage(trx, {
      postIds,
      queueUnitIds,
      status: filter.status,
      benefitType: filter.benefitType,
      search: filter.search,
      after: filter.after,
      limit: INBOX_PAGE_SIZE + 1,
    })
    const counts = [...(await countOpenCases(trx, postIds)), ...(await countQueueCases(trx, queueUnitIds))]
    const page = rows.slice(0, INBOX_PAGE_SIZE)
    if (page.length > 0) {
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'case.list',
        subject: { type: 'case_list', id: filter.view },
        requestId,
        details: {
          ids: page.map((r) => r.id),
          // Only the kind of search: the typed surname is the applicant's name (no social data in audit rows).
          filter: {
            ...filter,
            after: filter.after ? 'cursor' : undefined,
            search: filter.search && Object.keys(filter.search)[0],
          },
        },
      })
    }
    return { scope, rows: page, counts, hasMore: rows.length > INBOX_PAGE_SIZE, posts }
  })
}

/**
 * Runs `work` on a case the staff member may see, inside a transaction with the case row locked.
 * @throws NotFoundError when the case does not exist or is not hers (same answer for both)
 */
export async function withVisibleCase<T>(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  work: (trx: Transaction<Database>, scope: CaseScope) => Promise<T>,
  at = new Date(),
): Promise<T> {
  const scope = await caseScopeOf(db, staff, at)
  return db.transaction().execute(async (trx) => {
    await assertCanSeeCase(trx, scope, applicationId)
    await trx.selectFrom('application').select('id').where('id', '=', applicationId).forUpdate().execute()
    return work(trx, scope)
  })
}

/** The audit's "acting for": the case's post when the staff member covers it (i.V.), else nothing. */
export async function actingForOfCase(
  trx: Transaction<Database>,
  scope: CaseScope,
  applicationId: string,
): Promise<{ postId: string | null; actingFor: string | undefined }> {
  const row = await trx
    .selectFrom('application')
    .select('assigned_post_id')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const post = actingForPost(scope, row.assigned_post_id)
  return {
    postId: row.assigned_post_id,
    actingFor: post && post.via !== 'holder' ? post.postId : undefined,
  }
}

/**
 * Status changes a caseworker may make by hand. Entering `documents_requested`, `decided` and `objection`
 * happens through a document request, a decision and the recording of an objection, which carry more than
 * a status.
 */
const MANUAL_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['in_review'],
  in_review: ['ready_for_decision'],
  documents_requested: ['in_review'],
  ready_for_decision: ['in_review'],
  decided: ['closed'],
  objection: [],
  closed: [],
}

export function manualTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  return MANUAL_TRANSITIONS[from]
}

/**
 * Moves a case to another status inside `trx` (the case row locked by the caller): history, urgency and audit.
 * `actor` null is the citizen (e.g. the last requested document arrived).
 * @throws InvalidStateError when `allowed(from)` does not include `to`
 */
export async function transition(
  trx: Transaction<Database>,
  actor: StaffPrincipal | null,
  applicationId: string,
  to: ApplicationStatus,
  allowed: (from: ApplicationStatus) => boolean,
  audit: { requestId: string | null; actingFor: string | undefined; details?: Record<string, unknown> },
): Promise<ApplicationStatus> {
  const current = await trx
    .selectFrom('application')
    .select('status')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  if (!allowed(current.status)) {
    throw new InvalidStateError(`${current.status} → ${to}`)
  }
  const now = new Date()
  await trx
    .updateTable('application')
    .set({ status: to, status_changed_at: now })
    .where('id', '=', applicationId)
    .execute()
  await trx
    .insertInto('application_status_change')
    .values({
      application_id: applicationId,
      from_status: current.status,
      to_status: to,
      changed_by: actor?.id ?? null,
    })
    .execute()
  await refreshUrgency(trx, applicationId, now)
  await recordAuditEvent(trx, {
    actor: actor ? { type: 'staff', id: actor.id } : { type: 'citizen', id: null },
    action: 'application.status_change',
    subject: { type: 'application', id: applicationId },
    requestId: audit.requestId,
    details: { from: current.status, to, actingFor: audit.actingFor, ...audit.details },
  })
  return current.status
}

/**
 * A caseworker's own status change (see MANUAL_TRANSITIONS).
 * @throws NotFoundError, InvalidStateError
 */
export async function changeStatus(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  to: ApplicationStatus,
  requestId: string | null,
): Promise<void> {
  await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    await transition(trx, actor, applicationId, to, (from) => MANUAL_TRANSITIONS[from].includes(to), {
      requestId,
      actingFor,
    })
  })
}

/** Adds a note to the case (never edited afterwards). */
export async function addNote(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  body: string,
  requestId: string | null,
): Promise<void> {
  await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    const note = await trx
      .insertInto('case_note')
      .values({
        application_id: applicationId,
        author_id: actor.id,
        acting_for_post_id: actingFor ?? null,
        body,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'case.note_add',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { noteId: note.id, actingFor },
    })
  })
}

/**
 * Asks the citizen for documents by a due date; the case waits in "Unterlagen angefordert" and the request
 * shows on the citizen's status page, where uploads attach to it.
 */
export async function requestDocuments(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  input: { description: string; dueOn: string },
  requestId: string | null,
): Promise<void> {
  await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    const request = await trx
      .insertInto('document_request')
      .values({
        application_id: applicationId,
        description: input.description,
        due_on: input.dueOn,
        requested_by: actor.id,
        acting_for_post_id: actingFor ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await transition(
      trx,
      actor,
      applicationId,
      'documents_requested',
      (from) => from === 'submitted' || from === 'in_review' || from === 'documents_requested',
      { requestId, actingFor, details: { documentRequestId: request.id } },
    )
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'case.documents_request',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { documentRequestId: request.id, dueOn: input.dueOn, actingFor },
    })
  })
}

/**
 * Reassigns cases to another post (or the fallback queue), with a reason; only leads of the units the cases
 * are in (or the fallback queue) may. All or nothing.
 * @throws NotFoundError when a case is not visible; ForbiddenError when it is not in a led unit
 */
export async function reassignCases(
  db: Db,
  actor: StaffPrincipal,
  applicationIds: readonly string[],
  toPostId: string | null,
  reason: string,
  requestId: string | null,
  at = new Date(),
): Promise<number> {
  const scope = await caseScopeOf(db, actor, at)
  if (!leadsAnyUnit(scope)) {
    throw new ForbiddenError('only leads reassign')
  }
  const led = new Set(postsOfLedUnits(scope))
  if (toPostId !== null && !led.has(toPostId)) {
    throw new ForbiddenError('target post outside the led units')
  }
  return db.transaction().execute(async (trx) => {
    for (const id of applicationIds) {
      await assertCanSeeCase(trx, scope, id)
    }
    const rows = await trx
      .selectFrom('application')
      .select(['id', 'assigned_post_id'])
      .where('id', 'in', applicationIds)
      .forUpdate()
      .execute()
    for (const row of rows) {
      if (row.assigned_post_id !== null && !led.has(row.assigned_post_id)) {
        throw new ForbiddenError('case outside the led units')
      }
    }
    for (const row of rows) {
      await trx
        .updateTable('application')
        .set({ assigned_post_id: toPostId, queue_unit_id: null })
        .where('id', '=', row.id)
        .execute()
      await trx
        .insertInto('case_assignment')
        .values({ application_id: row.id, post_id: toPostId, assigned_by: actor.id, reason })
        .execute()
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: actor.id },
        action: 'case.reassign',
        subject: { type: 'application', id: row.id },
        requestId,
        details: { from: row.assigned_post_id, to: toPostId, reason },
      })
    }
    return rows.length
  })
}

/** Posts a lead may assign cases to: the posts of the units she leads, with their titles. */
export async function assignablePosts(db: Db, actor: StaffPrincipal, at = new Date()) {
  const scope = await caseScopeOf(db, actor, at)
  const ids = postsOfLedUnits(scope)
  if (ids.length === 0) {
    return []
  }
  return db
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.unit_id')
    .select(['post.id', postTitleAt('post', at).as('title'), 'org_unit.name as unit_name'])
    .where('post.id', 'in', ids)
    .orderBy('org_unit.name')
    .orderBy('title')
    .execute()
}

export type TimelineKind =
  | 'status'
  | 'assignment'
  | 'note'
  | 'documents_requested'
  | 'document_uploaded'
  | 'decision'
  | 'approval'
  | 'checklist'

/** One thing that happened in a case; `params` fill the German message of its kind. */
export interface TimelineEntry {
  at: Date
  kind: TimelineKind
  by: string | null
  params: Record<string, string>
}

/**
 * Everything a caseworker sees of one case: the application, its documents, notes, document requests,
 * decisions and a timeline of all of it. The read is audited in the same transaction.
 * @throws NotFoundError when the case does not exist or is not hers (same answer)
 */
export async function getCase(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  requestId: string | null,
) {
  return withVisibleCase(db, staff, applicationId, async (trx, scope) => {
    const application = await trx
      .selectFrom('application')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    const [documents, notes, requests, decisions, statuses, assignments, post] = await Promise.all([
      trx
        .selectFrom('document')
        .select([
          'id',
          'original_name',
          'media_type',
          'size_bytes',
          'uploaded_at',
          'document_request_id',
          'sha256',
        ])
        .where('application_id', '=', applicationId)
        .orderBy('uploaded_at')
        .execute(),
      listCaseNotes(trx, applicationId, scope.at),
      trx
        .selectFrom('document_request as r')
        .innerJoin('staff_user as u', 'u.id', 'r.requested_by')
        .select([
          'r.id',
          'r.description',
          'r.due_on',
          'r.requested_at',
          'r.fulfilled_at',
          'r.cancelled_at',
          'u.display_name as requested_by',
        ])
        .where('r.application_id', '=', applicationId)
        .orderBy('r.requested_at')
        .execute(),
      listDecisions(trx, applicationId, scope.at),
      listStatusChanges(trx, applicationId),
      trx
        .selectFrom('case_assignment as c')
        .leftJoin('staff_user as u', 'u.id', 'c.assigned_by')
        .leftJoin('post as p', 'p.id', 'c.post_id')
        .leftJoin('org_unit as q', 'q.id', 'c.queue_unit_id')
        .select([
          'c.assigned_at',
          'c.reason',
          postTitleAt('p', scope.at).as('post'),
          'q.name as queue',
          'u.display_name as by',
        ])
        .where('c.application_id', '=', applicationId)
        .orderBy('c.id')
        .execute(),
      application.assigned_post_id
        ? trx
            .selectFrom('post')
            .innerJoin('org_unit', 'org_unit.id', 'post.unit_id')
            .select(['post.id', postTitleAt('post', scope.at).as('title'), 'org_unit.name as unit_name'])
            .where('post.id', '=', application.assigned_post_id)
            .executeTakeFirst()
        : undefined,
    ])
    const timeline: TimelineEntry[] = [
      ...statuses.map((s) => ({
        at: s.changed_at,
        kind: 'status' as const,
        by: s.by,
        params: { from: s.from_status ?? '', to: s.to_status },
      })),
      ...assignments.map((a) => ({
        at: a.assigned_at,
        kind: 'assignment' as const,
        by: a.by,
        params: { post: a.post ?? '', queue: a.queue ?? '', reason: a.reason ?? '' },
      })),
      ...notes.map((n) => ({
        at: n.created_at,
        kind: 'note' as const,
        by: n.author,
        params: { body: n.body },
      })),
      ...requests.map((r) => ({
        at: r.requested_at,
        kind: 'documents_requested' as const,
        by: r.requested_by,
        params: { description: r.description, dueOn: r.due_on },
      })),
      ...documents.map((d) => ({
        at: d.uploaded_at,
        kind: 'document_uploaded' as const,
        by: null,
        params: { name: d.original_name },
      })),
      ...decisions.flatMap((d) => [
        {
          at: d.decided_at,
          kind: 'decision' as const,
          by: d.decided_by_name,
          params: { outcome: d.outcome },
        },
        ...(d.approved_at
          ? [
              {
                at: d.approved_at,
                kind: 'approval' as const,
                by: d.approved_by_name,
                params: { outcome: d.outcome },
              },
            ]
          : []),
      ]),
      ...(await checklistTimeline(trx, applicationId)),
    ].sort((a, b) => a.at.getTime() - b.at.getTime())
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'application.view',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { actingFor },
    })
    return {
      application,
      documents,
      notes,
      requests,
      decisions,
      timeline,
      post,
      scope,
      coveredPost: actingForPost(scope, application.assigned_post_id),
      checklist: await caseChecklistOf(trx, applicationId),
    }
  })
}

/**
 * A document of a case the staff member may see; the read is audited.
 * @throws NotFoundError for a missing document or a case that is not hers (same answer)
 */
export async function getCaseDocument(
  db: Db,
  fileStore: FileStore,
  actor: StaffPrincipal,
  applicationId: string,
  documentId: string,
  requestId: string | null,
) {
  const document = await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const row = await trx
      .selectFrom('document')
      .select(['id', 'original_name', 'media_type', 'storage_key'])
      .where('id', '=', isUuid(documentId) ? documentId : '00000000-0000-0000-0000-000000000000')
      .where('application_id', '=', applicationId)
      .executeTakeFirst()
    if (!row) {
      throw new NotFoundError('no such document')
    }
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'document.view',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { documentId, actingFor },
    })
    return row
  })
  return { ...document, bytes: await fileStore.get(document.storage_key) }
}
