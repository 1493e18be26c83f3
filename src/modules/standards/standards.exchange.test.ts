// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { parseExchangeFile, parseStepsText, serializeExchangeFile } from './standards.exchange.js'

const VALID_YAML = `format: lotse-standards/1
standards:
  - key: erstantrag-grundsicherung
    title: Erstantrag Grundsicherung
    steps:
      - key: eingang
        title: Eingang prüfen
        deadlineDays: 3
        legalReferences:
          - paragraph: § 41
            law: SGB XII
            url: https://www.gesetze-im-internet.de/sgb_12/__41.html
        letterTemplates: [eingangsbestaetigung]
        items:
          - text: Antrag ist unterschrieben
            mandatory: true
            evidenceRequired: false
`

function errorsOf(text: string) {
  const result = parseExchangeFile(text)
  if (result.ok) {
    throw new Error('expected errors')
  }
  return result.errors
}

describe('parseExchangeFile', () => {
  it('should accept a valid YAML file and the same content as JSON', () => {
    const yaml = parseExchangeFile(VALID_YAML)
    expect(yaml.ok).toBe(true)
    if (!yaml.ok) {
      return
    }
    expect(yaml.value.standards[0]?.steps[0]?.legalReferences?.[0]?.paragraph).toBe('§ 41')
    const json = parseExchangeFile(serializeExchangeFile(yaml.value, 'json'))
    expect(json).toEqual(yaml)
    const roundTrip = parseExchangeFile(serializeExchangeFile(yaml.value, 'yaml'))
    expect(roundTrip).toEqual(yaml)
  })

  it('should name the line and column of a YAML syntax error', () => {
    const broken = VALID_YAML.replace('        deadlineDays: 3', '        deadlineDays: [3')
    const errors = errorsOf(broken)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]?.line).toBeGreaterThanOrEqual(8)
    expect(errors[0]?.message).toContain('kein gültiges JSON oder YAML')
  })

  it('should name the line of a JSON syntax error', () => {
    const errors = errorsOf(
      '{\n  "format": "lotse-standards/1",\n  "standards": [\n    { "key": "x" \n    "title": "y" }\n  ]\n}\n',
    )
    expect(errors[0]?.line).toBe(5)
  })

  it('should report a wrong type at the line of the value', () => {
    const errors = errorsOf(VALID_YAML.replace('deadlineDays: 3', 'deadlineDays: drei'))
    expect(errors).toEqual([
      {
        line: 8,
        column: 23,
        message: 'standards[1].steps[1].deadlineDays muss ein Wert vom Typ „ganze Zahl“ sein.',
      },
    ])
  })

  it('should report a boolean given as text, in JSON too, at its line', () => {
    const json = serializeExchangeFile(
      // biome-ignore lint/style/noNonNullAssertion: the fixture is valid
      (parseExchangeFile(VALID_YAML) as { ok: true; value: never }).value!,
      'json',
    ).replace('"mandatory": true', '"mandatory": "ja"')
    const line = json.split('\n').findIndex((l) => l.includes('"mandatory": "ja"')) + 1
    const errors = errorsOf(json)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.line).toBe(line)
    expect(errors[0]?.message).toBe(
      'standards[1].steps[1].items[1].mandatory muss ein Wert vom Typ „true oder false“ sein.',
    )
  })

  it('should report each missing mandatory field at the line of its section', () => {
    const text = VALID_YAML.replace('            evidenceRequired: false\n', '').replace(
      '        title: Eingang prüfen\n',
      '',
    )
    const errors = errorsOf(text)
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          line: 6,
          column: 9,
          message: 'Das Pflichtfeld „title“ fehlt in standards[1].steps[1].',
        },
        {
          line: 14,
          column: 13,
          message: 'Das Pflichtfeld „evidenceRequired“ fehlt in standards[1].steps[1].items[1].',
        },
      ]),
    )
    expect(errors).toHaveLength(2)
  })

  it('should point at an unknown field and a wrong format marker', () => {
    const errors = errorsOf(
      VALID_YAML.replace('format: lotse-standards/1', 'format: other/2').replace(
        '        deadlineDays: 3\n',
        '        deadlineDays: 3\n        frist: 3\n',
      ),
    )
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 1, column: 9, message: 'Das Feld „format“ muss „lotse-standards/1“ lauten.' },
        { line: 9, column: 9, message: 'Das Feld „frist“ in standards[1].steps[1] ist nicht vorgesehen.' },
      ]),
    )
  })

  it('should refuse links outside gesetze-im-internet.de and duplicate step keys', () => {
    const badUrl = errorsOf(
      VALID_YAML.replace('https://www.gesetze-im-internet.de/sgb_12/__41.html', 'javascript:alert(1)'),
    )
    expect(badUrl[0]).toMatchObject({ line: 12 })
    expect(badUrl[0]?.message).toContain('gesetze-im-internet.de')
    const doubled = VALID_YAML.replace(
      '      - key: eingang\n',
      '      - key: eingang\n        title: Doppelt\n        deadlineDays: 1\n        items: [{ text: x, mandatory: true, evidenceRequired: false }]\n      - key: eingang\n',
    )
    const dup = errorsOf(doubled)
    expect(dup).toEqual([
      { line: 10, column: 14, message: 'Der Schlüssel „eingang“ kommt in standards[1].steps mehrfach vor.' },
    ])
  })

  it('should refuse an empty file and duplicate YAML keys', () => {
    expect(errorsOf('   \n')[0]).toMatchObject({ line: 1, message: 'Die Datei ist leer.' })
    const dupKey = errorsOf(
      VALID_YAML.replace('format: lotse-standards/1\n', 'format: lotse-standards/1\nformat: x\n'),
    )
    expect(dupKey[0]).toMatchObject({ line: 2 })
    expect(dupKey[0]?.message).toContain('doppelt')
  })
})

describe('parseStepsText', () => {
  it('should validate a list of steps with positions', () => {
    const ok = parseStepsText(
      '- key: ab\n  title: A\n  deadlineDays: 1\n  items:\n    - text: x\n      mandatory: true\n      evidenceRequired: false\n',
    )
    expect(ok.ok).toBe(true)
    const bad = parseStepsText('- key: ab\n  title: A\n  deadlineDays: -1\n  items: []\n')
    expect(bad).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          column: 17,
          message: '[1].deadlineDays liegt außerhalb des erlaubten Bereichs (0 bis 3650 Tage).',
        },
        { line: 4, column: 10, message: '[1].items muss mindestens 1 Einträge haben.' },
      ],
    })
  })
})
