// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { check } from '../support/keyboard.js'
import { FormStepPage } from './FormStepPage.js'

/** Step 8: "Erklärungen und Einwilligung": three checkboxes. */
export class DeclarationsStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<DeclarationsStepPage> {
    await FormStepPage.waitForStep(page, 'Erklärungen und Einwilligung', 8)
    return new DeclarationsStepPage(page)
  }

  async confirmAll(): Promise<void> {
    for (const name of [
      /^Ich versichere, dass meine Angaben richtig und vollständig sind/,
      /^Ich weiß, dass ich Änderungen meiner Verhältnisse sofort mitteilen muss/,
      /^Ich habe die Hinweise zum Datenschutz gelesen/,
    ]) {
      await check(this.page.getByRole('checkbox', { name }))
    }
  }
}
