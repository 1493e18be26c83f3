// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { childText, escapeXml, parseXml, toXml, XmlParseError } from './xml.js'

describe('xml', () => {
  it('should escape markup characters and drop characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    )
  })

  it('should write arrays with their item names and nulls as empty elements', () => {
    const xml = toXml('errors', [{ code: '404', description: 'a < b', extra: null }], { errors: 'error' })
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>404</code>\n    <description>a &lt; b</description>\n    <extra/>\n  </error>\n</errors>\n',
    )
  })

  it('should read back any text it wrote (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const doc = parseXml(toXml('r', { v: s }, {}))
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids
        const expected = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        expect(childText(doc, 'v')).toBe(expected.trim())
      }),
    )
  })

  it('should read CDATA, comments, entities and self-closing elements', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><!-- c --><a><b><![CDATA[<x>]]></b><c>&#x41;&#66;&amp;</c><d/></a>',
    )
    expect(doc.children.map((c) => c.name)).toEqual(['b', 'c', 'd'])
    expect(childText(doc, 'b')).toBe('<x>')
    expect(childText(doc, 'c')).toBe('AB&')
  })

  it.each([
    ['a DOCTYPE with an entity', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an external entity', '<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>'],
    ['an unknown entity', '<a>&x;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed root', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'x<a/>'],
    ['no XML at all', '{"json": true}'],
    ['a bare ampersand', '<a>x & y</a>'],
  ])('should refuse %s', (_name, input) => {
    expect(() => parseXml(input)).toThrow(XmlParseError)
  })
})
