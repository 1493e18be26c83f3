// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { FormStepPage } from './FormStepPage.js'

/** Step 3: "Einkommen". */
export class IncomeStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<IncomeStepPage> {
    await FormStepPage.waitForStep(page, 'Einkommen', 3)
    return new IncomeStepPage(page)
  }

  async hasIncome(answer: 'Ja' | 'Nein'): Promise<void> {
    await this.choose('Haben Sie Einkünfte?', answer)
  }

  async fillIncome(
    n: number,
    income: { kind: string; source: string; monthlyAmount: string },
  ): Promise<void> {
    const entry = this.page.getByRole('group', { name: `Einkunft ${n}`, exact: true })
    await this.select('Art der Einkünfte', income.kind, entry)
    await this.type('Zahlende Stelle', income.source, entry)
    await this.type('Betrag im Monat (brutto, in Euro)', income.monthlyAmount, entry)
  }
}
