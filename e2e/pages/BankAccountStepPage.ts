// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { FormStepPage } from './FormStepPage.js'

/** Step 7: "Bankverbindung". */
export class BankAccountStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<BankAccountStepPage> {
    await FormStepPage.waitForStep(page, 'Bankverbindung', 7)
    return new BankAccountStepPage(page)
  }

  async fill(account: { holder: string; iban: string; bic?: string }): Promise<void> {
    await this.type('Kontoinhaberin oder Kontoinhaber', account.holder)
    await this.type('IBAN', account.iban)
    await this.type('BIC (freiwillig)', account.bic ?? '')
  }
}
