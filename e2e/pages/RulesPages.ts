// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { BasePage } from './BasePage.js'

/** Leads and administrators: the routing, priority and four-eyes rules with their history. */
export class RulesOverviewPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<RulesOverviewPage> {
    await BasePage.waitForHeading(page, 'Regeln für Zuständigkeit, Priorität und Vier-Augen-Prinzip')
    return new RulesOverviewPage(page)
  }

  link(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true })
  }

  get notice(): Locator {
    return this.page.getByRole('status')
  }

  /** The routing rules table. */
  get routingTable(): Locator {
    return this.page.getByRole('table', { name: 'Zuständigkeit (Buchstabenzuständigkeit)' })
  }
}

/** One rule form (new routing rule, new priority version, new four-eyes rule, end a rule). */
export class RuleFormPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: string): Promise<RuleFormPage> {
    await BasePage.waitForHeading(page, heading)
    return new RuleFormPage(page)
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }
}
