// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'
import { activate } from '../support/keyboard.js'
import { FormStepPage } from './FormStepPage.js'

export interface UploadFile {
  name: string
  mimeType: string
  buffer: Buffer
}

/** Step 9: "Nachweise hochladen"; every upload is its own form submission (no JavaScript needed). */
export class DocumentsPage extends FormStepPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<DocumentsPage> {
    await FormStepPage.waitForStep(page, 'Nachweise hochladen', 9)
    return new DocumentsPage(page)
  }

  get fileInput(): Locator {
    return this.page.getByLabel('Datei auswählen', { exact: true })
  }

  /**
   * Chooses the file and presses Enter on "Datei hochladen". The file chooser itself is the operating
   * system's dialog, outside the page; setting its result is what Playwright offers instead of a click.
   */
  async upload(file: UploadFile): Promise<void> {
    await this.fileInput.focus()
    await this.fileInput.setInputFiles(file)
    await activate(this.page.getByRole('button', { name: 'Datei hochladen' }))
  }

  /** The success message after an upload. */
  get notice(): Locator {
    return this.page.getByRole('status')
  }

  uploadedFile(name: string): Locator {
    return this.page.getByRole('table').getByRole('cell', { name, exact: true })
  }

  async continueToReview(): Promise<void> {
    await activate(this.page.getByRole('link', { name: 'Weiter zur Prüfung' }))
  }
}
