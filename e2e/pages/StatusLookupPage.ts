// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Stand Ihres Antrags abfragen": reference number + access code. */
export class StatusLookupPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<StatusLookupPage> {
    await BasePage.waitForHeading(page, 'Stand Ihres Antrags abfragen')
    return new StatusLookupPage(page)
  }

  async lookUp(reference: string, accessCode: string): Promise<void> {
    await typeInto(this.page.getByLabel('Aktenzeichen', { exact: true }), reference)
    await typeInto(this.page.getByLabel('Zugangscode', { exact: true }), accessCode)
    await activate(this.page.getByRole('button', { name: 'Stand abfragen' }))
  }
}
