// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { FormStepPage } from './FormStepPage.js'

/** Step 4: "Vermögen". */
export class AssetsStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<AssetsStepPage> {
    await FormStepPage.waitForStep(page, 'Vermögen', 4)
    return new AssetsStepPage(page)
  }

  async hasAssets(answer: 'Ja' | 'Nein'): Promise<void> {
    await this.choose('Haben Sie Vermögen?', answer)
  }

  async fillAsset(n: number, asset: { kind: string; description: string; value: string }): Promise<void> {
    const entry = this.page.getByRole('group', { name: `Vermögen ${n}`, exact: true })
    await this.select('Art des Vermögens', asset.kind, entry)
    await this.type('Beschreibung', asset.description, entry)
    await this.type('Wert oder Kontostand (in Euro)', asset.value, entry)
  }
}
