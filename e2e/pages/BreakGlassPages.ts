// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Notfallzugriff auf einen Fall": file number and reason. */
export class BreakGlassFormPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<BreakGlassFormPage> {
    await BasePage.waitForHeading(page, 'Notfallzugriff auf einen Fall')
    return new BreakGlassFormPage(page)
  }

  /** Fills the form by keyboard and sends it. */
  async open(reference: string, reason: string): Promise<void> {
    await typeInto(this.page.getByLabel('Aktenzeichen', { exact: true }), reference)
    await typeInto(this.page.getByLabel('Begründung', { exact: true }), reason)
    await activate(this.page.getByRole('button', { name: 'Notfallzugriff öffnen' }))
  }
}

/** The error page a staff member gets for a case she may not see (or that does not exist). */
export class CaseNotFoundPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<CaseNotFoundPage> {
    await BasePage.waitForHeading(page, 'Es ist ein Fehler aufgetreten')
    return new CaseNotFoundPage(page)
  }

  get breakGlassLink(): Locator {
    return this.page.getByRole('link', { name: 'Notfallzugriff beantragen' })
  }
}

/** The band on every page while a break-glass access is in force. */
export function breakGlassBanner(page: Page): Locator {
  return page.getByRole('region', { name: 'Notfallzugriff' })
}

/** "Notfallzugriffe prüfen" (data-protection officer). */
export class ReviewQueuePage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ReviewQueuePage> {
    await BasePage.waitForHeading(page, 'Notfallzugriffe prüfen')
    return new ReviewQueuePage(page)
  }

  reviewLink(reference: string): Locator {
    return this.page.getByRole('link', { name: `Ergebnis der Prüfung: Notfallzugriff auf ${reference}` })
  }
}

/** The review form of one grant. */
export class ReviewGrantPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<ReviewGrantPage> {
    await BasePage.waitForHeading(page, `Ergebnis der Prüfung: Notfallzugriff auf ${reference}`)
    return new ReviewGrantPage(page)
  }

  async flag(note: string): Promise<void> {
    await check(this.page.getByRole('radio', { name: 'Beanstanden' }))
    await typeInto(this.page.getByLabel('Vermerk'), note)
    await activate(this.page.getByRole('button', { name: 'Prüfung speichern' }))
  }
}
