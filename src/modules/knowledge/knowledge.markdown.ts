// SPDX-License-Identifier: EUPL-1.2
import MarkdownIt from 'markdown-it'

const SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * Links may go to http(s), mailto or a relative path on this site; anything else (javascript:, data:,
 * vbscript:, protocol-relative //host) is not turned into a link.
 */
export function isAllowedLink(url: string): boolean {
  const u = url.trim()
  if (u.startsWith('//') || u.startsWith('\\')) {
    return false
  }
  if (SCHEME.test(u)) {
    return /^(https?|mailto):/i.test(u)
  }
  return true
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
md.validateLink = isAllowedLink
// Images would load third-party content into staff pages (and the CSP blocks them anyway).
md.disable('image')

/**
 * Renders an entry's Markdown to HTML that is safe to embed: raw HTML is shown as text, links are limited
 * by {@link isAllowedLink}, and markdown-it escapes everything else.
 * @example renderMarkdown('**Antrag** nach [§ 41](https://www.gesetze-im-internet.de/sgb_12/__41.html)')
 */
export function renderMarkdown(source: string): string {
  return md.render(source)
}
