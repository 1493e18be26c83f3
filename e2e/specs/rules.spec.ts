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
const POST_OPTION = 'Sachbearbeitung Ost 1 (7.030) – Olga Ostermann'

describe.skipIf(!chromiumPath)('a division head maintains the rules, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let head: TestStaffUser

  beforeAll(async () => {
    const { db } = suite.server.ctx
    head = await buildStaffUser(db, { role: 'division_head' })
    const team = await org.createOrgUnit(db, SYSTEM, {
      kind: 'team',
      name: 'Grundsicherung Ost',
      shortCode: '7.030',
      validFrom: SINCE,
    })
    const post = await org.createPost(db, SYSTEM, {
      unitId: team.id,
      title: 'Sachbearbeitung Ost 1',
      fte: 1,
      validFrom: SINCE,
    })
    const person = await org.createPerson(db, SYSTEM, { displayName: 'Olga Ostermann' })
    await org.assignPostHolder(db, SYSTEM, { postId: post.id, personId: person.id, validFrom: SINCE })
  })

  it('should add a routing rule after a mistake, a new priority version and a four-eyes rule, axe clean throughout', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await page.goto('/verwaltung/regeln')
      await (await LoginPage.verifyOnPage(page)).signIn(head)
      let overview = await RulesOverviewPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      const today = await page.evaluate(() =>
        new Intl.DateTimeFormat('de-DE', {
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          timeZone: 'Europe/Berlin',
        }).format(new Date()),
      )

      // Routing: a mistake first; the summary names it and the entries stay.
      await activate(overview.link('Neue Zuständigkeitsregel anlegen'))
      let form = await RuleFormPage.verifyOnPage(page, 'Neue Zuständigkeitsregel')
      await suite.a11y.expectAccessible(page)
      await typeInto(form.field('Rang'), '0')
      await typeInto(form.field('Nachnamen von (freiwillig)'), 'A')
      await typeInto(form.field('Nachnamen bis einschließlich (freiwillig)'), 'K')
      // The only post is the option after "Bitte auswählen": one arrow key on the closed select.
      const post = form.field('Zuständige Stelle')
      await post.focus()
      await post.press('ArrowDown')
      expect(await selectedOptionText(post)).toBe(POST_OPTION)
      await typeInto(form.field('Gültig ab'), today)
      await activate(form.button('Regel speichern'))
      form = await RuleFormPage.verifyOnPage(page, 'Neue Zuständigkeitsregel')
      expect(await form.title()).toMatch(/^Fehler: /)
      expect(await textOf(form.errorSummary)).toContain('Geben Sie den Rang als ganze Zahl ab 1 ein')
      expect(await form.field('Nachnamen bis einschließlich (freiwillig)').inputValue()).toBe('K')
      await suite.a11y.expectAccessible(page)
      await typeInto(form.field('Rang'), '10')
      await activate(form.button('Regel speichern'))
      overview = await RulesOverviewPage.verifyOnPage(page)
      expect(await textOf(overview.notice)).toBe('Die Regel wurde gespeichert.')
      const routing = await textOf(overview.routingTable)
      expect(routing).toContain('A – K')
      expect(routing).toContain('Sachbearbeitung Ost 1 (7.030)')
      await suite.a11y.expectAccessible(page)

      // Priority: one field per rule, a number outside the schema first.
      await activate(overview.link('Neue Fassung der Prioritätsregeln anlegen'))
      form = await RuleFormPage.verifyOnPage(page, 'Neue Fassung der Prioritätsregeln')
      await suite.a11y.expectAccessible(page)
      const months = form.field('Frist für unbeschiedene Anträge in Monaten (§ 88 SGG)')
      expect(await months.inputValue()).toBe('6')
      await typeInto(months, '30')
      await typeInto(form.field('Gültig ab'), '01.01.2099')
      await activate(form.button('Fassung speichern'))
      form = await RuleFormPage.verifyOnPage(page, 'Neue Fassung der Prioritätsregeln')
      expect(await textOf(form.errorSummary)).toContain('Geben Sie eine ganze Zahl von 1 bis 24 ein.')
      await suite.a11y.expectAccessible(page)
      await typeInto(form.field('Frist für unbeschiedene Anträge in Monaten (§ 88 SGG)'), '5')
      await activate(form.button('Fassung speichern'))
      overview = await RulesOverviewPage.verifyOnPage(page)
      expect(await textOf(page.getByRole('heading', { name: 'Fassung ab 01.01.2099 (gilt künftig)' }))).toBe(
        'Fassung ab 01.01.2099 (gilt künftig)',
      )

      // Four-eyes.
      await activate(overview.link('Neue Vier-Augen-Regel anlegen'))
      form = await RuleFormPage.verifyOnPage(page, 'Neue Vier-Augen-Regel')
      await suite.a11y.expectAccessible(page)
      await typeInto(form.field('Ab Monatsbetrag in Euro'), '1.000,00')
      await typeInto(form.field('Gültig ab'), today)
      await activate(form.button('Regel speichern'))
      overview = await RulesOverviewPage.verifyOnPage(page)
      expect(await textOf(overview.notice)).toBe('Die Regel wurde gespeichert.')
      await suite.a11y.expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
