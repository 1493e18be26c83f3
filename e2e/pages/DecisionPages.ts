// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import { activate, check, typeInto } from '../support/keyboard.js'
import { BasePage } from './BasePage.js'

/** A file the app sent as a download (attachment), as the browser saved it. */
export interface Download {
  name: string
  bytes: Buffer
}

/** Focus + Enter on a link that the app answers with an attachment. */
async function downloadVia(link: Locator): Promise<Download> {
  const [download] = await Promise.all([link.page().waitForEvent('download'), link.press('Enter')])
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) }
}

/** The case page ("Antrag GS-…") seen from its decision form, its letters and its Prüfakte export. */
export class CaseDecisionPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page, caseId: string, reference: string): Promise<CaseDecisionPage> {
    await page.goto(`/sachbearbeitung/antraege/${caseId}`)
    return CaseDecisionPage.verifyOnPage(page, reference)
  }

  static async verifyOnPage(page: Page, reference: string): Promise<CaseDecisionPage> {
    await BasePage.waitForHeading(page, `Antrag ${reference}`)
    return new CaseDecisionPage(page)
  }

  /** Fills the decision form by keyboard and saves it. */
  async decideGrant(input: {
    regelbedarf: string
    unterkunft: string
    from: string
    to: string
    reasons: string
  }): Promise<void> {
    const form = this.page.getByRole('group', { name: 'Entscheidung erfassen' })
    await check(form.getByRole('radio', { name: 'Bewilligung', exact: true }))
    await typeInto(form.getByLabel('Regelbedarf monatlich (freiwillig)', { exact: true }), input.regelbedarf)
    await typeInto(
      form.getByLabel('Kosten der Unterkunft und Heizung monatlich (freiwillig)', { exact: true }),
      input.unterkunft,
    )
    await typeInto(form.getByLabel('Bewilligungszeitraum von (freiwillig)', { exact: true }), input.from)
    await typeInto(form.getByLabel('Bewilligungszeitraum bis (freiwillig)', { exact: true }), input.to)
    await typeInto(form.getByLabel('Begründung', { exact: true }), input.reasons)
    await activate(form.getByRole('button', { name: 'Entscheidung speichern' }))
  }

  get notice(): Locator {
    return this.page.getByRole('status')
  }

  get letterLink(): Locator {
    return this.page.getByRole('link', { name: 'Bescheid als PDF öffnen' })
  }

  downloadLetter(): Promise<Download> {
    return downloadVia(this.letterLink)
  }

  get caseFileSection(): Locator {
    return this.page.getByRole('region', { name: 'Prüfakte', exact: true })
  }

  downloadCaseFilePdf(): Promise<Download> {
    return downloadVia(this.caseFileSection.getByRole('link', { name: 'Prüfakte exportieren (PDF)' }))
  }

  async signOut(): Promise<void> {
    await activate(this.page.getByRole('banner').getByRole('button', { name: 'Abmelden' }))
  }
}

/** "Entscheidungen zur Freigabe": decisions waiting for the four-eyes approval of the signed-in person. */
export class ApprovalsListPage extends BasePage {
  private constructor(page: Page) {
    super(page)
  }

  static async visit(page: Page): Promise<ApprovalsListPage> {
    await page.goto('/sachbearbeitung/freigaben')
    return ApprovalsListPage.verifyOnPage(page)
  }

  static async verifyOnPage(page: Page): Promise<ApprovalsListPage> {
    await BasePage.waitForHeading(page, 'Entscheidungen zur Freigabe')
    return new ApprovalsListPage(page)
  }

  /** Approves the only waiting decision (Focus + Enter on "Freigeben"). */
  async approveOnly(): Promise<void> {
    const buttons = this.page.getByRole('button', { name: 'Freigeben', exact: true })
    if ((await buttons.count()) !== 1) {
      throw new Error(`expected one decision to approve, found ${await buttons.count()}`)
    }
    await activate(buttons)
  }

  get notice(): Locator {
    return this.page.getByRole('status')
  }
}
