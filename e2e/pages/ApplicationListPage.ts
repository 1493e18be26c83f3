// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, chooseOption } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

export interface ListRow {
  reference: string
  name: string
  status: string
}

/** Staff: "Eingegangene Anträge", newest first, filterable by status. */
export class ApplicationListPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ApplicationListPage> {
    await BasePage.waitForHeading(page, 'Eingegangene Anträge')
    return new ApplicationListPage(page)
  }

  get statusFilter(): Locator {
    return this.page.getByLabel('Nach Status filtern', { exact: true })
  }

  /** "3 Anträge" */
  get count(): Locator {
    return this.page.getByRole('status')
  }

  /** The table's rows, top to bottom. */
  async rows(): Promise<ListRow[]> {
    const rows = await this.page.getByRole('table').getByRole('row').all()
    const result: ListRow[] = []
    for (const row of rows.slice(1)) {
      const cells = await row.getByRole('cell').allInnerTexts()
      result.push({
        reference: cells[0]?.trim() ?? '',
        name: cells[1]?.trim() ?? '',
        status: cells[4]?.trim() ?? '',
      })
    }
    return result
  }

  /** Chooses a status ("alle", "Eingegangen", "In Prüfung") and presses Enter on "Filter anwenden". */
  async filterBy(status: string): Promise<void> {
    await chooseOption(this.statusFilter, status)
    await activate(this.page.getByRole('button', { name: 'Filter anwenden' }))
  }

  async signOut(): Promise<void> {
    await activate(this.page.getByRole('banner').getByRole('button', { name: 'Abmelden' }))
  }

  async open(reference: string): Promise<void> {
    await activate(this.page.getByRole('table').getByRole('link', { name: reference, exact: true }))
  }
}
