// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { requireStaff } from '../auth/index.js'
import * as onboarding from './onboarding.service.js'
import { OnboardingPage, OnboardingReportPage } from './views/OnboardingPages.js'

/** Newcomers, mentors and leads (administrators and auditors have no plans to follow). */
const staff = staffAccess(
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'complaints_coordinator',
  'data_protection_officer',
)
/** Who sees the report across their units. */
const leads = staffAccess('team_lead', 'department_head', 'division_head')

/** Onboarding: "what to do this week", confirming tasks, and the report for leads. */
export function onboardingRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/einarbeitung', staff, async (c) => {
    const actor = requireStaff(c)
    const { db } = c.get('deps')
    const own = await onboarding.myPlans(db, actor)
    const supervised = await onboarding.supervisedPlans(db, actor)
    return c.html(
      <OnboardingPage
        staff={actor}
        csrfToken={c.get('csrfToken')}
        own={own}
        supervised={supervised}
        canReport={['team_lead', 'department_head', 'division_head'].includes(actor.role)}
      />,
    )
  })

  app.post('/einarbeitung/aufgaben/:taskId/erledigt', staff, async (c) => {
    await onboarding.markTaskDone(
      c.get('deps').db,
      requireStaff(c),
      c.req.param('taskId'),
      c.get('requestId'),
    )
    return c.redirect('/einarbeitung', 303)
  })

  app.post('/einarbeitung/aufgaben/:taskId/bestaetigen', staff, async (c) => {
    await onboarding.confirmTask(c.get('deps').db, requireStaff(c), c.req.param('taskId'), c.get('requestId'))
    return c.redirect('/einarbeitung', 303)
  })

  app.get('/einarbeitung/bericht', leads, async (c) => {
    const actor = requireStaff(c)
    const report = await onboarding.onboardingReport(c.get('deps').db, actor)
    return c.html(<OnboardingReportPage staff={actor} csrfToken={c.get('csrfToken')} report={report} />)
  })

  return app
}
