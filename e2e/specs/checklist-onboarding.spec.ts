// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { organisationService } from '../../src/modules/organisation/index.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../test/factories/cases.factory.js'
import { buildMappedStandard, checklistSteps } from '../../test/factories/checklists.factory.js'
import { buildOnboardingTemplate } from '../../test/factories/onboarding.factory.js'
import { buildPost, SYSTEM_ACTOR } from '../../test/factories/organisation.factory.js'
import { CaseChecklistPage, OnboardingPage } from '../pages/ChecklistPages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('process-standard checklist and onboarding, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let caseworker: StaffWithPost
  let kase: { applicationId: string; reference: string }
  let newcomer: Awaited<ReturnType<typeof buildStaffUser>>

  beforeAll(async () => {
    const { db } = suite.server.ctx
    caseworker = await buildStaffWithPost(db, { title: 'Sachbearbeitung Grundsicherung 7' })
    const standard = await buildMappedStandard(db, [
      {
        version: 1,
        validFrom: '2026-01-01',
        publishedAt: new Date('2025-12-15T10:00:00Z'),
        steps: checklistSteps(),
      },
    ])
    const c = await buildCase(db, { postId: caseworker.postId, benefitType: standard.benefitType })
    await db
      .updateTable('application')
      .set({ status: 'ready_for_decision' })
      .where('id', '=', c.applicationId)
      .execute()
    kase = { applicationId: c.applicationId, reference: c.reference }

    await buildOnboardingTemplate(db, { mentorPostId: caseworker.postId })
    newcomer = await buildStaffUser(db, { role: 'caseworker' })
    const person = await organisationService.createPerson(db, SYSTEM_ACTOR, {
      displayName: newcomer.displayName,
      staffUserId: newcomer.id,
    })
    const post = await buildPost(db, caseworker.unitId, { title: 'Sachbearbeitung Grundsicherung 8' })
    await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
      postId: post.id,
      personId: person.id,
      validFrom: new Date(Date.now() - 86_400_000),
    })
  })

  it('should work a case through its checklist and decide only once no mandatory item is open', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      const login = await LoginPage.visit(page)
      await login.signIn(caseworker)
      await page.goto(`/sachbearbeitung/antraege/${kase.applicationId}`)
      let detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(detail.checklist)).toContain('Vor dem Bescheid offen: 3 Pflichtpunkte.')

      await detail.tick('Antragsdatum festgehalten')
      detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(detail.checklist)).toContain('Vor dem Bescheid offen: 2 Pflichtpunkte.')

      // A mandatory item is still open: the decision is refused with the open items named.
      await detail.decideGrant()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await suite.a11y.expectAccessible(page)
      const refusal = await textOf(page.locator('main'))
      expect(refusal).toContain('Der Bescheid kann noch nicht erlassen werden.')
      expect(refusal).toContain('„Örtliche Zuständigkeit geprüft“, „Altersgrenze geprüft“')
      const stored = await suite.server.ctx.db
        .selectFrom('decision')
        .select('id')
        .where('application_id', '=', kase.applicationId)
        .execute()
      expect(stored).toEqual([])

      await page.goto(`/sachbearbeitung/antraege/${kase.applicationId}`)
      detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await detail.tick('Örtliche Zuständigkeit geprüft')
      detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await detail.waive('Altersgrenze geprüft', 'Rentenbescheid mit Altersangabe liegt in der Akte.')
      detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(detail.checklist)).not.toContain('Vor dem Bescheid offen')

      await detail.decideGrant()
      detail = await CaseChecklistPage.verifyOnPage(page, kase.reference)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(page.locator('main'))).toContain(
        'Checkliste: auf „Altersgrenze geprüft“ verzichtet. Begründung: Rentenbescheid mit Altersangabe liegt in der Akte.',
      )
      const row = await suite.server.ctx.db
        .selectFrom('application')
        .select('status')
        .where('id', '=', kase.applicationId)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('decided')
    } finally {
      await context.close()
    }
  })

  it('should show a newcomer the week-1 tasks and let her report one done', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      const login = await LoginPage.visit(page)
      await login.signIn(newcomer)
      await page.goto('/einarbeitung')
      let plan = await OnboardingPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await plan.thisWeek('Woche 1').waitFor()
      expect(await textOf(plan.task('Arbeitsplatz und Zugänge einrichten'))).toContain('offen')
      await plan.markDone('Arbeitsplatz und Zugänge einrichten')
      plan = await OnboardingPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(plan.task('Arbeitsplatz und Zugänge einrichten'))).toContain(
        'erledigt, Bestätigung offen',
      )
    } finally {
      await context.close()
    }
  })
})
