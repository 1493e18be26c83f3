// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { PersonStepPage } from '../pages/PersonStepPage.js'
import { StartPage } from '../pages/StartPage.js'
import { newContext } from '../support/browser.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

/** A small phone; WCAG 1.4.10 Reflow asks for 320 CSS px, the office's smallest supported device has 360. */
const PHONE = { width: 360, height: 740 }

/** How wide the page's content is: more than the viewport means horizontal scrolling. */
function scrollWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth')
}

describe.skipIf(!chromiumPath)('pages on a 360 px wide screen', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should show the start page and a form step (also with errors) without horizontal scrolling', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { viewport: PHONE })
    const page = await context.newPage()
    try {
      const start = await StartPage.visit(page)
      await suite.a11y.expectAccessible(page)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)

      await start.startGrundsicherung()
      const person = await PersonStepPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)

      await person.saveAndContinue()
      const withErrors = await PersonStepPage.verifyOnPage(page)
      await withErrors.errorSummary.waitFor()
      await suite.a11y.expectAccessible(page)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    } finally {
      await context.close()
    }
  })
})
