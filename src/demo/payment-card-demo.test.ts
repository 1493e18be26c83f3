// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase } from '../../test/factories/cases.factory.js'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { cardKeyringFor } from '../modules/payment-card/card-iban.js'
import { cardPayeeFor } from '../modules/payment-card/card-payee.js'
import { createLogger } from '../shared/logger.js'
import { loadPaymentCardDemo } from './payment-card-demo.js'

let ctx: TestContext

beforeAll(async () => {
  ctx = await freshTestContext()
  await cardKeyringFor(ctx.deps.config)
})
afterAll(async () => {
  await ctx.close()
})

describe('payment card demo data', () => {
  it('should create households with mapped children, cards and open and decided requests, once', async () => {
    const cases = []
    for (let i = 0; i < 4; i++) {
      cases.push((await buildCase(ctx.db, { benefitType: 'asylblg' })).applicationId)
    }
    const now = new Date('2026-11-26T10:00:00Z')
    await loadPaymentCardDemo(ctx.db, createLogger('silent'), now)
    await loadPaymentCardDemo(ctx.db, createLogger('silent'), now)
    const members = await ctx.db.selectFrom('household_member').selectAll().execute()
    expect(members.filter((m) => m.role === 'child')).toHaveLength(3)
    expect(members.filter((m) => m.role === 'child').every((m) => m.card_holder_member_id !== null)).toBe(
      true,
    )
    const cards = await ctx.db.selectFrom('payment_card').select(['status', 'replaces_card_id']).execute()
    expect(cards.map((c) => c.status).sort()).toEqual([
      'active',
      'active',
      'active',
      'active',
      'active',
      'ordered',
      'replaced',
    ])
    expect(cards.filter((c) => c.replaces_card_id !== null)).toHaveLength(1)
    const approvals = await ctx.db.selectFrom('card_approval').select(['status', 'due_on']).execute()
    expect(approvals.map((a) => a.status).sort()).toEqual(['approved', 'approved', 'open', 'open', 'refused'])
    expect(approvals.some((a) => a.status === 'open' && a.due_on < '2026-11-26')).toBe(true)
    // The household whose card is only ordered keeps its bank account; the others are paid to their card.
    const payees = await Promise.all(cases.map((id) => cardPayeeFor(ctx.db, id, now)))
    expect(payees.map((p) => p !== null)).toEqual([true, true, true, false])
  })
})
