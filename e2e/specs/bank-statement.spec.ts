// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildReturnedPaymentStatement } from '../../test/factories/statement.factory.js'
import { LoginPage } from '../pages/LoginPage.js'
import { StatementImportPage } from '../pages/StatementPages.js'
import { newContext } from '../support/browser.js'
import { activate } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('bank statement: a team lead imports, the caseworker sees the return', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should import a statement by keyboard and show the returned payment on the case, every page accessible', async () => {
    const { db } = suite.server.ctx
    const { lead, worker, granted, xml } = await buildReturnedPaymentStatement(
      db,
      suite.server.ctx.deps.config.paymentDebtor.iban,
      { day: '2026-12-03', returnReason: 'MD07', unknownRef: 'X1' },
    )

    const leadContext = await newContext(suite.browser, suite.server.baseUrl)
    const page = await leadContext.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(lead)
      await page.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await page.goto('/zahlungen')
      const list = await StatementImportPage.verifyOnPage(page, 'Zahlläufe')
      await suite.a11y.expectAccessible(page)
      await list.upload('kein XML')
      const refused = await StatementImportPage.verifyOnPage(page, 'Kontoauszug einlesen')
      expect(await page.getByRole('alert').textContent()).toContain('kein lesbarer XML-Kontoauszug')
      await suite.a11y.expectAccessible(page)
      await refused.upload(xml)
      const result = await StatementImportPage.verifyOnPage(page, 'Kontoauszug AUSZUG-2026-12-03 eingelesen')
      expect(await result.summary()).toContain('1 Rückläufer')
      expect(await page.content()).toContain('MD07 – Kontoinhaber verstorben')
      await suite.a11y.expectAccessible(page)
    } finally {
      await leadContext.close()
    }

    const workerContext = await newContext(suite.browser, suite.server.baseUrl)
    const workerPage = await workerContext.newPage()
    try {
      await (await LoginPage.visit(workerPage)).signIn(worker)
      await workerPage.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      expect(await workerPage.locator('tbody').textContent()).toContain('Zahlung zurückgekommen')
      await suite.a11y.expectAccessible(workerPage)
      await workerPage.goto(`/sachbearbeitung/antraege/${granted.applicationId}`)
      expect(await workerPage.content()).toContain('MD07 – Kontoinhaber verstorben')
      await suite.a11y.expectAccessible(workerPage)
      await activate(workerPage.getByRole('button', { name: 'Rückläufer als geklärt vermerken' }))
      await workerPage.getByText('Rückläufer als geklärt vermerkt.', { exact: true }).waitFor()
      expect(await workerPage.getByRole('button', { name: 'Rückläufer als geklärt vermerken' }).count()).toBe(
        0,
      )
    } finally {
      await workerContext.close()
    }
  })
})
