// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../test/factories/cases.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import {
  BreakGlassFormPage,
  breakGlassBanner,
  CaseNotFoundPage,
  ReviewGrantPage,
  ReviewQueuePage,
} from '../pages/BreakGlassPages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('break-glass: emergency access with a reason, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let outsider: TestStaffUser
  let dpo: TestStaffUser
  let theCase: { id: string; reference: string }

  beforeAll(async () => {
    const { db } = suite.server.ctx
    const owners = await buildTeam(db, { caseworkers: 1 })
    const others = await buildTeam(db, { caseworkers: 1 })
    const owner = owners.caseworkers[0]
    const other = others.caseworkers[0]
    if (!owner || !other) {
      throw new Error('team without caseworker')
    }
    outsider = other
    dpo = await buildStaffUser(db, { role: 'data_protection_officer' })
    const created = await buildCase(db, { postId: owner.postId })
    theCase = { id: created.applicationId, reference: created.reference }
  })

  it('should offer the emergency form on the not-found page, need a reason, open the case and mark every page', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(outsider)
      await page.goto(`/sachbearbeitung/antraege/${theCase.id}`)
      const notFound = await CaseNotFoundPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await activate(notFound.breakGlassLink)

      let form = await BreakGlassFormPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await form.open(theCase.reference, 'zu kurz')
      form = await BreakGlassFormPage.verifyOnPage(page)
      expect(await form.errorSummaryLinks.allInnerTexts()).toEqual([
        'Die Begründung muss mindestens 20 Zeichen lang sein.',
      ])
      await suite.a11y.expectAccessible(page)

      await form.open(theCase.reference, 'Person am Schalter, Zahlung fehlt, Stelle nicht erreichbar.')
      await page.getByRole('heading', { level: 1, name: `Antrag ${theCase.reference}` }).waitFor()
      expect(await textOf(breakGlassBanner(page))).toContain(
        `Notfallzugriff aktiv: Aktenzeichen ${theCase.reference}`,
      )
      await suite.a11y.expectAccessible(page)
      await page.goto('/konto/sitzungen')
      expect(await textOf(breakGlassBanner(page))).toContain(theCase.reference)
    } finally {
      await context.close()
    }
  })

  it("should put the access into the DPO's review queue, where she flags it", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(dpo)
      await page.goto('/datenschutz/notfallzugriffe')
      const queue = await ReviewQueuePage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await activate(queue.reviewLink(theCase.reference))
      const review = await ReviewGrantPage.verifyOnPage(page, theCase.reference)
      await suite.a11y.expectAccessible(page)
      await review.flag('Die zuständige Stelle war erreichbar.')
      await ReviewQueuePage.verifyOnPage(page)
      expect(await textOf(page.getByRole('status'))).toContain('Die Prüfung wurde gespeichert.')
      await suite.a11y.expectAccessible(page)
      const grant = await suite.server.ctx.db
        .selectFrom('break_glass_grant')
        .select('review_status')
        .where('application_id', '=', theCase.id)
        .executeTakeFirstOrThrow()
      expect(grant.review_status).toBe('flagged')
    } finally {
      await context.close()
    }
  })
})
