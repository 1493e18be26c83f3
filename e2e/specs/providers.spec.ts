// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildCase, buildStaffWithPost } from '../../test/factories/cases.factory.js'
import { buildContract, buildProvider, buildSite, buildStay } from '../../test/factories/providers.factory.js'
import { LoginPage } from '../pages/LoginPage.js'
import { ContractPage, ProviderPage, ProvidersOverviewPage, SitePage } from '../pages/ProviderPages.js'
import { newContext } from '../support/browser.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('providers and accommodation: register, contract, site', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should book a payment, record a site capacity and rename a site by keyboard, axe clean on every page', async () => {
    const { db } = suite.server.ctx
    const provider = await buildProvider(db, { name: 'Caritas Musterstadt e.V.' })
    const site = await buildSite(db, { capacity: 3, name: 'GU Parkweg' })
    await buildContract(db, provider.id, {
      reference: 'BV-2026-042',
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      annualBudgetCents: 120_000_00,
    })
    await buildContract(db, provider.id, { kind: 'operator', siteId: site.id, reference: 'BT-2026-007' })
    const lead = await buildStaffWithPost(db, { role: 'team_lead', isHeadOfUnit: true })
    const resident = await buildCase(db, { postId: lead.postId, surname: 'Parkweg', givenName: 'Rosa' })
    await buildStay(db, site, site.places[0]?.id ?? '', resident.applicationId, '2026-01-15')
    const other = await buildCase(db, { postId: null })
    await buildStay(db, site, site.places[1]?.id ?? '', other.applicationId, '2026-02-01')

    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      await (await LoginPage.visit(page)).signIn(lead)
      await page.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
      await page.goto('/traeger')
      const overview = await ProvidersOverviewPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await overview.openProvider('Caritas Musterstadt e.V.')
      const providerPage = await ProviderPage.verifyOnPage(page, 'Caritas Musterstadt e.V.')
      await suite.a11y.expectAccessible(page)
      await providerPage.openContract('BV-2026-042')
      let contract = await ContractPage.verifyOnPage(page, 'Budgetvertrag BV-2026-042')
      await suite.a11y.expectAccessible(page)
      await contract.bookPayment('15.03.2026', '10.000,00', 'Abschlag März')
      contract = await ContractPage.verifyOnPage(page, 'Budgetvertrag BV-2026-042')
      expect(await contract.notice()).toBe('Die Zahlung wurde gebucht.')
      expect(await page.getByRole('cell', { name: '110.000,00 €' }).count()).toBe(1)

      // A form with errors must be accessible too.
      await contract.bookPayment('31.02.2026', '0', '')
      contract = await ContractPage.verifyOnPage(page, 'Budgetvertrag BV-2026-042')
      expect(await contract.errorSummary.isVisible()).toBe(true)
      await suite.a11y.expectAccessible(page)

      await page.goto(
        `/traeger/vertraege/${(await db.selectFrom('provider_contract').select('id').where('reference', '=', 'BV-2026-042').executeTakeFirstOrThrow()).id}/verlauf`,
      )
      await suite.a11y.expectAccessible(page)

      await page.goto('/unterkuenfte')
      await page.getByRole('heading', { level: 1, name: 'Gemeinschaftsunterkünfte' }).waitFor()
      await suite.a11y.expectAccessible(page)
      await page.goto(`/unterkuenfte/${site.id}`)
      await SitePage.verifyOnPage(page, 'GU Parkweg')
      expect(await page.getByText('Rosa Parkweg').count()).toBe(1)
      await suite.a11y.expectAccessible(page)

      // Capacity from a date: below the two residents is refused with the day named, then a raise is kept.
      let sitePage = await SitePage.verifyOnPage(page, 'GU Parkweg')
      await sitePage.recordCapacity('1', '01.03.2026')
      sitePage = await SitePage.verifyOnPage(page, 'GU Parkweg')
      expect(await page.getByText(/wären 2 Personen untergebracht/).count()).toBeGreaterThan(0)
      await suite.a11y.expectAccessible(page)
      await sitePage.recordCapacity('5', '01.04.2026')
      sitePage = await SitePage.verifyOnPage(page, 'GU Parkweg')
      expect(await sitePage.notice()).toBe('Die Kapazität wurde gespeichert.')
      expect(await page.getByRole('cell', { name: '01.04.2026' }).count()).toBe(1)

      await sitePage.openEdit()
      const editPage = await SitePage.verifyOnPage(page, 'Unterkunft bearbeiten: GU Parkweg')
      await suite.a11y.expectAccessible(page)
      await editPage.rename('GU Parkweg Nord')
      sitePage = await SitePage.verifyOnPage(page, 'GU Parkweg Nord')
      expect(await sitePage.notice()).toBe('Name und Anschrift der Unterkunft wurden gespeichert.')
    } finally {
      await context.close()
    }
  })
})
