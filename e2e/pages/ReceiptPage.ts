// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { textOf } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Ihr Antrag ist eingegangen": reference number and access code, shown once. */
export class ReceiptPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ReceiptPage> {
    await BasePage.waitForHeading(page, 'Ihr Antrag ist eingegangen')
    return new ReceiptPage(page)
  }

  async reference(): Promise<string> {
    return textOf(this.descriptionOf('Aktenzeichen'))
  }

  async accessCode(): Promise<string> {
    return textOf(this.descriptionOf('Zugangscode'))
  }

  async currentStatus(): Promise<string> {
    return textOf(this.descriptionOf('Aktueller Stand'))
  }

  /** Focus + Enter on the download link; returns the file's name and bytes. */
  async downloadPdf(): Promise<{ name: string; bytes: Buffer }> {
    const link = this.page.getByRole('link', { name: 'Eingangsbestätigung als PDF herunterladen' })
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.press('Enter')])
    const path = await download.path()
    return { name: download.suggestedFilename(), bytes: await readFile(path) }
  }
}
