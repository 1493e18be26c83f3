// SPDX-License-Identifier: EUPL-1.2
import type { Browser, BrowserContext } from 'playwright-core'

/** Contexts opened with JavaScript switched off; the accessibility check audits their pages differently. */
const withoutJavaScript = new WeakSet<BrowserContext>()

export interface ContextOptions {
  /** false: the browser runs no script at all, like a citizen with JavaScript blocked. Default true. */
  javaScriptEnabled?: boolean
  viewport?: { width: number; height: number }
}

/** A fresh browser profile (no cookies) pointed at the test server; German, downloads allowed. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  })
  context.setDefaultTimeout(10_000)
  if (!javaScriptEnabled) {
    withoutJavaScript.add(context)
  }
  return context
}

export function javaScriptEnabled(context: BrowserContext): boolean {
  return !withoutJavaScript.has(context)
}
