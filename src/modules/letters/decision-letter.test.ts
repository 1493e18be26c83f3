// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { pdffonts } from '../../../test/support/pdf-fonts.js'
import { pdfPages, pdftotext } from '../../../test/support/pdf-text.js'
import { loadConfig } from '../../config/config.js'
import { LetterInputError, renderDecisionLetterPdf } from './index.js'
import { sampleDecisionLetter, sampleLetterhead } from './letters.sample.js'

const MM = 72 / 25.4

/** Text inside a rectangle of page 1, given in millimetres from the top-left corner (pdftotext -x -y -W -H at 72 dpi). */
async function cropMm(bytes: Uint8Array, x: number, y: number, w: number, h: number): Promise<string[]> {
  const args = [
    '-f',
    '1',
    '-l',
    '1',
    '-layout',
    '-x',
    String(Math.round(x * MM)),
    '-y',
    String(Math.round(y * MM)),
  ]
  args.push('-W', String(Math.round(w * MM)), '-H', String(Math.round(h * MM)))
  const text = await pdftotext(bytes, args)
  return text
    .split('\n')
    .map((line) => line.replace(/\f/g, '').trim())
    .filter((line) => line !== '')
}

const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ')

/** The text with its layout kept (`pdftotext -layout`), runs of spaces collapsed: one printed line per line. */
async function layoutLines(bytes: Uint8Array): Promise<string> {
  return (await pdftotext(bytes, ['-layout']))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
}

describe('renderDecisionLetterPdf', () => {
  let bytes: Uint8Array
  let pages: string[]

  beforeAll(async () => {
    bytes = await renderDecisionLetterPdf(sampleDecisionLetter())
    pages = await pdfPages(bytes)
  })

  it('should put the return line and the recipient, and nothing else, into the window of the address field', async () => {
    // DIN 5008 Form B: address field 85 × 45 mm, 20 mm from the left and 45 mm from the top.
    expect(await cropMm(bytes, 20, 45, 85, 45)).toEqual([
      'Hansestadt Lübeck · Musterallee 2–6 · 23560 Lübeck',
      'Frau',
      'Erika Mustermann-Öztürk',
      'Große Burgstraße 12',
      '23552 Lübeck',
    ])
    // The Anschriftzone (lower 27.3 mm of the field) holds the recipient's address alone.
    expect(await cropMm(bytes, 20, 62.7, 85, 27.3)).toEqual([
      'Frau',
      'Erika Mustermann-Öztürk',
      'Große Burgstraße 12',
      '23552 Lübeck',
    ])
  })

  it('should print the information block to the right of the address field', async () => {
    const info = (await cropMm(bytes, 125, 48, 75, 45)).join('\n')
    expect(info).toMatch(/Aktenzeichen\s+GS-2026-0000042/)
    expect(info).toMatch(/Ansprechpartner\/in\s+Jonas Beispiel/)
    expect(info).toMatch(/Telefon\s+0451 000-1234/)
    expect(info).toMatch(/E-Mail\s+jonas\.beispiel@luebeck\.example/)
    expect(info).toMatch(/Datum\s+16\.02\.2026/)
    // Nothing of the information block runs into the address window.
    expect((await cropMm(bytes, 20, 45, 85, 45)).join(' ')).not.toContain('Aktenzeichen')
  })

  it('should state the outcome, the period and every amount in German format with the monthly total', async () => {
    const text = flat(pages)
    const lines = await layoutLines(bytes)
    expect(text).toContain('Grundsicherung im Alter und bei Erwerbsminderung – Bescheid')
    expect(text).toContain('Sehr geehrte Frau Mustermann-Öztürk,')
    expect(text).toContain('auf Ihren Antrag vom 05.01.2026 bewilligen wir Ihnen')
    expect(text).toContain('für die Zeit vom 01.01.2026 bis 31.12.2026 in der folgenden Höhe')
    expect(text).toContain('Im Übrigen lehnen wir Ihren Antrag ab.')
    expect(text).toContain('Monatliche Leistung vom 01.01.2026 bis 31.12.2026')
    expect(lines).toMatch(/^Regelbedarf \(Regelbedarfsstufe 1\) 563,00 €$/m)
    expect(lines).toMatch(/^Mehrbedarf wegen Gehbehinderung \(Merkzeichen G\) 95,71 €$/m)
    expect(lines).toMatch(/^Anzurechnendes Einkommen \(Altersrente\) -750,12 €$/m)
    // 563,00 + 95,71 + 520,00 + 85,00 − 750,12
    expect(lines).toMatch(/^Monatlicher Gesamtbetrag 513,59 €$/m)
    expect(text).toContain('§ 42a SGB XII (Bedarfe für Unterkunft und Heizung)')
    expect(text).toContain('Begründung')
  })

  it('should group thousands in amounts (1.234,56 €)', async () => {
    const input = sampleDecisionLetter({
      outcome: 'granted',
      payments: [
        {
          from: '2026-01-01',
          to: '2026-06-30',
          components: [
            { label: 'Regelbedarf', cents: 56300 },
            { label: 'Kosten der Unterkunft', cents: 123456 },
          ],
        },
        { from: '2026-07-01', to: '2026-12-31', components: [{ label: 'Regelbedarf', cents: 56300 }] },
      ],
    })
    const rendered = await renderDecisionLetterPdf(input)
    const text = flat(await pdfPages(rendered))
    const lines = await layoutLines(rendered)
    expect(text).toContain('für die Zeit vom 01.01.2026 bis 31.12.2026. Sie erhalten monatlich')
    expect(lines).toContain('Kosten der Unterkunft 1.234,56 €')
    expect(lines.replace(/\n/g, ' ')).toMatch(
      /Monatliche Leistung vom 01\.01\.2026 bis 30\.06\.2026 .*Monatlicher Gesamtbetrag 1\.797,56 €/,
    )
    expect(lines.replace(/\n/g, ' ')).toMatch(
      /Monatliche Leistung vom 01\.07\.2026 bis 31\.12\.2026 .*Monatlicher Gesamtbetrag 563,00 €/,
    )
  })

  it('should carry the Rechtsbehelfsbelehrung for SGB XII decisions with the office address', () => {
    const text = flat(pages)
    expect(text).toContain('Rechtsbehelfsbelehrung')
    expect(text).toContain(
      'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. ' +
        'Der Widerspruch ist schriftlich, in elektronischer Form nach § 36a Absatz 2 des Ersten Buches ' +
        'Sozialgesetzbuch (SGB I) oder zur Niederschrift bei der Hansestadt Lübeck, Bereich Soziale Sicherung, ' +
        'Musterallee 2–6, 23560 Lübeck, einzulegen.',
    )
  })

  it('should sign with "i.V." when a deputy signs, "Im Auftrag" by order, and neither in own right', async () => {
    expect(flat(pages)).toMatch(
      /Mit freundlichen Grüßen i\.V\. Dr\. Friederike Zöllner Teamleitung Grundsicherung/,
    )
    const byOrder = flat(
      await pdfPages(
        await renderDecisionLetterPdf(
          sampleDecisionLetter({
            signature: { name: 'Jonas Beispiel', postTitle: 'Sachbearbeitung', mode: 'by_order' },
          }),
        ),
      ),
    )
    expect(byOrder).toMatch(/Mit freundlichen Grüßen Im Auftrag Jonas Beispiel Sachbearbeitung/)
    expect(byOrder).not.toContain('i.V.')
    const own = flat(
      await pdfPages(
        await renderDecisionLetterPdf(
          sampleDecisionLetter({
            signature: { name: 'Anna Leitung', postTitle: 'Bereichsleitung', mode: 'own' },
          }),
        ),
      ),
    )
    expect(own).toMatch(/Mit freundlichen Grüßen Anna Leitung Bereichsleitung/)
    expect(own).not.toContain('i.V.')
    expect(own).not.toContain('Im Auftrag')
  })

  it('should print umlauts, ß and € as extractable text', () => {
    const text = pages.join('\n')
    for (const expected of [
      'Lübeck',
      'Mustermann-Öztürk',
      'Große Burgstraße',
      'Grüßen',
      'Öffnungszeiten',
      '€',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('should embed DejaVu Sans regular and bold', async () => {
    const fonts = await pdffonts(bytes)
    expect(fonts.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold'])
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type).toContain('TrueType')
    }
  })

  it('should number every page "Seite x von y" and head continuation pages with the file number', async () => {
    const long = sampleDecisionLetter({
      reasons: Array.from(
        { length: 14 },
        (_, i) =>
          `Absatz ${i + 1}: Wir haben Ihre Angaben zu Einkommen, Vermögen und Wohnkosten geprüft und nach den ` +
          'einschlägigen Vorschriften bewertet. Die Einzelheiten der Berechnung ergeben sich aus der Aufstellung ' +
          'oben; Änderungen Ihrer Verhältnisse teilen Sie uns bitte unverzüglich mit.',
      ),
    })
    const longPages = await pdfPages(await renderDecisionLetterPdf(long))
    expect(longPages.length).toBeGreaterThanOrEqual(3)
    longPages.forEach((text, index) => {
      expect(text).toContain(`Seite ${index + 1} von ${longPages.length}`)
      if (index === 0) {
        expect(text).not.toContain('Schreiben vom')
      } else {
        expect(text).toContain('Aktenzeichen GS-2026-0000042 · Schreiben vom 16.02.2026')
      }
    })
    // Nothing is lost across page breaks, and the signature comes last.
    const text = flat(longPages)
    for (let i = 1; i <= 14; i++) {
      expect(text).toContain(`Absatz ${i}: Wir haben`)
    }
    expect(text.indexOf('Rechtsbehelfsbelehrung')).toBeGreaterThan(text.indexOf('Absatz 14'))
    expect(text.indexOf('Mit freundlichen Grüßen')).toBeGreaterThan(text.indexOf('Rechtsbehelfsbelehrung'))
  })

  it('should word a refusal without amounts', async () => {
    const refusal = sampleDecisionLetter({
      outcome: 'refused',
      payments: [],
      recipient: {
        form: 'neutral',
        name: 'Kim Beispiel',
        familyName: 'Beispiel',
        extraLine: 'c/o Betreuungsverein Lübeck e. V.',
        street: 'Postfach 12 34',
        postalCode: '23501',
        city: 'Lübeck',
      },
    })
    const bytes = await renderDecisionLetterPdf(refusal)
    const text = flat(await pdfPages(bytes))
    expect(text).toContain('Guten Tag Kim Beispiel,')
    expect(text).toContain(
      'Ihren Antrag vom 05.01.2026 auf Grundsicherung im Alter und bei Erwerbsminderung nach dem Vierten Kapitel SGB XII lehnen wir ab.',
    )
    expect(text).not.toContain('Monatlicher Gesamtbetrag')
    expect(await cropMm(bytes, 20, 62.7, 85, 27.3)).toEqual([
      'Kim Beispiel',
      'c/o Betreuungsverein Lübeck e. V.',
      'Postfach 12 34',
      '23501 Lübeck',
    ])
  })

  it('should reject inconsistent input with LetterInputError', async () => {
    await expect(
      renderDecisionLetterPdf(sampleDecisionLetter({ outcome: 'granted', benefitPeriod: undefined })),
    ).rejects.toBeInstanceOf(LetterInputError)
    await expect(
      renderDecisionLetterPdf(sampleDecisionLetter({ outcome: 'granted', payments: [] })),
    ).rejects.toThrow('needs at least one payment period')
    await expect(
      renderDecisionLetterPdf(
        sampleDecisionLetter({
          payments: [
            { from: '2026-01-01', to: '2026-12-31', components: [{ label: 'Regelbedarf', cents: 563.5 }] },
          ],
        }),
      ),
    ).rejects.toThrow('not integer cents')
    await expect(renderDecisionLetterPdf(sampleDecisionLetter({ date: '16.02.2026' }))).rejects.toThrow(
      'not an ISO date',
    )
    const tooLong = sampleDecisionLetter({
      recipient: {
        form: 'herr',
        name: 'Max Mustermann',
        familyName: 'Mustermann',
        extraLine:
          'c/o Betreuungsverein Lübeck e. V., Abteilung rechtliche Betreuung, Frau Annegret Sonnenschein-Wiesenthal',
        street: 'Große Burgstraße 12, Hinterhaus, 3. Obergeschoss links',
        postalCode: '23552',
        city: 'Lübeck',
        country: 'Deutschland',
      },
    })
    await expect(renderDecisionLetterPdf(tooLong)).rejects.toThrow('the address zone holds 6')
  })

  it('should be deterministic for the same input', async () => {
    expect(
      Buffer.from(await renderDecisionLetterPdf(sampleDecisionLetter())).equals(Buffer.from(bytes)),
    ).toBe(true)
  })
})

describe('letterhead configuration', () => {
  it('should default to the synthetic Lübeck letterhead the samples use', () => {
    expect(loadConfig({}).letterhead).toEqual(sampleLetterhead)
  })

  it('should take overrides from LETTERHEAD_* variables and print them', async () => {
    const { letterhead } = loadConfig({
      LETTERHEAD_AUTHORITY: 'Stadt Musterhausen',
      LETTERHEAD_OFFICE: 'Fachbereich Soziales',
      LETTERHEAD_ADDRESS: 'Rathausplatz 1 | 12345 Musterhausen',
      LETTERHEAD_OPENING_HOURS: 'Mo–Fr 9:00–12:00 Uhr',
    })
    expect(letterhead.addressLines).toEqual(['Rathausplatz 1', '12345 Musterhausen'])
    expect(letterhead.openingHours).toEqual(['Mo–Fr 9:00–12:00 Uhr'])
    const bytes = await renderDecisionLetterPdf(sampleDecisionLetter({ letterhead }))
    expect((await cropMm(bytes, 20, 45, 85, 17.7))[0]).toBe(
      'Stadt Musterhausen · Rathausplatz 1 · 12345 Musterhausen',
    )
    expect(flat(await pdfPages(bytes))).toContain(
      'zur Niederschrift bei der Stadt Musterhausen, Fachbereich Soziales, Rathausplatz 1, 12345 Musterhausen, einzulegen.',
    )
  })
})

describe('layout code', () => {
  it('should hold no German text of its own (texts come from de.json)', async () => {
    for (const file of ['din5008-layout.ts', 'report-layout.ts', 'pdf-flow.ts']) {
      const source = await readFile(new URL(file, import.meta.url), 'utf8')
      const literals = [...source.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)].map((m) => m[1] ?? m[2] ?? '')
      for (const literal of literals) {
        expect(literal, `${file}: ${literal}`).not.toMatch(/[äöüßÄÖÜ]|\b(Seite|Datum|Aktenzeichen|Betreff)\b/)
      }
    }
  })
})
