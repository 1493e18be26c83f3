// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate, check, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A control's name: visible text, then ": item" for screen readers (the browser may put a space between). */
function named(visible: string, item: string): RegExp {
  return new RegExp(`^${escapeRegExp(visible)}\\s*: ${escapeRegExp(item)}$`)
}

/** Staff: the checklist section and the decision form of one case ("Antrag GS-…"). */
export class CaseChecklistPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<CaseChecklistPage> {
    await BasePage.waitForHeading(page, `Antrag ${reference}`)
    return new CaseChecklistPage(page)
  }

  get checklist(): Locator {
    return this.page.getByRole('region', { name: /^Checkliste:/ })
  }

  /** Focus + Enter on "Als erledigt abhaken" of the item. */
  async tick(item: string): Promise<void> {
    await activate(this.checklist.getByRole('button', { name: named('Als erledigt abhaken', item) }))
  }

  /** Opens the item's waiver by keyboard, types the reason and saves it. */
  async waive(item: string, reason: string): Promise<void> {
    const summary = this.checklist.locator('summary').filter({ hasText: named('Verzichten', item) })
    await summary.focus()
    await summary.press('Enter')
    const field = this.page.getByLabel(`Begründung für den Verzicht auf „${item}“`, { exact: true })
    await typeInto(field, reason)
    await activate(field.locator('xpath=ancestor::form').getByRole('button', { name: 'Verzicht speichern' }))
  }

  /** Fills the decision form (a grant) by keyboard and submits it. */
  async decideGrant(): Promise<void> {
    const form = this.page.locator('#decision-form')
    await check(form.getByRole('radio', { name: 'Bewilligung', exact: true }))
    await typeInto(form.getByLabel(/^Regelbedarf monatlich/), '563,00')
    await typeInto(form.getByLabel(/^Bewilligungszeitraum von/), '01.12.2026')
    await typeInto(form.getByLabel(/^Bewilligungszeitraum bis/), '30.11.2027')
    await typeInto(form.getByLabel(/^Begründung/), 'Die Voraussetzungen der §§ 41 ff. SGB XII liegen vor.')
    await activate(form.getByRole('button', { name: 'Entscheidung speichern' }))
  }
}

/** Staff: "Einarbeitung", the newcomer's plan for this week. */
export class OnboardingPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<OnboardingPage> {
    await BasePage.waitForHeading(page, 'Einarbeitung')
    return new OnboardingPage(page)
  }

  thisWeek(period: string): Locator {
    return this.page.getByRole('heading', { name: `Das steht jetzt an (${period})`, exact: true })
  }

  task(title: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: title }).first()
  }

  async markDone(title: string): Promise<void> {
    await activate(this.page.getByRole('button', { name: named('Als erledigt melden', title) }))
  }
}
