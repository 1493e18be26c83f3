// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { organisationService as org } from '../modules/organisation/index.js'
import { createLogger } from '../shared/logger.js'
import { DEMO_ORGANISATION, generateOrganisation, loadDemoOrganisation } from './organisation-demo.js'

let ctx: TestContext
const NOW = new Date('2026-11-26T09:00:00Z')

beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx?.close()
})

describe('demo organisation', () => {
  it('should generate the same organisation for a seed, of the asked size, with about half the caseworker posts vacant', () => {
    const a = generateOrganisation({ teams: 25, posts: 300, seed: 7, now: NOW })
    const b = generateOrganisation({ teams: 25, posts: 300, seed: 7, now: NOW })
    expect(b.csv).toBe(a.csv)
    expect(generateOrganisation({ teams: 25, posts: 300, seed: 8, now: NOW }).csv).not.toBe(a.csv)
    expect(a.teamIds).toHaveLength(25)
    expect(a.posts).toHaveLength(300)
    const caseworkers = a.posts.filter((p) => !p.isHeadOfUnit && p.title.startsWith('Sachbearbeitung'))
    const vacant = caseworkers.filter((p) => !p.filled).length / caseworkers.length
    expect(vacant).toBeGreaterThan(0.35)
    expect(vacant).toBeLessThan(0.6)
  })

  it('should store the demo once, with the vacant division head covered by the interim plan and nobody unresolvable', async () => {
    await loadDemoOrganisation(ctx.db, createLogger('silent'), NOW)
    await loadDemoOrganisation(ctx.db, createLogger('silent'), NOW)
    const units = await ctx.db
      .selectFrom('org_unit')
      .select(['short_code', 'name'])
      .orderBy('short_code')
      .execute()
    expect(units[0]).toEqual({ short_code: '2.500', name: 'Soziale Sicherung' })
    expect(units).toHaveLength(1 + 2 + DEMO_ORGANISATION.teams)
    const resolution = await org.resolveOrganisation(ctx.db, NOW)
    expect(resolution.results.size).toBe(DEMO_ORGANISATION.posts)
    expect(resolution.unresolvable).toEqual([])
    const generated = generateOrganisation({ ...DEMO_ORGANISATION, now: NOW })
    const head = generated.posts.find((p) => p.title === 'Bereichsleitung')
    expect(resolution.results.get(head?.id ?? '')).toMatchObject({ kind: 'interim' })
  })
})
