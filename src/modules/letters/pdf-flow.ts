// SPDX-License-Identifier: EUPL-1.2
/**
 * A small page-flow engine for the letters module: tracks the current page and the top of the next line
 * box, breaks pages when content would run into the bottom area, and lets each page have its own content
 * area (the first page of a letter starts below the address field, continuation pages start higher).
 * Layout only: it prints exactly the strings it is given.
 * @module
 */
import { type PDFDocument, type PDFFont, type PDFPage, type RGB, rgb } from 'pdf-lib'
import { wrapText } from '../../shared/pdf/text.js'

/** Points per millimetre. */
export const MM = 72 / 25.4

/** A4 portrait in points. */
export const A4 = { width: 210 * MM, height: 297 * MM }

export const INK = rgb(0.1, 0.1, 0.1)
/** Grey with a contrast ratio above 7:1 on white, so labels stay readable. */
export const MUTED = rgb(0.33, 0.33, 0.33)
export const RULE = rgb(0.6, 0.6, 0.6)

export interface TextStyle {
  font: PDFFont
  size: number
  lineHeight: number
  color?: RGB
}

export interface FlowOptions {
  /** Top of the content area (y in points from the bottom edge) on the page with 0-based `index`. */
  top(index: number): number
  /** Lowest y content may reach on that page. */
  bottom(index: number): number
  /** Called once for every page when it is added (before content is drawn on it). */
  onPage?(page: PDFPage, index: number): void
}

/**
 * The baseline of text whose line box starts at `top`: glyphs (ascender to descender ≈ 1.164 em for DejaVu)
 * are centred vertically in the line box.
 */
export function baselineIn(top: number, style: Pick<TextStyle, 'size' | 'lineHeight'>): number {
  return top - (style.lineHeight - 1.164 * style.size) / 2 - 0.928 * style.size
}

/** Draws one line of text in the line box that starts at `top`. */
export function drawTextAt(page: PDFPage, text: string, x: number, top: number, style: TextStyle): void {
  if (text === '') {
    return
  }
  page.drawText(text, {
    x,
    y: baselineIn(top, style),
    font: style.font,
    size: style.size,
    color: style.color ?? INK,
  })
}

/** Width of `text` in `style`. */
export function widthOf(text: string, style: TextStyle): number {
  return style.font.widthOfTextAtSize(text, style.size)
}

/** Wraps `text` to `width` in `style` (explicit line breaks kept, long tokens broken). */
export function wrap(text: string, style: TextStyle, width: number): string[] {
  return wrapText(text, style.font, style.size, width)
}

export class Flow {
  readonly pages: PDFPage[] = []
  page: PDFPage
  /** Top of the next line box on the current page. */
  y = 0

  constructor(
    private readonly doc: PDFDocument,
    private readonly options: FlowOptions,
  ) {
    this.page = this.addPage()
  }

  /** 0-based index of the current page. */
  get index(): number {
    return this.pages.length - 1
  }

  get bottom(): number {
    return this.options.bottom(this.index)
  }

  /** True when nothing has been drawn below the top of the content area yet. */
  get atTop(): boolean {
    return this.y >= this.options.top(this.index)
  }

  /** Height available on an empty continuation page: content taller than this must be split. */
  get pageCapacity(): number {
    const next = this.index + 1
    return this.options.top(next) - this.options.bottom(next)
  }

  /** Starts a new page unless `height` still fits above the bottom (or the page is still empty). */
  ensure(height: number): void {
    if (this.y - height < this.bottom && !this.atTop) {
      this.newPage()
    }
  }

  /** Vertical space; swallowed at the top of a page and clamped at its bottom. */
  gap(height: number): void {
    if (!this.atTop) {
      this.y = Math.max(this.y - height, this.bottom)
    }
  }

  /** Draws one line at x and moves below it, breaking the page first when needed. */
  line(text: string, x: number, style: TextStyle): void {
    this.ensure(style.lineHeight)
    drawTextAt(this.page, text, x, this.y, style)
    this.y -= style.lineHeight
  }

  /** Draws one line right-aligned at `right` without moving (several columns may share a line box). */
  drawRight(text: string, right: number, style: TextStyle): void {
    drawTextAt(this.page, text, right - widthOf(text, style), this.y, style)
  }

  /** A wrapped paragraph, flowing across pages line by line; never leaves its first line alone at a page end. */
  paragraph(text: string, x: number, width: number, style: TextStyle): void {
    const lines = wrap(text, style, width)
    this.ensure(Math.min(lines.length, 2) * style.lineHeight)
    for (const line of lines) {
      this.line(line, x, style)
    }
  }

  /** A horizontal rule at the current y. */
  rule(x: number, width: number, thickness = 0.5, color: RGB = RULE): void {
    this.page.drawLine({ start: { x, y: this.y }, end: { x: x + width, y: this.y }, thickness, color })
  }

  newPage(): void {
    this.page = this.addPage()
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height])
    this.pages.push(page)
    this.page = page
    this.y = this.options.top(this.pages.length - 1)
    this.options.onPage?.(page, this.pages.length - 1)
    return page
  }
}

/** Replaces `{page}` and `{pages}` in a page label template. */
export function pageLabel(template: string, page: number, pages: number): string {
  return template.replace(/\{(page|pages)\}/g, (_, key: string) => String(key === 'page' ? page : pages))
}
