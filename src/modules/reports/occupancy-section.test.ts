// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import type { MonthFigures } from './key-figures.js'
import type { OccupancyFigures } from './occupancy-figures.js'
import { boundsDisclose, occupancySection } from './occupancy-section.js'
import type { Snapshot } from './snapshots.service.js'

function snapshot(month: string, occupancy: OccupancyFigures | undefined): Snapshot {
  const figures = { month, referenceDay: occupancy?.reportingDate ?? `${month}-31`, occupancy }
  return {
    id: month,
    month,
    sequence: 1,
    note: null,
    createdAt: new Date(0),
    figures: figures as MonthFigures,
  }
}

function occupancy(sites: Array<[string, number, number]>): OccupancyFigures {
  const capacity = sites.reduce((a, s) => a + s[1], 0)
  const occupied = sites.reduce((a, s) => a + s[2], 0)
  return {
    reportingDate: '2026-10-31',
    capacity,
    occupied,
    rate: occupied / capacity,
    sites: sites.map(([name, cap, occ]) => ({ siteId: name, name, capacity: cap, occupied: occ })),
  }
}

describe('disclosure bounds from public capacities', () => {
  it('should see that the total pins a hidden count between the capacities', () => {
    // rest 6 over hidden capacities 2 and 5: the first is 1 or 2.
    expect(
      boundsDisclose(
        [
          { capacity: 2, occupied: 2 },
          { capacity: 5, occupied: 4 },
        ],
        [true, true],
        6,
      ),
    ).toBe(true)
    // rest 7 over hidden capacities 10 and 4: 3..7 and 0..4 — nothing pinned.
    expect(
      boundsDisclose(
        [
          { capacity: 10, occupied: 5 },
          { capacity: 4, occupied: 2 },
        ],
        [true, true],
        7,
      ),
    ).toBe(false)
  })

  it('should hide every site count when the capacities would give a hidden one away', () => {
    const s = snapshot(
      '2026-10',
      occupancy([
        ['Haus A', 2, 2],
        ['Haus B', 10, 10],
        ['Haus C', 5, 4],
        ['Haus D', 30, 20],
      ]),
    )
    const section = occupancySection([s], s.figures)
    const sites = section.tables.find((t) => t.id === 'belegung-unterkuenfte')
    expect(sites?.rows.map((r) => r.cells)).toEqual([
      ['2', '.', '.'],
      ['10', '.', '.'],
      ['5', '.', '.'],
      ['30', '.', '.'],
      ['47', '36', '76,6 %'],
    ])
  })

  it('should keep secondary suppression alone when the capacities pin nothing', () => {
    const s = snapshot(
      '2026-10',
      occupancy([
        ['Haus A', 40, 2],
        ['Haus B', 40, 30],
        ['Haus C', 40, 20],
      ]),
    )
    const sites = occupancySection([s], s.figures).tables.find((t) => t.id === 'belegung-unterkuenfte')
    expect(sites?.rows.map((r) => r.cells)).toEqual([
      ['40', '.', '.'],
      ['40', '30', '75,0 %'],
      ['40', '.', '.'],
      ['120', '52', '43,3 %'],
    ])
  })

  it('should say that a snapshot without occupancy has none, with no table and no chart', () => {
    const s = snapshot('2026-10', undefined)
    const section = occupancySection([s], s.figures)
    expect(section.tables).toEqual([])
    expect(section.charts).toEqual([])
    expect(section.notes?.[0]).toContain('Der Monatsstand Oktober 2026 wurde erstellt, bevor')
  })
})
