// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import { activate, textOf } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** Staff: one application ("Antrag GS-…"), its answers and documents, and the next workflow step. */
export class ApplicationDetailPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<ApplicationDetailPage> {
    await BasePage.waitForHeading(page, `Antrag ${reference}`)
    return new ApplicationDetailPage(page)
  }

  /** A titled block of answers, e.g. "Angaben zur Person" or "Eingang und Status". */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true })
  }

  async status(): Promise<string> {
    return textOf(this.descriptionOf('Status', this.section('Eingang und Status')))
  }

  answer(sectionTitle: string, term: string): Locator {
    return this.descriptionOf(term, this.section(sectionTitle))
  }

  documentLink(fileName: string): Locator {
    return this.section('Nachweise').getByRole('link', { name: `${fileName} öffnen` })
  }

  /** Focus + Enter on the document's link; the app sends it as a download, never as a page. */
  async downloadDocument(fileName: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.documentLink(fileName).press('Enter'),
    ])
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) }
  }

  get startReviewButton(): Locator {
    return this.page.getByRole('button', { name: 'In Prüfung nehmen' })
  }

  async startReview(): Promise<void> {
    await activate(this.startReviewButton)
  }

  /** The confirmation after a status change. */
  get notice(): Locator {
    return this.page.getByRole('status')
  }

  async backToList(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Zurück zur Liste' }))
  }

  async signOut(): Promise<void> {
    await activate(this.page.getByRole('banner').getByRole('button', { name: 'Abmelden' }))
  }
}
