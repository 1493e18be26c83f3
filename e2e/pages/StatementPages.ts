// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** The statement upload form on /zahlungen and the result page after an import. */
export class StatementImportPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, title: string): Promise<StatementImportPage> {
    await BasePage.waitForHeading(page, title)
    return new StatementImportPage(page)
  }

  /** Chooses the statement file and submits the form by keyboard. */
  async upload(xml: string): Promise<void> {
    await this.page
      .getByLabel('Kontoauszug (camt.053, XML)')
      .setInputFiles({ name: 'auszug.xml', mimeType: 'text/xml', buffer: Buffer.from(xml, 'utf8') })
    await activate(this.page.getByRole('button', { name: 'Kontoauszug einlesen' }))
  }

  summary(): Promise<string> {
    return this.page
      .getByRole('status')
      .textContent()
      .then((t) => t ?? '')
  }
}
