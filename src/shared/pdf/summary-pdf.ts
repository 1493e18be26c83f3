// SPDX-License-Identifier: EUPL-1.2
/**
 * Generic renderer for "summary documents": a title, a box of key facts, some running text and
 * sections of label/value rows, e.g. the receipt (Eingangsbestätigung) of an online application.
 *
 * The renderer owns layout only. Every user-visible string is passed in by the caller, because
 * texts come from the message catalogue, never from here.
 */
import { PageSizes, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import { embedFonts } from './fonts.js'
import { wrapText } from './text.js'

/** One label/value pair, rendered as two columns. */
export interface SummaryPdfRow {
  label: string
  value: string
}

/** A headed group of rows. A section may continue across page breaks. */
export interface SummaryPdfSection {
  heading: string
  rows: SummaryPdfRow[]
}

/** Everything the renderer prints. It adds no text of its own. */
export interface SummaryPdfInput {
  /** Document title, e.g. "Eingangsbestätigung" */
  title: string
  /** Sender line at top, e.g. "Hansestadt Lübeck · Bereich Soziale Sicherung" */
  issuer: string
  /** Key facts shown in a box below the title, e.g. Aktenzeichen and Eingangszeit */
  keyFacts: SummaryPdfRow[]
  /** Paragraphs of running text after the key facts */
  paragraphs: string[]
  sections: SummaryPdfSection[]
  /** Footer template; "{page}" and "{pages}" are replaced, e.g. "Seite {page} von {pages}" */
  footer: string
  /** Document metadata */
  metadata: { author: string; subject: string; language: string /* e.g. 'de-DE' */ }
  /** Creation date written to the PDF metadata, so output can be deterministic in tests */
  createdAt: Date
}

// --- Layout constants (PDF points; 1 mm ≈ 2.835 pt) ---------------------------------------------

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4 // 595.28 × 841.89
const MARGIN_X = 56.7 // 20 mm
const MARGIN_TOP = 56.7
const FOOTER_BASELINE = 34 // bottom line of the footer, 12 mm above the page edge
const FOOTER_GAP = 18 // free space between the last content line and the footer rule
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

const ISSUER = { size: 9, lineHeight: 12 }
const TITLE = { size: 18, lineHeight: 23 }
const BODY = { size: 10.5, lineHeight: 14.5 }
const HEADING = { size: 12.5, lineHeight: 16 }
const ROW = { size: 10, lineHeight: 13.5, padding: 3.5 }
const FOOTER = { size: 8.5, lineHeight: 11 }

/** Share of the row width given to the label column; values usually need more room. */
const LABEL_SHARE = 0.36
const COLUMN_GAP = 12
const BOX_PADDING = 9

const TEXT = rgb(0.1, 0.1, 0.1)
// Grey that still has a contrast ratio above 7:1 on white (WCAG AAA), labels must stay readable.
const MUTED = rgb(0.33, 0.33, 0.33)
const RULE = rgb(0.75, 0.75, 0.75)

interface TextStyle {
  size: number
  lineHeight: number
}

// --- Fonts --------------------------------------------------------------------------------------

interface Fonts {
  regular: PDFFont
  bold: PDFFont
}

// --- Page flow ----------------------------------------------------------------------------------

/**
 * Tracks the current page and the vertical position (`y`, the top of the next line box) and adds
 * pages when content would run into the footer area. It can keep a frame open across page breaks:
 * the frame is closed on the old page and reopened on the new one.
 */
class PageFlow {
  readonly pages: PDFPage[] = []
  page: PDFPage
  y = 0
  private readonly top = PAGE_HEIGHT - MARGIN_TOP
  private frame: { page: PDFPage; top: number; x: number; width: number } | undefined

  constructor(
    private readonly doc: PDFDocument,
    /** Lowest y that content may reach; below it sits the footer. */
    private readonly bottom: number,
  ) {
    this.page = this.addPage()
  }

  /** Height available for content on an empty page. */
  get pageCapacity(): number {
    return this.top - this.bottom - (this.frame ? 2 * BOX_PADDING : 0)
  }

  /** Breaks the page unless `height` still fits above the footer (or inside the open frame). */
  ensure(height: number): void {
    const limit = this.bottom + (this.frame ? BOX_PADDING : 0)
    if (this.y - height < limit && this.y < this.top) this.newPage()
  }

  /** Vertical space. Swallowed at the top of a page and clamped at its bottom, never a new page. */
  gap(height: number): void {
    if (this.y < this.top) this.y = Math.max(this.y - height, this.bottom)
  }

  /** Draws one line of text whose line box starts at the current y, then moves below it. */
  line(text: string, x: number, font: PDFFont, style: TextStyle, color = TEXT): void {
    this.ensure(style.lineHeight)
    this.drawLine(text, x, font, style, color)
    this.y -= style.lineHeight
  }

  /** Like `line`, but leaves y unchanged so several columns can share a line box. */
  drawLine(text: string, x: number, font: PDFFont, style: TextStyle, color = TEXT): void {
    if (text === '') return
    // Centre the glyphs (ascender to descender ≈ 1.16 em for DejaVu) vertically in the line box.
    const baseline = this.y - (style.lineHeight - 1.164 * style.size) / 2 - 0.928 * style.size
    this.page.drawText(text, { x, y: baseline, font, size: style.size, color })
  }

  rule(x: number, width: number, thickness = 0.5): void {
    this.page.drawLine({
      start: { x, y: this.y },
      end: { x: x + width, y: this.y },
      thickness,
      color: RULE,
    })
  }

  openFrame(x: number, width: number): void {
    this.frame = { page: this.page, top: this.y, x, width }
    this.y -= BOX_PADDING
  }

  closeFrame(): void {
    const frame = this.frame
    if (!frame) return
    this.y -= BOX_PADDING
    // Drawn after its content and without fill, so it never covers text.
    frame.page.drawRectangle({
      x: frame.x,
      y: this.y,
      width: frame.width,
      height: frame.top - this.y,
      borderColor: RULE,
      borderWidth: 0.75,
    })
    this.frame = undefined
  }

  private newPage(): void {
    const frame = this.frame
    if (frame) this.closeFrame()
    this.page = this.addPage()
    if (frame) this.openFrame(frame.x, frame.width)
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
    this.pages.push(page)
    this.y = this.top
    return page
  }
}

// --- Blocks -------------------------------------------------------------------------------------

function drawParagraph(flow: PageFlow, text: string, font: PDFFont, style: TextStyle, color = TEXT): void {
  for (const line of wrapText(text, font, style.size, CONTENT_WIDTH)) {
    flow.line(line, MARGIN_X, font, style, color)
  }
}

interface RowsOptions {
  x: number
  width: number
  valueFont: PDFFont
  separators: boolean
}

/** A row wrapped into its two columns; `height` includes the padding above and below. */
interface RowLayout {
  labels: string[]
  values: string[]
  height: number
}

function layoutRow(row: SummaryPdfRow, fonts: Fonts, options: RowsOptions): RowLayout {
  const labelWidth = (options.width - COLUMN_GAP) * LABEL_SHARE
  const valueWidth = options.width - labelWidth - COLUMN_GAP
  const labels = wrapText(row.label, fonts.regular, ROW.size, labelWidth)
  const values = wrapText(row.value, options.valueFont, ROW.size, valueWidth)
  const height = Math.max(labels.length, values.length) * ROW.lineHeight + 2 * ROW.padding
  return { labels, values, height }
}

/**
 * Two-column rows within [x, x + width]. Labels and values wrap inside their own column. A row
 * that fits on a page is kept together; a longer one is split between lines.
 */
function drawRows(flow: PageFlow, rows: SummaryPdfRow[], fonts: Fonts, options: RowsOptions): void {
  const valueX = options.x + (options.width - COLUMN_GAP) * LABEL_SHARE + COLUMN_GAP
  rows.forEach((row, index) => {
    const { labels, values, height } = layoutRow(row, fonts, options)
    if (height <= flow.pageCapacity) flow.ensure(height)
    flow.gap(ROW.padding)
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      flow.ensure(ROW.lineHeight)
      flow.drawLine(labels[i] ?? '', options.x, fonts.regular, ROW, MUTED)
      flow.drawLine(values[i] ?? '', valueX, options.valueFont, ROW)
      flow.y -= ROW.lineHeight
    }
    flow.gap(ROW.padding)
    if (options.separators && index < rows.length - 1) flow.rule(options.x, options.width, 0.25)
  })
}

function drawSection(flow: PageFlow, section: SummaryPdfSection, fonts: Fonts): void {
  const options: RowsOptions = {
    x: MARGIN_X,
    width: CONTENT_WIDTH,
    valueFont: fonts.regular,
    separators: true,
  }
  const heading = wrapText(section.heading, fonts.bold, HEADING.size, CONTENT_WIDTH)
  const headingHeight = heading.length * HEADING.lineHeight + 4
  // Keep the heading together with its first row, so it is never left alone at a page bottom
  // (unless that row is too tall for any page, then one line of it must do).
  const first = section.rows[0]
  const firstHeight = first ? layoutRow(first, fonts, options).height : 0
  flow.gap(14)
  flow.ensure(
    headingHeight + (headingHeight + firstHeight <= flow.pageCapacity ? firstHeight : ROW.lineHeight),
  )
  for (const line of heading) flow.line(line, MARGIN_X, fonts.bold, HEADING)
  flow.gap(2)
  flow.rule(MARGIN_X, CONTENT_WIDTH, 0.75)
  flow.gap(2)
  drawRows(flow, section.rows, fonts, options)
}

function footerText(template: string, page: number, pages: number): string {
  return template.replace(/\{(page|pages)\}/g, (_, key: string) => String(key === 'page' ? page : pages))
}

/** Footer lines, stacked upwards from FOOTER_BASELINE so a long template still fits the margin. */
function footerLines(template: string, page: number, pages: number, font: PDFFont): string[] {
  return wrapText(footerText(template, page, pages), font, FOOTER.size, CONTENT_WIDTH)
}

// --- Entry point --------------------------------------------------------------------------------

/**
 * Renders a summary document as an A4 PDF with embedded DejaVu Sans (subset) and page-numbered
 * footers. The output depends only on the input: pdf-lib seeds its name generator, and all
 * metadata dates are taken from `input.createdAt`.
 *
 * @returns the bytes of the PDF file
 */
export async function renderSummaryPdf(input: SummaryPdfInput): Promise<Uint8Array> {
  // `updateMetadata: false`: pdf-lib would otherwise stamp the current time and its own name.
  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts: Fonts = await embedFonts(doc, ['regular', 'bold'])

  doc.setTitle(input.title, { showInWindowTitleBar: true })
  doc.setAuthor(input.metadata.author)
  doc.setSubject(input.metadata.subject)
  doc.setLanguage(input.metadata.language)
  doc.setCreator('Lotse')
  doc.setProducer('pdf-lib')
  doc.setCreationDate(input.createdAt)
  doc.setModificationDate(input.createdAt)

  // Reserve room for the footer as wide as it can get (page numbers of up to four digits).
  const footerHeight = footerLines(input.footer, 8888, 8888, fonts.regular).length * FOOTER.lineHeight
  const flow = new PageFlow(doc, FOOTER_BASELINE + footerHeight + FOOTER_GAP)

  drawParagraph(flow, input.issuer, fonts.regular, ISSUER, MUTED)
  flow.gap(20)
  drawParagraph(flow, input.title, fonts.bold, TITLE)
  flow.gap(12)

  if (input.keyFacts.length > 0) {
    flow.openFrame(MARGIN_X, CONTENT_WIDTH)
    const x = MARGIN_X + BOX_PADDING
    const width = CONTENT_WIDTH - 2 * BOX_PADDING
    drawRows(flow, input.keyFacts, fonts, { x, width, valueFont: fonts.bold, separators: false })
    flow.closeFrame()
    flow.gap(14)
  }

  for (const paragraph of input.paragraphs) {
    drawParagraph(flow, paragraph, fonts.regular, BODY)
    flow.gap(7)
  }

  for (const section of input.sections) drawSection(flow, section, fonts)

  // Page numbers are known only now, so footers are drawn last.
  const pages = flow.pages.length
  flow.pages.forEach((page, index) => {
    const lines = footerLines(input.footer, index + 1, pages, fonts.regular)
    const ruleY = FOOTER_BASELINE + lines.length * FOOTER.lineHeight + 2
    page.drawLine({
      start: { x: MARGIN_X, y: ruleY },
      end: { x: PAGE_WIDTH - MARGIN_X, y: ruleY },
      thickness: 0.5,
      color: RULE,
    })
    lines.forEach((line, i) => {
      const width = fonts.regular.widthOfTextAtSize(line, FOOTER.size)
      page.drawText(line, {
        x: (PAGE_WIDTH - width) / 2,
        y: FOOTER_BASELINE + (lines.length - 1 - i) * FOOTER.lineHeight,
        font: fonts.regular,
        size: FOOTER.size,
        color: MUTED,
      })
    })
  })

  return doc.save()
}
