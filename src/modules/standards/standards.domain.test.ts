// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { type DatedVersion, diffSteps, type StandardStep, versionInForce } from './standards.domain.js'

const v = (version: number, status: DatedVersion['status'], validFrom: string | null): DatedVersion => ({
  version,
  status,
  validFrom,
})

describe('versionInForce', () => {
  const standard = {
    versions: [
      v(1, 'published', '2026-01-01'),
      v(2, 'published', '2026-07-01'),
      v(3, 'approved', null),
      v(4, 'draft', null),
      v(5, 'published', '2027-01-01'),
    ],
  }

  it('should pick the latest published version whose valid-from date has come', () => {
    expect(versionInForce(standard, new Date('2026-08-15T12:00:00Z'))?.version).toBe(2)
    expect(versionInForce(standard, new Date('2026-03-01T12:00:00Z'))?.version).toBe(1)
    expect(versionInForce(standard, new Date('2027-02-01T12:00:00Z'))?.version).toBe(5)
  })

  it('should answer undefined before the first publication', () => {
    expect(versionInForce(standard, new Date('2025-12-31T12:00:00Z'))).toBeUndefined()
    expect(versionInForce({ versions: [v(1, 'draft', null)] }, new Date())).toBeUndefined()
  })

  it('should read the valid-from date as a day in Berlin', () => {
    // 2026-06-30T22:30Z is already 1 July in Berlin (CEST, UTC+2).
    expect(versionInForce(standard, new Date('2026-06-30T22:30:00Z'))?.version).toBe(2)
    expect(versionInForce(standard, new Date('2026-06-30T21:30:00Z'))?.version).toBe(1)
  })

  it('should prefer the higher version on the same valid-from date and ignore list order', () => {
    const same = { versions: [v(7, 'published', '2026-05-01'), v(6, 'published', '2026-05-01')] }
    expect(versionInForce(same, new Date('2026-05-02T00:00:00Z'))?.version).toBe(7)
  })
})

const step = (key: string, overrides: Partial<StandardStep> = {}): StandardStep => ({
  key,
  title: `Schritt ${key}`,
  deadlineDays: 7,
  legalReferences: [{ paragraph: '§ 41', law: 'SGB XII' }],
  letterTemplates: ['eingangsbestaetigung'],
  items: [
    { text: 'Antrag vollständig', mandatory: true, evidenceRequired: false },
    { text: 'Ausweis geprüft', mandatory: true, evidenceRequired: true },
  ],
  ...overrides,
})

describe('diffSteps', () => {
  it('should mark identical steps unchanged', () => {
    const diff = diffSteps([step('a')], [step('a')])
    expect(diff.map((d) => d.status)).toEqual(['unchanged'])
    expect(diff[0]?.items.map((i) => i.status)).toEqual(['unchanged', 'unchanged'])
  })

  it('should report added, removed and changed steps in a readable order', () => {
    const diff = diffSteps(
      [step('a'), step('b'), step('c')],
      [step('a', { deadlineDays: 14 }), step('c'), step('d')],
    )
    expect(diff.map((d) => [d.key, d.status])).toEqual([
      ['a', 'changed'],
      ['b', 'removed'],
      ['c', 'unchanged'],
      ['d', 'added'],
    ])
    expect(diff[0]?.deadlineChanged).toBe(true)
  })

  it('should diff item texts by word and notice changed flags, additions and removals', () => {
    const diff = diffSteps(
      [step('a')],
      [
        step('a', {
          items: [
            { text: 'Antrag vollständig und unterschrieben', mandatory: true, evidenceRequired: false },
            { text: 'Ausweis geprüft', mandatory: false, evidenceRequired: true },
            { text: 'Kontoauszüge angefordert', mandatory: false, evidenceRequired: true },
          ],
        }),
      ],
    )
    const items = diff[0]?.items ?? []
    expect(items.map((i) => i.status)).toEqual(['changed', 'changed', 'added'])
    expect(items[0]?.text.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['und unterschrieben'])
    expect(items[1]?.old?.mandatory).toBe(true)
    expect(items[1]?.new?.mandatory).toBe(false)
    expect(items[2]?.new?.text).toBe('Kontoauszüge angefordert')
  })

  it('should list legal references and letter templates that were added or removed', () => {
    const diff = diffSteps(
      [step('a')],
      [step('a', { legalReferences: [{ paragraph: '§ 44', law: 'SGB XII' }], letterTemplates: [] })],
    )
    expect(diff[0]?.legalReferences).toEqual([
      { value: '§ 41 SGB XII', status: 'removed' },
      { value: '§ 44 SGB XII', status: 'added' },
    ])
    expect(diff[0]?.letterTemplates).toEqual([{ value: 'eingangsbestaetigung', status: 'removed' }])
  })
})
