// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import { type ActingResult, organisationService } from '../organisation/index.js'
import * as repo from './complaints.repository.js'
import type { RoutingDecision, RoutingReason } from './complaints.table.js'

/** What routing needs to know about a complaint. */
export interface RoutingInput {
  /** The category's responsible unit (null = none configured). */
  categoryUnitId: string | null
  /** The post a named case is assigned to, if the complaint names a case that has one. */
  casePostId: string | null
}

function decision(
  reason: RoutingReason,
  at: Date,
  unit: { id: string; name: string } | undefined,
  post: { id: string; title: string } | undefined,
  acting: ActingResult | undefined,
): RoutingDecision {
  const someone = acting && acting.kind !== 'nobody' ? acting : undefined
  return {
    reason,
    at: at.toISOString(),
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    postId: post?.id ?? null,
    postTitle: post?.title ?? null,
    actingName: someone?.person.displayName ?? null,
    actingKind: someone?.kind ?? null,
  }
}

/** Routes to a unit through whoever acts for its head post; undefined when the unit is not in force. */
async function viaUnitHead(db: Db, unitId: string, at: Date) {
  const unit = await repo.findUnitValidAt(db, unitId, at)
  if (!unit) {
    return undefined
  }
  const head = await repo.findHeadPost(db, unit.id, at)
  const acting = head ? await organisationService.whoActsFor(db, head.id, at) : undefined
  return { unit, head, acting }
}

/**
 * Decides who answers a complaint, at instant `at`:
 * 1. the complaint names a case assigned to a post → whoever acts for that post (holder, deputy, interim);
 * 2. else the category's unit → whoever acts for the unit's head post;
 * 3. if nobody can act there (or no unit is configured) → the fallback unit (`COMPLAINT_FALLBACK_UNIT`),
 *    through its head post; with no fallback unit either, the complaint stays with the complaints office.
 * The decision keeps names and titles as they were, so the complaint page can say "zuständig: …, i.V. …".
 */
export async function routeComplaint(
  db: Db,
  input: RoutingInput,
  fallbackUnitCode: string | undefined,
  at: Date,
): Promise<RoutingDecision> {
  if (input.casePostId) {
    const post = await repo.findPost(db, input.casePostId)
    const acting = post ? await organisationService.whoActsFor(db, post.id, at) : undefined
    if (post && acting && acting.kind !== 'nobody') {
      const unit = await repo.findUnitValidAt(db, post.unit_id, at)
      return decision('case', at, unit, post, acting)
    }
  }
  if (input.categoryUnitId) {
    const routed = await viaUnitHead(db, input.categoryUnitId, at)
    if (routed?.acting && routed.acting.kind !== 'nobody') {
      return decision('category', at, routed.unit, routed.head, routed.acting)
    }
  }
  const fallback = fallbackUnitCode ? await repo.findUnitByShortCode(db, fallbackUnitCode, at) : undefined
  if (fallback) {
    const routed = await viaUnitHead(db, fallback.id, at)
    return decision('fallback', at, fallback, routed?.head, routed?.acting)
  }
  return decision('fallback', at, undefined, undefined, undefined)
}

/**
 * The acting lead a missed deadline escalates to: the head of the responsible post's unit, or — when the
 * complaint already sits with that head — the head of the unit above. Whoever acts for that post now.
 */
export async function actingLeadFor(
  db: Db,
  complaint: { responsible_unit_id: string | null; responsible_post_id: string | null },
  at: Date,
): Promise<{ postTitle: string; actingName: string | null; actingKind: string | null } | undefined> {
  if (!complaint.responsible_unit_id) {
    return undefined
  }
  let unit = await repo.findUnitValidAt(db, complaint.responsible_unit_id, at)
  let head = unit ? await repo.findHeadPost(db, unit.id, at) : undefined
  if (unit && head && head.id === complaint.responsible_post_id) {
    unit = unit.parent_id ? await repo.findUnitValidAt(db, unit.parent_id, at) : undefined
    head = unit ? await repo.findHeadPost(db, unit.id, at) : undefined
  }
  if (!head) {
    return undefined
  }
  const acting = await organisationService.whoActsFor(db, head.id, at)
  return acting.kind === 'nobody'
    ? { postTitle: head.title, actingName: null, actingKind: null }
    : { postTitle: head.title, actingName: acting.person.displayName, actingKind: acting.kind }
}
