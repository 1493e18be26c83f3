// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildApproval, buildMember } from '../../../test/factories/payment-card.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { NotFoundError } from '../../shared/errors.js'
import { decisionTimeStats } from './payment-card.domain.js'
import { CardRefusedError } from './payment-card.errors.js'
import { approvalReport, mapChild } from './payment-card.service.js'

let ctx: TestContext
let worker: StaffWithPost
const principal = (s: StaffWithPost) => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  role: s.role,
})

beforeAll(async () => {
  ctx = await freshTestContext()
  worker = await buildStaffWithPost(ctx.db)
})
afterAll(async () => {
  await ctx.close()
})

describe('mapChild', () => {
  it('should move a child onto another adult of the same household, and refuse anything else', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: worker.postId, benefitType: 'asylblg' })
    const first = await buildMember(ctx.db, applicationId, { givenName: 'Erste' })
    const second = await buildMember(ctx.db, applicationId, { givenName: 'Zweite' })
    const child = await buildMember(ctx.db, applicationId, { role: 'child', cardHolderMemberId: first.id })
    await mapChild(ctx.db, principal(worker), applicationId, child.id, second.id, null)
    const row = await ctx.db
      .selectFrom('household_member')
      .select('card_holder_member_id')
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow()
    expect(row.card_holder_member_id).toBe(second.id)
    await expect(
      mapChild(ctx.db, principal(worker), applicationId, child.id, child.id, null),
    ).rejects.toBeInstanceOf(CardRefusedError)
    await expect(
      mapChild(ctx.db, principal(worker), applicationId, first.id, second.id, null),
    ).rejects.toMatchObject({ refusal: 'unknown_member' })
    const other = await buildStaffWithPost(ctx.db)
    await expect(
      mapChild(ctx.db, principal(other), applicationId, child.id, first.id, null),
    ).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('approvalReport', () => {
  it('should compute median and p90 in SQL exactly as the pure function does, over the period only', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: worker.postId, benefitType: 'asylblg' })
    const hours = [2, 30, 7, 100, 49]
    const base = new Date('2026-10-01T08:00:00Z')
    for (const h of hours) {
      const a = await buildApproval(ctx.db, applicationId, null, { requestedAt: base })
      await ctx.db
        .updateTable('card_approval')
        .set({ status: 'approved', decided_at: new Date(base.getTime() + h * 3_600_000) })
        .where('id', '=', a.id)
        .execute()
    }
    // Decided long before the period: not counted.
    const old = await buildApproval(ctx.db, applicationId, null, {
      requestedAt: new Date('2025-01-01T00:00:00Z'),
    })
    await ctx.db
      .updateTable('card_approval')
      .set({ status: 'refused', decision_reason: 'x', decided_at: new Date('2025-01-01T01:00:00Z') })
      .where('id', '=', old.id)
      .execute()
    await buildApproval(ctx.db, applicationId, null, { dueOn: '2026-10-02' })
    await buildApproval(ctx.db, applicationId, null, { dueOn: '2099-01-01' })
    const report = await approvalReport(
      ctx.db,
      { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') },
      new Date('2026-10-15T12:00:00Z'),
    )
    const pure = decisionTimeStats(hours)
    expect(report.decided).toBe(5)
    expect(report.medianHours).toBeCloseTo(pure.median ?? Number.NaN, 6)
    expect(report.p90Hours).toBeCloseTo(pure.p90 ?? Number.NaN, 6)
    expect(report.medianHours).toBeCloseTo(30, 6)
    expect(report).toMatchObject({ open: 2, overdue: 1, notEnteredInPortal: 6 })
  })
})
