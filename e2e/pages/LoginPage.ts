// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { nextSecondFactorCode, type TestStaffUser } from '../../test/support/sign-in.js'
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

  /** Only the password step, by keyboard (the second factor is asked for next). */
  async enterPassword(user: { username: string; password: string }): Promise<void> {
    await typeInto(this.page.getByLabel('Benutzername', { exact: true }), user.username)
    await typeInto(this.page.getByLabel('Passwort', { exact: true }), user.password)
    await activate(this.page.getByRole('button', { name: 'Anmelden', exact: true }))
  }

  /**
   * Signs in by keyboard: password, then a code from the account's authenticator. Every spec signs in through
   * here, so a change of the sign-in flow is made once.
   */
  async signIn(user: TestStaffUser): Promise<void> {
    await this.enterPassword(user)
    const codePage = await SecondFactorPage.verifyOnPage(this.page)
    await codePage.enter(nextSecondFactorCode(user))
  }
}

/** "Code eingeben": the second step of the sign-in. */
export class SecondFactorPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<SecondFactorPage> {
    await BasePage.waitForHeading(page, 'Code eingeben')
    return new SecondFactorPage(page)
  }

  get codeField(): Locator {
    return this.page.getByLabel('Sicherheitscode', { exact: true })
  }

  async enter(code: string): Promise<void> {
    await typeInto(this.codeField, code)
    await activate(this.page.getByRole('button', { name: 'Bestätigen', exact: true }))
  }
}
