// SPDX-License-Identifier: EUPL-1.2
import {
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFString,
  StandardFonts,
} from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { pdffonts } from '../../../test/support/pdf-fonts.js'
import { pdfPages, pdftotext } from '../../../test/support/pdf-text.js'
import {
  type CaseFileBundle,
  caseFileJson,
  caseFileObject,
  LetterInputError,
  parseCaseFileJson,
  renderCaseFilePdf,
} from './index.js'
import { sampleCaseFile } from './letters.sample.js'

/** A one-page PDF with a marker text, standing in for an uploaded document. */
async function evidencePdf(marker: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage([400, 300]).drawText(marker, { x: 40, y: 150, size: 14, font })
  return doc.save()
}

/** The sample with enough history that sections spill over several pages. */
async function bigBundle(): Promise<CaseFileBundle> {
  const sample = sampleCaseFile()
  const [first, second] = sample.documents
  if (!first || !second) {
    throw new Error('sample has two documents')
  }
  return {
    ...sample,
    documents: [
      { ...first, content: await evidencePdf('MIETVERTRAG-SEITE-EINS') },
      { ...second, content: new Uint8Array([1, 2, 3, 4]), mediaType: 'application/pdf', name: 'kaputt.pdf' },
    ],
    auditEvents: Array.from({ length: 90 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 10, 8, i)),
      actor: `Person ${i + 1} (Sachbearbeitung Grundsicherung ${(i % 5) + 1})`,
      action: i % 4 === 0 ? 'Status geändert: in Prüfung' : 'Akte gelesen',
      ...(i % 3 === 0 ? { actingFor: 'Sachbearbeitung Grundsicherung 3' } : {}),
    })),
    decisions: [
      ...sample.decisions,
      {
        id: 'dec-0',
        outcome: 'refused',
        decidedAt: new Date('2025-06-01T08:00:00Z'),
        decidedBy: {
          name: 'Maria Vertretung',
          post: 'Sachbearbeitung Grundsicherung 4',
          actingFor: 'Sachbearbeitung Grundsicherung 3',
        },
        approvalRequired: true,
        approvedBy: {
          name: 'Dr. Friederike Zöllner',
          post: 'Stv. Teamleitung',
          actingFor: 'Teamleitung Grundsicherung',
        },
        approvedAt: new Date('2025-06-02T08:00:00Z'),
        payments: [],
        legalBasis: ['§ 41 SGB XII'],
      },
    ],
  }
}

/** Titles and page numbers of the table of contents, read from the laid-out text of its page(s). */
function tocEntries(text: string): { title: string; page: number }[] {
  return text
    .split('\n')
    .map((line) => /^\s*(\S.*?)\s*(?:\.{2,}|\s{2,})?\s+(\d+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: (m[1] ?? '').trim(), page: Number(m[2]) }))
    .filter((entry) => !entry.title.startsWith('Seite '))
}

function decode(object: PDFObject | undefined): string {
  return object instanceof PDFHexString || object instanceof PDFString ? object.decodeText() : ''
}

describe('renderCaseFilePdf', () => {
  let bundle: CaseFileBundle
  let bytes: Uint8Array
  let pages: string[]

  beforeAll(async () => {
    bundle = await bigBundle()
    bytes = await renderCaseFilePdf(bundle)
    pages = await pdfPages(bytes)
  })

  it('should show the missing evidence and approvals on the first page', () => {
    const cover = pages[0]?.replace(/\s+/g, ' ') ?? ''
    expect(cover).toContain('Prüfakte')
    expect(cover).toContain('Fehlende Nachweise und Freigaben (2)')
    expect(cover).toContain('Nachweis fehlt: Kontoauszüge der letzten drei Monate')
    expect(cover).toContain('Freigabe fehlt: Vier-Augen-Freigabe der Entscheidung vom 16.02.2026')
    // Before the key facts, so it is the first thing read.
    expect(cover.indexOf('Fehlende Nachweise')).toBeLessThan(cover.indexOf('Aktenzeichen'))
  })

  it('should say plainly when nothing is missing', async () => {
    const cover = (await pdfPages(await renderCaseFilePdf(sampleCaseFile({ gaps: [] }))))[0] ?? ''
    expect(cover.replace(/\s+/g, ' ')).toContain('Keine fehlenden Nachweise oder Freigaben festgestellt.')
  })

  it('should list every section in the table of contents with the page its heading is on', async () => {
    const tocText = await pdftotext(bytes, ['-layout', '-f', '2', '-l', '2'])
    expect(tocText).toContain('Inhaltsverzeichnis')
    const entries = tocEntries(tocText)
    const titles = entries.map((e) => e.title)
    expect(titles).toEqual([
      'Antragsdaten',
      'Angaben zur Person',
      'Einkommen',
      'Wohnung und Wohnkosten',
      'Unterlagen',
      'Vermerke',
      'Statusverlauf',
      'Entscheidungen',
      'Entscheidung vom 01.06.2025, 10:00: Abgelehnt',
      'Entscheidung vom 16.02.2026, 10:30: Teilweise bewilligt',
      'Fristen',
      'Zugriffs- und Änderungsprotokoll',
      'Anlagen',
      'Anlage 1: Mietvertrag.pdf',
      'Anlage 2: kaputt.pdf',
    ])
    for (const entry of entries) {
      const page = await pdftotext(bytes, ['-f', String(entry.page), '-l', String(entry.page)])
      expect(page, `${entry.title} on page ${entry.page}`).toContain(entry.title.split(':')[0])
    }
    // The audit log is long: the section after it starts pages later, and the numbers say so.
    const audit = entries.find((e) => e.title === 'Zugriffs- und Änderungsprotokoll')?.page ?? 0
    const attachments = entries.find((e) => e.title === 'Anlagen')?.page ?? 0
    expect(attachments - audit).toBeGreaterThanOrEqual(2)
    // Section headings are on their own pages: the page before a section does not carry its heading.
    const before = await pdftotext(bytes, ['-f', String(audit - 1), '-l', String(audit - 1)])
    expect(before).not.toContain('Zugriffs- und Änderungsprotokoll')
  })

  it('should attach the pages of a readable PDF where the table of contents says, and note an unreadable one', async () => {
    const tocText = await pdftotext(bytes, ['-layout', '-f', '2', '-l', '2'])
    const entry = tocEntries(tocText).find((e) => e.title === 'Anlage 1: Mietvertrag.pdf')
    const page = await pdftotext(bytes, ['-f', String(entry?.page), '-l', String(entry?.page)])
    expect(page).toContain('MIETVERTRAG-SEITE-EINS')
    expect(page.replace(/\s+/g, ' ')).toContain(
      `Prüfakte GS-2026-0000042 · Anlage 1 · SHA-256 ${'a1'.repeat(32)}`,
    )
    const text = pages.join('\n').replace(/\s+/g, ' ')
    expect(text).toContain('Die Datei konnte nicht als Anlage eingebettet werden')
    expect(pages).toHaveLength((await PDFDocument.load(bytes)).getPageCount())
  })

  it('should list every document with its SHA-256', () => {
    const compact = pages.join('').replace(/\s+/g, '')
    for (const document of bundle.documents) {
      expect(compact).toContain(document.sha256)
      expect(compact).toContain(document.name)
    }
    const text = pages.join('\n').replace(/\s+/g, ' ')
    expect(text).toContain('240 KB')
    expect(text).toContain('Seiten als Anlage 1 beigefügt')
  })

  it('should show who decided and who approved, with i.V. for deputies, and a missing approval', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ')
    expect(text).toContain(
      'Maria Vertretung (Sachbearbeitung Grundsicherung 4), i.V. für Sachbearbeitung Grundsicherung 3',
    )
    expect(text).toContain(
      'Freigegeben von Dr. Friederike Zöllner (Stv. Teamleitung), i.V. für Teamleitung Grundsicherung am 02.06.2025, 10:00',
    )
    expect(text).toContain('Erforderlich, aber noch nicht erteilt')
    expect(text).toContain('Monatlich 513,59 €')
    expect(text).toContain('Nachreichung Kontoauszüge 26.01.2026 überschritten')
    expect(text).toContain('Person 90 (Sachbearbeitung Grundsicherung 5)')
  })

  it('should number every page and head all but the cover with the file number', () => {
    pages.forEach((text, index) => {
      expect(text.replace(/\s+/g, ' ')).toContain(`Seite ${index + 1} von ${pages.length}`)
    })
    expect(pages[0]).not.toContain('Prüfakte GS-2026-0000042')
    expect(pages[3]).toContain('Prüfakte GS-2026-0000042')
  })

  it('should carry bookmarks for the sections, with decisions nested', async () => {
    const doc = await PDFDocument.load(bytes)
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict)
    const titles: string[] = []
    let item = outlines.lookupMaybe(PDFName.of('First'), PDFDict)
    while (item) {
      titles.push(decode(item.get(PDFName.of('Title'))))
      if (titles.at(-1) === 'Entscheidungen') {
        const child = item.lookup(PDFName.of('First'), PDFDict)
        expect(decode(child.get(PDFName.of('Title')))).toBe('Entscheidung vom 01.06.2025, 10:00: Abgelehnt')
      }
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
    expect(titles).toEqual([
      'Antragsdaten',
      'Unterlagen',
      'Vermerke',
      'Statusverlauf',
      'Entscheidungen',
      'Fristen',
      'Zugriffs- und Änderungsprotokoll',
      'Anlagen',
    ])
  })

  it('should embed its fonts', async () => {
    const fonts = await pdffonts(bytes)
    const ours = fonts.filter((f) => f.name.startsWith('DejaVu'))
    expect(ours.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
      'DejaVuSansMono',
    ])
    for (const font of ours) {
      expect(font.embedded, font.name).toBe(true)
    }
  })

  it('should be deterministic for the same bundle', async () => {
    expect(Buffer.from(await renderCaseFilePdf(bundle)).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('caseFileJson', () => {
  it('should round-trip through parseCaseFileJson and keep every part of the file', () => {
    const bundle = sampleCaseFile()
    const text = caseFileJson(bundle)
    const parsed = parseCaseFileJson(text)
    expect(parsed).toEqual(caseFileObject(bundle))
    expect(parsed.schemaVersion).toBe(1)
    expect(parsed.format).toBe('lotse.case-file')
    expect(parsed.case.reference).toBe('GS-2026-0000042')
    expect(parsed.gaps).toEqual([
      { kind: 'missing_evidence', description: 'Kontoauszüge der letzten drei Monate' },
      { kind: 'missing_approval', description: 'Vier-Augen-Freigabe der Entscheidung vom 16.02.2026' },
    ])
    expect(parsed.documents.map((d) => d.sha256)).toEqual(['a1'.repeat(32), 'b2'.repeat(32)])
    expect(parsed.decisions[0]?.payments[0]?.totalCents).toBe(51359)
    expect(parsed.decisions[0]?.approvedBy).toBeNull()
    expect(parsed.auditEvents[1]?.actingFor).toBe('Sachbearbeitung Grundsicherung 3')
    expect(parsed.generatedAt).toBe('2026-03-02T08:00:00.000Z')
    expect(parsed.deadlines[0]?.dueOn).toBe('2026-01-26')
  })

  it('should write keys in a fixed order and leave document contents out', async () => {
    const bundle = sampleCaseFile()
    const [first] = bundle.documents
    if (!first) {
      throw new Error('sample has documents')
    }
    // The same data with keys in another order and a document's bytes attached gives the same text.
    const reordered: CaseFileBundle = Object.fromEntries(
      Object.entries(bundle).reverse(),
    ) as unknown as CaseFileBundle
    reordered.documents = [{ ...first, content: await evidencePdf('X') }, ...bundle.documents.slice(1)]
    const text = caseFileJson(bundle)
    expect(caseFileJson(reordered)).toBe(text)
    expect(Object.keys(JSON.parse(text))).toEqual([
      'schemaVersion',
      'format',
      'generatedAt',
      'generatedBy',
      'case',
      'gaps',
      'application',
      'documents',
      'notes',
      'statusHistory',
      'decisions',
      'deadlines',
      'auditEvents',
    ])
    expect(text).not.toContain('content')
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('should list events in chronological order whatever the input order', () => {
    const bundle = sampleCaseFile()
    const parsed = caseFileObject({ ...bundle, auditEvents: [...bundle.auditEvents].reverse() })
    const times = parsed.auditEvents.map((e) => e.at)
    expect(times).toEqual([...times].sort())
  })

  it('should reject malformed hashes and other versions', () => {
    const bundle = sampleCaseFile()
    const [first] = bundle.documents
    if (!first) {
      throw new Error('sample has documents')
    }
    expect(() => caseFileJson({ ...bundle, documents: [{ ...first, sha256: 'abc' }] })).toThrow(
      LetterInputError,
    )
    const v2 = caseFileJson(bundle).replace('"schemaVersion": 1', '"schemaVersion": 2')
    expect(() => parseCaseFileJson(v2)).toThrow()
  })
})
