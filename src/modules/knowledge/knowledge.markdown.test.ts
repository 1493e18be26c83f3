// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { isAllowedLink, renderMarkdown } from './knowledge.markdown.js'

describe('renderMarkdown', () => {
  it('should render headings, lists, emphasis and allowed links', () => {
    const html = renderMarkdown(
      '## Antrag\n\n- **Pflicht**: [§ 41 SGB XII](https://www.gesetze-im-internet.de/sgb_12/__41.html)\n- [Team](/wissen/team) und [Mail](mailto:team@luebeck.invalid)\n',
    )
    expect(html).toContain('<h2>Antrag</h2>')
    expect(html).toContain('<strong>Pflicht</strong>')
    expect(html).toContain('<a href="https://www.gesetze-im-internet.de/sgb_12/__41.html">§ 41 SGB XII</a>')
    expect(html).toContain('<a href="/wissen/team">Team</a>')
    expect(html).toContain('<a href="mailto:team@luebeck.invalid">Mail</a>')
  })

  it('should show script tags and raw HTML as text, never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> <b>fett</b>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('should not turn javascript:, data: or protocol-relative URLs into links', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,<b>x</b>) [d](//evil.example/x) ![e](https://evil.example/t.png)',
    )
    // Only the image survives, as a plain https link (images are not loaded).
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).toContain('<a href="https://evil.example/t.png">e</a>')
    expect(html).not.toMatch(/<img/)
    expect(html).not.toMatch(/href="(javascript|data|\/\/)/i)
    expect(html).toContain('[a](javascript:alert(1))')
  })

  it('should decide link targets by scheme', () => {
    expect(isAllowedLink('https://example.org')).toBe(true)
    expect(isAllowedLink('../x')).toBe(true)
    expect(isAllowedLink(' javascript:alert(1)')).toBe(false)
    expect(isAllowedLink('vbscript:x')).toBe(false)
  })
})
