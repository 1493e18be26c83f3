// SPDX-License-Identifier: EUPL-1.2
/**
 * Text preparation shared by the PDF renderers: normalisation and greedy word wrap measured with the
 * embedded font (pdf-lib draws glyph by glyph, without kerning, so the sum of widths is exact).
 */
import type { PDFFont } from 'pdf-lib'

const graphemes = new Intl.Segmenter('de', { granularity: 'grapheme' })

/**
 * NFC first: pdf-lib ignores glyph positioning, so a decomposed "u + ◌̈" would print the
 * diaeresis beside the u. Tabs become spaces and other control characters are dropped, as they
 * have no glyph. Line breaks are kept as explicit breaks.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ''))
}

/**
 * Splits a token that is wider than `maxWidth` (an IBAN without spaces, a long e-mail address)
 * into pieces that fit. Splits between grapheme clusters so no character is torn apart. Widths
 * are summed per cluster, which matches how pdf-lib measures and draws (it applies no kerning).
 */
export function breakToken(token: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = []
  let piece = ''
  let width = 0
  for (const { segment } of graphemes.segment(token)) {
    const w = font.widthOfTextAtSize(segment, size)
    // Always keep at least one cluster per piece, so a too narrow column cannot loop forever.
    if (piece !== '' && width + w > maxWidth) {
      pieces.push(piece)
      piece = ''
      width = 0
    }
    piece += segment
    width += w
  }
  pieces.push(piece)
  return pieces
}

/**
 * Greedy word wrap at spaces. Non-breaking spaces (e.g. in "€ 1.234,56") stay inside their word.
 * Every explicit line break yields at least one line, so an empty value still takes one line.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  for (const paragraph of normalise(text).split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      if (word === '') continue
      const candidate = line === '' ? word : `${line} ${word}`
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate
        continue
      }
      if (line !== '') lines.push(line)
      const pieces = breakToken(word, font, size, maxWidth)
      line = pieces.pop() ?? ''
      lines.push(...pieces)
    }
    lines.push(line)
  }
  return lines
}
