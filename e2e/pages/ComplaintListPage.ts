// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Beschwerden": the staff list. */
export class ComplaintListPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ComplaintListPage> {
    await BasePage.waitForHeading(page, 'Beschwerden')
    return new ComplaintListPage(page)
  }

  async open(reference: string): Promise<void> {
    await activate(this.page.getByRole('link', { name: reference, exact: true }))
  }
}
