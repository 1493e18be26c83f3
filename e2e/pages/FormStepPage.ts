// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, chooseOption, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

export const FORM_TITLE = 'Grundsicherung im Alter und bei Erwerbsminderung'
/** Eight question steps, the upload page and the review page. */
export const TOTAL_STEPS = 10

/** One question step of the online application: fields, "Speichern und weiter", "Entwurf speichern". */
export abstract class FormStepPage extends BasePage {
  protected static async waitForStep(page: Page, title: string, n: number): Promise<void> {
    await BasePage.waitForHeading(page, title)
    await page.getByText(`${FORM_TITLE} · Schritt ${n} von ${TOTAL_STEPS}`, { exact: true }).waitFor()
  }

  /** A text field or select by its label (exactly). */
  field(label: string, scope: Locator | Page = this.page): Locator {
    return scope.getByLabel(label, { exact: true })
  }

  /** A radio button inside the question (fieldset) it answers. */
  radio(question: string, answer: string): Locator {
    return this.page
      .getByRole('group', { name: question, exact: true })
      .getByRole('radio', { name: answer, exact: true })
  }

  async type(label: string, text: string, scope: Locator | Page = this.page): Promise<void> {
    await typeInto(this.field(label, scope), text)
  }

  async choose(question: string, answer: string): Promise<void> {
    await check(this.radio(question, answer))
  }

  async select(label: string, optionText: string, scope: Locator | Page = this.page): Promise<void> {
    await chooseOption(this.field(label, scope), optionText)
  }

  get continueButton(): Locator {
    return this.page.getByRole('button', { name: 'Speichern und weiter', exact: true })
  }

  async saveAndContinue(): Promise<void> {
    await activate(this.continueButton)
  }

  async saveDraft(): Promise<void> {
    await activate(this.page.getByRole('button', { name: 'Entwurf speichern und später fortsetzen' }))
  }
}
