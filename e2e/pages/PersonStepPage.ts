// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { tabTo } from '../support/keyboard.js'
import { FormStepPage } from './FormStepPage.js'

export interface PersonInput {
  givenName: string
  surname: string
  birthDate: string
  street: string
  postalCode: string
  city: string
  nationality: string
  /** The radio's label, e.g. "verwitwet". */
  maritalStatus: string
  phone?: string
  email?: string
}

const MARITAL_STATUS = 'Familienstand'

/** Step 1: "Angaben zur Person". */
export class PersonStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<PersonStepPage> {
    await FormStepPage.waitForStep(page, 'Angaben zur Person', 1)
    return new PersonStepPage(page)
  }

  /**
   * Fills the step the way a keyboard user does: focus the first field, then Tab from field to field (each
   * Tab must land on the next question, so the tab order is checked too), arrow keys in the radio group.
   */
  async fillByTabbing(person: PersonInput): Promise<void> {
    const { page } = this
    const texts: Array<[string, string]> = [
      ['Vorname', person.givenName],
      ['Nachname', person.surname],
      ['Geburtsdatum', person.birthDate],
      ['Straße und Hausnummer', person.street],
      ['Postleitzahl', person.postalCode],
      ['Ort', person.city],
      ['Staatsangehörigkeit', person.nationality],
    ]
    for (const [i, [label, text]] of texts.entries()) {
      const field = this.field(label)
      if (i === 0) {
        await field.focus()
      } else {
        await tabTo(page, field)
      }
      await page.keyboard.type(text)
    }
    // Tab enters the radio group on its first option; the arrow keys move and select.
    const options = this.page.getByRole('group', { name: MARITAL_STATUS }).getByRole('radio')
    await tabTo(page, options.first())
    const optionCount = await options.count()
    const target = this.radio(MARITAL_STATUS, person.maritalStatus)
    for (let step = 0; step < optionCount && !(await target.isChecked()); step++) {
      await page.keyboard.press('ArrowDown')
    }
    if (!(await target.isChecked())) {
      throw new Error(`arrow keys did not reach "${person.maritalStatus}"`)
    }
    await tabTo(page, this.field('Telefonnummer (freiwillig)'))
    await page.keyboard.type(person.phone ?? '')
    await tabTo(page, this.field('E-Mail-Adresse (freiwillig)'))
    await page.keyboard.type(person.email ?? '')
  }
}
