// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildHeldPost,
  buildInterimPlan,
  buildOrgUnit,
  buildPerson,
  PLAN,
  SYSTEM_ACTOR,
} from '../../../test/factories/organisation.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { listAuditEvents } from '../audit/index.js'
import { OrganisationRecordRejectedError, organisationService, PostNotFoundError } from './index.js'

let ctx: TestContext
let plan: Awaited<ReturnType<typeof buildInterimPlan>>

beforeAll(async () => {
  ctx = await freshTestContext()
  plan = await buildInterimPlan(ctx.db)
})

afterAll(async () => {
  await ctx?.close()
})

const at = (iso: string) => new Date(iso)

describe('whoActsFor on the interim plan of division 2.500', () => {
  it('should answer nobody for the vacant division head before the interim plan starts', async () => {
    const result = await organisationService.whoActsFor(
      ctx.db,
      plan.posts.divisionHead.id,
      at('2026-09-15T09:00:00Z'),
    )
    expect(result).toEqual({
      kind: 'nobody',
      reason: 'nobody_available',
      onBehalfOf: plan.posts.divisionHead.id,
      path: [plan.posts.divisionHead.id],
    })
  })

  it('should let the head of 2.500.1 act for the division head from the first instant of the interim plan', async () => {
    const result = await organisationService.whoActsFor(ctx.db, plan.posts.divisionHead.id, PLAN.interimFrom)
    expect(result).toMatchObject({
      kind: 'interim',
      person: { id: plan.people.grusiHead.id, displayName: 'Abteilungsleitung Grundsicherung' },
      actingPostId: plan.posts.grusiHead.id,
      onBehalfOf: plan.posts.divisionHead.id,
      path: [plan.posts.divisionHead.id, plan.posts.grusiHead.id],
    })
    const after = await organisationService.whoActsFor(ctx.db, plan.posts.divisionHead.id, PLAN.interimTo)
    expect(after).toMatchObject({ kind: 'nobody' })
  })

  it('should climb from an absent caseworker over the absent department head to the interim division head', async () => {
    const result = await organisationService.whoActsFor(
      ctx.db,
      plan.posts.hluCaseworker.id,
      at('2026-12-05T10:00:00Z'),
    )
    expect(result).toMatchObject({
      kind: 'unit_head',
      person: { id: plan.people.grusiHead.id },
      actingPostId: plan.posts.grusiHead.id,
      path: [
        plan.posts.hluCaseworker.id,
        plan.posts.hluHead.id,
        plan.posts.divisionHead.id,
        plan.posts.grusiHead.id,
      ],
    })
    // The department head is back at the exact end of the absence (to is exclusive).
    const back = await organisationService.whoActsFor(ctx.db, plan.posts.hluCaseworker.id, PLAN.absentTo)
    expect(back).toMatchObject({
      kind: 'unit_head',
      person: { id: plan.people.hluHead?.id },
      actingPostId: plan.posts.hluHead.id,
    })
  })

  it('should hand an absent caseworker to the mutual deputy and a vacant post to the team lead', async () => {
    const christmas = at('2026-12-22T09:00:00Z')
    expect(await organisationService.whoActsFor(ctx.db, plan.posts.caseworkerB.id, christmas)).toMatchObject({
      kind: 'deputy',
      person: { id: plan.people.caseworkerA?.id },
      path: [plan.posts.caseworkerB.id, plan.posts.caseworkerA.id],
    })
    expect(
      await organisationService.whoActsFor(ctx.db, plan.posts.caseworkerB.id, at('2027-01-04T00:00:00Z')),
    ).toMatchObject({
      kind: 'holder',
    })
    expect(
      await organisationService.whoActsFor(ctx.db, plan.posts.vacantCaseworker.id, christmas),
    ).toMatchObject({
      kind: 'unit_head',
      person: { id: plan.people.grusiLead?.id },
      path: [plan.posts.vacantCaseworker.id, plan.posts.grusiLead.id],
    })
  })

  it('should use the structure valid at a past date when asked about that date', async () => {
    const june = at('2026-06-15T09:00:00Z')
    // The dissolved team still existed in June: its vacant post fell to its own team lead.
    expect(
      await organisationService.whoActsFor(ctx.db, plan.posts.oldVacantCaseworker.id, june),
    ).toMatchObject({
      kind: 'unit_head',
      person: { id: plan.people.oldTeamLead?.id },
      path: [plan.posts.oldVacantCaseworker.id, plan.posts.oldTeamLead.id],
    })
    expect(await organisationService.whoActsFor(ctx.db, plan.posts.grusiHead.id, june)).toMatchObject({
      kind: 'holder',
      person: { id: plan.people.formerGrusiHead.id },
    })
    // After the handover the team is gone and the post is held by the new head.
    expect(
      await organisationService.whoActsFor(ctx.db, plan.posts.oldVacantCaseworker.id, PLAN.handover),
    ).toEqual({
      kind: 'nobody',
      reason: 'post_not_in_force',
      onBehalfOf: plan.posts.oldVacantCaseworker.id,
      path: [plan.posts.oldVacantCaseworker.id],
    })
    expect(
      await organisationService.whoActsFor(ctx.db, plan.posts.grusiHead.id, PLAN.handover),
    ).toMatchObject({
      kind: 'holder',
      person: { id: plan.people.grusiHead.id },
    })
  })

  it('should resolve the whole organisation at once with the same answers as one post at a time', async () => {
    for (const instant of [
      at('2026-06-15T09:00:00Z'),
      at('2026-09-15T09:00:00Z'),
      at('2026-12-05T10:00:00Z'),
    ]) {
      const all = await organisationService.resolveOrganisation(ctx.db, instant)
      for (const [postId, result] of all.results) {
        expect(await organisationService.whoActsFor(ctx.db, postId, instant)).toEqual(result)
      }
      if (instant < PLAN.interimFrom) {
        // Before the interim plan nobody acts for the division head or its vacant deputy post.
        expect(new Set(all.unresolvable)).toEqual(
          new Set([plan.posts.divisionHead.id, plan.posts.divisionDeputy.id]),
        )
      } else {
        expect(all.unresolvable).toEqual([])
      }
    }
    const december = await organisationService.resolveOrganisation(ctx.db, at('2026-12-05T10:00:00Z'))
    expect(december.results.size).toBe(9)
    expect(december.cycles).toEqual([])
  })

  it('should throw PostNotFoundError for a post that never existed', async () => {
    await expect(
      organisationService.whoActsFor(ctx.db, '00000000-0000-4000-8000-000000000000', new Date()),
    ).rejects.toBeInstanceOf(PostNotFoundError)
    await expect(organisationService.whoActsFor(ctx.db, 'not-a-uuid', new Date())).rejects.toBeInstanceOf(
      PostNotFoundError,
    )
  })
})

describe('organisation records', () => {
  it('should audit each change in the same transaction', async () => {
    const unit = await buildOrgUnit(ctx.db)
    const { post, holder } = await buildHeldPost(ctx.db, unit.id)
    const events = await listAuditEvents(ctx.db, { type: 'post', id: post.id })
    expect(events).toMatchObject([{ action: 'organisation.post_create', actor_type: 'system' }])
    const personEvents = await listAuditEvents(ctx.db, { type: 'person', id: holder?.id ?? '' })
    expect(personEvents).toHaveLength(1)
    // The audit row names the person by id only.
    expect(JSON.stringify(personEvents[0]?.details)).not.toContain(holder?.displayName)
  })

  it('should reject a second holder of a post in an overlapping period with 409 and write no audit row', async () => {
    const unit = await buildOrgUnit(ctx.db)
    const { post } = await buildHeldPost(ctx.db, unit.id)
    const other = await buildPerson(ctx.db)
    const error = await organisationService
      .assignPostHolder(ctx.db, SYSTEM_ACTOR, {
        postId: post.id,
        personId: other.id,
        validFrom: new Date('2026-05-01T00:00:00Z'),
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OrganisationRecordRejectedError)
    expect(error).toMatchObject({ rejection: 'overlap', status: 409, code: 'organisation.record_overlaps' })
    const holdings = await ctx.db
      .selectFrom('post_holding')
      .select('id')
      .where('post_id', '=', post.id)
      .execute()
    expect(holdings).toHaveLength(1)
  })

  it('should reject a period whose end is not after its start, and a second head post of a unit', async () => {
    const unit = await buildOrgUnit(ctx.db)
    const when = new Date('2026-05-01T00:00:00Z')
    await expect(buildOrgUnit(ctx.db, { validFrom: when, validTo: when })).rejects.toMatchObject({
      rejection: 'invalid',
      status: 422,
    })
    await buildHeldPost(ctx.db, unit.id, { isHeadOfUnit: true })
    await expect(buildHeldPost(ctx.db, unit.id, { isHeadOfUnit: true })).rejects.toMatchObject({
      rejection: 'overlap',
    })
  })
})
