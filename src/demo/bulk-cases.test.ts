// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { urgencyOf } from '../modules/cases/priority-rules.js'
import { rulesInForce } from '../modules/cases/urgency.service.js'
import { BULK_STATUS_MIX, insertBulkCases } from './bulk-cases.js'

let ctx: TestContext
const NOW = new Date('2026-11-26T09:00:00Z')
const COUNT = 6000
let teams = 0

beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx?.close()
})

async function threePosts(): Promise<string[]> {
  const unit = await ctx.db
    .insertInto('org_unit')
    .values({
      kind: 'team',
      name: 'Bulk',
      short_code: `B${++teams}`,
      parent_id: null,
      valid_from: new Date(0),
      valid_to: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const posts = await ctx.db
    .insertInto('post')
    .values(
      ['A', 'B', 'C'].map((t) => ({
        unit_id: unit.id,
        title: t,
        fte: 1,
        task_area: null,
        valid_from: new Date(0),
        valid_to: null,
        signing_limit_cents: null,
      })),
    )
    .returning('id')
    .execute()
  return posts.map((p) => p.id)
}

describe('bulk cases for the inbox benchmark', () => {
  it('should store urgency exactly as urgencyOf computes it, with every class, deadline kind and post used', async () => {
    const postIds = await threePosts()
    expect(
      await insertBulkCases(ctx.db, { count: COUNT, postIds, seed: 11, now: NOW, batchSize: 2500 }),
    ).toBe(COUNT)
    const { rules } = await rulesInForce(ctx.db, NOW)
    const rows = await ctx.db
      .selectFrom('application')
      .select([
        'benefit_type',
        'status',
        'submitted_at',
        'objection_received_at',
        'benefit_period_end',
        'priority_class',
        'next_deadline_at',
        'next_deadline_kind',
        'assigned_post_id',
      ])
      .execute()
    expect(rows).toHaveLength(COUNT)
    let mismatches = 0
    for (const r of rows) {
      const u = urgencyOf(
        {
          benefitType: r.benefit_type,
          status: r.status,
          submittedAt: r.submitted_at,
          objectionReceivedAt: r.objection_received_at,
          benefitPeriodEnd: r.benefit_period_end,
          openDocumentRequestsDue: [],
        },
        rules,
      )
      if (
        u.priorityClass !== r.priority_class ||
        (u.nextDeadline?.at.getTime() ?? null) !== (r.next_deadline_at?.getTime() ?? null) ||
        (u.nextDeadline?.kind ?? null) !== r.next_deadline_kind
      ) {
        mismatches++
      }
    }
    expect(mismatches).toBe(0)
    expect(new Set(rows.map((r) => r.priority_class))).toEqual(new Set([0, 1, 2]))
    expect(new Set(rows.map((r) => r.next_deadline_kind))).toEqual(
      new Set([null, 'undecided', 'objection', 'period_ending']),
    )
    expect(new Set(rows.map((r) => r.assigned_post_id))).toEqual(new Set(postIds))
    // Shares near the configured mix (6000 draws: ± 2.5 points is far outside chance).
    const total = BULK_STATUS_MIX.reduce((n, [, w]) => n + w, 0)
    for (const [status, weight] of BULK_STATUS_MIX) {
      const share = rows.filter((r) => r.status === status).length / COUNT
      expect(Math.abs(share - weight / total)).toBeLessThan(0.025)
    }
    // Some open applications are past § 88 SGG, most are not.
    const undecided = rows.filter((r) => r.next_deadline_kind === 'undecided')
    const overdue = undecided.filter((r) => (r.next_deadline_at?.getTime() ?? 0) < NOW.getTime()).length
    expect(overdue).toBeGreaterThan(0)
    expect(overdue).toBeLessThan(undecided.length / 2)
  })

  it('should give the same cases for the same seed', async () => {
    const postIds = await threePosts()
    const snapshot = async () =>
      (
        await ctx.db
          .selectFrom('application')
          .select(['benefit_type', 'status', 'submitted_at', 'assigned_post_id'])
          .where('assigned_post_id', 'in', postIds)
          .orderBy('reference')
          .execute()
      ).map(
        (r) =>
          `${r.benefit_type}|${r.status}|${r.submitted_at.toISOString()}|${postIds.indexOf(r.assigned_post_id ?? '')}`,
      )
    await insertBulkCases(ctx.db, { count: 300, postIds, seed: 5, now: NOW })
    const first = await snapshot()
    await ctx.db.deleteFrom('application').where('assigned_post_id', 'in', postIds).execute()
    await insertBulkCases(ctx.db, { count: 300, postIds, seed: 5, now: NOW })
    expect(await snapshot()).toEqual(first)
    await ctx.db.deleteFrom('application').where('assigned_post_id', 'in', postIds).execute()
    await insertBulkCases(ctx.db, { count: 300, postIds, seed: 6, now: NOW })
    expect(await snapshot()).not.toEqual(first)
  })
})
