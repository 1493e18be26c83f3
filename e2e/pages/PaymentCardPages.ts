// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, chooseOption, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** "Freigaben für Ihre Bezahlkarte": the cardholder's requests and the two request forms. */
export class CitizenCardPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<CitizenCardPage> {
    await BasePage.waitForHeading(page, 'Freigaben für Ihre Bezahlkarte')
    return new CitizenCardPage(page)
  }

  get requests(): Locator {
    return this.page.getByRole('region', { name: 'Ihre Anträge' })
  }

  /** Fills the transfer form; fields left undefined keep what the page shows (after a 422). */
  async requestTransfer(fields: {
    payee?: string
    iban?: string
    purpose?: string
    amount?: string
    standing?: boolean
  }) {
    const form = this.page.getByRole('region', { name: 'Überweisung beantragen' })
    const fill = async (label: string, text: string | undefined) => {
      if (text !== undefined) {
        await typeInto(form.getByLabel(label), text)
      }
    }
    await fill('Empfänger (Name oder Firma)', fields.payee)
    await fill('IBAN des Empfängers', fields.iban)
    await fill('Verwendungszweck', fields.purpose)
    await fill('Betrag in Euro', fields.amount)
    if (fields.standing) {
      await check(form.getByLabel('Jeden Monat überweisen (Dauerauftrag)'))
    }
    await activate(form.getByRole('button', { name: 'Überweisung beantragen' }))
  }
}

/** One approval request on the staff side: facts, decision form, portal confirmation. */
export class ApprovalDecisionPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ApprovalDecisionPage> {
    await BasePage.waitForHeading(page, 'Antrag: Überweisung')
    return new ApprovalDecisionPage(page)
  }

  async decide(outcome: 'Freigeben' | 'Ablehnen', reason: string): Promise<void> {
    await check(this.page.getByRole('radio', { name: outcome }))
    if (reason !== '') {
      await typeInto(this.page.getByLabel('Begründung', { exact: true }), reason)
    }
    await activate(this.page.getByRole('button', { name: 'Entscheidung speichern' }))
  }

  async confirmPortal(): Promise<void> {
    await check(this.page.getByLabel('im Portal eingetragen'))
    await activate(this.page.getByRole('button', { name: 'Bestätigen' }))
  }
}

/** "Karte des Kindes ändern": the dated re-map form and the mapping history. */
export class RemapChildPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, childName: string): Promise<RemapChildPage> {
    await BasePage.waitForHeading(page, `Karte des Kindes ändern: ${childName}`)
    return new RemapChildPage(page)
  }

  get history(): Locator {
    return this.page.getByRole('region', { name: 'Verlauf der Zuordnung' })
  }

  /** Fills the form by keyboard; an undefined field keeps what the page shows. */
  async remap(fields: { holder?: string; validFrom?: string; reason?: string }): Promise<void> {
    if (fields.holder !== undefined) {
      await chooseOption(this.page.getByLabel('Neue Karte von'), fields.holder)
    }
    if (fields.validFrom !== undefined) {
      await typeInto(this.page.getByLabel('Gültig ab'), fields.validFrom)
    }
    if (fields.reason !== undefined) {
      await typeInto(this.page.getByLabel('Grund der Änderung'), fields.reason)
    }
    await activate(this.page.getByRole('button', { name: 'Zuordnung speichern' }))
  }
}
