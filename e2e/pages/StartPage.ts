// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Sozialleistungen online beantragen": the benefits, resume and status lookup. */
export class StartPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page): Promise<StartPage> {
    await page.goto('/')
    return StartPage.verifyOnPage(page)
  }

  static async verifyOnPage(page: Page): Promise<StartPage> {
    await BasePage.waitForHeading(page, 'Sozialleistungen online beantragen')
    return new StartPage(page)
  }

  get startGrundsicherungButton(): Locator {
    return this.page.getByRole('button', {
      name: 'Antrag starten: Grundsicherung im Alter und bei Erwerbsminderung',
    })
  }

  async startGrundsicherung(): Promise<void> {
    await activate(this.startGrundsicherungButton)
  }

  async openResume(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Gespeicherten Antrag fortsetzen' }))
  }

  async openStatusLookup(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Stand abfragen' }))
  }
}
