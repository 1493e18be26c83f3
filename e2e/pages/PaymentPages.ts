// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, textOf, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** /zahlungen: the list of payment runs and the form for a new preview. */
export class PaymentRunsPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<PaymentRunsPage> {
    await BasePage.waitForHeading(page, 'Zahlläufe')
    return new PaymentRunsPage(page)
  }

  /** Computes a preview for a month ("12.2026") by keyboard. */
  async computePreview(month: string): Promise<void> {
    await typeInto(this.page.getByRole('textbox', { name: 'Leistungsmonat' }), month)
    await activate(this.page.getByRole('button', { name: 'Vorschau berechnen' }))
  }
}

/** /zahlungen/:id: a preview or released run. */
export class PaymentRunPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, title: string): Promise<PaymentRunPage> {
    await BasePage.waitForHeading(page, title)
    return new PaymentRunPage(page)
  }

  async release(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Zahllauf freigeben' }))
  }

  notice(): Promise<string> {
    return textOf(this.page.getByRole('status'))
  }

  pain001Href(): Promise<string | null> {
    return this.page
      .getByRole('link', { name: 'SEPA-Überweisungsdatei (pain.001.001.09) herunterladen' })
      .getAttribute('href')
  }
}
