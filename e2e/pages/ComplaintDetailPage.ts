// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, textOf, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Beschwerde BS-…": facts, actions and timeline. */
export class ComplaintDetailPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<ComplaintDetailPage> {
    await BasePage.waitForHeading(page, `Beschwerde ${reference}`)
    return new ComplaintDetailPage(page)
  }

  get notice(): Locator {
    return this.page.getByRole('status').filter({ hasText: /./ }).first()
  }

  async status(): Promise<string> {
    return textOf(this.descriptionOf('Status'))
  }

  async routing(): Promise<string> {
    return textOf(this.descriptionOf('Zuständigkeit'))
  }

  async acknowledge(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Eingang bestätigen' }))
  }

  async replyByEmail(text: string): Promise<void> {
    await check(this.page.getByRole('radio', { name: 'E-Mail', exact: true }))
    await typeInto(this.page.getByLabel('Text der Antwort'), text)
    await activate(this.page.getByRole('button', { name: 'Antwort versenden' }))
  }

  timeline(): Promise<string[]> {
    return this.page.getByRole('region', { name: 'Verlauf' }).getByRole('listitem').allInnerTexts()
  }
}
