// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, textOf, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** /traeger: the due-soon list and the providers. */
export class ProvidersOverviewPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ProvidersOverviewPage> {
    await BasePage.waitForHeading(page, 'Träger und Budgetverträge')
    return new ProvidersOverviewPage(page)
  }

  async openProvider(name: string): Promise<void> {
    await activate(this.page.getByRole('link', { name }))
  }
}

/** /traeger/:id: a provider's master data and contracts. */
export class ProviderPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, name: string): Promise<ProviderPage> {
    await BasePage.waitForHeading(page, name)
    return new ProviderPage(page)
  }

  async openContract(reference: string): Promise<void> {
    await activate(this.page.getByRole('link', { name: reference }))
  }
}

/** /traeger/vertraege/:id: a contract with budget, payments and documents. */
export class ContractPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: string): Promise<ContractPage> {
    await BasePage.waitForHeading(page, heading)
    return new ContractPage(page)
  }

  /** Books a payment by keyboard. */
  async bookPayment(date: string, amount: string, reference: string): Promise<void> {
    await typeInto(this.page.getByRole('textbox', { name: 'Zahlungsdatum' }), date)
    await typeInto(this.page.getByRole('textbox', { name: 'Betrag' }), amount)
    await typeInto(this.page.getByRole('textbox', { name: 'Buchungszeichen' }), reference)
    await activate(this.page.getByRole('button', { name: 'Zahlung buchen' }))
  }

  notice(): Promise<string> {
    return textOf(this.page.getByRole('status'))
  }
}

/** /unterkuenfte/:id: a site with places, residents, chart and contracts. */
export class SitePage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, name: string): Promise<SitePage> {
    await BasePage.waitForHeading(page, name)
    return new SitePage(page)
  }
}
