// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { berlinDay } from '../../src/modules/organisation/index.js'
import { addMonths } from '../../src/modules/payments/money-rules.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildStaffWithPost } from '../../test/factories/cases.factory.js'
import { buildOrgUnit } from '../../test/factories/organisation.factory.js'
import { buildGrantedCase } from '../../test/factories/payments.factory.js'
import { expectValidPain001 } from '../../test/support/pain001.js'
import { LoginPage } from '../pages/LoginPage.js'
import { PaymentRunPage, PaymentRunsPage } from '../pages/PaymentPages.js'
import { newContext } from '../support/browser.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('payment run: a team lead computes, the division head releases', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should compute a preview and release it by keyboard, every page accessible, and serve a valid pain.001', async () => {
    const { db } = suite.server.ctx
    const division = await buildOrgUnit(db, { kind: 'division', parentId: null, name: 'Soziale Sicherung' })
    const head = await buildStaffWithPost(db, {
      unitId: division.id,
      role: 'division_head',
      isHeadOfUnit: true,
      title: 'Bereichsleitung Soziale Sicherung',
    })
    const lead = await buildStaffUser(db, { role: 'team_lead', displayName: 'Teamleitung Zahlungen' })
    const thisMonth = berlinDay(new Date()).slice(0, 7)
    const target = addMonths(thisMonth, 1)
    await buildGrantedCase(db, lead.id, { periodFrom: `${thisMonth}-01` })
    const month = `${target.slice(5, 7)}.${target.slice(0, 4)}`

    // --- The team lead computes the preview.
    const leadContext = await newContext(suite.browser, suite.server.baseUrl)
    const page = await leadContext.newPage()
    let runPath = ''
    try {
      await (await LoginPage.visit(page)).signIn(lead)
      await page.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await page.goto('/zahlungen')
      const list = await PaymentRunsPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await list.computePreview(month)
      const preview = await PaymentRunPage.verifyOnPage(page, `Vorschau Zahllauf ZL-${target}-01`)
      expect(await preview.notice()).toBe('Die Vorschau wurde berechnet. Sie muss noch freigegeben werden.')
      await suite.a11y.expectAccessible(page)
      runPath = new URL(page.url()).pathname
    } finally {
      await leadContext.close()
    }

    // --- The division head releases it (four eyes).
    const headContext = await newContext(suite.browser, suite.server.baseUrl)
    const headPage = await headContext.newPage()
    try {
      await (await LoginPage.visit(headPage)).signIn(head)
      await headPage.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await headPage.goto(runPath)
      const preview = await PaymentRunPage.verifyOnPage(headPage, `Vorschau Zahllauf ZL-${target}-01`)
      await suite.a11y.expectAccessible(headPage)
      await preview.release()
      const released = await PaymentRunPage.verifyOnPage(headPage, `Zahllauf ZL-${target}-01`)
      expect(await released.notice()).toBe('Der Zahllauf ist freigegeben. Die Zahlungsdateien stehen bereit.')
      await suite.a11y.expectAccessible(headPage)
      const href = await released.pain001Href()
      expect(href).toMatch(/^\/zahlungen\/[0-9a-f-]{36}\/pain001\.xml$/)
      const response = await headPage.request.get(`${suite.server.baseUrl}${href}`)
      expect(response.status()).toBe(200)
      expectValidPain001(await response.text())
    } finally {
      await headContext.close()
    }
  })
})
