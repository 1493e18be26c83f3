// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Anmeldung für Beschäftigte". */
export class LoginPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page): Promise<LoginPage> {
    await page.goto('/anmelden')
    return LoginPage.verifyOnPage(page)
  }

  static async verifyOnPage(page: Page): Promise<LoginPage> {
    await BasePage.waitForHeading(page, 'Anmeldung für Beschäftigte')
    return new LoginPage(page)
  }

  /** Signs in by keyboard. Every spec signs in through here, so a change of the sign-in flow is made once. */
  async signIn(user: { username: string; password: string }): Promise<void> {
    await typeInto(this.page.getByLabel('Benutzername', { exact: true }), user.username)
    await typeInto(this.page.getByLabel('Passwort', { exact: true }), user.password)
    await activate(this.page.getByRole('button', { name: 'Anmelden', exact: true }))
  }
}
