// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { textOf } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Stand Ihres Antrags": the result of a status lookup. */
export class StatusPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<StatusPage> {
    await BasePage.waitForHeading(page, 'Stand Ihres Antrags')
    return new StatusPage(page)
  }

  async reference(): Promise<string> {
    return textOf(this.descriptionOf('Aktenzeichen'))
  }

  async currentStatus(): Promise<string> {
    return textOf(this.descriptionOf('Aktueller Stand'))
  }
}
