// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Löschfristen: Probelauf": the DPO's dry run of the next deletion run. */
export class DeletionPlanPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<DeletionPlanPage> {
    await BasePage.waitForHeading(page, 'Löschfristen: Probelauf')
    return new DeletionPlanPage(page)
  }

  /** The row of a category in the overview table. */
  categoryRow(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) })
  }

  dueRow(reference: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: reference }) })
  }

  get notice(): Locator {
    return this.page.getByRole('status')
  }

  async release(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Löschung freigeben', exact: true }))
  }

  async openAccessRequests(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Auskunft nach Art. 15 DSGVO', exact: true }))
  }
}

/** "Auskunft nach Art. 15 DSGVO": search a person, then download. */
export class SubjectAccessPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<SubjectAccessPage> {
    await BasePage.waitForHeading(page, 'Auskunft nach Art. 15 DSGVO')
    return new SubjectAccessPage(page)
  }

  async searchByName(surname: string, givenName: string, birthDate: string): Promise<void> {
    await typeInto(this.page.getByLabel('Nachname', { exact: false }), surname)
    await typeInto(this.page.getByLabel('Vorname', { exact: false }), givenName)
    await typeInto(this.page.getByLabel(/^Geburtsdatum/), birthDate)
    await activate(this.page.getByRole('button', { name: 'Suchen', exact: true }))
  }

  async submit(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Suchen', exact: true }))
  }

  downloadLink(reference: string, format: 'JSON' | 'PDF'): Locator {
    return this.page.getByRole('link', { name: `Auskunft zu ${reference} als ${format} herunterladen` })
  }
}
