// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { organisationService as org } from '../../src/modules/organisation/index.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { LoginPage } from '../pages/LoginPage.js'
import {
  AbsenceFormPage,
  OrganisationOverviewPage,
  OrganisationUnitPage,
} from '../pages/OrganisationUnitPage.js'
import { newContext } from '../support/browser.js'
import { activate, chooseOption, textOf, typeInto } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')
const SYSTEM = { type: 'system' as const, id: null }
const UNIT_TITLE = 'Team 7.010 Grundsicherung Nord'
const SINCE = new Date('2025-01-01T00:00:00Z')

describe.skipIf(!chromiumPath)('administrator maintains the organisation, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let admin: TestStaffUser

  beforeAll(async () => {
    const { db } = suite.server.ctx
    admin = await buildStaffUser(db, { role: 'administrator' })
    const division = await org.createOrgUnit(db, SYSTEM, {
      kind: 'division',
      name: 'Soziale Sicherung',
      shortCode: '7.000',
      validFrom: SINCE,
    })
    const team = await org.createOrgUnit(db, SYSTEM, {
      kind: 'team',
      name: 'Grundsicherung Nord',
      shortCode: '7.010',
      parentId: division.id,
      validFrom: SINCE,
    })
    const held = async (title: string, name: string, head = false) => {
      const post = await org.createPost(db, SYSTEM, {
        unitId: team.id,
        title,
        fte: 1,
        isHeadOfUnit: head,
        validFrom: SINCE,
      })
      const person = await org.createPerson(db, SYSTEM, { displayName: name })
      await org.assignPostHolder(db, SYSTEM, { postId: post.id, personId: person.id, validFrom: SINCE })
      return post
    }
    await held('Teamleitung Nord', 'Tamara Lindholm', true)
    const a = await held('Sachbearbeitung Nord 1', 'Anna Albers')
    const b = await held('Sachbearbeitung Nord 2', 'Bernd Brandt')
    await org.addDeputyRule(db, SYSTEM, {
      postId: a.id,
      deputyPostId: b.id,
      kind: 'permanent',
      validFrom: SINCE,
    })
  })

  it('should record an absence, show the deputy acting i.V. with the path, and show a past date without it', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await page.goto('/verwaltung/organisation')
      const login = await LoginPage.verifyOnPage(page)
      await login.signIn(admin)
      const overview = await OrganisationOverviewPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)

      await activate(overview.unitLink(UNIT_TITLE))
      let unit = await OrganisationUnitPage.verifyOnPage(page, UNIT_TITLE)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(unit.actingFor('Sachbearbeitung Nord 1'))).toBe('Anna Albers')

      await activate(page.getByRole('link', { name: 'Abwesenheit erfassen', exact: true }))
      let form = await AbsenceFormPage.verifyOnPage(page, '7.010 Grundsicherung Nord')
      await suite.a11y.expectAccessible(page)
      // A mistake first: the error summary names the field, the entry stays.
      await chooseOption(form.person, 'Anna Albers')
      await typeInto(form.validFrom, '32.13.2026')
      await activate(form.submit)
      form = await AbsenceFormPage.verifyOnPage(page, '7.010 Grundsicherung Nord')
      expect(await textOf(form.errorSummary)).toContain('Geben Sie „Gültig ab“ als Datum ein')
      expect(await form.title()).toMatch(/^Fehler: /)
      await suite.a11y.expectAccessible(page)

      const today = await page.evaluate(() =>
        new Intl.DateTimeFormat('de-DE', {
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          timeZone: 'Europe/Berlin',
        }).format(new Date()),
      )
      await typeInto(form.validFrom, today)
      await activate(form.submit)
      unit = await OrganisationUnitPage.verifyOnPage(page, UNIT_TITLE)
      expect(await textOf(unit.notice)).toBe('Die Änderung wurde gespeichert.')
      expect(await textOf(unit.actingFor('Sachbearbeitung Nord 1'))).toBe('i.V. Bernd Brandt')
      expect(await textOf(unit.wayFor('Sachbearbeitung Nord 1'))).toBe(
        'über die Vertretungsregelung: Sachbearbeitung Nord 1 (7.010) → Sachbearbeitung Nord 2 (7.010)',
      )
      await suite.a11y.expectAccessible(page)

      // The structure as it was: before the absence, Anna Albers acted herself.
      // The date field's segment order follows the browser's locale (TT.MM.JJJJ or MM/DD/YYYY).
      await unit.standField.focus()
      await page.keyboard.type('01062026')
      if ((await unit.standField.inputValue()) !== '2026-06-01') {
        await page.getByRole('button', { name: 'Anzeigen', exact: true }).focus()
        await unit.standField.focus()
        await page.keyboard.type('06012026')
      }
      expect(await unit.standField.inputValue()).toBe('2026-06-01')
      await activate(page.getByRole('button', { name: 'Anzeigen', exact: true }))
      unit = await OrganisationUnitPage.verifyOnPage(page, UNIT_TITLE)
      expect(page.url()).toContain('stand=2026-06-01')
      expect(await textOf(page.getByText('Sie sehen den Stand vom 01.06.2026.'))).toBe(
        'Sie sehen den Stand vom 01.06.2026.',
      )
      expect(await textOf(unit.actingFor('Sachbearbeitung Nord 1'))).toBe('Anna Albers')
      await suite.a11y.expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
