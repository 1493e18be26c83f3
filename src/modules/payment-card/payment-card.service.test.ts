// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildApproval, buildMember } from '../../../test/factories/payment-card.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { NotFoundError } from '../../shared/errors.js'
import { decisionTimeStats } from './payment-card.domain.js'
import { approvalReport, getChildMapping, remapChild } from './payment-card.service.js'

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

describe('remapChild', () => {
  it('should book a child on another adult of the same household from a date, keep the history, and refuse anything else', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: worker.postId, benefitType: 'asylblg' })
    const first = await buildMember(ctx.db, applicationId, { givenName: 'Erste' })
    const second = await buildMember(ctx.db, applicationId, { givenName: 'Zweite' })
    const child = await buildMember(ctx.db, applicationId, { role: 'child', cardHolderMemberId: first.id })
    const now = new Date('2026-06-10T10:00:00Z')
    const input = { holderId: second.id, validFrom: '2026-07-01', reason: 'Mutter im Krankenhaus' }
    await remapChild(ctx.db, principal(worker), applicationId, child.id, input, null, now)
    const rows = await ctx.db
      .selectFrom('household_child_card')
      .select(['holder_member_id', 'valid_from', 'reason'])
      .where('child_member_id', '=', child.id)
      .execute()
    expect(rows).toEqual([
      { holder_member_id: second.id, valid_from: '2026-07-01', reason: 'Mutter im Krankenhaus' },
    ])
    const view = await getChildMapping(ctx.db, principal(worker), applicationId, child.id, null, now)
    expect(view.currentHolderId).toBe(first.id)
    expect(view.history.map((e) => [e.validFrom, e.holderId])).toEqual([
      ['2026-07-01', second.id],
      [null, first.id],
    ])
    const later = await getChildMapping(
      ctx.db,
      principal(worker),
      applicationId,
      child.id,
      null,
      new Date('2026-07-02T10:00:00Z'),
    )
    expect(later.currentHolderId).toBe(second.id)
    await expect(
      remapChild(
        ctx.db,
        principal(worker),
        applicationId,
        child.id,
        { ...input, holderId: child.id },
        null,
        now,
      ),
    ).rejects.toMatchObject({ refusal: 'member_not_adult' })
    await expect(
      remapChild(ctx.db, principal(worker), applicationId, first.id, input, null, now),
    ).rejects.toMatchObject({ refusal: 'unknown_member' })
    await expect(
      remapChild(
        ctx.db,
        principal(worker),
        applicationId,
        child.id,
        { ...input, holderId: first.id },
        null,
        now,
      ),
    ).rejects.toMatchObject({ refusal: 'mapping_not_after' })
    await expect(
      remapChild(
        ctx.db,
        principal(worker),
        applicationId,
        child.id,
        { ...input, validFrom: '2026-08-01' },
        null,
        now,
      ),
    ).rejects.toMatchObject({ refusal: 'mapping_same_holder' })
    const other = await buildStaffWithPost(ctx.db)
    await expect(
      remapChild(
        ctx.db,
        principal(other),
        applicationId,
        child.id,
        { ...input, validFrom: '2026-09-01' },
        null,
        now,
      ),
    ).rejects.toBeInstanceOf(NotFoundError)
    expect(
      await ctx.db
        .selectFrom('household_child_card')
        .select('id')
        .where('child_member_id', '=', child.id)
        .execute(),
    ).toHaveLength(1)
    await expect(
      ctx.db
        .updateTable('household_child_card')
        .set({ reason: 'geändert' })
        .where('child_member_id', '=', child.id)
        .execute(),
    ).rejects.toThrow(/append-only/)
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
