// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { StaffRole } from '../../src/modules/auth/index.js'
import { refreshUrgency } from '../../src/modules/cases/urgency.service.js'
import { organisationService } from '../../src/modules/organisation/index.js'
import { buildApplication, buildStaffUser, grundsicherungAnswers } from './applications.factory.js'
import { buildOrgUnit, buildPost, ORGANISATION_EPOCH, SYSTEM_ACTOR } from './organisation.factory.js'

let counter = 0

/**
 * A staff account that holds a post: the account, its person in the organisation and the post.
 * @param options.unitId the unit of the post (a new team when left out)
 */
export async function buildStaffWithPost(
  db: Db,
  options: { unitId?: string; role?: StaffRole; isHeadOfUnit?: boolean; title?: string } = {},
) {
  counter += 1
  const unitId = options.unitId ?? (await buildOrgUnit(db)).id
  const user = await buildStaffUser(db, { role: options.role ?? 'caseworker' })
  const person = await organisationService.createPerson(db, SYSTEM_ACTOR, {
    displayName: user.displayName,
    staffUserId: user.id,
  })
  const post = await buildPost(db, unitId, {
    title: options.title ?? `${options.isHeadOfUnit ? 'Teamleitung' : 'Sachbearbeitung'} ${counter}`,
    isHeadOfUnit: options.isHeadOfUnit ?? false,
  })
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId: post.id,
    personId: person.id,
    validFrom: ORGANISATION_EPOCH,
    validTo: null,
  })
  return { ...user, personId: person.id, postId: post.id, unitId, postTitle: post.title }
}

export type StaffWithPost = Awaited<ReturnType<typeof buildStaffWithPost>>

/** A team: a lead holding the head post and `caseworkers` caseworkers, each with a post. */
export async function buildTeam(db: Db, options: { caseworkers?: number; parentId?: string } = {}) {
  const unit = await buildOrgUnit(db, { parentId: options.parentId ?? null })
  const lead = await buildStaffWithPost(db, { unitId: unit.id, role: 'team_lead', isHeadOfUnit: true })
  const caseworkers: StaffWithPost[] = []
  for (let i = 0; i < (options.caseworkers ?? 2); i++) {
    caseworkers.push(await buildStaffWithPost(db, { unitId: unit.id }))
  }
  return { unitId: unit.id, lead, caseworkers }
}

/** Puts a case on a post (or into the fallback queue), as routing or a lead would. */
export async function assignCase(db: Db, applicationId: string, postId: string | null): Promise<void> {
  await db
    .updateTable('application')
    .set({ assigned_post_id: postId })
    .where('id', '=', applicationId)
    .execute()
}

/**
 * A routing rule that sends new cases to `postId`; asked before every rule with a higher position.
 * @returns the rule id
 */
export async function buildRoutingRule(
  db: Db,
  postId: string,
  overrides: {
    position?: number
    benefitType?: string | null
    from?: string | null
    to?: string | null
  } = {},
): Promise<string> {
  counter += 1
  const row = await db
    .insertInto('routing_rule')
    .values({
      position: overrides.position ?? 1000 + counter,
      benefit_type: overrides.benefitType ?? null,
      surname_from: overrides.from ?? null,
      surname_to: overrides.to ?? null,
      target_post_id: postId,
      valid_from: ORGANISATION_EPOCH,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A four-eyes rule: decisions from `minMonthlyCents` go to `postId` for approval, or with `postId` null to
 * the head post of the case's unit.
 */
export async function buildApprovalRule(
  db: Db,
  postId: string | null,
  overrides: { benefitType?: string | null; minMonthlyCents?: number } = {},
): Promise<void> {
  await db
    .insertInto('approval_rule')
    .values({
      approving_post_id: postId,
      benefit_type: overrides.benefitType ?? null,
      min_monthly_cents: overrides.minMonthlyCents ?? 0,
      valid_from: ORGANISATION_EPOCH,
    })
    .execute()
}

/**
 * A submitted case as the online form stores it, then moved where the test needs it: onto a post, to a
 * benefit type, back in time. Urgency is recomputed as the workbench would.
 */
export async function buildCase(
  db: Db,
  options: {
    postId?: string | null
    surname?: string
    givenName?: string
    benefitType?: string
    submittedAt?: Date
  } = {},
) {
  const person: Record<string, string> = {}
  if (options.surname) {
    person.surname = options.surname
  }
  if (options.givenName) {
    person.givenName = options.givenName
  }
  const created = await buildApplication(db, grundsicherungAnswers({ person }))
  await db
    .updateTable('application')
    .set({
      ...(options.postId !== undefined ? { assigned_post_id: options.postId } : {}),
      ...(options.benefitType ? { benefit_type: options.benefitType } : {}),
      ...(options.submittedAt
        ? { submitted_at: options.submittedAt, status_changed_at: options.submittedAt }
        : {}),
    })
    .where('id', '=', created.applicationId)
    .execute()
  await refreshUrgency(db, created.applicationId)
  return created
}
