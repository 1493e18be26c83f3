// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { textOf } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Ihre Beschwerde ist eingegangen" with the reference. */
export class ComplaintReceivedPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ComplaintReceivedPage> {
    await BasePage.waitForHeading(page, 'Ihre Beschwerde ist eingegangen')
    return new ComplaintReceivedPage(page)
  }

  async reference(): Promise<string> {
    const text = await textOf(this.page.getByText(/^Ihr Aktenzeichen:/))
    return text.replace('Ihr Aktenzeichen:', '').trim()
  }
}
