// SPDX-License-Identifier: EUPL-1.2
/**
 * Decisions (Bescheide) with four-eyes approval. A caseworker drafts the decision; when an approval rule in
 * force covers the benefit type and the monthly amount, it goes to whoever acts for the approving post at
 * that moment (organisation/acting.ts) — never to the person who drafted it. Only a final decision moves the
 * case to "beschieden". Who decided and who approved, and in whose name (i.V.), is stored with the decision
 * and printed in the letter.
 * @module
 */

import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { AppError, InvalidStateError, NotFoundError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { type ActingKind, organisationService } from '../organisation/index.js'
import { postTitleAt } from '../organisation/post-title.js'
import { actingForPost, canSeeCase, caseScopeOf } from './case-access.js'
import { transition, withVisibleCase } from './cases.service.js'
import type { AmountComponent, DecisionKind, DecisionOutcome } from './cases.table.js'
import { assertChecklistAllowsDecision } from './checklist.service.js'
import { issueDecisionLetter, type LetterDeps } from './decision-letter.service.js'

export interface DecisionInput {
  outcome: DecisionOutcome
  components: AmountComponent[]
  /** 'YYYY-MM-DD'; required unless refused */
  periodFrom: string | null
  periodTo: string | null
  legalBasis: string
  reasons: string
}

/** The same person cannot both draft and approve a decision. */
export class SelfApprovalError extends AppError {
  readonly code = 'case.self_approval'
  readonly status = 403
  readonly messageKey: MessageKey = 'error.case_self_approval'
}

/** The decision is not (or no longer) waiting for this person's approval. */
export class NotYourApprovalError extends AppError {
  readonly code = 'case.not_your_approval'
  readonly status = 403
  readonly messageKey: MessageKey = 'error.case_not_your_approval'
}

function monthlyTotal(components: readonly AmountComponent[]): number {
  return components.reduce((sum, c) => sum + c.cents, 0)
}

/** Four-eyes is required, but no post can approve (no rule post and no head post in the case's unit). */
export class NoApproverError extends AppError {
  readonly code = 'case.no_approver'
  readonly status = 409
  readonly messageKey: MessageKey = 'error.case_no_approver'
}

/**
 * The post whose approval a decision needs, or null when none: the approval rule in force for the benefit
 * type and monthly amount with the highest threshold met; its post, or else the head post of the unit the
 * case's post belongs to.
 * @throws NoApproverError when a rule applies but no post can approve
 */
async function approvalPostFor(
  trx: Transaction<Database>,
  benefitType: string,
  monthlyCents: number,
  casePostId: string | null,
  at: Date,
): Promise<string | null> {
  const rule = await trx
    .selectFrom('approval_rule')
    .select('approving_post_id')
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .where((eb) => eb.or([eb('benefit_type', 'is', null), eb('benefit_type', '=', benefitType)]))
    .where('min_monthly_cents', '<=', monthlyCents)
    .orderBy('min_monthly_cents', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!rule) {
    return null
  }
  if (rule.approving_post_id) {
    return rule.approving_post_id
  }
  const head = casePostId
    ? await trx
        .selectFrom('post as head')
        .innerJoin('post as own', 'own.unit_id', 'head.unit_id')
        .select('head.id')
        .where('own.id', '=', casePostId)
        .where('head.is_head_of_unit', '=', true)
        .where('head.valid_from', '<=', at)
        .where((eb) => eb.or([eb('head.valid_to', 'is', null), eb('head.valid_to', '>', at)]))
        .executeTakeFirst()
    : undefined
  if (!head) {
    throw new NoApproverError('four-eyes rule without an approving post')
  }
  return head.id
}

/**
 * Sets the benefit period of the case, moves it to "beschieden" and issues the decision letter (inside the
 * decision's transaction).
 */
async function makeFinal(
  trx: Transaction<Database>,
  letters: LetterDeps,
  actor: StaffPrincipal,
  decision: { id: string; application_id: string; kind: DecisionKind; period_to: string | null },
  requestId: string | null,
  actingFor: string | undefined,
) {
  await trx
    .updateTable('application')
    .set({ benefit_period_end: decision.period_to })
    .where('id', '=', decision.application_id)
    .execute()
  await transition(
    trx,
    actor,
    decision.application_id,
    'decided',
    (from) => (decision.kind === 'objection' ? from === 'objection' : from === 'ready_for_decision'),
    { requestId, actingFor, details: { decisionId: decision.id } },
  )
  await issueDecisionLetter(trx, letters, actor, decision, requestId)
}

/**
 * Records a decision on a case that is ready for decision (or, for an objection, in objection). It is final
 * at once, or waits for the approving post when a four-eyes rule applies.
 * @returns the decision id and whether it awaits approval
 * @throws NotFoundError, InvalidStateError
 */
export async function decide(
  deps: { db: Db } & LetterDeps,
  actor: StaffPrincipal,
  applicationId: string,
  input: DecisionInput,
  requestId: string | null,
  at = new Date(),
): Promise<{ decisionId: string; awaitingApproval: boolean }> {
  return withVisibleCase(
    deps.db,
    actor,
    applicationId,
    async (trx, scope) => {
      const app = await trx
        .selectFrom('application')
        .select(['status', 'benefit_type', 'assigned_post_id'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow()
      if (app.status !== 'ready_for_decision' && app.status !== 'objection') {
        throw new InvalidStateError(`${app.status}: no decision`)
      }
      const kind: DecisionKind = app.status === 'objection' ? 'objection' : 'initial'
      await assertChecklistAllowsDecision(trx, applicationId, kind, at)
      const acting = actingForPost(scope, app.assigned_post_id)
      const actingFor = acting && acting.via !== 'holder' ? acting.postId : undefined
      const monthly = input.outcome === 'refused' ? 0 : monthlyTotal(input.components)
      const approvalPost = await approvalPostFor(trx, app.benefit_type, monthly, app.assigned_post_id, at)
      const decision = await trx
        .insertInto('decision')
        .values({
          application_id: applicationId,
          kind,
          outcome: input.outcome,
          monthly_amount_cents: monthly,
          components: JSON.stringify(input.outcome === 'refused' ? [] : input.components),
          period_from: input.periodFrom,
          period_to: input.periodTo,
          legal_basis: input.legalBasis,
          reasons: input.reasons,
          status: approvalPost ? 'awaiting_approval' : 'final',
          decided_by: actor.id,
          decided_via_post_id: acting?.postId ?? null,
          decided_for_post_id: app.assigned_post_id,
          decided_acting_kind: acting?.via ?? null,
          approval_post_id: approvalPost,
        })
        .returning(['id', 'application_id', 'kind', 'period_to'])
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: actor.id },
        action: 'case.decide',
        subject: { type: 'application', id: applicationId },
        requestId,
        details: { decisionId: decision.id, outcome: input.outcome, monthly, approvalPost, actingFor },
      })
      if (!approvalPost) {
        await makeFinal(trx, deps, actor, decision, requestId, actingFor)
      }
      return { decisionId: decision.id, awaitingApproval: approvalPost !== null }
    },
    at,
  )
}

/** Who acts for the approving post now, if it is `actor`; otherwise refuse. */
async function approverActing(
  db: Db,
  actor: StaffPrincipal,
  approvalPostId: string,
  at: Date,
): Promise<{ kind: ActingKind; viaPostId: string | null }> {
  const acting = await organisationService.whoActsFor(db, approvalPostId, at)
  if (acting.kind === 'nobody' || acting.person.staffUserId !== actor.id) {
    throw new NotYourApprovalError('not acting for the approving post')
  }
  return { kind: acting.kind, viaPostId: acting.actingPostId }
}

/** Decisions waiting for the approval of whoever `actor` acts for. */
export async function listAwaitingApproval(db: Db, actor: StaffPrincipal, at = new Date()) {
  const waiting = await db
    .selectFrom('decision as d')
    .innerJoin('application as a', 'a.id', 'd.application_id')
    .innerJoin('staff_user as u', 'u.id', 'd.decided_by')
    .innerJoin('post as p', 'p.id', 'd.approval_post_id')
    .select([
      'd.id',
      'd.application_id',
      'd.outcome',
      'd.monthly_amount_cents',
      'd.decided_at',
      'd.approval_post_id',
      'a.reference',
      'u.display_name as decided_by',
      postTitleAt('p', at).as('approval_post'),
    ])
    .where('d.status', '=', 'awaiting_approval')
    .orderBy('d.decided_at')
    .execute()
  const mine = []
  for (const d of waiting) {
    const acting = await organisationService.whoActsFor(db, d.approval_post_id as string, at)
    if (acting.kind !== 'nobody' && acting.person.staffUserId === actor.id) {
      mine.push({ ...d, acting: acting.kind })
    }
  }
  return mine
}

/**
 * Locks a decision waiting for approval. Whoever may not see the decision's case (need-to-know, which includes
 * the approvals waiting for her) learns nothing: the same 404 as for a decision that does not exist.
 */
async function lockAwaiting(
  db: Db,
  trx: Transaction<Database>,
  decisionId: string,
  actor: StaffPrincipal,
  at: Date,
) {
  if (!isUuid(decisionId)) {
    throw new NotFoundError('no such decision')
  }
  const decision = await trx
    .selectFrom('decision')
    .selectAll()
    .where('id', '=', decisionId)
    .forUpdate()
    .executeTakeFirst()
  if (!decision) {
    throw new NotFoundError('no such decision')
  }
  // The scope reads the organisation outside this transaction (it opens its own). No break-glass offer here:
  // the answer must be the plain 404 of a missing decision.
  const visible = await trx
    .selectFrom('application as a')
    .select('a.id')
    .where('a.id', '=', decision.application_id)
    .where(canSeeCase(await caseScopeOf(db, actor, at)))
    .executeTakeFirst()
  if (!visible) {
    throw new NotFoundError('no such decision')
  }
  if (decision.status !== 'awaiting_approval' || !decision.approval_post_id) {
    throw new NotYourApprovalError('not awaiting approval')
  }
  return decision as typeof decision & { approval_post_id: string }
}

/**
 * Approves a decision as (or for) the approving post; the decision becomes final and the case "beschieden".
 * @throws NotFoundError, NotYourApprovalError, SelfApprovalError
 */
export async function approveDecision(
  deps: { db: Db } & LetterDeps,
  actor: StaffPrincipal,
  decisionId: string,
  requestId: string | null,
  at = new Date(),
): Promise<{ applicationId: string }> {
  const { db } = deps
  return db.transaction().execute(async (trx) => {
    const decision = await lockAwaiting(db, trx, decisionId, actor, at)
    if (decision.decided_by === actor.id) {
      throw new SelfApprovalError('four eyes')
    }
    const acting = await approverActing(db, actor, decision.approval_post_id, at)
    await trx
      .selectFrom('application')
      .select('id')
      .where('id', '=', decision.application_id)
      .forUpdate()
      .execute()
    await trx
      .updateTable('decision')
      .set({
        status: 'final',
        approved_by: actor.id,
        approved_via_post_id: acting.viaPostId,
        approved_acting_kind: acting.kind,
        approved_at: at,
      })
      .where('id', '=', decisionId)
      .execute()
    const actingFor = acting.kind === 'holder' ? undefined : decision.approval_post_id
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'case.decision_approve',
      subject: { type: 'application', id: decision.application_id },
      requestId,
      details: { decisionId, actingFor },
    })
    await makeFinal(trx, deps, actor, decision, requestId, actingFor)
    return { applicationId: decision.application_id }
  })
}

/**
 * Sends a decision back to the caseworker with a reason; the case stays where it was and a new decision can
 * be drafted.
 * @throws NotFoundError, NotYourApprovalError, SelfApprovalError
 */
export async function returnDecision(
  db: Db,
  actor: StaffPrincipal,
  decisionId: string,
  reason: string,
  requestId: string | null,
  at = new Date(),
): Promise<{ applicationId: string }> {
  return db.transaction().execute(async (trx) => {
    const decision = await lockAwaiting(db, trx, decisionId, actor, at)
    if (decision.decided_by === actor.id) {
      throw new SelfApprovalError('four eyes')
    }
    const acting = await approverActing(db, actor, decision.approval_post_id, at)
    await trx
      .updateTable('decision')
      .set({
        status: 'returned',
        return_reason: reason,
        approved_by: actor.id,
        approved_acting_kind: acting.kind,
      })
      .where('id', '=', decisionId)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'case.decision_return',
      subject: { type: 'application', id: decision.application_id },
      requestId,
      details: {
        decisionId,
        reason,
        actingFor: acting.kind === 'holder' ? undefined : decision.approval_post_id,
      },
    })
    return { applicationId: decision.application_id }
  })
}

/**
 * Records an objection (Widerspruch) against the final decision of a case; § 88 (2) SGG's three months run
 * from `receivedOn`.
 * @throws NotFoundError, InvalidStateError
 */
export async function recordObjection(
  db: Db,
  actor: StaffPrincipal,
  applicationId: string,
  receivedOn: string,
  requestId: string | null,
): Promise<void> {
  await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const app = await trx
      .selectFrom('application')
      .select('assigned_post_id')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    const acting = actingForPost(scope, app.assigned_post_id)
    await trx
      .updateTable('application')
      .set({ objection_received_at: new Date(`${receivedOn}T12:00:00Z`) })
      .where('id', '=', applicationId)
      .execute()
    await transition(trx, actor, applicationId, 'objection', (from) => from === 'decided', {
      requestId,
      actingFor: acting && acting.via !== 'holder' ? acting.postId : undefined,
      details: { receivedOn },
    })
  })
}
