// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { activate, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** The payment page of a case: returned payments, suspension, one-off grants. */
export class CasePaymentsPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<CasePaymentsPage> {
    await BasePage.waitForHeading(page, `Zahlungen zu ${reference}`)
    return new CasePaymentsPage(page)
  }

  /** Resolves the open return with a new account, by keyboard. */
  async resolveReturn(holder: string, iban: string): Promise<void> {
    await typeInto(this.page.getByLabel('Kontoinhaberin oder Kontoinhaber'), holder)
    await typeInto(this.page.getByLabel('Neue IBAN'), iban)
    await activate(this.page.getByRole('button', { name: 'Rückläufer als geklärt vermerken' }))
  }

  async recordOneOff(fields: {
    amount: string
    purpose: string
    basis: string
    month: string
  }): Promise<void> {
    await typeInto(this.page.getByLabel('Betrag in Euro'), fields.amount)
    await typeInto(this.page.getByLabel('Zweck'), fields.purpose)
    await typeInto(this.page.getByLabel('Rechtsgrundlage'), fields.basis)
    await typeInto(this.page.getByLabel('Fällig im Monat'), fields.month)
    await activate(this.page.getByRole('button', { name: 'Einmalige Leistung erfassen' }))
  }

  /** Suspends ('Zahlung einstellen') or resumes ('Zahlung wieder aufnehmen') from a date with a reason. */
  async suspendOrResume(
    button: 'Zahlung einstellen' | 'Zahlung wieder aufnehmen',
    date: string,
    reason: string,
  ): Promise<void> {
    await typeInto(
      this.page.getByLabel(button === 'Zahlung einstellen' ? 'Eingestellt ab' : 'Wieder aufgenommen ab'),
      date,
    )
    await typeInto(this.page.getByLabel('Grund', { exact: true }), reason)
    await activate(this.page.getByRole('button', { name: button }))
  }
}

/** The list of statement entries to resolve, and the resolve form of one entry. */
export class StatementExceptionsPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(
    page: Page,
    title = 'Kontoauszug: Buchungen zur Klärung',
  ): Promise<StatementExceptionsPage> {
    await BasePage.waitForHeading(page, title)
    return new StatementExceptionsPage(page)
  }

  async open(entry: string): Promise<void> {
    await activate(this.page.getByRole('link', { name: `Als geklärt vermerken ${entry}` }))
  }

  async resolve(note: string): Promise<void> {
    await typeInto(this.page.getByLabel('Vermerk zur Klärung'), note)
    await activate(this.page.getByRole('button', { name: 'Als geklärt vermerken' }))
  }
}
