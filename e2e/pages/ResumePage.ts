// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Gespeicherten Antrag fortsetzen": enter the resume code. */
export class ResumePage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ResumePage> {
    await BasePage.waitForHeading(page, 'Gespeicherten Antrag fortsetzen')
    return new ResumePage(page)
  }

  async resume(code: string): Promise<void> {
    await typeInto(this.page.getByLabel('Fortsetzungscode', { exact: true }), code)
    await activate(this.page.getByRole('button', { name: 'Antrag fortsetzen' }))
  }
}
