// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost, buildTeam } from '../../../test/factories/cases.factory.js'
import { buildOnboardingTemplate } from '../../../test/factories/onboarding.factory.js'
import { buildPost, SYSTEM_ACTOR } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget } from '../../../test/support/test-client.js'
import { organisationService } from '../organisation/index.js'
import { currentPeriod, planState, taskDueOn } from './onboarding.domain.js'
import * as onboarding from './onboarding.service.js'

const DAY = 86_400_000
let ctx: TestContext
let team: Awaited<ReturnType<typeof buildTeam>>
let mentorPostId: string

beforeAll(async () => {
  ctx = await freshTestContext()
  team = await buildTeam(ctx.db, { caseworkers: 1 })
  mentorPostId = team.caseworkers[0]?.postId ?? ''
  await buildOnboardingTemplate(ctx.db, { mentorPostId, validFrom: '2026-01-01' })
})
afterAll(async () => {
  await ctx?.close()
})

/** A newcomer: a caseworker account and person, given a new post in the team from `start`. */
async function newcomer(start: Date) {
  const user = await buildStaffUser(ctx.db, { role: 'caseworker' })
  const person = await organisationService.createPerson(ctx.db, SYSTEM_ACTOR, {
    displayName: user.displayName,
    staffUserId: user.id,
  })
  const post = await buildPost(ctx.db, team.unitId, { title: `Sachbearbeitung neu ${user.username}` })
  await organisationService.assignPostHolder(ctx.db, SYSTEM_ACTOR, {
    postId: post.id,
    personId: person.id,
    validFrom: start,
  })
  return { user, person, postId: post.id }
}

function plansOf(personId: string) {
  return ctx.db.selectFrom('onboarding_plan').selectAll().where('person_id', '=', personId).execute()
}

describe('onboarding domain', () => {
  it('should date tasks by period and tell the current period and the plan state', () => {
    expect(taskDueOn('2026-12-01', 'week1')).toBe('2026-12-07')
    expect(taskDueOn('2026-12-01', 'month2')).toBe('2027-01-29')
    expect(currentPeriod('2026-12-01', '2026-12-07')).toBe('week1')
    expect(currentPeriod('2026-12-01', '2026-12-08')).toBe('week2')
    expect(currentPeriod('2026-12-01', '2027-06-01')).toBe('month3')
    const open = { dueOn: '2026-12-07', doneAt: null, confirmedAt: null }
    expect(planState([open], '2026-12-07')).toBe('on_track')
    expect(planState([open], '2026-12-08')).toBe('overdue')
    expect(planState([{ ...open, doneAt: new Date(), confirmedAt: new Date() }], '2027-01-01')).toBe(
      'completed',
    )
  })
})

describe('onboarding plans', () => {
  it('should start one plan when a person is given a post, with tasks dated from the first day', async () => {
    const n = await newcomer(new Date(Date.now() - 2 * DAY))
    expect(await onboarding.startDuePlans(ctx.db)).toBeGreaterThanOrEqual(1)
    expect(await onboarding.startDuePlans(ctx.db)).toBe(0)
    const [plan] = await plansOf(n.person.id)
    expect(plan).toMatchObject({ post_id: n.postId, mentor_post_id: mentorPostId })
    const tasks = await ctx.db
      .selectFrom('onboarding_plan_task')
      .select(['period', 'title', 'due_on'])
      .where('plan_id', '=', plan?.id ?? '')
      .orderBy('position')
      .execute()
    expect(tasks.map((k) => k.period)).toEqual(['week1', 'week1', 'week2', 'week3', 'month2', 'month3'])
    expect(tasks[0]?.due_on).toBe(taskDueOn(plan?.started_on ?? '', 'week1'))
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', plan?.id ?? '')
      .execute()
    expect(audit).toEqual([{ action: 'onboarding.plan_start' }])
  })

  it('should not start plans for holdings before the template applies or for roles without a template', async () => {
    const old = await newcomer(new Date('2025-06-01T08:00:00Z'))
    const lead = await buildStaffWithPost(ctx.db, { role: 'team_lead' })
    await onboarding.startDuePlans(ctx.db)
    expect(await plansOf(old.person.id)).toEqual([])
    expect(await plansOf(lead.personId)).toEqual([])
  })

  it('should show the newcomer what to do this week, let her tick it and the mentor confirm it', async () => {
    const n = await newcomer(new Date(Date.now() - DAY))
    const me = await signIn(ctx.app, n.user)
    const page = await me.get('/einarbeitung')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Das steht jetzt an (Woche 1)')
    expect(html).toContain('Arbeitsplatz und Zugänge einrichten')
    expect(html).toContain('href="/wissen/eintrag/grundsicherung-ueberblick"')
    expect(html).toContain('href="/standards/erstantrag-grundsicherung"')
    const [task] = await ctx.db
      .selectFrom('onboarding_plan_task as k')
      .innerJoin('onboarding_plan as p', 'p.id', 'k.plan_id')
      .select(['k.id', 'k.title'])
      .where('p.person_id', '=', n.person.id)
      .orderBy('k.position')
      .execute()
    const done = await me.post(`/einarbeitung/aufgaben/${task?.id}/erledigt`, {})
    expect(redirectTarget(done)).toBe('/einarbeitung')
    // Someone else cannot tick her task, and she cannot confirm it herself.
    const other = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
    expect((await other.post(`/einarbeitung/aufgaben/${task?.id}/erledigt`, {})).status).toBe(404)
    expect((await me.post(`/einarbeitung/aufgaben/${task?.id}/bestaetigen`, {})).status).toBe(404)
    expect((await other.post(`/einarbeitung/aufgaben/${task?.id}/bestaetigen`, {})).status).toBe(404)

    const mentor = await signIn(ctx.app, team.caseworkers[0] ?? n.user)
    const mentorPage = await (await mentor.get('/einarbeitung')).text()
    expect(mentorPage).toContain('Einarbeitungen, die Sie begleiten')
    expect(mentorPage).toContain(n.user.displayName)
    const confirmed = await mentor.post(`/einarbeitung/aufgaben/${task?.id}/bestaetigen`, {})
    expect(redirectTarget(confirmed)).toBe('/einarbeitung')
    const row = await ctx.db
      .selectFrom('onboarding_plan_task')
      .selectAll()
      .where('id', '=', task?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(row.done_by).toBe(n.user.id)
    expect(row.confirmed_by).toBe(team.caseworkers[0]?.id)
    expect(await (await me.get('/einarbeitung')).text()).toContain(
      `bestätigt von ${team.caseworkers[0]?.displayName}`,
    )
  })

  it('should show overdue tasks and report started, on track, overdue and completed plans to the lead', async () => {
    const late = await newcomer(new Date(Date.now() - 20 * DAY))
    const me = await signIn(ctx.app, late.user)
    expect(await (await me.get('/einarbeitung')).text()).toContain('überfällig')
    const lead = await signIn(ctx.app, team.lead)
    const res = await lead.get('/einarbeitung/bericht')
    expect(res.status).toBe(200)
    const html = await res.text()
    const report = await onboarding.onboardingReport(ctx.db, {
      id: team.lead.id,
      username: team.lead.username,
      displayName: team.lead.displayName,
      role: 'team_lead',
    })
    expect(report.started).toBeGreaterThanOrEqual(3)
    expect(report.overdue).toBeGreaterThanOrEqual(1)
    expect(report.started).toBe(report.onTrack + report.overdue + report.completed)
    expect(html).toContain(late.user.displayName)
    expect(html).toContain('Tage bis zur selbstständigen Fallbearbeitung')
    const lateRow = report.plans.find((p) => p.person === late.user.displayName)
    expect(lateRow?.state).toBe('overdue')
    expect(lateRow?.daysUntilSolo).toBe(70)
    // A caseworker gets no report.
    expect((await me.get('/einarbeitung/bericht')).status).toBe(403)
  })
})
