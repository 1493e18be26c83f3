// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import { germanDay } from '../../../test/support/dates.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'
import { berlinDay, berlinDayStart } from '../organisation/organisation.dates.js'
import { reassignCases } from './cases.service.js'
import { priorityRulesSchema } from './priority-rules.js'
import * as rules from './rules.service.js'
import { recomputeOutdatedUrgency } from './urgency.service.js'

const CASE = '/sachbearbeitung/antraege'
const BASE = '/verwaltung/regeln'
const DAY = 86_400_000

let ctx: TestContext
let team: Awaited<ReturnType<typeof buildTeam>>
let other: Awaited<ReturnType<typeof buildTeam>>
let member: TestClient
let member2: TestClient
let stranger: TestClient
let lead: TestClient
let otherLead: TestClient
let head: TestClient
let caseworkerNoPost: TestClient

const flat = (html: string) => html.replace(/\s+/g, ' ')

async function queueCase(surname: string) {
  const c = await buildCase(ctx.db, { postId: null, surname })
  await ctx.db
    .updateTable('application')
    .set({ queue_unit_id: team.unitId })
    .where('id', '=', c.applicationId)
    .execute()
  return c
}

async function rowOf(id: string) {
  return ctx.db
    .selectFrom('application')
    .select(['assigned_post_id', 'queue_unit_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function audits(action: string) {
  return ctx.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  team = await buildTeam(ctx.db, { caseworkers: 2 })
  other = await buildTeam(ctx.db, { caseworkers: 1 })
  member = await signIn(ctx.app, team.caseworkers[0] as never)
  member2 = await signIn(ctx.app, team.caseworkers[1] as never)
  stranger = await signIn(ctx.app, other.caseworkers[0] as never)
  lead = await signIn(ctx.app, team.lead)
  otherLead = await signIn(ctx.app, other.lead)
  head = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'division_head' }))
  caseworkerNoPost = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
}, 120_000)

afterAll(async () => {
  await ctx?.close()
})

describe('team queue: need-to-know and inbox', () => {
  it('should show a team-queue case to the team members and the team lead, marked in the inbox, and to nobody else', async () => {
    const c = await queueCase('Wartelistler')
    for (const client of [member, member2, lead]) {
      const res = await client.get(`${CASE}/${c.applicationId}`)
      expect(res.status).toBe(200)
      const page = flat(await res.text())
      expect(page).toContain('Teameingang Team')
      expect(page).toContain('Fall übernehmen')
      const inbox = flat(await (await client.get(CASE)).text())
      expect(inbox).toContain('Wartelistler')
      expect(inbox).toContain('Teameingang Team')
    }
    const missing = await stranger.get(`${CASE}/00000000-0000-4000-8000-000000000000`)
    for (const client of [stranger, otherLead, caseworkerNoPost]) {
      const res = await client.get(`${CASE}/${c.applicationId}`)
      expect(res.status).toBe(404)
      expect(flat(await (await client.get(CASE)).text())).not.toContain('Wartelistler')
    }
    expect(missing.status).toBe(404)
    // The global fallback queue of leads no longer holds team-queue cases.
    const fallback = flat(await (await otherLead.get(`${CASE}?ansicht=ohne-zustaendigkeit`)).text())
    expect(fallback).not.toContain('Wartelistler')
  })
})

describe('team queue: taking and assigning', () => {
  it('should let a team member take a queue case onto her post, audited, and refuse strangers and foreign posts', async () => {
    const c = await queueCase('Nehmer')
    const mine = team.caseworkers[0]?.postId as string
    const strangerTry = await stranger.post(`${CASE}/${c.applicationId}/uebernehmen`, {
      postId: other.caseworkers[0]?.postId as string,
    })
    expect(strangerTry.status).toBe(404)
    const foreignPost = await member.post(`${CASE}/${c.applicationId}/uebernehmen`, {
      postId: team.caseworkers[1]?.postId as string,
    })
    expect(foreignPost.status).toBe(422)
    expect(flat(await foreignPost.text())).toContain('Wählen Sie eine Ihrer Stellen in diesem Team.')
    expect(await rowOf(c.applicationId)).toEqual({ assigned_post_id: null, queue_unit_id: team.unitId })

    const taken = await member.post(`${CASE}/${c.applicationId}/uebernehmen`, { postId: mine })
    expect(taken.status).toBe(303)
    expect(await rowOf(c.applicationId)).toEqual({ assigned_post_id: mine, queue_unit_id: null })
    const audit = (await audits('case.take')).find((a) => a.subject_id === c.applicationId)
    expect(audit?.details).toMatchObject({ fromQueueUnitId: team.unitId, to: mine })
    // Taken cases leave the queue: a second take is refused, and the colleague no longer sees it.
    const again = await member.post(`${CASE}/${c.applicationId}/uebernehmen`, { postId: mine })
    expect(again.status).toBe(422)
    expect(flat(await again.text())).toContain('Der Fall liegt nicht (mehr) im Teameingang.')
    expect((await member2.get(`${CASE}/${c.applicationId}`)).status).toBe(404)
  })

  it('should take onto her only post in the team when no post is named', async () => {
    const c = await queueCase('Ohnestelle')
    const res = await member2.post(`${CASE}/${c.applicationId}/uebernehmen`, {})
    expect(res.status).toBe(303)
    expect((await rowOf(c.applicationId)).assigned_post_id).toBe(team.caseworkers[1]?.postId)
  })

  it('should let the lead assign a queue case to a post of the team and empty the queue', async () => {
    const c = await queueCase('Zuweisung')
    const target = team.caseworkers[1]?.postId as string
    await reassignCases(ctx.db, team.lead, [c.applicationId], target, 'Urlaubsvertretung', null)
    expect(await rowOf(c.applicationId)).toEqual({ assigned_post_id: target, queue_unit_id: null })
    await expect(
      reassignCases(
        ctx.db,
        other.lead,
        [(await queueCase('Fremd')).applicationId],
        other.lead.postId,
        'x'.repeat(5),
        null,
      ),
    ).rejects.toThrow()
  })
})

describe('rule screens: team targets', () => {
  it('should store a rule to a team and a team rule, and refuse a team rule naming a post of another team', async () => {
    const toTeam = await head.post(`${BASE}/zustaendigkeit/neu`, {
      position: '50',
      benefitType: 'hlu',
      targetPostId: '',
      targetUnitId: team.unitId,
      withinUnitId: '',
      validFrom: germanDay(0),
    })
    expect(toTeam.status).toBe(303)
    const withinTeam = await head.post(`${BASE}/zustaendigkeit/neu`, {
      position: '1',
      benefitType: '',
      surnameFrom: 'A',
      surnameTo: 'K',
      targetPostId: team.caseworkers[0]?.postId as string,
      targetUnitId: '',
      withinUnitId: team.unitId,
      validFrom: germanDay(0),
    })
    expect(withinTeam.status).toBe(303)
    const stored = await ctx.db
      .selectFrom('routing_rule')
      .selectAll()
      .where('within_unit_id', '=', team.unitId)
      .execute()
    expect(stored).toHaveLength(1)
    const before = (await ctx.db.selectFrom('routing_rule').select('id').execute()).length
    const wrong = await head.post(`${BASE}/zustaendigkeit/neu`, {
      position: '2',
      benefitType: '',
      targetPostId: other.caseworkers[0]?.postId as string,
      targetUnitId: '',
      withinUnitId: team.unitId,
      validFrom: germanDay(0),
    })
    expect(wrong.status).toBe(422)
    expect(flat(await wrong.text())).toContain(
      'Eine Regel innerhalb eines Teams muss eine Stelle dieses Teams nennen.',
    )
    const both = await head.post(`${BASE}/zustaendigkeit/neu`, {
      position: '3',
      benefitType: '',
      targetPostId: team.caseworkers[0]?.postId as string,
      targetUnitId: team.unitId,
      validFrom: germanDay(0),
    })
    expect(both.status).toBe(422)
    expect(flat(await both.text())).toContain('Wählen Sie entweder eine Stelle oder ein Team als Ziel')
    expect((await ctx.db.selectFrom('routing_rule').select('id').execute()).length).toBe(before)
    const overview = flat(await (await head.get(BASE)).text())
    expect(overview).toContain('Teameingang')
  })
})

describe('withdrawing a rule before it starts', () => {
  it('should withdraw a future routing rule with a reason (audited) and refuse one in force with a German 422', async () => {
    const actor = { id: team.lead.id, requestId: null }
    const future = await rules.addRoutingRule(ctx.db, actor, {
      position: 70,
      benefitType: null,
      surnameFrom: 'X',
      surnameTo: 'Z',
      targetPostId: team.caseworkers[0]?.postId as string,
      validFrom: berlinDayStart(berlinDay(new Date(Date.now() + 5 * DAY))),
      validTo: null,
    })
    expect(flat(await (await head.get(BASE)).text())).toContain(
      `${BASE}/zustaendigkeit/${future}/zurueckziehen`,
    )
    expect((await lead.get(`${BASE}/zustaendigkeit/${future}/zurueckziehen`)).status).toBe(403)
    const noReason = await head.post(`${BASE}/zustaendigkeit/${future}/zurueckziehen`, { reason: '  ' })
    expect(noReason.status).toBe(422)
    expect(flat(await noReason.text())).toContain('Geben Sie einen Grund für das Zurückziehen an.')
    const ok = await head.post(`${BASE}/zustaendigkeit/${future}/zurueckziehen`, {
      reason: 'Doppelt angelegt',
    })
    expect(ok.status).toBe(303)
    expect(
      await ctx.db.selectFrom('routing_rule').select('id').where('id', '=', future).executeTakeFirst(),
    ).toBeUndefined()
    const audit = (await audits('rules.routing_withdraw')).find((a) => a.subject_id === future)
    expect(audit?.details).toMatchObject({
      reason: 'Doppelt angelegt',
      withdrawn: { position: 70, surname_from: 'X' },
    })

    const current = await rules.addRoutingRule(ctx.db, actor, {
      position: 71,
      benefitType: null,
      surnameFrom: 'X',
      surnameTo: 'Z',
      targetPostId: team.caseworkers[0]?.postId as string,
      validFrom: new Date(),
      validTo: null,
    })
    const refused = await head.post(`${BASE}/zustaendigkeit/${current}/zurueckziehen`, { reason: 'Zu spät' })
    expect(refused.status).toBe(422)
    expect(flat(await refused.text())).toContain(
      'Diese Regel gilt bereits und kann nicht mehr zurückgezogen werden.',
    )
    expect(
      await ctx.db.selectFrom('routing_rule').select('id').where('id', '=', current).executeTakeFirst(),
    ).toBeDefined()
    expect(
      (
        await head.post(`${BASE}/zustaendigkeit/00000000-0000-4000-8000-000000000000/zurueckziehen`, {
          reason: 'abc',
        })
      ).status,
    ).toBe(404)
  })

  it('should withdraw a future four-eyes rule and refuse withdrawing the priority version in force', async () => {
    const approval = await rules.addApprovalRule(
      ctx.db,
      { id: team.lead.id, requestId: null },
      {
        benefitType: 'hlu',
        minMonthlyCents: 123_400,
        approvingPostId: null,
        validFrom: berlinDayStart(berlinDay(new Date(Date.now() + 3 * DAY))),
        validTo: null,
      },
    )
    const res = await head.post(`${BASE}/vier-augen/${approval}/zurueckziehen`, { reason: 'Schwelle falsch' })
    expect(res.status).toBe(303)
    expect(await audits('rules.approval_withdraw')).toHaveLength(1)
    const inForce = await ctx.db
      .selectFrom('priority_config')
      .select('id')
      .orderBy('valid_from')
      .executeTakeFirstOrThrow()
    const refused = await head.post(`${BASE}/prioritaet/${inForce.id}/zurueckziehen`, { reason: 'Versuch' })
    expect(refused.status).toBe(422)
    expect(flat(await refused.text())).toContain('Diese Fassung gilt bereits')
  })
})

describe('removing a benefit type from the priority catalogue', () => {
  it('should drop the type from a future version (audited) and rank its open cases by the default once it starts', async () => {
    const latest = priorityRulesSchema.parse(
      (
        await ctx.db
          .selectFrom('priority_config')
          .select('rules')
          .orderBy('valid_from', 'desc')
          .executeTakeFirstOrThrow()
      ).rules,
    )
    const form: Record<string, string> = { validFrom: germanDay(2), bt_seniorenberatung_remove: 'ja' }
    for (const [type, k] of Object.entries(latest.benefitTypes)) {
      if (k.livelihood) {
        form[`bt_${type}_livelihood`] = 'ja'
      }
      if (k.statutory) {
        form[`bt_${type}_statutory`] = 'ja'
      }
    }
    form.unknown_statutory = 'ja'
    for (const n of [
      'undecidedAfterMonths',
      'objectionAfterMonths',
      'periodEndingWithinWeeks',
      'riskWithinDays',
    ] as const) {
      form[n] = String(latest[n])
    }
    const c = await buildCase(ctx.db, {
      postId: team.caseworkers[0]?.postId,
      benefitType: 'seniorenberatung',
    })
    expect(
      (
        await ctx.db
          .selectFrom('application')
          .select('priority_class')
          .where('id', '=', c.applicationId)
          .executeTakeFirstOrThrow()
      ).priority_class,
    ).toBe(2)

    const res = await head.post(`${BASE}/prioritaet/neu`, form)
    expect(res.status).toBe(303)
    const version = await ctx.db
      .selectFrom('priority_config')
      .selectAll()
      .orderBy('valid_from', 'desc')
      .executeTakeFirstOrThrow()
    expect(Object.keys(priorityRulesSchema.parse(version.rules).benefitTypes)).not.toContain(
      'seniorenberatung',
    )
    const audit = (await audits('rules.priority_create')).find((a) => a.subject_id === version.id)
    expect(audit?.details).toMatchObject({ removedBenefitTypes: ['seniorenberatung'], addedBenefitTypes: [] })

    // Before the start nothing changes; from the start the case has the default rank (a statutory duty).
    await recomputeOutdatedUrgency(ctx.db, new Date())
    const rank = async () =>
      (
        await ctx.db
          .selectFrom('application')
          .select('priority_class')
          .where('id', '=', c.applicationId)
          .executeTakeFirstOrThrow()
      ).priority_class
    expect(await rank()).toBe(2)
    await recomputeOutdatedUrgency(ctx.db, new Date(version.valid_from.getTime() + DAY))
    expect(await rank()).toBe(1)
  })

  it('should withdraw that future version, leaving the version in force', async () => {
    const future = await ctx.db
      .selectFrom('priority_config')
      .select('id')
      .orderBy('valid_from', 'desc')
      .executeTakeFirstOrThrow()
    const res = await head.post(`${BASE}/prioritaet/${future.id}/zurueckziehen`, { reason: 'Doch behalten' })
    expect(res.status).toBe(303)
    expect(
      await ctx.db.selectFrom('priority_config').select('id').where('id', '=', future.id).executeTakeFirst(),
    ).toBeUndefined()
    expect(await audits('rules.priority_withdraw')).toHaveLength(1)
  })
})
