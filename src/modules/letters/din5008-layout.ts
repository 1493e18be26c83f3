// SPDX-License-Identifier: EUPL-1.2
/**
 * A business letter on A4 in the layout of DIN 5008, Form B (letterhead 45 mm high). The layout owns
 * positions only; every string comes in through {@link LetterLayout}, already in German.
 *
 * Measures (from the top-left corner of the sheet):
 * - letterhead zone 0–45 mm; address field 85 × 45 mm at 20 mm from the left and 45 mm from the top, made
 *   of the Zusatz- und Vermerkzone (17.7 mm, five lines, return address in its lowest line) and the
 *   Anschriftzone (27.3 mm, six lines); text in the field starts 5 mm inside it, at the 25 mm left margin;
 * - information block 75 mm wide at 125 mm from the left, from 50 mm from the top;
 * - subject at 98.46 mm (two lines below the address field), left margin 25 mm, right margin 20 mm;
 * - fold marks at 105 mm and 210 mm, hole mark at 148.5 mm, on the left edge.
 * @module
 */
import { PDFDocument, type PDFPage } from 'pdf-lib'
import { embedFonts } from '../../shared/pdf/fonts.js'
import { LetterInputError } from './letters.errors.js'
import {
  A4,
  drawTextAt,
  Flow,
  INK,
  MM,
  MUTED,
  pageLabel,
  RULE,
  type TextStyle,
  widthOf,
  wrap,
} from './pdf-flow.js'

export interface LetterRow {
  label: string
  value: string
}

export type LetterBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'amounts'
      caption: string
      rows: LetterRow[]
      total: LetterRow
    }
  | {
      kind: 'signature'
      closing: string
      /** "i.V." or "Im Auftrag"; absent when the post holder signs in their own right. */
      mode?: string
      name: string
      title: string
    }

/** A letter, fully worded; the layout adds no text of its own. */
export interface LetterLayout {
  metadata: { title: string; author: string; subject: string; language: string; createdAt: Date }
  letterhead: { authority: string; office: string }
  /** Rücksendeangabe: one short line with the sender's postal address. */
  returnLine: string
  /** The recipient's address, at most six lines. */
  addressLines: string[]
  /** The information block: Ihr Zeichen, Aktenzeichen, Ansprechpartner/in, Telefon, E-Mail, Datum. */
  info: LetterRow[]
  subject: string
  blocks: LetterBlock[]
  /** Columns of the first page's footer (address, contact, bank, opening hours), one string per line. */
  footer: string[][]
  /** Top line of continuation pages (left and right part), e.g. sender and "Aktenzeichen … vom …". */
  continuationHeader: { left: string; right: string }
  /** Page label template, e.g. "Seite {page} von {pages}". */
  pageLabel: string
}

// --- Measures (mm from the top-left corner unless stated) --------------------------------------

const LEFT = 25 * MM
const RIGHT = A4.width - 20 * MM
const TEXT_WIDTH = RIGHT - LEFT

const ADDRESS_FIELD = { x: 20 * MM, top: 45 * MM, width: 85 * MM, height: 45 * MM, inset: 5 * MM }
const NOTE_ZONE = { height: 17.7 * MM, lines: 5 }
const ADDRESS_ZONE = { height: 27.3 * MM, lines: 6 }
const INFO_BLOCK = { x: 125 * MM, top: 50 * MM, width: 75 * MM, labelWidth: 28 * MM }
const SUBJECT_TOP = 98.46 * MM
const FOLD_MARKS = [105 * MM, 210 * MM]
const HOLE_MARK = 148.5 * MM
const MARK_X = 4 * MM

const FOOTER_BOTTOM = 287 * MM
const CONTINUATION_TOP = 32 * MM
const CONTINUATION_HEADER_TOP = 14 * MM
/** Space kept free above the page label. */
const BOTTOM_GAP = 4 * MM

/** y (points from the bottom edge) of a distance from the top edge. */
function fromTop(distance: number): number {
  return A4.height - distance
}

interface Styles {
  authority: TextStyle
  office: TextStyle
  returnLine: TextStyle
  address: TextStyle
  infoLabel: TextStyle
  infoValue: TextStyle
  subject: TextStyle
  body: TextStyle
  heading: TextStyle
  amount: TextStyle
  amountTotal: TextStyle
  footer: TextStyle
  header: TextStyle
  headerMuted: TextStyle
}

function styles(regular: TextStyle['font'], bold: TextStyle['font']): Styles {
  return {
    authority: { font: bold, size: 16, lineHeight: 20 },
    office: { font: regular, size: 11, lineHeight: 14 },
    returnLine: { font: regular, size: 7, lineHeight: NOTE_ZONE.height / NOTE_ZONE.lines, color: INK },
    address: { font: regular, size: 10, lineHeight: ADDRESS_ZONE.height / ADDRESS_ZONE.lines },
    infoLabel: { font: regular, size: 7.5, lineHeight: 11, color: MUTED },
    infoValue: { font: regular, size: 8.5, lineHeight: 11 },
    subject: { font: bold, size: 11, lineHeight: 15 },
    body: { font: regular, size: 10, lineHeight: 14 },
    heading: { font: bold, size: 10.5, lineHeight: 15 },
    amount: { font: regular, size: 10, lineHeight: 14 },
    amountTotal: { font: bold, size: 10, lineHeight: 14 },
    footer: { font: regular, size: 7, lineHeight: 9, color: MUTED },
    header: { font: bold, size: 8.5, lineHeight: 11 },
    headerMuted: { font: regular, size: 8.5, lineHeight: 11, color: MUTED },
  }
}

// --- Fixed zones of the first page ---------------------------------------------------------------

function drawMarks(page: PDFPage): void {
  for (const mark of FOLD_MARKS) {
    page.drawLine({
      start: { x: MARK_X, y: fromTop(mark) },
      end: { x: MARK_X + 5 * MM, y: fromTop(mark) },
      thickness: 0.5,
      color: RULE,
    })
  }
  page.drawLine({
    start: { x: MARK_X, y: fromTop(HOLE_MARK) },
    end: { x: MARK_X + 8 * MM, y: fromTop(HOLE_MARK) },
    thickness: 0.5,
    color: RULE,
  })
}

function drawLetterhead(page: PDFPage, layout: LetterLayout, s: Styles): void {
  let top = fromTop(15 * MM)
  for (const line of wrap(layout.letterhead.authority, s.authority, TEXT_WIDTH)) {
    drawTextAt(page, line, LEFT, top, s.authority)
    top -= s.authority.lineHeight
  }
  for (const line of wrap(layout.letterhead.office, s.office, TEXT_WIDTH)) {
    drawTextAt(page, line, LEFT, top, s.office)
    top -= s.office.lineHeight
  }
}

function drawAddressField(page: PDFPage, layout: LetterLayout, s: Styles): void {
  const x = ADDRESS_FIELD.x + ADDRESS_FIELD.inset
  const width = ADDRESS_FIELD.width - ADDRESS_FIELD.inset
  // The return address fills the note zone from its lowest line upwards, next to the address.
  const returnLines = wrap(layout.returnLine, s.returnLine, width)
  if (returnLines.length > NOTE_ZONE.lines) {
    throw new LetterInputError('return address does not fit the note zone')
  }
  const noteBottom = fromTop(ADDRESS_FIELD.top + NOTE_ZONE.height)
  returnLines.forEach((line, index) => {
    const top = noteBottom + (returnLines.length - index) * s.returnLine.lineHeight
    drawTextAt(page, line, x, top, s.returnLine)
  })
  const addressLines = layout.addressLines.flatMap((line) => wrap(line, s.address, width))
  if (addressLines.length > ADDRESS_ZONE.lines) {
    throw new LetterInputError(`address has ${addressLines.length} lines, the address zone holds 6`)
  }
  addressLines.forEach((line, index) => {
    drawTextAt(page, line, x, noteBottom - index * s.address.lineHeight, s.address)
  })
}

/**
 * `style` shrunk (down to `minSize`) until `text` fits `width` on one line; the line height stays, so
 * rows keep their grid. Used for e-mail addresses and IBANs, which read badly when broken.
 */
function fitted(text: string, style: TextStyle, width: number, minSize: number): TextStyle {
  const natural = widthOf(text, style)
  if (natural <= width) {
    return style
  }
  return { ...style, size: Math.max(minSize, Math.floor((style.size * width * 4) / natural) / 4) }
}

/** Draws the information block; returns the y of its lower edge. */
function drawInfoBlock(page: PDFPage, layout: LetterLayout, s: Styles): number {
  const valueX = INFO_BLOCK.x + INFO_BLOCK.labelWidth
  const valueWidth = INFO_BLOCK.width - INFO_BLOCK.labelWidth
  let top = fromTop(INFO_BLOCK.top)
  for (const row of layout.info) {
    const labels = wrap(row.label, s.infoLabel, INFO_BLOCK.labelWidth - 1.5 * MM)
    const valueStyle = fitted(row.value, s.infoValue, valueWidth, 6.5)
    const values = wrap(row.value, valueStyle, valueWidth)
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      drawTextAt(page, labels[i] ?? '', INFO_BLOCK.x, top, s.infoLabel)
      drawTextAt(page, values[i] ?? '', valueX, top, valueStyle)
      top -= s.infoValue.lineHeight
    }
  }
  return top
}

interface FooterLayout {
  style: TextStyle
  /** Lines and x position of each column. */
  columns: { x: number; lines: string[] }[]
  height: number
}

/**
 * The first page's footer: columns as wide as their longest line, spread over the text width. When they do
 * not fit side by side, the font shrinks (down to 5.5 pt) and, as a last resort, lines wrap.
 */
function footerLayout(layout: LetterLayout, s: Styles): FooterLayout {
  const gapMin = 3 * MM
  const count = layout.footer.length
  let style = s.footer
  let widths: number[] = []
  for (let size = s.footer.size; size >= 5.5; size -= 0.25) {
    style = { ...s.footer, size }
    const current = { ...style }
    widths = layout.footer.map((column) => Math.max(0, ...column.map((line) => widthOf(line, current))))
    if (widths.reduce((a, b) => a + b, 0) + gapMin * (count - 1) <= TEXT_WIDTH) {
      break
    }
  }
  const total = widths.reduce((a, b) => a + b, 0)
  const fits = total + gapMin * (count - 1) <= TEXT_WIDTH
  const even = (TEXT_WIDTH - gapMin * (count - 1)) / Math.max(count, 1)
  const columnWidths = fits ? widths : widths.map(() => even)
  const gap = count > 1 ? (TEXT_WIDTH - columnWidths.reduce((a, b) => a + b, 0)) / (count - 1) : 0
  let x = LEFT
  const columns = layout.footer.map((column, index) => {
    const width = columnWidths[index] ?? even
    const placed = { x, lines: column.flatMap((line) => wrap(line, style, width + 0.5)) }
    x += width + gap
    return placed
  })
  const height = Math.max(0, ...columns.map((c) => c.lines.length)) * style.lineHeight
  return { style, columns, height }
}

function drawFooter(page: PDFPage, footer: FooterLayout): void {
  const top = fromTop(FOOTER_BOTTOM) + footer.height
  page.drawLine({
    start: { x: LEFT, y: top + 3 * MM },
    end: { x: RIGHT, y: top + 3 * MM },
    thickness: 0.5,
    color: RULE,
  })
  for (const column of footer.columns) {
    column.lines.forEach((line, i) => {
      drawTextAt(page, line, column.x, top - i * footer.style.lineHeight, footer.style)
    })
  }
}

function drawContinuationHeader(page: PDFPage, layout: LetterLayout, s: Styles): void {
  let top = fromTop(CONTINUATION_HEADER_TOP)
  drawTextAt(page, layout.continuationHeader.left, LEFT, top, s.header)
  top -= s.header.lineHeight
  drawTextAt(page, layout.continuationHeader.right, LEFT, top, s.headerMuted)
  const ruleY = top - s.headerMuted.lineHeight - 1.5 * MM
  page.drawLine({ start: { x: LEFT, y: ruleY }, end: { x: RIGHT, y: ruleY }, thickness: 0.5, color: RULE })
}

// --- Body blocks ---------------------------------------------------------------------------------

function blockHeight(block: LetterBlock, s: Styles): number {
  switch (block.kind) {
    case 'amounts': {
      const rows = block.rows.reduce(
        (sum, row) => sum + wrap(row.label, s.amount, TEXT_WIDTH * 0.7).length * s.amount.lineHeight,
        0,
      )
      return s.heading.lineHeight + rows + s.amountTotal.lineHeight + 4
    }
    case 'signature':
      return (
        s.body.lineHeight * (block.mode === undefined ? 4 : 5) +
        wrap(block.title, s.body, TEXT_WIDTH).length * s.body.lineHeight
      )
    default:
      return 0
  }
}

function drawBlock(flow: Flow, block: LetterBlock, s: Styles): void {
  switch (block.kind) {
    case 'paragraph':
      flow.paragraph(block.text, LEFT, TEXT_WIDTH, s.body)
      flow.gap(6)
      return
    case 'heading':
      flow.gap(8)
      // Keep the heading with at least two lines of what follows.
      flow.ensure(s.heading.lineHeight + 2 * s.body.lineHeight)
      flow.paragraph(block.text, LEFT, TEXT_WIDTH, s.heading)
      flow.gap(2)
      return
    case 'list':
      for (const item of block.items) {
        const lines = wrap(item, s.body, TEXT_WIDTH - 5 * MM)
        lines.forEach((line, index) => {
          flow.ensure(s.body.lineHeight)
          if (index === 0) {
            drawTextAt(flow.page, '•', LEFT + 1 * MM, flow.y, s.body)
          }
          flow.line(line, LEFT + 5 * MM, s.body)
        })
      }
      flow.gap(6)
      return
    case 'amounts': {
      const height = blockHeight(block, s)
      if (height <= flow.pageCapacity) {
        flow.ensure(height)
      }
      flow.gap(4)
      flow.paragraph(block.caption, LEFT, TEXT_WIDTH, s.heading)
      const labelWidth = TEXT_WIDTH * 0.7
      for (const row of block.rows) {
        const lines = wrap(row.label, s.amount, labelWidth)
        flow.ensure(lines.length * s.amount.lineHeight)
        flow.drawRight(row.value, RIGHT, s.amount)
        for (const line of lines) {
          flow.line(line, LEFT, s.amount)
        }
      }
      flow.ensure(s.amountTotal.lineHeight + 2)
      flow.y -= 1
      flow.rule(LEFT, TEXT_WIDTH, 0.75, INK)
      flow.y -= 1
      flow.drawRight(block.total.value, RIGHT, s.amountTotal)
      flow.paragraph(block.total.label, LEFT, labelWidth, s.amountTotal)
      flow.gap(8)
      return
    }
    case 'signature': {
      flow.gap(8)
      flow.ensure(blockHeight(block, s))
      flow.line(block.closing, LEFT, s.body)
      if (block.mode !== undefined) {
        flow.gap(s.body.lineHeight)
        flow.line(block.mode, LEFT, s.body)
      }
      // Room for the handwritten signature.
      flow.gap(2 * s.body.lineHeight)
      flow.line(block.name, LEFT, s.body)
      flow.paragraph(block.title, LEFT, TEXT_WIDTH, s.body)
      return
    }
  }
}

// --- Entry point ---------------------------------------------------------------------------------

/**
 * Renders a fully worded letter as an A4 PDF in DIN 5008 Form B with embedded DejaVu Sans (subset).
 * Deterministic: the same layout gives the same bytes.
 * @throws LetterInputError when the address or the return line do not fit their zones
 */
export async function renderLetterLayout(layout: LetterLayout): Promise<Uint8Array> {
  // `updateMetadata: false`: pdf-lib would otherwise stamp the current time and its own name.
  const doc = await PDFDocument.create({ updateMetadata: false })
  const { regular, bold } = await embedFonts(doc, ['regular', 'bold'])
  const s = styles(regular, bold)
  const { metadata } = layout
  doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  doc.setAuthor(metadata.author)
  doc.setSubject(metadata.subject)
  doc.setLanguage(metadata.language)
  doc.setCreator('Lotse')
  doc.setProducer('pdf-lib')
  doc.setCreationDate(metadata.createdAt)
  doc.setModificationDate(metadata.createdAt)

  const footer = footerLayout(layout, s)
  const labelStyle = s.headerMuted
  // The page label sits right above the footer on the first page and at the footer's place on the others.
  const labelTop = (index: number) =>
    index === 0
      ? fromTop(FOOTER_BOTTOM) + footer.height + 3 * MM + 2 + labelStyle.lineHeight
      : fromTop(280 * MM)

  // Draw the fixed zones first, so that an address that does not fit fails before anything else.
  let infoBottom = 0
  const flow = new Flow(doc, {
    top: (index) => (index === 0 ? fromTop(SUBJECT_TOP) : fromTop(CONTINUATION_TOP)),
    bottom: (index) => labelTop(index) + BOTTOM_GAP,
    onPage: (page, index) => {
      drawMarks(page)
      if (index === 0) {
        drawLetterhead(page, layout, s)
        drawAddressField(page, layout, s)
        infoBottom = drawInfoBlock(page, layout, s)
        drawFooter(page, footer)
      } else {
        drawContinuationHeader(page, layout, s)
      }
    },
  })
  // A long information block pushes the subject down, keeping two blank lines.
  flow.y = Math.min(flow.y, infoBottom - 2 * s.body.lineHeight)

  flow.paragraph(layout.subject, LEFT, TEXT_WIDTH, s.subject)
  flow.gap(2 * s.body.lineHeight)
  for (const block of layout.blocks) {
    drawBlock(flow, block, s)
  }

  const pages = flow.pages.length
  flow.pages.forEach((page, index) => {
    const label = pageLabel(layout.pageLabel, index + 1, pages)
    drawTextAt(page, label, RIGHT - widthOf(label, labelStyle), labelTop(index), labelStyle)
  })

  return doc.save()
}
