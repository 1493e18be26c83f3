// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { organisationService as org } from '../../src/modules/organisation/index.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { LoginPage } from '../pages/LoginPage.js'
import { RuleFormPage, RulesOverviewPage } from '../pages/RulesPages.js'
import { newContext } from '../support/browser.js'
import { activate, selectedOptionText, textOf, typeInto } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')
const SYSTEM = { type: 'system' as const, id: null }
const SINCE = new Date('2025-01-01T00:00:00Z')

describe.skipIf(!chromiumPath)(
  'a division head routes to a team queue and withdraws a future rule, by keyboard only',
  () => {
    const suite = useBrowserSuite(chromiumPath)
    let head: TestStaffUser

    beforeAll(async () => {
      const { db } = suite.server.ctx
      head = await buildStaffUser(db, { role: 'division_head' })
      await org.createOrgUnit(db, SYSTEM, {
        kind: 'team',
        name: 'Grundsicherung Nord',
        shortCode: '7.040',
        validFrom: SINCE,
      })
    })

    it('should add a rule to a team from a later day, then withdraw it with a reason after a mistake, axe clean', async () => {
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await page.goto('/verwaltung/regeln')
        await (await LoginPage.verifyOnPage(page)).signIn(head)
        let overview = await RulesOverviewPage.verifyOnPage(page)

        await activate(overview.link('Neue Zuständigkeitsregel anlegen'))
        let form = await RuleFormPage.verifyOnPage(page, 'Neue Zuständigkeitsregel')
        await typeInto(form.field('Rang'), '20')
        const team = form.field('Ziel: Team (Teameingang)')
        await team.focus()
        await team.press('ArrowDown')
        expect(await selectedOptionText(team)).toBe('7.040 Grundsicherung Nord')
        await typeInto(form.field('Gültig ab'), '01.01.2099')
        await suite.a11y.expectAccessible(page)
        await activate(form.button('Regel speichern'))
        overview = await RulesOverviewPage.verifyOnPage(page)
        expect(await textOf(overview.routingTable)).toContain('Teameingang 7.040 Grundsicherung Nord')
        await suite.a11y.expectAccessible(page)

        // The rule has not started: it may be withdrawn, with a reason.
        await activate(overview.link('Zurückziehen'))
        form = await RuleFormPage.verifyOnPage(page, 'Regel zurückziehen')
        await suite.a11y.expectAccessible(page)
        await activate(form.button('Regel zurückziehen'))
        form = await RuleFormPage.verifyOnPage(page, 'Regel zurückziehen')
        expect(await form.title()).toMatch(/^Fehler: /)
        expect(await textOf(form.errorSummary)).toContain('Geben Sie einen Grund für das Zurückziehen an.')
        await suite.a11y.expectAccessible(page)
        await typeInto(form.field('Grund'), 'Team wird erst später gebildet')
        await activate(form.button('Regel zurückziehen'))
        overview = await RulesOverviewPage.verifyOnPage(page)
        expect(await textOf(overview.notice)).toBe('Die Regel wurde gespeichert.')
        expect(await textOf(page.locator('main'))).not.toContain('Teameingang 7.040')
        await suite.a11y.expectAccessible(page)
      } finally {
        await context.close()
      }
    })
  },
)
