// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { createLogger } from '../shared/logger.js'
import { loadDemoComplaints } from './complaints-demo.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

describe('demo complaints', () => {
  it('should create the synthetic complaints once, through the service (routed, audited)', async () => {
    await loadDemoComplaints(ctx.db, ctx.deps.fileStore, createLogger('silent'))
    await loadDemoComplaints(ctx.db, ctx.deps.fileStore, createLogger('silent'))
    const rows = await ctx.db.selectFrom('complaint').select(['reference', 'channel']).execute()
    expect(rows).toHaveLength(8)
    const audits = await ctx.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'complaint.create')
      .execute()
    expect(audits).toHaveLength(8)
  })
})
