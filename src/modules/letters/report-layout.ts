// SPDX-License-Identifier: EUPL-1.2
/**
 * A long A4 report with a cover page, a highlighted box right on the cover (for the gaps an auditor must
 * see first), a table of contents with page numbers, sections that each start on a new page, PDF
 * bookmarks (outline) and attached pages of other PDFs or images. Layout only: every string comes in
 * through {@link ReportLayout}.
 *
 * The table of contents is made in two passes: its entries are known before layout, so its pages are
 * reserved first; the content is laid out while the page of every heading is recorded; then the table of
 * contents is written onto the reserved pages.
 * @module
 */
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  rgb,
} from 'pdf-lib'
import { embedFonts } from '../../shared/pdf/fonts.js'
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

export interface ReportRow {
  label: string
  value: string
}

export interface ReportColumn {
  title: string
  /** Share of the table width. */
  share: number
  /** Monospaced (hashes). */
  mono?: boolean
}

export type ReportBlock =
  | {
      kind: 'subheading'
      text: string /** Listed in the table of contents and the bookmarks. */
      toc: boolean
    }
  | { kind: 'rows'; rows: ReportRow[] }
  | { kind: 'table'; columns: ReportColumn[]; rows: string[][] }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'mono'; text: string }

export interface ReportSection {
  title: string
  blocks: ReportBlock[]
}

/** Pages of another document appended after the sections. */
export interface ReportAttachment {
  title: string
  /** Printed at the foot of every attached page, e.g. file reference and hash. */
  stamp: string
  mediaType: string
  content: Uint8Array
  /** Printed instead when the content cannot be read (broken or encrypted PDF, unsupported image). */
  unreadable: string
}

export interface ReportLayout {
  metadata: { title: string; author: string; subject: string; language: string; createdAt: Date }
  cover: {
    title: string
    subtitle: string
    /** Printed under the title and in the running header of every page. */
    confidential: string
    facts: ReportRow[]
  }
  /** The box on the cover. `items` empty: `empty` is printed inside instead, in a calm colour. */
  alert: { heading: string; intro: string; items: string[]; empty: string }
  tocTitle: string
  /** Left part of the running header, e.g. "Prüfakte GS-2026-0000042". */
  header: string
  /** Page label template, e.g. "Seite {page} von {pages}". */
  pageLabel: string
  sections: ReportSection[]
  /** Title of the section that lists the attachments (only when there are any). */
  attachmentsTitle: string
  attachments: ReportAttachment[]
}

/** Where a heading landed: what the table of contents and the outline point to. */
export interface ReportTocEntry {
  title: string
  level: 1 | 2
  /** 0-based page index. */
  pageIndex: number
  /** y of the heading's top on that page. */
  top: number
}

const MARGIN_X = 20 * MM
const CONTENT_WIDTH = A4.width - 2 * MARGIN_X
const TOP = A4.height - 25 * MM
const BOTTOM = 20 * MM
const HEADER_TOP = A4.height - 12 * MM
const FOOTER_TOP = 14 * MM

const ALERT = rgb(0.7, 0.05, 0.05)
const ALERT_FILL = rgb(1, 0.94, 0.94)
const OK = rgb(0.1, 0.4, 0.15)
const HEADER_FILL = rgb(0.93, 0.93, 0.93)

interface Styles {
  title: TextStyle
  subtitle: TextStyle
  confidential: TextStyle
  h1: TextStyle
  h2: TextStyle
  body: TextStyle
  muted: TextStyle
  label: TextStyle
  cell: TextStyle
  cellHead: TextStyle
  cellMono: TextStyle
  mono: TextStyle
  alertHead: TextStyle
  alertBody: TextStyle
  okBody: TextStyle
  toc1: TextStyle
  toc2: TextStyle
  running: TextStyle
}

function styles(regular: TextStyle['font'], bold: TextStyle['font'], mono: TextStyle['font']): Styles {
  return {
    title: { font: bold, size: 24, lineHeight: 30 },
    subtitle: { font: regular, size: 13, lineHeight: 17 },
    confidential: { font: bold, size: 10, lineHeight: 14, color: ALERT },
    h1: { font: bold, size: 15, lineHeight: 20 },
    h2: { font: bold, size: 11.5, lineHeight: 15 },
    body: { font: regular, size: 9.5, lineHeight: 13 },
    muted: { font: regular, size: 9.5, lineHeight: 13, color: MUTED },
    label: { font: regular, size: 9.5, lineHeight: 13, color: MUTED },
    cell: { font: regular, size: 8.5, lineHeight: 11 },
    cellHead: { font: bold, size: 8.5, lineHeight: 11 },
    cellMono: { font: mono, size: 7, lineHeight: 11 },
    mono: { font: mono, size: 8, lineHeight: 11 },
    alertHead: { font: bold, size: 13, lineHeight: 18, color: ALERT },
    alertBody: { font: regular, size: 10, lineHeight: 14 },
    okBody: { font: regular, size: 10, lineHeight: 14, color: OK },
    toc1: { font: bold, size: 10.5, lineHeight: 16 },
    toc2: { font: regular, size: 9.5, lineHeight: 13 },
    running: { font: regular, size: 7.5, lineHeight: 10, color: MUTED },
  }
}

// --- Blocks --------------------------------------------------------------------------------------

function drawRows(flow: Flow, rows: ReportRow[], s: Styles): void {
  const labelWidth = CONTENT_WIDTH * 0.35
  const valueX = MARGIN_X + labelWidth + 4 * MM
  const valueWidth = CONTENT_WIDTH - labelWidth - 4 * MM
  rows.forEach((row, index) => {
    const labels = wrap(row.label, s.label, labelWidth)
    const values = wrap(row.value, s.body, valueWidth)
    const lines = Math.max(labels.length, values.length)
    if (lines * s.body.lineHeight <= flow.pageCapacity) {
      flow.ensure(lines * s.body.lineHeight + 4)
    }
    flow.gap(2)
    for (let i = 0; i < lines; i++) {
      flow.ensure(s.body.lineHeight)
      drawTextAt(flow.page, labels[i] ?? '', MARGIN_X, flow.y, s.label)
      drawTextAt(flow.page, values[i] ?? '', valueX, flow.y, s.body)
      flow.y -= s.body.lineHeight
    }
    flow.gap(2)
    if (index < rows.length - 1) {
      flow.rule(MARGIN_X, CONTENT_WIDTH, 0.25)
    }
  })
}

function drawTableHeader(flow: Flow, columns: ReportColumn[], widths: number[], s: Styles): void {
  const heads = columns.map((column, c) => wrap(column.title, s.cellHead, (widths[c] ?? 0) - 2 * MM))
  const height = Math.max(...heads.map((h) => h.length)) * s.cellHead.lineHeight + 4
  flow.page.drawRectangle({
    x: MARGIN_X,
    y: flow.y - height,
    width: CONTENT_WIDTH,
    height,
    color: HEADER_FILL,
  })
  flow.y -= 2
  let x = MARGIN_X
  columns.forEach((_, c) => {
    heads[c]?.forEach((line, i) => {
      drawTextAt(flow.page, line, x + 1 * MM, flow.y - i * s.cellHead.lineHeight, s.cellHead)
    })
    x += widths[c] ?? 0
  })
  flow.y -= height - 2
}

/** A table whose header row is repeated on every page it spans; cells wrap within their column. */
function drawTable(flow: Flow, columns: ReportColumn[], rows: string[][], s: Styles): void {
  const shares = columns.reduce((sum, column) => sum + column.share, 0)
  const widths = columns.map((column) => (CONTENT_WIDTH * column.share) / shares)
  const styleOf = (c: number) => (columns[c]?.mono ? s.cellMono : s.cell)
  const headerHeight = 2 * s.cellHead.lineHeight + 4
  flow.ensure(headerHeight + s.cell.lineHeight + 4)
  drawTableHeader(flow, columns, widths, s)
  for (const row of rows) {
    const cells = columns.map((_, c) => wrap(row[c] ?? '', styleOf(c), (widths[c] ?? 0) - 2 * MM))
    const lines = Math.max(1, ...cells.map((cell) => cell.length))
    const height = lines * s.cell.lineHeight + 4
    if (flow.y - height < flow.bottom) {
      flow.newPage()
      drawTableHeader(flow, columns, widths, s)
    }
    flow.y -= 2
    let x = MARGIN_X
    cells.forEach((cell, c) => {
      cell.forEach((line, i) => {
        drawTextAt(flow.page, line, x + 1 * MM, flow.y - i * s.cell.lineHeight, styleOf(c))
      })
      x += widths[c] ?? 0
    })
    flow.y -= height - 2
    flow.rule(MARGIN_X, CONTENT_WIDTH, 0.25)
  }
}

function drawBlock(flow: Flow, block: ReportBlock, s: Styles, entries: ReportTocEntry[]): void {
  switch (block.kind) {
    case 'subheading': {
      flow.gap(10)
      const lines = wrap(block.text, s.h2, CONTENT_WIDTH)
      flow.ensure(lines.length * s.h2.lineHeight + 3 * s.body.lineHeight)
      if (block.toc) {
        entries.push({ title: block.text, level: 2, pageIndex: flow.index, top: flow.y })
      }
      for (const line of lines) {
        flow.line(line, MARGIN_X, s.h2)
      }
      flow.gap(3)
      return
    }
    case 'rows':
      drawRows(flow, block.rows, s)
      return
    case 'table':
      drawTable(flow, block.columns, block.rows, s)
      return
    case 'paragraph':
      flow.paragraph(block.text, MARGIN_X, CONTENT_WIDTH, block.muted ? s.muted : s.body)
      flow.gap(5)
      return
    case 'mono':
      flow.paragraph(block.text, MARGIN_X, CONTENT_WIDTH, s.mono)
      flow.gap(5)
      return
  }
}

// --- Cover and alert box --------------------------------------------------------------------------

function drawCover(flow: Flow, layout: ReportLayout, s: Styles): void {
  flow.gap(0)
  flow.y -= 20 * MM
  flow.paragraph(layout.cover.title, MARGIN_X, CONTENT_WIDTH, s.title)
  flow.paragraph(layout.cover.subtitle, MARGIN_X, CONTENT_WIDTH, s.subtitle)
  flow.y -= 4
  flow.paragraph(layout.cover.confidential, MARGIN_X, CONTENT_WIDTH, s.confidential)
  flow.y -= 8 * MM
  drawAlert(flow, layout.alert, s)
  flow.y -= 8 * MM
  drawRows(flow, layout.cover.facts, s)
}

/** The gaps box: a red frame with a light fill, drawn behind its text page by page. */
function drawAlert(flow: Flow, alert: ReportLayout['alert'], s: Styles): void {
  const pad = 4 * MM
  const inner = CONTENT_WIDTH - 2 * pad
  const x = MARGIN_X + pad
  const empty = alert.items.length === 0
  const heading = wrap(alert.heading, s.alertHead, inner)
  const body: { text: string; style: TextStyle; indent: number }[] = []
  if (empty) {
    for (const line of wrap(alert.empty, s.okBody, inner)) {
      body.push({ text: line, style: s.okBody, indent: 0 })
    }
  } else {
    for (const line of wrap(alert.intro, s.alertBody, inner)) {
      body.push({ text: line, style: s.alertBody, indent: 0 })
    }
    for (const item of alert.items) {
      wrap(item, s.alertBody, inner - 5 * MM).forEach((line, index) => {
        body.push({
          text: index === 0 ? `•\u2002${line}` : line,
          style: s.alertBody,
          indent: index === 0 ? 0 : 5 * MM,
        })
      })
    }
  }
  // Frames are drawn per page once the text on that page is known; the fill goes first (behind the text),
  // which pdf-lib allows only by drawing the text after it, so lines are collected per page.
  type Placed = { text: string; style: TextStyle; x: number; top: number }
  let page = flow.page
  let frameTop = flow.y
  let placed: Placed[] = []
  const closeFrame = (bottom: number) => {
    const colour = empty ? OK : ALERT
    page.drawRectangle({
      x: MARGIN_X,
      y: bottom,
      width: CONTENT_WIDTH,
      height: frameTop - bottom,
      color: empty ? rgb(0.94, 0.98, 0.94) : ALERT_FILL,
      borderColor: colour,
      borderWidth: 1.5,
    })
    for (const line of placed) {
      drawTextAt(page, line.text, line.x, line.top, line.style)
    }
    placed = []
  }
  flow.ensure(heading.length * s.alertHead.lineHeight + 2 * pad + 2 * s.alertBody.lineHeight)
  page = flow.page
  frameTop = flow.y
  flow.y -= pad
  const lines = [...heading.map((text) => ({ text, style: s.alertHead, indent: 0 })), ...body]
  for (const line of lines) {
    if (flow.y - line.style.lineHeight - pad < flow.bottom) {
      closeFrame(flow.y - pad)
      flow.newPage()
      page = flow.page
      frameTop = flow.y
      flow.y -= pad
    }
    placed.push({ text: line.text, style: line.style, x: x + line.indent, top: flow.y })
    flow.y -= line.style.lineHeight
  }
  flow.y -= pad
  closeFrame(flow.y)
}

// --- Table of contents ----------------------------------------------------------------------------

interface TocLine {
  entry: { title: string; level: 1 | 2 }
  lines: string[]
  style: TextStyle
}

function tocLines(entries: { title: string; level: 1 | 2 }[], s: Styles): TocLine[] {
  return entries.map((entry) => {
    const style = entry.level === 1 ? s.toc1 : s.toc2
    const indent = entry.level === 1 ? 0 : 6 * MM
    return { entry, lines: wrap(entry.title, style, CONTENT_WIDTH - indent - 15 * MM), style }
  })
}

function tocPageCount(lines: TocLine[], s: Styles): number {
  let pages = 1
  let y = TOP - s.h1.lineHeight - 6
  for (const line of lines) {
    const height = line.lines.length * line.style.lineHeight
    if (y - height < BOTTOM) {
      pages++
      y = TOP
    }
    y -= height
  }
  return pages
}

function drawToc(pages: PDFPage[], title: string, lines: TocLine[], entries: ReportTocEntry[], s: Styles) {
  let index = 0
  const firstPage = pages[0]
  if (firstPage === undefined) {
    return
  }
  let page: PDFPage = firstPage
  let y = TOP
  drawTextAt(page, title, MARGIN_X, y, s.h1)
  y -= s.h1.lineHeight + 6
  lines.forEach((line, i) => {
    const entry = entries[i]
    const height = line.lines.length * line.style.lineHeight
    if (y - height < BOTTOM) {
      index++
      page = pages[index] ?? page
      y = TOP
    }
    const indent = line.entry.level === 1 ? 0 : 6 * MM
    line.lines.forEach((text, l) => {
      drawTextAt(page, text, MARGIN_X + indent, y - l * line.style.lineHeight, line.style)
    })
    const number = String((entry?.pageIndex ?? 0) + 1)
    const lastTop = y - (line.lines.length - 1) * line.style.lineHeight
    drawTextAt(page, number, A4.width - MARGIN_X - widthOf(number, line.style), lastTop, line.style)
    // Dot leader between the title's last line and the page number.
    const lastLine = line.lines[line.lines.length - 1] ?? ''
    const from = MARGIN_X + indent + widthOf(lastLine, line.style) + 2 * MM
    const to = A4.width - MARGIN_X - widthOf(number, line.style) - 2 * MM
    if (to > from) {
      const baseline = lastTop - line.style.lineHeight + (line.style.lineHeight - line.style.size) / 2 + 2
      page.drawLine({
        start: { x: from, y: baseline },
        end: { x: to, y: baseline },
        thickness: 0.6,
        color: RULE,
        dashArray: [0.6, 2.4],
      })
    }
    y -= height
  })
}

// --- Outline (bookmarks) --------------------------------------------------------------------------

/**
 * Writes the document outline (bookmarks) from the entries: level-1 entries at the top, level-2 entries
 * under the level-1 entry before them. pdf-lib has no outline API, so the dictionaries are built directly
 * (PDF 32000-1, 12.3.3).
 */
function writeOutline(doc: PDFDocument, pages: PDFPage[], entries: ReportTocEntry[]): void {
  if (entries.length === 0) {
    return
  }
  interface Node {
    entry: ReportTocEntry
    ref: PDFRef
    children: Node[]
  }
  const roots: Node[] = []
  for (const entry of entries) {
    const node: Node = { entry, ref: doc.context.nextRef(), children: [] }
    const parent = roots[roots.length - 1]
    if (entry.level === 2 && parent !== undefined) {
      parent.children.push(node)
    } else {
      roots.push(node)
    }
  }
  const outlineRef = doc.context.nextRef()
  const link = (nodes: Node[], parentRef: PDFRef) => {
    nodes.forEach((node, i) => {
      const page = pages[node.entry.pageIndex]
      if (page === undefined) {
        return
      }
      const dict = doc.context.obj({
        Title: PDFHexString.fromText(node.entry.title),
        Parent: parentRef,
        Dest: [page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(node.entry.top), PDFNull],
      })
      const prev = nodes[i - 1]
      const next = nodes[i + 1]
      if (prev) {
        dict.set(PDFName.of('Prev'), prev.ref)
      }
      if (next) {
        dict.set(PDFName.of('Next'), next.ref)
      }
      const first = node.children[0]
      const last = node.children[node.children.length - 1]
      if (first && last) {
        dict.set(PDFName.of('First'), first.ref)
        dict.set(PDFName.of('Last'), last.ref)
        // Negative: closed; the reader shows the sections and opens a section's entries on demand.
        dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length))
      }
      doc.context.assign(node.ref, dict)
      link(node.children, node.ref)
    })
  }
  link(roots, outlineRef)
  const first = roots[0]
  const last = roots[roots.length - 1]
  if (first === undefined || last === undefined) {
    return
  }
  doc.context.assign(
    outlineRef,
    doc.context.obj({
      Type: 'Outlines',
      First: first.ref,
      Last: last.ref,
      Count: PDFNumber.of(roots.length),
    }),
  )
  doc.catalog.set(PDFName.of('Outlines'), outlineRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

// --- Attachments ----------------------------------------------------------------------------------

/** An attachment's pages, ready to be drawn: embedded PDF pages or an image. */
type Drawable = { width: number; height: number; draw(page: PDFPage, box: Box): void }
type Box = { x: number; y: number; width: number; height: number }

/**
 * Reads an attachment into drawables (one per page), or null when it cannot be read (damaged, encrypted,
 * unsupported type). PDF pages are embedded as form XObjects, so their text stays extractable.
 */
async function prepareAttachment(doc: PDFDocument, attachment: ReportAttachment): Promise<Drawable[] | null> {
  try {
    if (attachment.mediaType === 'application/pdf') {
      const source = await PDFDocument.load(attachment.content, { updateMetadata: false })
      const embedded = await doc.embedPages(source.getPages())
      return embedded.map((page) => ({
        width: page.width,
        height: page.height,
        draw: (target, box) => target.drawPage(page, box),
      }))
    }
    if (attachment.mediaType === 'image/jpeg' || attachment.mediaType === 'image/png') {
      const image =
        attachment.mediaType === 'image/png'
          ? await doc.embedPng(attachment.content)
          : await doc.embedJpg(attachment.content)
      return [
        { width: image.width, height: image.height, draw: (target, box) => target.drawImage(image, box) },
      ]
    }
  } catch {
    // Listed with its hash and a note instead.
  }
  return null
}

/**
 * Draws an attached page scaled into the content area of a new A4 page (never enlarged), framed, with the
 * stamp above it; the running header and page label are added with all other pages.
 */
function drawAttachedPage(flow: Flow, drawable: Drawable, stamp: string, s: Styles): void {
  flow.newPage()
  const stampLines = wrap(stamp, s.running, CONTENT_WIDTH)
  for (const line of stampLines) {
    flow.line(line, MARGIN_X, s.running)
  }
  flow.y -= 3 * MM
  const room = { width: CONTENT_WIDTH, height: flow.y - BOTTOM }
  const scale = Math.min(room.width / drawable.width, room.height / drawable.height, 1)
  const width = drawable.width * scale
  const height = drawable.height * scale
  const box = { x: MARGIN_X + (room.width - width) / 2, y: flow.y - height, width, height }
  drawable.draw(flow.page, box)
  flow.page.drawRectangle({ ...box, borderColor: RULE, borderWidth: 0.5 })
}

// --- Entry point ----------------------------------------------------------------------------------

/**
 * Renders a report as an A4 PDF: cover with the alert box, table of contents (two passes), sections,
 * attachments, running header, "Seite x von y" on every page, bookmarks. Deterministic for the same input.
 * @returns the PDF bytes and where each table-of-contents entry landed
 */
export async function renderReportLayout(
  layout: ReportLayout,
): Promise<{ bytes: Uint8Array; entries: ReportTocEntry[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const { regular, bold, mono } = await embedFonts(doc, ['regular', 'bold', 'mono'])
  const s = styles(regular, bold, mono)
  const { metadata } = layout
  doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  doc.setAuthor(metadata.author)
  doc.setSubject(metadata.subject)
  doc.setLanguage(metadata.language)
  doc.setCreator('Lotse')
  doc.setProducer('pdf-lib')
  doc.setCreationDate(metadata.createdAt)
  doc.setModificationDate(metadata.createdAt)

  const flow = new Flow(doc, { top: () => TOP, bottom: () => BOTTOM })
  drawCover(flow, layout, s)

  // Pass 1: the entries are known before layout, so the table of contents' pages can be reserved.
  const planned: { title: string; level: 1 | 2 }[] = []
  for (const section of layout.sections) {
    planned.push({ title: section.title, level: 1 })
    for (const block of section.blocks) {
      if (block.kind === 'subheading' && block.toc) {
        planned.push({ title: block.text, level: 2 })
      }
    }
  }
  if (layout.attachments.length > 0) {
    planned.push({ title: layout.attachmentsTitle, level: 1 })
    for (const attachment of layout.attachments) {
      planned.push({ title: attachment.title, level: 2 })
    }
  }
  const toc = tocLines(planned, s)
  const tocPages: PDFPage[] = []
  for (let i = 0; i < tocPageCount(toc, s); i++) {
    flow.newPage()
    tocPages.push(flow.page)
  }

  const entries: ReportTocEntry[] = []
  for (const section of layout.sections) {
    flow.newPage()
    entries.push({ title: section.title, level: 1, pageIndex: flow.index, top: flow.y })
    flow.paragraph(section.title, MARGIN_X, CONTENT_WIDTH, s.h1)
    flow.gap(2)
    flow.rule(MARGIN_X, CONTENT_WIDTH, 1, INK)
    flow.gap(8)
    for (const block of section.blocks) {
      drawBlock(flow, block, s, entries)
    }
  }

  if (layout.attachments.length > 0) {
    const prepared = []
    for (const attachment of layout.attachments) {
      prepared.push({ attachment, append: await prepareAttachment(doc, attachment) })
    }
    // The listing page(s) first: every attachment with its stamp, and a note for those that cannot be read.
    flow.newPage()
    entries.push({ title: layout.attachmentsTitle, level: 1, pageIndex: flow.index, top: flow.y })
    flow.paragraph(layout.attachmentsTitle, MARGIN_X, CONTENT_WIDTH, s.h1)
    flow.gap(2)
    flow.rule(MARGIN_X, CONTENT_WIDTH, 1, INK)
    flow.gap(8)
    const unreadable = new Map<ReportAttachment, ReportTocEntry>()
    for (const { attachment, append } of prepared) {
      flow.ensure(3 * s.body.lineHeight)
      const entry = { title: attachment.title, level: 2 as const, pageIndex: flow.index, top: flow.y }
      flow.paragraph(attachment.title, MARGIN_X, CONTENT_WIDTH, s.h2)
      flow.paragraph(attachment.stamp, MARGIN_X, CONTENT_WIDTH, s.mono)
      if (append === null) {
        flow.paragraph(attachment.unreadable, MARGIN_X, CONTENT_WIDTH, s.muted)
        unreadable.set(attachment, entry)
      }
      flow.gap(6)
    }
    // Then the attached pages, one A4 page each.
    for (const { attachment, append } of prepared) {
      const entry = unreadable.get(attachment)
      if (append === null || entry !== undefined) {
        entries.push(entry ?? { title: attachment.title, level: 2, pageIndex: flow.index, top: TOP })
        continue
      }
      append.forEach((drawable, index) => {
        drawAttachedPage(flow, drawable, attachment.stamp, s)
        if (index === 0) {
          entries.push({ title: attachment.title, level: 2, pageIndex: flow.index, top: TOP })
        }
      })
    }
  }
  if (entries.length !== planned.length) {
    throw new Error(`table of contents planned ${planned.length} entries, laid out ${entries.length}`)
  }

  // Pass 2: write the table of contents onto the reserved pages, then headers, footers and bookmarks.
  drawToc(tocPages, layout.tocTitle, toc, entries, s)
  const pages = doc.getPages()
  pages.forEach((page, index) => {
    const { width } = page.getSize()
    const label = pageLabel(layout.pageLabel, index + 1, pages.length)
    if (index > 0) {
      drawTextAt(page, layout.header, MARGIN_X, HEADER_TOP, s.running)
      const right = layout.cover.confidential
      drawTextAt(page, right, width - MARGIN_X - widthOf(right, s.running), HEADER_TOP, s.running)
    }
    drawTextAt(page, label, width - MARGIN_X - widthOf(label, s.running), FOOTER_TOP, s.running)
  })
  writeOutline(doc, pages, entries)

  return { bytes: await doc.save(), entries }
}
