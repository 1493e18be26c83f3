// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Zweiten Faktor einrichten": QR code, the secret as text, and the first code to confirm it. */
export class EnrolPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<EnrolPage> {
    await BasePage.waitForHeading(page, 'Zweiten Faktor einrichten')
    return new EnrolPage(page)
  }

  get qrCode(): Locator {
    return this.page.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' })
  }

  /** The secret as shown for typing it in by hand, without the spaces between groups. */
  async secret(): Promise<string> {
    return ((await this.descriptionOf('Schlüssel').textContent()) ?? '').replace(/\s/g, '')
  }

  async confirm(code: string): Promise<void> {
    await typeInto(this.page.getByLabel('Code aus der App', { exact: true }), code)
    await activate(this.page.getByRole('button', { name: 'Einrichten', exact: true }))
  }
}

/** "Ihre Wiederherstellungscodes", shown once after enrolment. */
export class RecoveryCodesPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<RecoveryCodesPage> {
    await BasePage.waitForHeading(page, 'Ihre Wiederherstellungscodes')
    return new RecoveryCodesPage(page)
  }

  async codes(): Promise<string[]> {
    return (await this.page.getByRole('main').getByRole('listitem').allInnerTexts()).map((c) => c.trim())
  }

  async continue(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Weiter', exact: true }))
  }
}
