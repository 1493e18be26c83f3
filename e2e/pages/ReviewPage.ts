// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { FormStepPage } from './FormStepPage.js'

/** Step 10: "Angaben prüfen und Antrag absenden". */
export class ReviewPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ReviewPage> {
    await FormStepPage.waitForStep(page, 'Angaben prüfen und Antrag absenden', 10)
    return new ReviewPage(page)
  }

  /** The summary of one step, e.g. "Haushalt". */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true })
  }

  async submit(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Antrag verbindlich absenden' }))
  }
}
