// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { FormStepPage } from './FormStepPage.js'

/** Step 5: "Wohnung und Wohnkosten". */
export class HousingStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<HousingStepPage> {
    await FormStepPage.waitForStep(page, 'Wohnung und Wohnkosten', 5)
    return new HousingStepPage(page)
  }

  async fillRented(costs: {
    rent: string
    serviceCharges: string
    heatingCosts: string
    livingSpace?: string
  }): Promise<void> {
    await this.choose('Wie wohnen Sie?', 'zur Miete')
    await this.type('Grundmiete (kalt) im Monat, in Euro', costs.rent)
    await this.type('Nebenkosten im Monat, in Euro', costs.serviceCharges)
    await this.type('Heizkosten im Monat, in Euro', costs.heatingCosts)
    await this.type('Wohnfläche in Quadratmetern (freiwillig)', costs.livingSpace ?? '')
  }
}
