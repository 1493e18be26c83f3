// SPDX-License-Identifier: EUPL-1.2
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { AccessibilityChecker } from './a11y.js'
import { launchChromium } from './chromium.js'
import { startTestServer, type TestServer } from './server.js'

export interface BrowserSuite {
  server: TestServer
  browser: Browser
  a11y: AccessibilityChecker
}

/**
 * Starts a server on a fresh database, Chromium and the accessibility checker before the suite's tests and
 * stops them after. Call it first in a `describe`; its fields are set once the suite's `beforeAll` ran, so
 * read them in hooks and tests only.
 */
export function useBrowserSuite(chromiumPath: string | null): BrowserSuite {
  const suite: Partial<BrowserSuite> = {}
  beforeAll(async () => {
    suite.server = await startTestServer()
    suite.browser = await launchChromium(chromiumPath ?? '')
    suite.a11y = AccessibilityChecker.forBrowser(suite.browser)
  })
  afterAll(async () => {
    await suite.a11y?.close()
    await suite.browser?.close()
    await suite.server?.close()
  })
  return suite as BrowserSuite
}
