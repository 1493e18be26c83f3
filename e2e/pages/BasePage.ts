// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'

export const SITE_NAME = 'Lotse'

/** What every Lotse page has: one h1, a title "<h1> – Lotse", an error summary when something is wrong. */
export abstract class BasePage {
  protected constructor(readonly page: Page) {}

  /**
   * Waits until the page's h1 reads `name` (the page after a navigation has arrived) and fails with what is
   * there instead.
   */
  protected static async waitForHeading(page: Page, name: string): Promise<void> {
    const heading = page.getByRole('heading', { level: 1, name, exact: true })
    try {
      await heading.waitFor({ state: 'visible', timeout: 10_000 })
    } catch {
      const actual = await page
        .getByRole('heading', { level: 1 })
        .allInnerTexts()
        .catch(() => [])
      throw new Error(
        `expected a page with the heading "${name}" but ${page.url()} shows ${JSON.stringify(actual)}`,
      )
    }
  }

  title(): Promise<string> {
    return this.page.title()
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }

  /** The GOV.UK-style summary at the top of a page with errors. */
  get errorSummary(): Locator {
    return this.page
      .getByRole('alert')
      .filter({ has: this.page.getByRole('heading', { name: 'Es gibt ein Problem' }) })
  }

  get errorSummaryLinks(): Locator {
    return this.errorSummary.getByRole('link')
  }

  /** The value next to a term in a description list, e.g. "Aktenzeichen". */
  descriptionOf(term: string, scope: Locator | Page = this.page): Locator {
    return scope
      .getByRole('term')
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(term)}\\s*$`) })
      .locator('xpath=following-sibling::dd[1]')
  }

  get skipLink(): Locator {
    return this.page.getByRole('link', { name: 'Zum Inhalt springen' })
  }

  /** The site name in the header leads home (citizens) or to the list (staff). */
  async goHomeViaHeader(): Promise<void> {
    await activate(this.page.getByRole('banner').getByRole('link', { name: /^Lotse/ }))
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
