// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  determinedEntries,
  formatPercent,
  type ProtectedTable,
  protectCountTable,
  publicPresenceRate,
  relationsOf,
  SUPPRESSED,
  showCell,
  showCount,
  showMeasure,
  showPresence,
} from './privacy.js'

const BOTH = { rowTotals: true, colTotals: true }

/** Every entry of a protected table, interior first. */
function entries(t: ProtectedTable) {
  return [
    ...t.cells.flat(),
    ...(t.rowTotals ?? []),
    ...(t.colTotals ?? []),
    ...(t.grandTotal ? [t.grandTotal] : []),
  ]
}

/**
 * Brute force: every assignment of integers 0..bound to the hidden interior cells; the sums follow from the
 * cells. An assignment is possible when every published sum comes out as published. Returns, per hidden
 * interior cell, the set of values it can take.
 */
function feasibleValues(t: ProtectedTable, bound: number): Map<object, Set<number>> {
  const hidden = t.cells.flat().filter((e) => e.suppressed)
  const out = new Map<object, Set<number>>(hidden.map((e) => [e, new Set<number>()]))
  const values = new Map<object, number>()
  const v = (e: { value: number; suppressed: boolean }) => (e.suppressed ? (values.get(e) ?? 0) : e.value)
  const consistent = () => {
    const rowSums = t.cells.map((row) => row.reduce((a, e) => a + v(e), 0))
    const colSums = (t.cells[0] ?? []).map((_, c) => t.cells.reduce((a, row) => a + v(row[c] as never), 0))
    const grand = rowSums.reduce((a, b) => a + b, 0)
    const ok = (published: { value: number; suppressed: boolean } | undefined, sum: number) =>
      !published || published.suppressed || published.value === sum
    return (
      rowSums.every((sum, r) => ok(t.rowTotals?.[r], sum)) &&
      colSums.every((sum, c) => ok(t.colTotals?.[c], sum)) &&
      ok(t.grandTotal ?? undefined, grand)
    )
  }
  const assign = (i: number) => {
    if (i === hidden.length) {
      if (consistent()) {
        for (const e of hidden) {
          out.get(e)?.add(values.get(e) ?? 0)
        }
      }
      return
    }
    for (let x = 0; x <= bound; x++) {
      values.set(hidden[i] as object, x)
      assign(i + 1)
    }
  }
  assign(0)
  return out
}

describe('primary suppression', () => {
  it('should show counts of 1 and 2 as "." and 0 and from 3 up as numbers', () => {
    expect([0, 1, 2, 3, 4, 1234].map(showCount)).toEqual(['0', SUPPRESSED, SUPPRESSED, '3', '4', '1.234'])
  })

  it('should mark every interior count of 1 or 2 as primary and no other', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(8), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (m) => {
          const t = protectCountTable(m, BOTH)
          t.cells.forEach((row, r) => {
            row.forEach((c, k) => {
              const v = m[r]?.[k] ?? -1
              expect(c.primary).toBe(v === 1 || v === 2)
              if (c.primary) {
                expect(c.suppressed).toBe(true)
              }
            })
          })
        },
      ),
    )
  })

  it('should leave a table without small counts untouched', () => {
    const t = protectCountTable(
      [
        [5, 0, 7],
        [3, 9, 4],
      ],
      BOTH,
    )
    expect(entries(t).every((e) => !e.suppressed)).toBe(true)
    expect(t.rowTotals?.map((e) => e.value)).toEqual([12, 16])
    expect(t.colTotals?.map((e) => e.value)).toEqual([8, 9, 11])
    expect(t.grandTotal?.value).toBe(28)
  })

  it('should refuse a ragged table and a count that is not a non-negative integer', () => {
    expect(() => protectCountTable([[1, 2], [3]], BOTH)).toThrow('ragged')
    expect(() => protectCountTable([[-1]], BOTH)).toThrow('not a count')
    expect(() => protectCountTable([[1.5]], BOTH)).toThrow('not a count')
  })
})

describe('secondary suppression', () => {
  it('should hide a second cell of a row whose total would give the small count back', () => {
    // 12 − 10 = 2 would reveal the 2; the smallest other cell of the row (4) is hidden too, and so on down
    // the columns, until every row and column has two hidden entries or none.
    const t = protectCountTable(
      [
        [2, 10, 4],
        [6, 8, 9],
      ],
      BOTH,
    )
    expect(t.cells.map((row) => row.map((c) => showCell(c)))).toEqual([
      [SUPPRESSED, '10', SUPPRESSED],
      [SUPPRESSED, '8', SUPPRESSED],
    ])
    expect(t.rowTotals?.map((c) => showCell(c))).toEqual(['16', '23'])
  })

  it('should hide the total of a single-column table when its only cell is hidden', () => {
    const t = protectCountTable([[2]], { rowTotals: true, colTotals: false })
    expect(t.rowTotals?.[0]?.suppressed).toBe(true)
  })

  it('should only suppress primarily in a table without sums', () => {
    const t = protectCountTable([[1, 7, 2]], { rowTotals: false, colTotals: false })
    expect(t.cells[0]?.map((c) => showCell(c))).toEqual([SUPPRESSED, '7', SUPPRESSED])
  })

  it('should leave no row or column with exactly one hidden entry (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(6), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (m, rowTotals, colTotals) => {
          const t = protectCountTable(m, { rowTotals, colTotals })
          for (const line of relationsOf(t)) {
            expect(line.filter((e) => e.suppressed).length).not.toBe(1)
          }
        },
      ),
    )
  })

  it('should leave no hidden entry determined by the published sums, across rows and columns (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.array(fc.nat(5), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 })
          .map((m) => {
            const width = m[0]?.length ?? 1
            return m.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? 0))
          }),
        (m) => {
          const t = protectCountTable(m, BOTH)
          expect(determinedEntries(relationsOf(t)).filter((e) => e.primary)).toEqual([])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('should let no small count be recovered by brute force, for every 2×2 table of counts 0–3', () => {
    // Exhaustive: 4^4 = 256 tables; for each, every integer assignment of the hidden entries that agrees
    // with what is published is tried; each small count must have at least two possible values.
    let checked = 0
    for (let code = 0; code < 256; code++) {
      const v = [0, 1, 2, 3].map((i) => Math.floor(code / 4 ** i) % 4)
      const m = [
        [v[0] ?? 0, v[1] ?? 0],
        [v[2] ?? 0, v[3] ?? 0],
      ]
      const t = protectCountTable(m, BOTH)
      const feasible = feasibleValues(t, 6)
      for (const e of t.cells.flat()) {
        if (e.primary) {
          checked += 1
          expect(feasible.get(e)?.size ?? 0, JSON.stringify(m)).toBeGreaterThan(1)
        }
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('should let no small count be recovered by brute force in 2×3 tables with a single small count', () => {
    for (let position = 0; position < 6; position++) {
      for (const small of [1, 2]) {
        const flat = [4, 7, 3, 5, 9, 6]
        flat[position] = small
        const m = [flat.slice(0, 3), flat.slice(3)]
        const t = protectCountTable(m, BOTH)
        const target = t.cells[Math.floor(position / 3)]?.[position % 3]
        expect(target?.suppressed).toBe(true)
        const feasible = feasibleValues(t, 10)
        expect(feasible.get(target as object)?.size ?? 0).toBeGreaterThan(1)
      }
    }
  })
})

describe('derived measures and presence', () => {
  it('should hide a mean built on one or two cases and show none without cases', () => {
    expect(showMeasure(41.5, 2)).toBe(SUPPRESSED)
    expect(showMeasure(41.5, 3)).toBe('41,5')
    expect(showMeasure(null, 0)).toBe('–')
  })

  it('should show absence only as a rate and only from five staff', () => {
    expect(showPresence({ staff: 4, absentPeople: 1, ftePresent: 3 })).toEqual({
      absenceRate: SUPPRESSED,
      ftePresent: SUPPRESSED,
    })
    expect(showPresence({ staff: 5, absentPeople: 1, ftePresent: 4 })).toEqual({
      absenceRate: formatPercent(0.2),
      ftePresent: '4,0',
    })
    expect(publicPresenceRate({ staff: 4, fteFilled: 4, ftePresent: 3 })).toBeNull()
    expect(publicPresenceRate({ staff: 8, fteFilled: 8, ftePresent: 6 })).toBe(0.75)
  })
})
