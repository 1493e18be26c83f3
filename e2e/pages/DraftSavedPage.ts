// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { textOf } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Ihr Antrag ist gespeichert": shows the resume code to write down. */
export class DraftSavedPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<DraftSavedPage> {
    await BasePage.waitForHeading(page, 'Ihr Antrag ist gespeichert')
    return new DraftSavedPage(page)
  }

  async resumeCode(): Promise<string> {
    const text = await textOf(this.page.getByText(/^Ihr Fortsetzungscode:/))
    const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(text)?.[1]
    if (!code) {
      throw new Error(`no resume code in "${text}"`)
    }
    return code
  }
}
