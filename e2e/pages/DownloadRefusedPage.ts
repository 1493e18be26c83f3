// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { BasePage } from './BasePage.js'

/** "Herunterladen in der Telearbeit gesperrt": shown instead of a download outside the office network. */
export class DownloadRefusedPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<DownloadRefusedPage> {
    await BasePage.waitForHeading(page, 'Herunterladen in der Telearbeit gesperrt')
    return new DownloadRefusedPage(page)
  }

  /** The link to the stamped in-browser view of the document. */
  viewLink(fileName: string): Locator {
    return this.page.getByRole('link', { name: `„${fileName}“ im Browser ansehen` })
  }
}
