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

  /** Records the capacity from a date with the form under "Kapazität im Zeitverlauf". */
  async recordCapacity(capacity: string, validFrom: string): Promise<void> {
    await typeInto(
      this.page.getByRole('textbox', { name: 'Neue Kapazität (Plätze laut Genehmigung)' }),
      capacity,
    )
    await typeInto(this.page.getByRole('textbox', { name: 'Gültig ab' }), validFrom)
    await activate(this.page.getByRole('button', { name: 'Kapazität speichern' }))
  }

  async openEdit(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Name und Anschrift bearbeiten' }))
  }

  /** On the edit page: a new name, saved. */
  async rename(name: string): Promise<void> {
    await typeInto(this.page.getByRole('textbox', { name: 'Name der Unterkunft' }), name)
    await activate(this.page.getByRole('button', { name: 'Änderungen speichern' }))
  }

  notice(): Promise<string> {
    return textOf(this.page.getByRole('status'))
  }
}
