// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Beschwerde einreichen": the citizen's complaint form. */
export class ComplaintFormPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page): Promise<ComplaintFormPage> {
    await page.goto('/beschwerde')
    return ComplaintFormPage.verifyOnPage(page)
  }

  static async verifyOnPage(page: Page): Promise<ComplaintFormPage> {
    await BasePage.waitForHeading(page, 'Beschwerde einreichen')
    return new ComplaintFormPage(page)
  }

  category(label: string): Locator {
    return this.page.getByRole('radio', { name: label, exact: true })
  }

  get description(): Locator {
    return this.page.getByLabel('Ihre Beschwerde', { exact: true })
  }

  field(label: string): Locator {
    return this.page.getByLabel(label)
  }

  async chooseCategory(label: string): Promise<void> {
    await check(this.category(label))
  }

  async describe(text: string): Promise<void> {
    await typeInto(this.description, text)
  }

  async fill(label: string, text: string): Promise<void> {
    await typeInto(this.field(label), text)
  }

  async submit(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Beschwerde absenden' }))
  }
}
