// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildReturnedPaymentStatement } from '../../test/factories/statement.factory.js'
import { CasePaymentsPage, StatementExceptionsPage } from '../pages/CasePaymentsPages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { StatementImportPage } from '../pages/StatementPages.js'
import { newContext } from '../support/browser.js'
import { activate } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('payments of a case and statement entries to resolve', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should let the office resolve a statement entry and the caseworker manage the case payments by keyboard, every page accessible', async () => {
    const { db } = suite.server.ctx
    const { lead, worker, granted, xml } = await buildReturnedPaymentStatement(
      db,
      suite.server.ctx.deps.config.paymentDebtor.iban,
      { day: '2026-12-04', returnReason: 'AC04', unknownRef: 'X9' },
    )

    const leadContext = await newContext(suite.browser, suite.server.baseUrl)
    const page = await leadContext.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(lead)
      await page.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await page.goto('/zahlungen')
      const list = await StatementImportPage.verifyOnPage(page, 'Zahlläufe')
      await list.upload(xml)
      await StatementImportPage.verifyOnPage(page, 'Kontoauszug AUSZUG-2026-12-04 eingelesen')
      await activate(page.getByRole('link', { name: 'Buchungen zur Klärung ansehen' }))
      const exceptions = await StatementExceptionsPage.verifyOnPage(page)
      expect(await page.content()).toContain('UNBEKANNT-9')
      await suite.a11y.expectAccessible(page)
      await exceptions.open('X9')
      const entry = await StatementExceptionsPage.verifyOnPage(page, 'Als geklärt vermerken: X9')
      await suite.a11y.expectAccessible(page)
      await entry.resolve('x')
      await StatementExceptionsPage.verifyOnPage(page, 'Als geklärt vermerken: X9')
      expect(await entry.errorSummary.textContent()).toContain('Geben Sie einen Vermerk zur Klärung ein')
      await suite.a11y.expectAccessible(page)
      await entry.resolve('Gutschrift eines Dritten, an die Stadtkasse weitergeleitet')
      await StatementExceptionsPage.verifyOnPage(page)
      expect(await page.getByRole('status').textContent()).toContain('Die Buchung ist als geklärt vermerkt.')
      await suite.a11y.expectAccessible(page)
    } finally {
      await leadContext.close()
    }

    const workerContext = await newContext(suite.browser, suite.server.baseUrl)
    const workerPage = await workerContext.newPage()
    try {
      await (await LoginPage.visit(workerPage)).signIn(worker)
      await workerPage.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await workerPage.goto(`/sachbearbeitung/antraege/${granted.applicationId}`)
      await activate(workerPage.getByRole('link', { name: /^Zahlungen dieses Falls/ }))
      const payments = await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      await suite.a11y.expectAccessible(workerPage)
      await payments.resolveReturn('Eva Muster', 'DE00 1234')
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await payments.errorSummary.textContent()).toContain('Geben Sie eine gültige IBAN ein')
      await suite.a11y.expectAccessible(workerPage)
      await payments.resolveReturn('Eva Muster', 'DE02 1203 0000 0000 2020 51')
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await workerPage.content()).toContain('geklärt – wird erneut gezahlt')

      await payments.recordOneOff({
        amount: '12,345',
        purpose: 'Erstausstattung',
        basis: '§ 31 SGB XII',
        month: '12.2026',
      })
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await payments.errorSummary.textContent()).toContain('Geben Sie einen Betrag in Euro')
      await suite.a11y.expectAccessible(workerPage)
      await payments.recordOneOff({
        amount: '850,00',
        purpose: 'Erstausstattung',
        basis: '§ 31 SGB XII',
        month: '12.2026',
      })
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await workerPage.getByRole('status').textContent()).toContain(
        'Die einmalige Leistung ist erfasst.',
      )

      await payments.suspendOrResume('Zahlung einstellen', '01.12.2026', 'Post kommt unzustellbar zurück')
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await workerPage.content()).toContain('Die Zahlung ist eingestellt ab 01.12.2026.')
      await suite.a11y.expectAccessible(workerPage)
      await payments.suspendOrResume('Zahlung wieder aufnehmen', '01.01.2027', 'Neue Anschrift bekannt')
      await CasePaymentsPage.verifyOnPage(workerPage, granted.reference)
      expect(await workerPage.content()).toContain(
        'Die Zahlung ist eingestellt vom 01.12.2026 bis 31.12.2026.',
      )
      expect(await workerPage.getByRole('button', { name: 'Zahlung einstellen' }).count()).toBe(1)
      await suite.a11y.expectAccessible(workerPage)
    } finally {
      await workerContext.close()
    }
  })
})
