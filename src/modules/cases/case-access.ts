// SPDX-License-Identifier: EUPL-1.2
/**
 * Need-to-know: the ONE rule deciding which cases a staff member may see, used by every list, detail page,
 * document download, export and API of cases. A role only opens the door to a route; which cases lie behind
 * it is decided here, from the organisation at the instant of the request:
 *
 * - the cases of the posts she holds (even while absent: they are still hers),
 * - the cases of the posts she currently covers — as deputy, by interim assignment or as acting head — for
 *   exactly as long as the cover lasts (organisation/acting.ts decides who acts),
 * - for whoever acts for the head post of a unit: the cases of every post in that unit and the units below,
 *   and the fallback queue (cases no routing rule matched),
 * - the team queue (Teameingang, ADR 0029) of every unit in which she holds or covers a post, and of every
 *   unit she leads: cases routed to the team that no post of it has taken yet — nobody else sees them,
 * - cases shared with her explicitly, while the share lasts,
 * - cases whose decision waits for the approval of a post she holds or covers (four-eyes),
 * - auditors: every case, read-only (the routes that change cases do not admit them); every read is audited
 *   like anyone else's.
 * Nobody else — administrators, data-protection officers and complaints coordinators see no case unless it
 * is shared with them.
 * @module
 */

import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import { noteDeniedAccess } from '../../shared/request-context.js'
import { hasBreakGlassGrant } from '../breakglass/break-glass.access.js'
import { type ActingKind, organisationService, resolveAll } from '../organisation/index.js'
import { postTitlesAt } from '../organisation/post-title.js'

type Conn = Kysely<Database> | Transaction<Database>

/** A post whose cases appear in the staff member's inbox, and why. */
export interface InboxPost {
  postId: string
  title: string
  unitId: string
  /** 'holder' = her own post; anything else = she acts for it (shown as "i.V."). */
  via: ActingKind
}

export interface CaseScope {
  staffId: string
  at: Date
  /** Auditors: every case, read-only. */
  allCases: boolean
  /** Posts held or covered, own posts first. */
  inboxPosts: InboxPost[]
  /** Posts of the units she leads (acting for their head post), her inbox posts not included. */
  ledPostIds: string[]
  ledUnitIds: string[]
  /** Team queues she may see: the units of her inbox posts and the units she leads. */
  queueUnitIds: string[]
}

/** The team queues of her own teams (units of posts she holds or covers): her inbox lists them. */
export function ownQueueUnitIds(scope: CaseScope): string[] {
  return [...new Set(scope.inboxPosts.map((p) => p.unitId))]
}

export function isCovered(post: InboxPost): boolean {
  return post.via !== 'holder'
}

/** Every post whose cases the scope may open. */
export function visiblePostIds(scope: CaseScope): string[] {
  return [...new Set([...scope.inboxPosts.map((p) => p.postId), ...scope.ledPostIds])]
}

/** Every post of the units the scope leads, her own posts there included: where a lead may assign cases. */
export function postsOfLedUnits(scope: CaseScope): string[] {
  const own = scope.inboxPosts.filter((p) => scope.ledUnitIds.includes(p.unitId)).map((p) => p.postId)
  return [...new Set([...scope.ledPostIds, ...own])]
}

/** True when the scope may see the fallback queue and reassign cases. */
export function leadsAnyUnit(scope: CaseScope): boolean {
  return scope.ledUnitIds.length > 0
}

/**
 * The scope of `staff` at `at`, from the organisation in force then. One snapshot, one resolution: the cost
 * is linear in the size of the organisation (see bench/inbox.bench.ts).
 */
export async function caseScopeOf(db: Kysely<Database>, staff: StaffPrincipal, at: Date): Promise<CaseScope> {
  const empty: CaseScope = {
    staffId: staff.id,
    at,
    allCases: false,
    inboxPosts: [],
    ledPostIds: [],
    ledUnitIds: [],
    queueUnitIds: [],
  }
  if (staff.role === 'auditor') {
    return { ...empty, allCases: true }
  }
  if (
    staff.role === 'administrator' ||
    staff.role === 'data_protection_officer' ||
    staff.role === 'complaints_coordinator'
  ) {
    return empty
  }
  const snapshot = await organisationService.loadOrganisationSnapshot(db, at)
  const mine = new Set(snapshot.people.filter((p) => p.staffUserId === staff.id).map((p) => p.id))
  if (mine.size === 0) {
    return empty
  }
  const postsById = new Map(snapshot.posts.map((p) => [p.id, p]))
  const via = new Map<string, ActingKind>()
  for (const h of snapshot.holdings) {
    if (mine.has(h.personId) && postsById.has(h.postId)) {
      via.set(h.postId, 'holder')
    }
  }
  const resolution = resolveAll(snapshot, at)
  for (const [postId, result] of resolution.results) {
    if (result.kind !== 'nobody' && mine.has(result.person.id) && !via.has(postId)) {
      via.set(postId, result.kind)
    }
  }
  const ledUnitIds = [...via.keys()]
    .map((id) => postsById.get(id))
    .filter((p) => p?.isHeadOfUnit)
    .map((p) => p?.unitId as string)
  const children = new Map<string, string[]>()
  for (const u of snapshot.units) {
    if (u.parentId) {
      children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id])
    }
  }
  const led = new Set<string>()
  const stack = [...ledUnitIds]
  while (stack.length > 0) {
    const unit = stack.pop() as string
    if (!led.has(unit)) {
      led.add(unit)
      stack.push(...(children.get(unit) ?? []))
    }
  }
  const titles = await postTitlesAt(db, [...via.keys()], at)
  const inboxPosts = [...via]
    .map(([postId, kind]) => ({
      postId,
      title: titles.get(postId) ?? '',
      unitId: postsById.get(postId)?.unitId as string,
      via: kind,
    }))
    .sort((a, b) => Number(isCovered(a)) - Number(isCovered(b)) || a.title.localeCompare(b.title, 'de'))
  return {
    ...empty,
    inboxPosts,
    ledUnitIds: [...led],
    ledPostIds: snapshot.posts.filter((p) => led.has(p.unitId) && !via.has(p.id)).map((p) => p.id),
    queueUnitIds: [...new Set([...inboxPosts.map((p) => p.unitId), ...led])],
  }
}

/**
 * The need-to-know predicate over `application` (aliased `a`), for every query that reads cases.
 * @example db.selectFrom('application as a').selectAll('a').where(canSeeCase(scope))
 */
export function canSeeCase(scope: CaseScope) {
  return (eb: ExpressionBuilder<Database & { a: Database['application'] }, 'a'>) => {
    if (scope.allCases) {
      return sql<boolean>`true`
    }
    const posts = visiblePostIds(scope)
    const shared = eb.exists(
      eb
        .selectFrom('case_share as s')
        .select(sql`1`.as('one'))
        .whereRef('s.application_id', '=', 'a.id')
        .where('s.staff_user_id', '=', scope.staffId)
        .where('s.valid_from', '<=', scope.at)
        .where((w) => w.or([w('s.valid_to', 'is', null), w('s.valid_to', '>', scope.at)])),
    )
    const inbox = scope.inboxPosts.map((p) => p.postId)
    // Whoever acts for an approving post must read the case whose decision waits for approval.
    const approving = eb.exists(
      eb
        .selectFrom('decision as d')
        .select(sql`1`.as('one'))
        .whereRef('d.application_id', '=', 'a.id')
        .where('d.status', '=', 'awaiting_approval')
        .where('d.approval_post_id', 'in', inbox),
    )
    return eb.or([
      ...(posts.length > 0 ? [eb('a.assigned_post_id', 'in', posts)] : []),
      ...(inbox.length > 0 ? [approving] : []),
      // The global fallback queue: cases no office-wide rule matched (not the team queues).
      ...(leadsAnyUnit(scope)
        ? [eb.and([eb('a.assigned_post_id', 'is', null), eb('a.queue_unit_id', 'is', null)])]
        : []),
      ...(scope.queueUnitIds.length > 0
        ? [eb.and([eb('a.assigned_post_id', 'is', null), eb('a.queue_unit_id', 'in', scope.queueUnitIds)])]
        : []),
      shared,
      hasBreakGlassGrant(eb, scope.staffId, scope.at),
    ])
  }
}

/**
 * Makes sure the scope may see case `applicationId`; "does not exist" and "not yours" look the same.
 * @throws NotFoundError
 */
export async function assertCanSeeCase(conn: Conn, scope: CaseScope, applicationId: string): Promise<void> {
  const row = isUuid(applicationId)
    ? await conn
        .selectFrom('application as a')
        .select('a.id')
        .where('a.id', '=', applicationId)
        .where(canSeeCase(scope))
        .executeTakeFirst()
    : undefined
  if (!row) {
    noteDeniedAccess({
      action: 'case.denied',
      subject: { type: 'application', id: applicationId.slice(0, 64) },
    })
    throw new NotFoundError('no such application')
  }
}

/** How the scope reaches a case's post: for the "i.V." marks and the audit's acting-for field. */
export function actingForPost(scope: CaseScope, postId: string | null): InboxPost | undefined {
  return postId === null ? undefined : scope.inboxPosts.find((p) => p.postId === postId)
}
