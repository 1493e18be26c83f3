// SPDX-License-Identifier: EUPL-1.2
/**
 * The small amount of XML that GeoReport v2 needs, written and read here because no XML library is installed
 * (see docs/open311.md). Writing: element names are fixed by the code, text is escaped (`& < > " '`) and
 * characters XML 1.0 forbids are dropped. Reading: plain elements, text, CDATA, comments, processing
 * instructions and the predefined and numeric entities. A DOCTYPE is refused outright, which rules out
 * external entities (XXE) and entity expansion ("billion laughs").
 */

/** A JSON-like value as GeoReport's Spark convention maps it to XML. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue }

// Control characters XML 1.0 does not allow, lone surrogates and the non-characters U+FFFE/U+FFFF.
const INVALID_XML_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function element(name: string, value: XmlValue, itemNames: Record<string, string>, indent: string): string {
  if (!NAME.test(name)) {
    throw new Error(`invalid XML element name: ${name}`)
  }
  if (value === null || value === undefined) {
    return `${indent}<${name}/>\n`
  }
  if (Array.isArray(value)) {
    const item = itemNames[name]
    if (!item) {
      throw new Error(`no item element name for array ${name}`)
    }
    const inner = value.map((v) => element(item, v, itemNames, `${indent}  `)).join('')
    return inner === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>\n${inner}${indent}</${name}>\n`
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => element(k, v, itemNames, `${indent}  `))
      .join('')
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`
}

/**
 * Serialises a value as a UTF-8 XML document: objects become elements with one child per key, arrays a
 * container whose items are named by `itemNames` (e.g. `{ services: 'service' }`), null an empty element.
 * @example toXml('errors', [{ code: '400', description: 'x' }], { errors: 'error' })
 */
export function toXml(root: string, value: XmlValue, itemNames: Record<string, string>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames, '')}`
}

/** A parsed element: its name, child elements in order, and its text (concatenated, entities resolved). */
export interface XmlElement {
  name: string
  children: XmlElement[]
  text: string
}

export class XmlParseError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) {
      throw new XmlParseError('bare & in text')
    }
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) {
        throw new XmlParseError(`invalid character reference ${match}`)
      }
      return String.fromCodePoint(code)
    }
    const value = ENTITIES[ref]
    if (value === undefined) {
      throw new XmlParseError(`unknown entity ${match}`)
    }
    return value
  })
}

/**
 * Parses an XML document into its root element. Refuses DOCTYPEs, mismatched or unclosed tags, text
 * outside the root, and documents over `maxLength` characters.
 * @throws XmlParseError
 */
export function parseXml(input: string, maxLength = 5_000_000): XmlElement {
  if (input.length > maxLength) {
    throw new XmlParseError('document too large')
  }
  const text = input.replace(/^\uFEFF/, '')
  let pos = 0
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  while (pos < text.length) {
    const lt = text.indexOf('<', pos)
    const chunk = lt === -1 ? text.slice(pos) : text.slice(pos, lt)
    const top = stack[stack.length - 1]
    if (chunk !== '') {
      if (top) {
        top.text += decodeEntities(chunk)
      } else if (chunk.trim() !== '') {
        throw new XmlParseError('text outside the root element')
      }
    }
    if (lt === -1) {
      break
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt)
      if (end === -1) {
        throw new XmlParseError('unclosed processing instruction')
      }
      pos = end + 2
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt)
      if (end === -1) {
        throw new XmlParseError('unclosed comment')
      }
      pos = end + 3
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt)
      if (end === -1 || !top) {
        throw new XmlParseError('misplaced or unclosed CDATA section')
      }
      top.text += text.slice(lt + 9, end)
      pos = end + 3
    } else if (text.startsWith('<!', lt)) {
      throw new XmlParseError('DOCTYPE and declarations are not accepted')
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt)
      const name = text.slice(lt + 2, end).trim()
      const open = stack.pop()
      if (end === -1 || !open || open.name !== name) {
        throw new XmlParseError(`unexpected closing tag ${name}`)
      }
      pos = end + 1
    } else {
      const end = text.indexOf('>', lt)
      if (end === -1) {
        throw new XmlParseError('unclosed tag')
      }
      const body = text.slice(lt + 1, end)
      const selfClosing = body.endsWith('/')
      const match = /^([A-Za-z_][\w.:-]*)(\s+[\w.:-]+\s*=\s*("[^"<]*"|'[^'<]*'))*\s*\/?$/.exec(body)
      if (!match?.[1]) {
        throw new XmlParseError('malformed tag')
      }
      const el: XmlElement = { name: match[1], children: [], text: '' }
      if (top) {
        top.children.push(el)
      } else if (root) {
        throw new XmlParseError('more than one root element')
      } else {
        root = el
      }
      if (!selfClosing) {
        stack.push(el)
      }
      pos = end + 1
    }
  }
  if (!root || stack.length > 0) {
    throw new XmlParseError('incomplete document')
  }
  return root
}

/** The text of the named child element, trimmed; undefined when there is none. */
export function childText(el: XmlElement, name: string): string | undefined {
  const child = el.children.find((c) => c.name === name)
  return child === undefined ? undefined : child.text.trim()
}
