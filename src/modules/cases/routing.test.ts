// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, grundsicherungAnswers } from '../../../test/factories/applications.factory.js'
import { buildRoutingRule, buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { inLetterRange, matchRoutingRule, type RoutingRuleInput, routeCase, surnameKey } from './routing.js'

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

describe('team routing: office-wide rule to a team, the team rules pick the post, else the team queue', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await freshTestContext()
  })
  afterAll(async () => {
    await ctx.close()
  })

  it('should route every submitted case where routeCase says (SQL and TypeScript agree, team queue included)', async () => {
    const a = await buildStaffWithPost(ctx.db)
    const teamPost1 = await buildStaffWithPost(ctx.db)
    const teamPost2 = await buildStaffWithPost(ctx.db, { unitId: teamPost1.unitId })
    const team = teamPost1.unitId
    const insert = async (r: Omit<RoutingRuleInput, 'id'>) => {
      const row = await ctx.db
        .insertInto('routing_rule')
        .values({
          position: r.position,
          benefit_type: r.benefitType,
          surname_from: r.surnameFrom,
          surname_to: r.surnameTo,
          target_post_id: r.targetPostId,
          target_unit_id: r.targetUnitId ?? null,
          within_unit_id: r.withinUnitId ?? null,
          valid_from: new Date('2020-01-01T00:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { ...r, id: row.id }
    }
    const rules: RoutingRuleInput[] = [
      await insert({
        position: 1,
        benefitType: 'grusi',
        surnameFrom: 'A',
        surnameTo: 'F',
        targetPostId: a.postId,
      }),
      // G–S goes to the team; the team's own rules: G–K to post 1, P–R to post 2; L–O and S wait in the queue.
      await insert({
        position: 2,
        benefitType: 'grusi',
        surnameFrom: 'G',
        surnameTo: 'S',
        targetPostId: null,
        targetUnitId: team,
      }),
      await insert({
        position: 1,
        benefitType: null,
        surnameFrom: 'G',
        surnameTo: 'K',
        targetPostId: teamPost1.postId,
        withinUnitId: team,
      }),
      await insert({
        position: 2,
        benefitType: 'grusi',
        surnameFrom: 'P',
        surnameTo: 'R',
        targetPostId: teamPost2.postId,
        withinUnitId: team,
      }),
      // A team rule for another benefit type never applies to these Grundsicherung cases.
      await insert({
        position: 3,
        benefitType: 'hlu',
        surnameFrom: 'L',
        surnameTo: 'O',
        targetPostId: teamPost2.postId,
        withinUnitId: team,
      }),
      // T–Z: no rule, the global fallback queue.
    ]
    const surnames = fc.sample(
      fc
        .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ'), fc.stringMatching(/^[a-zäöüß]{1,8}$/))
        .map(([first, rest]) => first + rest),
      { numRuns: 40, seed: 4711 },
    )
    const seen = new Set<string>()
    for (const [i, surname] of [...surnames, 'Gans', 'Lübke', 'Petersen', 'Schulz', 'Zander'].entries()) {
      const receipt = await buildApplication(ctx.db, grundsicherungAnswers({ person: { surname } }))
      const row = await ctx.db
        .selectFrom('application')
        .select(['assigned_post_id', 'queue_unit_id'])
        .where('id', '=', receipt.applicationId)
        .executeTakeFirstOrThrow()
      const expected = routeCase(rules, 'grusi', surnameKey(surname))
      expect({ post: row.assigned_post_id, queue: row.queue_unit_id }, `#${i} ${surname}`).toEqual({
        post: expected.postId,
        queue: expected.queueUnitId,
      })
      const history = await ctx.db
        .selectFrom('case_assignment')
        .select(['post_id', 'queue_unit_id', 'rule_id'])
        .where('application_id', '=', receipt.applicationId)
        .executeTakeFirstOrThrow()
      expect(history, `#${i} ${surname}`).toEqual({
        post_id: expected.postId,
        queue_unit_id: expected.queueUnitId,
        rule_id: expected.ruleId,
      })
      seen.add(expected.postId ? 'post' : expected.queueUnitId ? 'queue' : 'fallback')
    }
    // Every outcome occurred: a post, the team queue and the global fallback.
    expect([...seen].sort()).toEqual(['fallback', 'post', 'queue'])
    expect(routeCase(rules, 'grusi', 'LUBKE')).toEqual({
      postId: null,
      queueUnitId: team,
      ruleId: rules[1]?.id,
    })
    expect(routeCase(rules, 'grusi', 'PETERSEN').postId).toBe(teamPost2.postId)
  })
})
