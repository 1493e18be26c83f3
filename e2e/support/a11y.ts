// SPDX-License-Identifier: EUPL-1.2
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Result, RunOptions } from 'axe-core'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { javaScriptEnabled } from './browser.js'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.1 level A and AA: what BITV 2.0 requires of the office's web pages. */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
}

type Violation = Pick<Result, 'id' | 'impact' | 'help' | 'helpUrl'> & {
  nodes: Array<{ target: string[]; summary: string }>
}

/**
 * Runs axe-core in the page as it is now. axe is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the app's strict CSP stays on while it is audited.
 */
async function runAxe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    await page.evaluate(AXE_SOURCE)
  }
  return page.evaluate(async (options) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe and document live on the page's window, outside the Node types
    const window = globalThis as any
    const results = await window.axe.run(window.document, options)
    return (results.violations as Result[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? '' })),
    }))
  }, AXE_OPTIONS)
}

function describeViolations(url: string, violations: Violation[]): string {
  const lines = [`axe found ${violations.length} WCAG 2.1 A/AA violation(s) on ${url}:`]
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, `  ${v.helpUrl}`)
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`, `       ${node.summary.replaceAll('\n', '\n       ')}`)
    }
  }
  return lines.join('\n')
}

/**
 * Checks pages with axe-core and fails with every violation's id, impact, targets and help.
 *
 * A page opened with JavaScript switched off cannot run axe (evaluating axe.run there crashes Chromium), so
 * its document (which no script could have changed) is served again, at the same URL with the same
 * stylesheets, in a separate JavaScript-enabled profile, and audited there.
 */
export class AccessibilityChecker {
  private auditPage: Page | undefined
  /** Every URL audited, in order: lets a journey prove that it checked each page it reached. */
  readonly audited: string[] = []

  private constructor(private readonly browser: Browser) {}

  static forBrowser(browser: Browser): AccessibilityChecker {
    return new AccessibilityChecker(browser)
  }

  async expectAccessible(page: Page): Promise<void> {
    await page.waitForLoadState('load')
    const url = page.url()
    const target = javaScriptEnabled(page.context()) ? page : await this.replay(url, await page.content())
    const violations = await runAxe(target)
    this.audited.push(url)
    if (violations.length > 0) {
      throw new Error(describeViolations(url, violations))
    }
  }

  async close(): Promise<void> {
    await this.auditPage?.context().close()
  }

  private async replay(url: string, html: string): Promise<Page> {
    if (!this.auditPage) {
      const context: BrowserContext = await this.browser.newContext({
        javaScriptEnabled: true,
        locale: 'de-DE',
      })
      this.auditPage = await context.newPage()
    }
    const page = this.auditPage
    const documentUrl = url.split('#')[0] ?? url
    const serve = (route: Route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    const matches = (u: URL) => u.href === documentUrl
    await page.route(matches, serve)
    try {
      await page.goto(url, { waitUntil: 'load' })
    } finally {
      await page.unroute(matches, serve)
    }
    return page
  }
}
