// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { BasePage } from './BasePage.js'

/** Admin: the organisation overview ("Organisation") with the unit tree and the "Stand am" field. */
export class OrganisationOverviewPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<OrganisationOverviewPage> {
    await BasePage.waitForHeading(page, 'Organisation')
    return new OrganisationOverviewPage(page)
  }

  unitLink(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true })
  }
}

/** Admin: one unit with its posts, who acts for each, and its absences. */
export class OrganisationUnitPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, title: string): Promise<OrganisationUnitPage> {
    await BasePage.waitForHeading(page, title)
    return new OrganisationUnitPage(page)
  }

  /** The section of one post, found by its title (h3). */
  post(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true })
  }

  /** "Handelt jetzt" of a post. */
  actingFor(title: string): Locator {
    return this.descriptionOf('Handelt jetzt', this.post(title))
  }

  /** "Weg" of a post (only when someone other than the holder acts). */
  wayFor(title: string): Locator {
    return this.descriptionOf('Weg', this.post(title))
  }

  get standField(): Locator {
    return this.page.getByLabel('Stand am', { exact: true })
  }

  get notice(): Locator {
    return this.page.getByRole('status').first()
  }
}

/** Admin or lead: "Abwesenheit erfassen: <unit>". */
export class AbsenceFormPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, unit: string): Promise<AbsenceFormPage> {
    await BasePage.waitForHeading(page, `Abwesenheit erfassen: ${unit}`)
    return new AbsenceFormPage(page)
  }

  get person(): Locator {
    return this.page.getByLabel('Person', { exact: true })
  }

  get validFrom(): Locator {
    return this.page.getByLabel('Gültig ab', { exact: true })
  }

  get submit(): Locator {
    return this.page.getByRole('button', { name: 'Abwesenheit speichern', exact: true })
  }
}
