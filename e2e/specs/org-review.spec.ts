// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { todayIso } from '../../src/shared/dates.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildTeam } from '../../test/factories/cases.factory.js'
import { buildOrgUnit } from '../../test/factories/organisation.factory.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

function german(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

describe.skipIf(!chromiumPath)('organisational review: self-recording window and the export page', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should let a lead open a window and record minutes by keyboard, and show the export page, all accessible', async () => {
    const { db } = suite.server.ctx
    const department = await buildOrgUnit(db, {
      kind: 'department',
      name: 'Materielle Hilfen',
      shortCode: 'B1.3',
    })
    const team = await buildTeam(db, { parentId: department.id, caseworkers: 1 })
    const head = await buildStaffUser(db, { role: 'department_head' })
    const today = todayIso()
    const end = new Date(`${today}T12:00:00Z`)
    end.setUTCDate(end.getUTCDate() + 27)

    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(team.lead)
      await page.goto('/zeiterfassung')
      await page.getByRole('heading', { level: 1, name: 'Selbstaufschreibung' }).waitFor()
      await suite.a11y.expectAccessible(page)
      await page.getByLabel('Einheit').selectOption({ index: 1 })
      await page.getByLabel('Beginn').fill(german(today))
      await page.getByLabel('Ende').fill(german(today))
      await page.getByRole('button', { name: 'Zeitraum eröffnen' }).press('Enter')
      await page.getByText('mindestens 4 und höchstens 8 Wochen').first().waitFor()
      await suite.a11y.expectAccessible(page)
      await page.getByLabel('Ende').fill(german(end.toISOString().slice(0, 10)))
      await page.getByRole('button', { name: 'Zeitraum eröffnen' }).press('Enter')
      await page.getByText('Der Aufschreibungszeitraum wurde eröffnet.').waitFor()

      await page.getByLabel('Aufgabenart').selectOption('new_application')
      await page.getByLabel('Minuten', { exact: true }).fill('zehn')
      await page.getByRole('button', { name: 'Erfassen' }).press('Enter')
      await page.getByText('Geben Sie die Minuten als ganze Zahl zwischen 1 und 600 ein.').first().waitFor()
      await suite.a11y.expectAccessible(page)
      await page.getByLabel('Minuten', { exact: true }).fill('45')
      await page.getByRole('button', { name: 'Erfassen' }).press('Enter')
      await page.getByText('Ihre Minuten wurden erfasst.').waitFor()
      await suite.a11y.expectAccessible(page)
      const rows = await db.selectFrom('time_recording').select(['minutes', 'task_type']).execute()
      expect(rows).toEqual([{ minutes: 45, task_type: 'new_application' }])
    } finally {
      await context.close()
    }

    const headContext = await newContext(suite.browser, suite.server.baseUrl)
    const headPage = await headContext.newPage()
    try {
      await (await LoginPage.visit(headPage)).signIn(head)
      await headPage.goto('/organisationsuntersuchung')
      await headPage
        .getByRole('heading', { level: 1, name: 'Export für die Organisationsuntersuchung' })
        .waitFor()
      await suite.a11y.expectAccessible(headPage)
      await headPage.getByRole('button', { name: 'Herunterladen' }).press('Enter')
      await headPage.getByText('Geben Sie den Monat als Monat und Jahr ein').first().waitFor()
      await suite.a11y.expectAccessible(headPage)
    } finally {
      await headContext.close()
    }
  })
})
