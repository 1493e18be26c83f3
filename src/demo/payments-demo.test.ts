// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectValidPain001 } from '../../test/support/pain001.js'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { berlinDay } from '../modules/organisation/index.js'
import { addMonths } from '../modules/payments/money-rules.js'
import { dryRunFiles } from '../modules/payments/payments.service.js'
import { createLogger } from '../shared/logger.js'
import { loadDemoData } from './demo-data.js'
import { loadPaymentsDemo } from './payments-demo.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
  await loadDemoData(
    ctx.db,
    ctx.deps.fileStore,
    ctx.dataDir,
    createLogger('silent'),
    ctx.deps.config.mfaSecretKey as Buffer,
  )
}, 120_000)
afterAll(async () => {
  await ctx.close()
})

describe('payments demo', () => {
  it('should give demo cases decisions with amounts once, and a second start adds nothing', async () => {
    const decisions = await ctx.db.selectFrom('decision').select('id').execute()
    expect(decisions.length).toBe(13)
    expect(await loadPaymentsDemo(ctx.db, createLogger('silent'))).toBe(0)
  })

  it('should make next month a run with arrears, a one-off grant and a held case, as a valid pain.001', async () => {
    const month = addMonths(berlinDay(new Date()).slice(0, 7), 1)
    const run = await dryRunFiles(ctx.db, ctx.deps.config.paymentDebtor, month)
    const kinds = new Set(run.computed.payments.flatMap((p) => p.lines.map((l) => l.kind)))
    expect([...kinds].sort()).toEqual(['arrears', 'one_off', 'ongoing'])
    expect(run.computed.skipped.map((s) => s.reason)).toEqual(['held'])
    expect(run.computed.payments).toHaveLength(11)
    expectValidPain001(run.pain001)
    // A dry run stores nothing.
    expect(await ctx.db.selectFrom('payment_run').select('id').execute()).toEqual([])
  })
})
