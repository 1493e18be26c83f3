// SPDX-License-Identifier: EUPL-1.2
/**
 * The committee report as a PDF in the form of a council information system submission (Vorlage): head
 * with subject, status, responsible unit and sequence of consultation, the proposal "zur Kenntnisnahme",
 * the explanation with its sections, tables and simple bar charts, and the annexes. Pure: renders a
 * {@link ReportModel}; DejaVu fonts embedded as subsets, so the text is extractable (ToUnicode maps). Tagged
 * (shared/pdf/tagged.ts): headings, paragraphs, tables with header cells, charts as figures with alternative
 * text, page furniture as artifacts; language de-DE.
 * @module
 */
import { PageSizes, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import { t } from '../../shared/i18n.js'
import { embedFonts } from '../../shared/pdf/fonts.js'
import { PdfTagger, type StructElement } from '../../shared/pdf/tagged.js'
import { normalise, wrapText } from '../../shared/pdf/text.js'
import type { ChartModel, ReportModel, SectionModel, TableModel } from './report-model.js'

const [WIDTH, HEIGHT] = PageSizes.A4
const MARGIN = 56.7
const BOTTOM = 60
const CONTENT = WIDTH - 2 * MARGIN
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.35, 0.35, 0.4)
const RULE = rgb(0.75, 0.75, 0.78)
const FILL = rgb(0.93, 0.93, 0.95)
const HIGHLIGHT = rgb(0.99, 0.9, 0.86)
const BAR_COLOURS = [rgb(0.12, 0.35, 0.6), rgb(0.55, 0.7, 0.85), rgb(0.2, 0.55, 0.35)]
const LIGHT_COLOURS = {
  green: rgb(0.1, 0.55, 0.2),
  yellow: rgb(0.9, 0.7, 0.1),
  red: rgb(0.8, 0.1, 0.1),
  none: rgb(0.6, 0.6, 0.6),
}

interface Fonts {
  regular: PDFFont
  bold: PDFFont
}

class Writer {
  page: PDFPage
  y: number
  readonly tags: PdfTagger
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly draft: boolean,
  ) {
    this.tags = new PdfTagger(doc)
    this.page = this.newPage()
    this.y = HEIGHT - MARGIN
  }

  newPage(): PDFPage {
    const page = this.doc.addPage([WIDTH, HEIGHT])
    if (this.draft) {
      this.tags.artifact(page, () =>
        page.drawText(t('reports.doc.draft_mark'), {
          x: MARGIN,
          y: HEIGHT - 30,
          size: 9,
          font: this.fonts.bold,
          color: rgb(0.7, 0.1, 0.1),
        }),
      )
    }
    this.page = page
    this.y = HEIGHT - MARGIN
    return page
  }

  ensure(height: number): void {
    if (this.y - height < BOTTOM) {
      this.newPage()
    }
  }

  text(
    text: string,
    options: {
      size?: number
      bold?: boolean
      color?: ReturnType<typeof rgb>
      gap?: number
      indent?: number
      /** The structure element the text belongs to; a new paragraph (or `tag`) when omitted. */
      element?: StructElement
      tag?: 'P' | 'H1' | 'H2'
    } = {},
  ): void {
    const size = options.size ?? 10.5
    const font = options.bold ? this.fonts.bold : this.fonts.regular
    const indent = options.indent ?? 0
    const lineHeight = size * 1.38
    const element = options.element ?? this.tags.element(options.tag ?? 'P')
    for (const line of wrapText(text, font, size, CONTENT - indent)) {
      this.ensure(lineHeight)
      this.y -= lineHeight
      const y = this.y + size * 0.25
      this.tags.mark(this.page, element, () =>
        this.page.drawText(line, { x: MARGIN + indent, y, size, font, color: options.color ?? INK }),
      )
    }
    this.y -= options.gap ?? 4
  }

  heading(text: string, level: 1 | 2): void {
    this.ensure(60)
    this.y -= level === 1 ? 10 : 6
    this.text(text, { size: level === 1 ? 13.5 : 11.5, bold: true, gap: 6, tag: level === 1 ? 'H1' : 'H2' })
  }

  rows(rows: Array<[string, string]>): void {
    const labelWidth = 150
    const table = this.tags.element('Table')
    for (const [label, value] of rows) {
      const lines = wrapText(value, this.fonts.regular, 10.5, CONTENT - labelWidth)
      const height = lines.length * 14.5 + 4
      this.ensure(height)
      const tr = this.tags.element('TR', table)
      const top = this.y
      this.tags.mark(this.page, this.tags.element('TH', tr), () =>
        this.page.drawText(normalise(label), {
          x: MARGIN,
          y: top - 11,
          size: 10,
          font: this.fonts.bold,
          color: INK,
        }),
      )
      const cell = this.tags.element('TD', tr)
      lines.forEach((line, i) => {
        this.tags.mark(this.page, cell, () =>
          this.page.drawText(line, {
            x: MARGIN + labelWidth,
            y: top - 11 - i * 14.5,
            size: 10.5,
            font: this.fonts.regular,
            color: INK,
          }),
        )
      })
      this.y -= height
    }
    this.y -= 6
  }

  table(table: TableModel): void {
    this.ensure(80)
    const tableElement = this.tags.element('Table')
    this.text(table.title, {
      size: 10,
      bold: true,
      gap: 2,
      element: this.tags.element('Caption', tableElement),
    })
    const columns = table.columns.length
    const first = Math.min(170, CONTENT * 0.34)
    const other = (CONTENT - first) / Math.max(1, columns - 1)
    const widths = table.columns.map((_, i) => (i === 0 ? first : other))
    const size = columns > 6 ? 7.5 : 8.5
    const drawRow = (
      cells: string[],
      bold: boolean,
      fill: ReturnType<typeof rgb> | null,
      highlight?: boolean[],
      header = false,
    ) => {
      const font = bold ? this.fonts.bold : this.fonts.regular
      const wrapped = cells.map((c, i) => wrapText(c, font, size, (widths[i] ?? other) - 6))
      const height = Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 5
      this.ensure(height)
      const tr = this.tags.element('TR', tableElement)
      let x = MARGIN
      wrapped.forEach((lines, i) => {
        const w = widths[i] ?? other
        const cellFill = highlight?.[i - 1] ? HIGHLIGHT : fill
        const left = x
        if (cellFill) {
          this.tags.artifact(this.page, () =>
            this.page.drawRectangle({ x: left, y: this.y - height, width: w, height, color: cellFill }),
          )
        }
        // Column headers and the row labels (first column) are header cells.
        const cell = this.tags.element(header || i === 0 ? 'TH' : 'TD', tr)
        lines.forEach((line, j) => {
          const textWidth = font.widthOfTextAtSize(line, size)
          const tx = i === 0 ? left + 3 : left + w - 3 - textWidth
          this.tags.mark(this.page, cell, () =>
            this.page.drawText(line, {
              x: tx,
              y: this.y - 3 - size - j * size * 1.3 + 1,
              size,
              font,
              color: INK,
            }),
          )
        })
        x += w
      })
      this.tags.artifact(this.page, () =>
        this.page.drawLine({
          start: { x: MARGIN, y: this.y - height },
          end: { x: MARGIN + CONTENT, y: this.y - height },
          thickness: 0.4,
          color: RULE,
        }),
      )
      this.y -= height
    }
    drawRow(table.columns, true, FILL, undefined, true)
    for (const row of table.rows) {
      drawRow([row.label, ...row.cells], row.total === true, null, row.highlight)
    }
    this.y -= 10
  }

  chart(chart: ChartModel): void {
    if (chart.kind === 'orgchart') {
      this.ensure(40 + chart.nodes.length * 18)
      this.text(chart.title, { size: 10, bold: true, gap: 4 })
      this.text(chart.root, { size: 10, bold: true, gap: 2 })
      for (const node of chart.nodes) {
        this.ensure(18)
        // The light is also in the text that follows: the circle is decoration.
        this.tags.artifact(this.page, () =>
          this.page.drawCircle({ x: MARGIN + 20, y: this.y - 7, size: 5, color: LIGHT_COLOURS[node.light] }),
        )
        this.text(`${node.label}: ${node.lightText} (${node.details})`, { size: 9, indent: 32, gap: 2 })
      }
      this.y -= 8
      return
    }
    // Lines are printed as grouped bars too: one simple, legible form on paper; the data are in the tables.
    const values = chart.series.flatMap((s) => s.points.map((p) => p.value ?? 0))
    const band = chart.kind === 'bars' ? chart.band : undefined
    const max = Math.max(1, ...values, band?.max ?? 0)
    const height = 120
    this.ensure(height + 60)
    this.text(chart.title, { size: 10, bold: true, gap: 2 })
    const figure = this.tags.element('Figure', undefined, `${chart.title}. ${chart.desc}`)
    this.tags.mark(this.page, figure, () => this.bars(chart, max, height, band))
    this.y -= height + 6 + 14
    const legend = chart.series.map((s) => s.label).join(' · ') + (band ? ` · ${band.label}` : '')
    this.text(legend, { size: 8, color: MUTED, gap: 10 })
  }

  /** The bars of a chart below the current position (graphics and axis labels of one figure). */
  private bars(
    chart: Extract<ChartModel, { kind: 'lines' | 'bars' }>,
    max: number,
    height: number,
    band: { min: number; max: number; label: string } | undefined,
  ): void {
    const top = this.y - 6
    const baseY = top - height
    const left = MARGIN + 30
    const width = CONTENT - 30
    if (band) {
      this.page.drawRectangle({
        x: left,
        y: baseY + (band.min / max) * height,
        width,
        height: ((band.max - band.min) / max) * height,
        color: rgb(0.85, 0.95, 0.85),
      })
    }
    this.page.drawLine({
      start: { x: left, y: baseY },
      end: { x: left + width, y: baseY },
      thickness: 0.6,
      color: INK,
    })
    this.page.drawText(String(Math.round(max)), {
      x: MARGIN,
      y: top - 8,
      size: 7,
      font: this.fonts.regular,
      color: MUTED,
    })
    const groups = chart.categories.length
    const groupWidth = width / Math.max(1, groups)
    const barWidth = Math.max(2, (groupWidth - 6) / Math.max(1, chart.series.length))
    chart.categories.forEach((category, g) => {
      chart.series.forEach((series, s) => {
        const v = series.points[g]?.value
        if (v !== null && v !== undefined && v > 0) {
          const highlighted = chart.kind === 'bars' && chart.highlight?.[g]
          this.page.drawRectangle({
            x: left + g * groupWidth + 3 + s * barWidth,
            y: baseY,
            width: barWidth - 1,
            height: (v / max) * height,
            color: highlighted ? rgb(0.8, 0.2, 0.1) : (BAR_COLOURS[s % BAR_COLOURS.length] ?? INK),
          })
        }
      })
      const label = wrapText(category, this.fonts.regular, 6.5, groupWidth - 2)[0] ?? ''
      this.page.drawText(label, {
        x: left + g * groupWidth + 2,
        y: baseY - 9,
        size: 6.5,
        font: this.fonts.regular,
        color: MUTED,
      })
    })
  }
}

function section(w: Writer, s: SectionModel, level: 1 | 2): void {
  w.heading(s.title, level)
  if (s.textKey !== null) {
    for (const paragraph of (s.text ?? t('reports.doc.no_text')).split(/\n{2,}/)) {
      w.text(paragraph, { color: s.text ? INK : MUTED, gap: 6 })
    }
  }
  for (const note of s.notes ?? []) {
    w.text(note, { color: INK, gap: 6 })
  }
  for (const chart of s.charts) {
    w.chart(chart)
  }
  for (const table of s.tables) {
    w.table(table)
  }
  for (const sub of s.subsections) {
    section(w, sub, 2)
  }
}

/**
 * Renders the report as PDF bytes.
 * @param createdAt written to the metadata (deterministic output in tests)
 */
export async function renderReportPdf(model: ReportModel, createdAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`${model.head.subject} – ${model.head.number}`, { showInWindowTitleBar: true })
  doc.setAuthor(t('reports.doc.author'))
  doc.setSubject(model.head.subject)
  doc.setLanguage('de-DE')
  doc.setCreator('Lotse')
  doc.setProducer('Lotse (pdf-lib)')
  doc.setCreationDate(createdAt)
  doc.setModificationDate(createdAt)
  const fonts = await embedFonts(doc, ['regular', 'bold'])
  const w = new Writer(doc, fonts, model.state.status !== 'released')

  w.text(`${t('reports.doc.kind')} – ${model.head.number}`, { size: 9, color: MUTED, gap: 8 })
  w.text(model.head.subject, { size: 17, bold: true, gap: 10 })
  w.rows([
    [t('reports.doc.subject_label'), model.head.subject],
    [t('reports.doc.status_label'), model.head.status],
    [t('reports.doc.responsible_label'), model.head.responsible],
    [t('reports.doc.reference_day_label'), model.head.referenceDay.split('-').reverse().join('.')],
    [
      t('reports.doc.consultation_label'),
      model.head.consultation.map((c) => `${c.body} ${c.purpose}`).join('\n'),
    ],
    [t('reports.doc.signature_label'), model.head.signature],
  ])
  w.heading(t('reports.doc.proposal_label'), 1)
  w.text(model.head.proposal, { gap: 8 })
  w.heading(t('reports.doc.explanation_label'), 1)
  w.text(t('reports.doc.privacy_note'), { size: 8.5, color: MUTED, gap: 6 })
  for (const s of model.sections) {
    section(w, s, 1)
  }
  if (model.diff) {
    w.heading(t('reports.section.diff'), 1)
    w.table(model.diff)
  }
  w.heading(t('reports.doc.annexes_label'), 1)
  for (const annex of model.annexes) {
    w.text(annex)
  }
  const pages = doc.getPages()
  pages.forEach((page, i) => {
    const label = t('reports.doc.page', { page: i + 1, pages: pages.length })
    w.tags.artifact(page, () => {
      page.drawText(label, {
        x: WIDTH - MARGIN - fonts.regular.widthOfTextAtSize(label, 8),
        y: 30,
        size: 8,
        font: fonts.regular,
        color: MUTED,
      })
      page.drawText(normalise(model.head.number), {
        x: MARGIN,
        y: 30,
        size: 8,
        font: fonts.regular,
        color: MUTED,
      })
    })
  })
  w.tags.finish()
  return doc.save({ useObjectStreams: false })
}
