// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { FormStepPage } from './FormStepPage.js'

export interface MemberInput {
  givenName: string
  surname: string
  birthDate: string
  /** Option text, e.g. "Kind". */
  relationship: string
}

/** Step 2: "Haushalt", with an "add another" list of household members. */
export class HouseholdStepPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<HouseholdStepPage> {
    await FormStepPage.waitForStep(page, 'Haushalt', 2)
    return new HouseholdStepPage(page)
  }

  async livesAlone(answer: 'Ja' | 'Nein'): Promise<void> {
    await this.choose('Leben Sie allein in Ihrer Wohnung?', answer)
  }

  /** The fieldset of the n-th person (1-based), "Person n". */
  member(n: number): Locator {
    return this.page.getByRole('group', { name: `Person ${n}`, exact: true })
  }

  async fillMember(n: number, member: MemberInput): Promise<void> {
    const entry = this.member(n)
    await this.type('Vorname', member.givenName, entry)
    await this.type('Nachname', member.surname, entry)
    await this.type('Geburtsdatum', member.birthDate, entry)
    await this.select('Beziehung zu Ihnen', member.relationship, entry)
  }

  /** "Weitere Person hinzufügen": the page comes back with one more, empty entry. */
  async addMember(): Promise<void> {
    const before = await this.page.getByRole('group', { name: /^Person \d+$/ }).count()
    await activate(this.page.getByRole('button', { name: 'Weitere Person hinzufügen' }))
    await this.member(before + 1).waitFor()
  }
}
