// SPDX-License-Identifier: EUPL-1.2
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** A small but real one-page PDF, as a scanned notice would be. */
export async function samplePdf(title = 'Rentenbescheid 2026 (Testdokument)'): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  const font = await doc.embedFont(StandardFonts.Helvetica)
  page.drawText(title, { x: 56, y: 780, size: 14, font })
  return Buffer.from(await doc.save())
}

/** Plain text saved under a .pdf name: the app must look at the bytes, not the name, and refuse it. */
export const TEXT_DISGUISED_AS_PDF = Buffer.from(
  'Kontoauszug Oktober 2026\nDies ist kein PDF, nur umbenannter Text.\n',
  'utf8',
)

export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-'
}
