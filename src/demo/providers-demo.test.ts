// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication } from '../../test/factories/applications.factory.js'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { occupancyByMonth } from '../modules/accommodation/index.js'
import { providersService } from '../modules/providers/index.js'
import { createLogger } from '../shared/logger.js'
import { loadProvidersDemo } from './providers-demo.js'

const TODAY = '2026-11-26'
let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
  for (let i = 0; i < 30; i++) {
    await buildApplication(ctx.db)
  }
  await loadProvidersDemo(ctx.db, createLogger('silent'), TODAY)
  // A second start changes nothing.
  await loadProvidersDemo(ctx.db, createLogger('silent'), TODAY)
}, 120_000)
afterAll(async () => {
  await ctx.close()
})

describe('providers demo', () => {
  it('should create ten providers and nine sites once', async () => {
    expect(await ctx.db.selectFrom('provider').select('id').execute()).toHaveLength(10)
    expect(await ctx.db.selectFrom('accommodation_site').select('id').execute()).toHaveLength(9)
  })

  it('should hold one renegotiation chain of three contracts with rising budgets', async () => {
    const last = await ctx.db
      .selectFrom('provider_contract')
      .select('id')
      .where('reference', '=', 'BV-2026-001')
      .executeTakeFirstOrThrow()
    const { chain } = await providersService.contractHistory(ctx.db, last.id)
    expect(chain.map((e) => e.contract.reference)).toEqual(['BV-2024-001', 'BV-2025-001', 'BV-2026-001'])
    expect(chain.slice(1).every((e) => (e.budgetChangeCents ?? 0) > 0)).toBe(true)
  })

  it('should give every site its operator, care and guarding contract', async () => {
    const rows = await ctx.db
      .selectFrom('provider_contract')
      .select(['site_id', 'kind'])
      .where('site_id', 'is not', null)
      .execute()
    expect(rows).toHaveLength(27)
  })

  it('should put something on the due-soon list and give occupancy over twelve months', async () => {
    expect((await providersService.dueSoon(ctx.db, TODAY)).length).toBeGreaterThan(0)
    const series = await occupancyByMonth(ctx.db, '2025-12', '2026-11')
    expect(series).toHaveLength(12)
    expect(series.some((m) => m.occupied > 0)).toBe(true)
    expect(series.every((m) => m.occupied <= m.capacity)).toBe(true)
  })
})
