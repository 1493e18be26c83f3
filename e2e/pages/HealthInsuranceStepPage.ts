// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { FormStepPage } from './FormStepPage.js'

/** Step 6: "Krankenversicherung". */
export class HealthInsuranceStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<HealthInsuranceStepPage> {
    await FormStepPage.waitForStep(page, 'Krankenversicherung', 6)
    return new HealthInsuranceStepPage(page)
  }

  async fillStatutory(insurer: string, insuranceNumber = ''): Promise<void> {
    await this.choose('Wie sind Sie krankenversichert?', 'gesetzlich')
    await this.type('Name der Krankenkasse oder Versicherung', insurer)
    await this.type('Krankenversichertennummer (freiwillig)', insuranceNumber)
  }
}
