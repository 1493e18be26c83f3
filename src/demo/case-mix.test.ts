// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { urgencyOf } from '../modules/cases/priority-rules.js'
import { rulesInForce } from '../modules/cases/urgency.service.js'
import { BENEFIT_MIX, caseLifecycle } from './case-mix.js'
import { generateDemoApplications, mulberry32 } from './generator.js'

const NOW = new Date('2026-11-26T09:00:00Z')
const DAY_MS = 86_400_000

describe('caseLifecycle', () => {
  it('should go through the statuses in order, at rising times not after now, with the dates each status needs', () => {
    const next = mulberry32(3)
    const seen = new Map<string, number>()
    const types = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const submitted = new Date(NOW.getTime() - Math.floor(next() * 548 * DAY_MS))
      const life = caseLifecycle(next, submitted, NOW)
      seen.set(life.status, (seen.get(life.status) ?? 0) + 1)
      types.add(life.benefitType)
      let status = 'submitted'
      let at = submitted.getTime()
      for (const change of life.changes) {
        expect(change.from).toBe(status)
        expect(change.at.getTime()).toBeGreaterThan(at)
        expect(change.at.getTime()).toBeLessThanOrEqual(NOW.getTime())
        status = change.to
        at = change.at.getTime()
      }
      expect(status).toBe(life.status)
      const decided = life.changes.some((c) => c.to === 'decided')
      expect(life.benefitPeriodEnd !== null).toBe(decided)
      expect(life.objectionReceivedAt !== null).toBe(life.status === 'objection')
    }
    expect([...seen.keys()].sort()).toEqual(
      [
        'closed',
        'decided',
        'documents_requested',
        'in_review',
        'objection',
        'ready_for_decision',
        'submitted',
      ].sort(),
    )
    // Most cases of 18 months are decided or closed; a real share is still open.
    const open = ['submitted', 'in_review', 'documents_requested', 'ready_for_decision'].reduce(
      (n, s) => n + (seen.get(s) ?? 0),
      0,
    )
    expect(open / 5000).toBeGreaterThan(0.05)
    expect(open / 5000).toBeLessThan(0.4)
    expect([...types].sort()).toEqual(BENEFIT_MIX.map(([t]) => t).sort())
  })
})

describe('generateDemoApplications with the office mix', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await freshTestContext()
  })
  afterAll(async () => {
    await ctx?.close()
  })

  it('should store every class and deadline kind, urgency as urgencyOf computes it, history matching the status', async () => {
    const unit = await ctx.db
      .insertInto('org_unit')
      .values({
        kind: 'team',
        name: 'Mix',
        short_code: 'M',
        parent_id: null,
        valid_from: new Date(0),
        valid_to: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const posts = await ctx.db
      .insertInto('post')
      .values(
        ['A', 'B'].map((title) => ({
          unit_id: unit.id,
          title,
          fte: 1,
          task_area: null,
          valid_from: new Date(0),
          valid_to: null,
          signing_limit_cents: null,
        })),
      )
      .returning('id')
      .execute()
    const postIds = posts.map((p) => p.id)
    await generateDemoApplications(ctx.db, ctx.deps.fileStore, {
      count: 1500,
      seed: 77,
      now: NOW,
      postIds,
      mix: 'office',
      batchSize: 600,
    })
    const { rules } = await rulesInForce(ctx.db, NOW)
    const rows = await ctx.db
      .selectFrom('application')
      .select([
        'id',
        'benefit_type',
        'status',
        'submitted_at',
        'status_changed_at',
        'objection_received_at',
        'benefit_period_end',
        'priority_class',
        'next_deadline_at',
        'next_deadline_kind',
        'assigned_post_id',
      ])
      .execute()
    expect(rows).toHaveLength(1500)
    const changes = await ctx.db
      .selectFrom('application_status_change')
      .select(['application_id', 'to_status', 'changed_at'])
      .orderBy('changed_at')
      .execute()
    const lastChange = new Map<string, { to_status: string; changed_at: Date }>()
    for (const c of changes) {
      lastChange.set(c.application_id, c)
    }
    let wrong = 0
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
      const last = lastChange.get(r.id)
      if (
        u.priorityClass !== r.priority_class ||
        (u.nextDeadline?.at.getTime() ?? null) !== (r.next_deadline_at?.getTime() ?? null) ||
        (u.nextDeadline?.kind ?? null) !== r.next_deadline_kind ||
        last?.to_status !== r.status ||
        last?.changed_at.getTime() !== r.status_changed_at.getTime()
      ) {
        wrong++
      }
    }
    expect(wrong).toBe(0)
    expect(new Set(rows.map((r) => r.priority_class))).toEqual(new Set([0, 1, 2]))
    expect(new Set(rows.map((r) => r.next_deadline_kind))).toEqual(
      new Set([null, 'undecided', 'objection', 'period_ending']),
    )
    expect(new Set(rows.map((r) => r.assigned_post_id))).toEqual(new Set(postIds))
    // Deadlines vary: some overdue, some ahead.
    const withDeadline = rows.filter((r) => r.next_deadline_at)
    expect(withDeadline.some((r) => (r.next_deadline_at as Date) < NOW)).toBe(true)
    expect(withDeadline.some((r) => (r.next_deadline_at as Date) > NOW)).toBe(true)
  })
})
