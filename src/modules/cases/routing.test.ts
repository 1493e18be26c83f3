// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, grundsicherungAnswers } from '../../../test/factories/applications.factory.js'
import { buildRoutingRule, buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { inLetterRange, matchRoutingRule, type RoutingRuleInput, surnameKey } from './routing.js'

describe('surnameKey (DIN 5007-1)', () => {
  it('should fold umlauts to their base letter, ß to SS, drop marks and everything but A–Z', () => {
    expect(surnameKey('Öztürk-Meyer')).toBe('OZTURKMEYER')
    expect(surnameKey('Strauß')).toBe('STRAUSS')
    expect(surnameKey('von der Lühe')).toBe('VONDERLUHE')
    expect(surnameKey("D'Alessandro")).toBe('DALESSANDRO')
    // Letters without a Unicode decomposition are spelled out, not dropped.
    expect(surnameKey('Łukasiewicz')).toBe('LUKASIEWICZ')
    expect(surnameKey('Søndergaard')).toBe('SONDERGAARD')
    expect(surnameKey('Ńowak')).toBe('NOWAK')
  })

  it('should compare letter ranges inclusively, the upper bound as a prefix', () => {
    expect(inLetterRange('KZYK', 'A', 'K')).toBe(true)
    expect(inLetterRange('LAMBERT', 'A', 'K')).toBe(false)
    expect(inLetterRange('MA', 'MA', 'MZ')).toBe(true)
    expect(inLetterRange('M', 'MA', 'MZ')).toBe(false)
    expect(inLetterRange('ZYLKA', null, null)).toBe(true)
  })
})

describe('matchRoutingRule', () => {
  const rules: RoutingRuleInput[] = [
    {
      id: 'c',
      position: 30,
      benefitType: null,
      surnameFrom: null,
      surnameTo: null,
      targetPostId: 'catch-all',
    },
    {
      id: 'a',
      position: 10,
      benefitType: 'grusi',
      surnameFrom: 'A',
      surnameTo: 'K',
      targetPostId: 'grusi-a-k',
    },
    {
      id: 'b',
      position: 20,
      benefitType: 'grusi',
      surnameFrom: 'L',
      surnameTo: 'Z',
      targetPostId: 'grusi-l-z',
    },
  ]
  it('should take the first matching rule by position, whatever order the rules come in', () => {
    expect(matchRoutingRule(rules, 'grusi', surnameKey('Ahrens'))?.targetPostId).toBe('grusi-a-k')
    expect(matchRoutingRule(rules, 'grusi', surnameKey('Östergaard'))?.targetPostId).toBe('grusi-l-z')
    expect(matchRoutingRule(rules, 'hlu', surnameKey('Ahrens'))?.targetPostId).toBe('catch-all')
    expect(matchRoutingRule(rules.slice(1), 'hlu', 'AHRENS')).toBeUndefined()
  })
})

describe('routing inside the submission statement', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await freshTestContext()
  })
  afterAll(async () => {
    await ctx.close()
  })

  it('should assign every submitted case to the post matchRoutingRule names (SQL and TypeScript agree)', async () => {
    const posts = await Promise.all([0, 1, 2].map(() => buildStaffWithPost(ctx.db)))
    const specs = [
      { position: 1, benefitType: 'hlu', from: null, to: null, post: 0 },
      { position: 2, benefitType: 'grusi', from: 'A', to: 'F', post: 0 },
      { position: 3, benefitType: 'grusi', from: 'G', to: 'MA', post: 1 },
      { position: 4, benefitType: 'grusi', from: 'MB', to: 'S', post: 2 },
      // T–Z: no rule, the fallback queue.
    ]
    const rules: RoutingRuleInput[] = []
    for (const spec of specs) {
      const targetPostId = posts[spec.post]?.postId as string
      const id = await buildRoutingRule(ctx.db, targetPostId, {
        position: spec.position,
        benefitType: spec.benefitType,
        from: spec.from,
        to: spec.to,
      })
      rules.push({
        id,
        position: spec.position,
        benefitType: spec.benefitType,
        surnameFrom: spec.from,
        surnameTo: spec.to,
        targetPostId,
      })
    }
    const surnames = fc.sample(
      fc
        .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ'), fc.stringMatching(/^[a-zäöüß]{1,8}$/))
        .map(([first, rest]) => first + rest),
      { numRuns: 40, seed: 2026 },
    )
    for (const [i, surname] of [...surnames, 'Maier', 'Mb', 'Zander', 'Fuchs', 'Gans'].entries()) {
      const receipt = await buildApplication(ctx.db, grundsicherungAnswers({ person: { surname } }))
      const row = await ctx.db
        .selectFrom('application')
        .select(['assigned_post_id', 'surname_key'])
        .where('id', '=', receipt.applicationId)
        .executeTakeFirstOrThrow()
      const expected = matchRoutingRule(rules, 'grusi', surnameKey(surname))?.targetPostId ?? null
      expect(row.surname_key, `#${i} ${surname}`).toBe(surnameKey(surname))
      expect(row.assigned_post_id, `#${i} ${surname}`).toBe(expected)
    }
    const history = await ctx.db.selectFrom('case_assignment').select(['post_id', 'rule_id']).execute()
    expect(history.length).toBeGreaterThanOrEqual(45)
    expect(history.some((h) => h.post_id === null && h.rule_id === null)).toBe(true)
  })
})
