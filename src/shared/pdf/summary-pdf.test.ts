// SPDX-License-Identifier: EUPL-1.2
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { pdfPages, pdftotext } from '../../../test/support/pdf-text.js'
import { renderSummaryPdf, type SummaryPdfInput, type SummaryPdfSection } from './summary-pdf.js'

/** An IBAN-like token far wider than the value column, with no place to break. */
const LONG_TOKEN = `DE${'8937040044053201300012'.repeat(6)}`

const sections: SummaryPdfSection[] = [
  {
    heading: 'Persönliche Angaben',
    rows: [
      { label: 'Name', value: 'Müller' },
      { label: 'Anschrift', value: 'Straße der Einheit 7, 23552 Lübeck' },
      { label: 'Größe der Wohnung', value: '54 m²' },
      { label: 'Monatliche Miete', value: '€ 1.234,56' },
      {
        label:
          'Eine sehr lange Bezeichnung, die in der schmalen Spalte umbrechen muss, damit nichts überläuft',
        value: 'kurz',
      },
      { label: 'IBAN', value: LONG_TOKEN },
      { label: 'Leerer Wert', value: '' },
    ],
  },
  // One long section, so a page break falls inside a section.
  {
    heading: 'Haushaltsmitglieder',
    rows: Array.from({ length: 45 }, (_, i) => ({
      label: `Person ${i + 1}`,
      value: `Vorname Nachname ${i + 1}, geboren am 01.01.1990, Verhältnis zur antragstellenden Person: Kind`,
    })),
  },
  ...Array.from({ length: 10 }, (_, s) => ({
    heading: `Abschnitt ${s + 1}: Einkommen und Vermögen`,
    rows: Array.from({ length: 6 }, (_, r) => ({
      label: `Angabe ${r + 1}`,
      value: 'Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor.',
    })),
  })),
]

const input: SummaryPdfInput = {
  title: 'Eingangsbestätigung',
  issuer: 'Hansestadt Lübeck · Bereich Soziale Sicherung',
  keyFacts: [
    { label: 'Aktenzeichen', value: 'LOT-2025-000123' },
    { label: 'Eingangszeit', value: '14.03.2025, 09:41 Uhr' },
  ],
  paragraphs: [
    'Ihr Antrag ist bei uns eingegangen. Bitte bewahren Sie diese Bestätigung auf.',
    'Wir prüfen Ihre Angaben und melden uns, falls Unterlagen fehlen.',
  ],
  sections,
  footer: 'Seite {page} von {pages}',
  metadata: { author: 'Hansestadt Lübeck', subject: 'Antrag auf Leistungen', language: 'de-DE' },
  createdAt: new Date('2025-03-14T08:41:00Z'),
}

interface WordBox {
  word: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Parses the word boxes of `pdftotext -bbox` (XHTML, one <word> element per word). */
function parseWordBoxes(html: string): WordBox[] {
  const pattern = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
  return [...html.matchAll(pattern)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5] ?? '',
  }))
}

describe('renderSummaryPdf', () => {
  let bytes: Uint8Array
  let doc: PDFDocument
  /** Text of each page, as extracted by pdftotext (pages end with a form feed). */
  let pageTexts: string[]
  let words: WordBox[]

  beforeAll(async () => {
    bytes = await renderSummaryPdf(input)
    doc = await PDFDocument.load(bytes)
    pageTexts = await pdfPages(bytes)
    words = parseWordBoxes(await pdftotext(bytes, ['-bbox']))
  })

  it('produces a PDF that pdf-lib can load', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(doc.getPageCount()).toBeGreaterThan(0)
  })

  it('uses A4 portrait pages and spills over at least three pages', () => {
    const pages = doc.getPages()
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages) {
      const { width, height } = page.getSize()
      expect(width).toBeCloseTo(595.28, 2)
      expect(height).toBeCloseTo(841.89, 2)
    }
  })

  it('embeds DejaVu Sans regular and bold as TrueType font files', () => {
    const embedded: string[] = []
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict)) continue
      if (object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue
      expect(object.has(PDFName.of('FontFile2'))).toBe(true)
      const name = object.get(PDFName.of('FontName'))
      embedded.push(name instanceof PDFName ? name.decodeText() : '')
    }
    expect(embedded).toHaveLength(2)
    expect(embedded.every((name) => name.includes('DejaVuSans'))).toBe(true)
    expect(embedded.some((name) => name.includes('DejaVuSans-Bold'))).toBe(true)
  })

  it('writes the document metadata', () => {
    expect(doc.getTitle()).toBe('Eingangsbestätigung')
    expect(doc.getAuthor()).toBe('Hansestadt Lübeck')
    expect(doc.getSubject()).toBe('Antrag auf Leistungen')
    expect(doc.getCreator()).toBe('Lotse')
    expect(doc.getProducer()).toBeTruthy()
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-03-14T08:41:00.000Z')
    const lang = doc.catalog.get(PDFName.of('Lang'))
    expect(lang instanceof PDFString ? lang.decodeText() : undefined).toBe('de-DE')
  })

  it('renders umlauts, ß and € as extractable text', () => {
    expect(pageTexts).toHaveLength(doc.getPageCount())
    const text = pageTexts.join('\n')
    for (const expected of [
      'Eingangsbestätigung',
      'Hansestadt Lübeck',
      'Müller',
      'Straße',
      'Größe',
      '€ 1.234,56',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('puts a numbered footer on every page', () => {
    const pages = pageTexts.length
    expect(pageTexts[0]).toContain(`Seite 1 von ${pages}`)
    pageTexts.forEach((text, index) => {
      expect(text).toContain(`Seite ${index + 1} von ${pages}`)
    })
  })

  it('breaks the unbroken IBAN-like token instead of letting it run off the page', () => {
    expect(pageTexts.join('').replace(/\s+/g, '')).toContain(LONG_TOKEN)
    // The token is wider than the page, so it must have been split into several words (lines).
    expect(words.some((w) => w.word === LONG_TOKEN)).toBe(false)
  })

  it('keeps every word inside the page, clear of the edges', () => {
    expect(words.length).toBeGreaterThan(500)
    const edge = 28 // 1 cm
    for (const w of words) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(edge)
      expect(w.xMax, w.word).toBeLessThanOrEqual(595.28 - edge)
      expect(w.yMin, w.word).toBeGreaterThanOrEqual(edge)
      expect(w.yMax, w.word).toBeLessThanOrEqual(841.89 - edge)
    }
  })

  it('is deterministic for the same input', async () => {
    expect(Buffer.from(await renderSummaryPdf(input)).equals(Buffer.from(bytes))).toBe(true)
  })
})
