// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, textOf, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** /berichte: the list of committee reports and the form for a new draft. */
export class ReportsListPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ReportsListPage> {
    await BasePage.waitForHeading(page, 'Lageberichte für den Sozialausschuss')
    return new ReportsListPage(page)
  }

  /** Drafts a report for a month ("10.2026") by keyboard. */
  async draft(month: string): Promise<void> {
    await typeInto(this.page.getByRole('textbox', { name: 'Berichtsmonat' }).first(), month)
    await activate(this.page.getByRole('button', { name: 'Entwurf anlegen' }))
  }
}

/** /berichte/:id: one report version with its texts, lifecycle actions and downloads. */
export class ReportDetailPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, month: string, version: number): Promise<ReportDetailPage> {
    await BasePage.waitForHeading(page, `Lagebericht ${month}, Fassung ${version}`)
    return new ReportDetailPage(page)
  }

  async writeSituation(text: string): Promise<void> {
    await typeInto(
      this.page.getByRole('textbox', { name: '1. Aktuelle Situation und Herausforderungen' }),
      text,
    )
    await activate(this.page.getByRole('button', { name: 'Texte speichern' }))
  }

  async submitForReview(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Zur Prüfung vorlegen' }))
  }

  async release(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Bericht freigeben' }))
  }

  status(): Promise<string> {
    return textOf(this.page.locator('#bericht-status'))
  }

  notice(): Promise<string> {
    return textOf(this.page.getByRole('status'))
  }

  publicPdfHref(): Promise<string | null> {
    return this.page.getByRole('link', { name: 'Öffentlicher Link zum PDF' }).getAttribute('href')
  }
}
