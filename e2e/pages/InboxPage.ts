// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, chooseOption } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

export interface ListRow {
  reference: string
  name: string
  status: string
  /** The post, "i.V. <post>" when covered */
  post: string
}

/** Staff: "Mein Posteingang", in priority order, filterable by status, benefit and team. */
export class InboxPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading = 'Mein Posteingang'): Promise<InboxPage> {
    await BasePage.waitForHeading(page, heading)
    return new InboxPage(page)
  }

  get statusFilter(): Locator {
    return this.page.getByLabel('Status', { exact: true })
  }

  /** "3 offene Fälle (Eingegangen: 2, In Prüfung: 1)" */
  get count(): Locator {
    return this.page.getByRole('status')
  }

  /** The table's rows, top to bottom. */
  async rows(): Promise<ListRow[]> {
    const rows = await this.page.getByRole('table').getByRole('row').all()
    const result: ListRow[] = []
    for (const row of rows.slice(1)) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim())
      // In the unit view the first column holds the selection boxes.
      const offset = (await row.getByRole('checkbox').count()) > 0 ? 1 : 0
      result.push({
        reference: cells[offset] ?? '',
        name: cells[offset + 1] ?? '',
        status: cells[offset + 3] ?? '',
        post: cells[offset + 4] ?? '',
      })
    }
    return result
  }

  /** Chooses a status ("alle", "Eingegangen", "In Prüfung", …) and presses Enter on "Filter anwenden". */
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
