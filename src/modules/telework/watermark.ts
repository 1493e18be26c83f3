// SPDX-License-Identifier: EUPL-1.2
/**
 * Visible watermarks for documents leaving the office network: every page of a PDF gets a line naming the
 * staff member and the time at the top and bottom edge, and a large, light diagonal stamp; an image becomes a
 * PDF page with the same stamps. pdf-lib only; fonts are the embedded DejaVu subsets (umlauts in names).
 */
import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { StaffPrincipal } from '../../http/context.js'
import { formatDateTime } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { embedFonts } from '../../shared/pdf/fonts.js'
import { NotWatermarkableError } from './telework.errors.js'

/** A document as stored: bytes and media type. */
export interface WatermarkSource {
  bytes: Uint8Array
  mediaType: string
}

/** The two texts of a watermark. */
export interface WatermarkText {
  /** Full line: who, when, that passing it on is forbidden. */
  line: string
  /** Short diagonal stamp: user name and time. */
  diagonal: string
}

/** The watermark texts for `staff` at `at` (Berlin time, to the minute). */
export function watermarkText(staff: StaffPrincipal, at: Date): WatermarkText {
  const [date = '', time = ''] = formatDateTime(at).split(', ')
  return {
    line: t('telework.watermark.line', { name: staff.displayName, username: staff.username, date, time }),
    diagonal: t('telework.watermark.diagonal', { username: staff.username, date, time }),
  }
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 36
const GREY = rgb(0.35, 0.35, 0.35)
const RED = rgb(0.75, 0.1, 0.1)

/** Font size at which `text` fits `width`, between 5 and `max` points. */
function fittingSize(font: PDFFont, text: string, width: number, max: number): number {
  const at1 = font.widthOfTextAtSize(text, 1)
  return Math.max(5, Math.min(max, width / at1))
}

function stampPage(page: PDFPage, font: PDFFont, text: WatermarkText): void {
  const box = page.getCropBox()
  const lineSize = fittingSize(font, text.line, box.width - 24, 8)
  for (const y of [box.y + 8, box.y + box.height - 8 - lineSize]) {
    // A white band under the line keeps it readable on dark scans.
    const width = font.widthOfTextAtSize(text.line, lineSize)
    page.drawRectangle({
      x: box.x + 10,
      y: y - 2,
      width: width + 4,
      height: lineSize + 4,
      color: rgb(1, 1, 1),
      opacity: 0.85,
    })
    page.drawText(text.line, { x: box.x + 12, y, size: lineSize, font, color: GREY })
  }
  const diagonalSize = fittingSize(font, text.diagonal, Math.hypot(box.width, box.height) * 0.6, 40)
  const length = font.widthOfTextAtSize(text.diagonal, diagonalSize)
  const angle = Math.atan2(box.height, box.width)
  page.drawText(text.diagonal, {
    x: box.x + box.width / 2 - (Math.cos(angle) * length) / 2,
    y: box.y + box.height / 2 - (Math.sin(angle) * length) / 2,
    size: diagonalSize,
    font,
    color: RED,
    opacity: 0.18,
    rotate: degrees((angle * 180) / Math.PI),
  })
}

async function pdfOf(source: WatermarkSource): Promise<PDFDocument> {
  if (source.mediaType === 'application/pdf') {
    // Throws on encrypted PDFs (pdf-lib cannot write them back correctly): refused below, never passed through.
    return PDFDocument.load(source.bytes, { updateMetadata: false })
  }
  const doc = await PDFDocument.create({ updateMetadata: false })
  const image =
    source.mediaType === 'image/png'
      ? await doc.embedPng(source.bytes)
      : source.mediaType === 'image/jpeg'
        ? await doc.embedJpg(source.bytes)
        : undefined
  if (!image) {
    throw new Error(`no watermark for ${source.mediaType}`)
  }
  const page = doc.addPage([A4.width, A4.height])
  const scale = Math.min(
    (A4.width - 2 * MARGIN) / image.width,
    (A4.height - 2 * MARGIN - 24) / image.height,
    1,
  )
  const width = image.width * scale
  const height = image.height * scale
  page.drawImage(image, { x: (A4.width - width) / 2, y: (A4.height - height) / 2, width, height })
  return doc
}

/**
 * Stamps every page of a PDF, or puts an image (JPEG, PNG) on an A4 page and stamps that.
 * @returns the stamped PDF
 * @throws NotWatermarkableError when the document cannot be read as a PDF or image (e.g. an encrypted PDF), or
 *   stamping it fails
 */
export async function watermarkDocument(source: WatermarkSource, text: WatermarkText): Promise<Uint8Array> {
  try {
    const doc = await pdfOf(source)
    const pages = doc.getPages()
    if (pages.length === 0) {
      throw new Error('document has no pages')
    }
    const { regular } = await embedFonts(doc, ['regular'])
    for (const page of pages) {
      stampPage(page, regular, text)
    }
    return await doc.save()
  } catch (error) {
    // Whatever went wrong (a damaged or encrypted PDF that pdf-lib half-reads), the original is not handed out.
    throw new NotWatermarkableError(
      `document cannot be watermarked: ${error instanceof Error ? error.message : error}`,
    )
  }
}
