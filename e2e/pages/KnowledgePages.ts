// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "<Standard title>": the versions of one process standard. */
export class StandardPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page, key: string, title: string): Promise<StandardPage> {
    await page.goto(`/standards/${key}`)
    return StandardPage.verifyOnPage(page, title)
  }

  static async verifyOnPage(page: Page, title: string): Promise<StandardPage> {
    await BasePage.waitForHeading(page, title)
    return new StandardPage(page)
  }

  async startNewVersion(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Neue Version anlegen', exact: true }))
  }

  inForce(): Locator {
    return this.descriptionOf('Gültige Version heute')
  }
}

/** "<Standard> – Version N bearbeiten". */
export class EditVersionPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: string): Promise<EditVersionPage> {
    await BasePage.waitForHeading(page, heading)
    return new EditVersionPage(page)
  }

  get steps(): Locator {
    return this.page.getByLabel('Schritte (YAML)')
  }

  async save(changeNote: string, steps: string): Promise<void> {
    await typeInto(this.page.getByLabel('Was ändert sich?'), changeNote)
    await typeInto(this.steps, steps)
    await activate(this.page.getByRole('button', { name: 'Entwurf speichern', exact: true }))
  }
}

/** "<Standard> – Version N". */
export class VersionPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: string): Promise<VersionPage> {
    await BasePage.waitForHeading(page, heading)
    return new VersionPage(page)
  }

  get status(): Locator {
    return this.page.locator('#version-status')
  }

  async press(name: string): Promise<void> {
    await activate(this.page.getByRole('button', { name, exact: true }))
  }

  async publish(validFrom: string): Promise<void> {
    await typeInto(this.page.getByLabel('Gültig ab', { exact: true }), validFrom)
    await this.press('Veröffentlichen')
  }
}

/** "Wissen durchsuchen". */
export class KnowledgeSearchPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page): Promise<KnowledgeSearchPage> {
    await page.goto('/wissen')
    return KnowledgeSearchPage.verifyOnPage(page)
  }

  static async verifyOnPage(page: Page): Promise<KnowledgeSearchPage> {
    await BasePage.waitForHeading(page, 'Wissen durchsuchen')
    return new KnowledgeSearchPage(page)
  }

  async search(query: string): Promise<void> {
    await typeInto(this.page.getByLabel('Suchbegriff', { exact: true }), query)
    await activate(this.page.getByRole('button', { name: 'Suchen', exact: true }))
  }

  get count(): Locator {
    return this.page.locator('#search-count')
  }

  result(title: string): Locator {
    return this.page.getByRole('link', { name: title, exact: true })
  }
}
