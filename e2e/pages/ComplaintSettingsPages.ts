// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, chooseOption, selectedOptionText, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** Shared by the settings pages: fields by label, the success notice, buttons and links by name. */
abstract class SettingsPage extends BasePage {
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  async fill(label: string, text: string): Promise<void> {
    await typeInto(this.field(label), text)
  }

  get notice(): Locator {
    return this.page.getByRole('status')
  }

  async press(button: string): Promise<void> {
    await activate(this.page.getByRole('button', { name: button, exact: true }))
  }

  async follow(link: string): Promise<void> {
    await activate(this.page.getByRole('link', { name: link, exact: true }))
  }
}

/** "Open311-Schnittstelle": keys, import, deliveries (administrators). */
export class Open311AdminPage extends SettingsPage {
  static async verifyOnPage(page: Page): Promise<Open311AdminPage> {
    await BasePage.waitForHeading(page, 'Open311-Schnittstelle')
    return new Open311AdminPage(page)
  }
}

/** "Open311-Dienste": every category as published. */
export class ServicesPage extends SettingsPage {
  static async verifyOnPage(page: Page): Promise<ServicesPage> {
    await BasePage.waitForHeading(page, 'Open311-Dienste')
    return new ServicesPage(page)
  }
}

/** "Open311-Dienst „…“": the service's settings, its attributes, the form to add one. */
export class ServicePage extends SettingsPage {
  static async verifyOnPage(page: Page, label: string): Promise<ServicePage> {
    await BasePage.waitForHeading(page, `Open311-Dienst „${label}“`)
    return new ServicePage(page)
  }

  async chooseDatatype(label: string): Promise<void> {
    await chooseOption(this.field('Datentyp'), label)
  }

  async tick(label: string): Promise<void> {
    await check(this.field(label))
  }
}

/** "Beschwerdekategorien": the list and the form to add one. */
export class CategoriesPage extends SettingsPage {
  static async verifyOnPage(page: Page): Promise<CategoriesPage> {
    await BasePage.waitForHeading(page, 'Beschwerdekategorien')
    return new CategoriesPage(page)
  }

  /** Arrow keys through the closed select (type-ahead would open the list at the label's space). */
  async chooseUnit(label: string): Promise<void> {
    const select = this.field('Zuständige Organisationseinheit')
    await select.focus()
    for (let i = 0; i < 50 && (await selectedOptionText(select)) !== label; i++) {
      await select.press('ArrowDown')
    }
    if ((await selectedOptionText(select)) !== label) {
      throw new Error(`no option "${label}" reached by the arrow keys`)
    }
  }
}

/** "Kategorie „…“": rename, route, deactivate, delete when unused. */
export class CategoryEditPage extends SettingsPage {
  static async verifyOnPage(page: Page, label: string): Promise<CategoryEditPage> {
    await BasePage.waitForHeading(page, `Kategorie „${label}“`)
    return new CategoryEditPage(page)
  }
}
