// SPDX-License-Identifier: EUPL-1.2
/**
 * The report section on shared accommodation, built from the occupancy stored in the snapshots (never from a
 * live query, so a released report never changes). Disclosure control (ADR 0022): the monthly totals go
 * through `protectOccupancy` (1 or 2 occupied places and the rate derived from them become "."); the table
 * per site of the report's month is protected with its published sum (`protectCountTable`, secondary
 * suppression), and a site's rate is hidden with its count. Capacity is no personal figure and always shown.
 * A snapshot taken before occupancy was recorded has none: the section says so instead of showing zeros.
 * @module
 */

import { formatIsoDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { formatRate, type MonthOccupancy } from '../accommodation/occupancy.js'
import { protectOccupancy } from '../accommodation/views/OccupancyReportSection.js'
import type { MonthFigures } from './key-figures.js'
import {
  formatInteger,
  MIN_COUNT,
  NO_VALUE,
  type ProtectedCell,
  protectCountTable,
  SUPPRESSED,
  showCell,
} from './privacy.js'
import type { ChartModel, Point, SectionModel, TableModel } from './report-model.js'
import { longMonthLabel, monthLabel } from './report-model.js'
import type { Snapshot } from './snapshots.service.js'

/** The monthly totals of the snapshots that recorded occupancy. */
function monthSeries(snapshots: Snapshot[]): MonthOccupancy[] {
  return snapshots.flatMap((s) => {
    const o = s.figures.occupancy
    return o
      ? [
          {
            month: s.month,
            reportingDate: o.reportingDate,
            occupied: o.occupied,
            capacity: o.capacity,
            rate: o.rate,
          },
        ]
      : []
  })
}

/**
 * True when the published total and the shown sites, together with the capacities (public), narrow a hidden
 * site's count down to one value or to 1–2: each hidden count lies between max(0, rest − other hidden
 * capacities) and min(capacity, rest), where rest = total − shown counts.
 * @example boundsDisclose([{ capacity: 2, occupied: 2 }, { capacity: 5, occupied: 4 }], [true, true], 6) // true: the first is 1 or 2
 */
export function boundsDisclose(
  sites: ReadonlyArray<{ capacity: number; occupied: number }>,
  hidden: readonly boolean[],
  total: number,
): boolean {
  const rest = total - sites.reduce((a, s, i) => a + (hidden[i] ? 0 : s.occupied), 0)
  const hiddenCapacity = sites.reduce((a, s, i) => a + (hidden[i] ? s.capacity : 0), 0)
  return sites.some((s, i) => {
    if (!hidden[i]) {
      return false
    }
    const low = Math.max(0, rest - (hiddenCapacity - s.capacity))
    const high = Math.min(s.capacity, rest)
    return low === high || (low >= 1 && high < MIN_COUNT)
  })
}

function siteTable(current: MonthFigures): TableModel {
  const occupancy = current.occupancy
  const sites = occupancy?.sites ?? []
  const p = protectCountTable(
    sites.map((s) => [s.occupied]),
    { rowTotals: false, colTotals: true },
  )
  const total = p.colTotals?.[0] as ProtectedCell
  // Capacities are public: when they pin a hidden site's count, no site's count is shown (the total alone
  // says no more than the monthly total does).
  const cells = p.cells.map((row) => row[0] as ProtectedCell)
  if (
    !total.suppressed &&
    boundsDisclose(
      sites,
      cells.map((c) => c.suppressed),
      total.value,
    )
  ) {
    for (const cell of cells) {
      cell.suppressed = true
    }
  }
  return {
    id: 'belegung-unterkuenfte',
    title: t('reports.occupancy.table_sites', { day: formatIsoDate(current.referenceDay) }),
    columns: [
      t('reports.occupancy.col_site'),
      t('reports.occupancy.col_capacity'),
      t('reports.occupancy.col_occupied'),
      t('reports.occupancy.col_rate'),
    ],
    rows: [
      ...sites.map((s, i) => {
        const cell = cells[i] as ProtectedCell
        return {
          label: s.name,
          cells: [
            formatInteger(s.capacity),
            showCell(cell),
            // rate × capacity = occupied: hidden with the count.
            cell.suppressed ? SUPPRESSED : formatRate(s.capacity > 0 ? s.occupied / s.capacity : null),
          ],
        }
      }),
      {
        label: t('reports.figures.total'),
        total: true,
        cells: [
          formatInteger(occupancy?.capacity ?? 0),
          showCell(total),
          total.suppressed ? SUPPRESSED : formatRate(occupancy?.rate ?? null),
        ],
      },
    ],
  }
}

/**
 * The section "Unterbringung in Gemeinschaftsunterkünften" of the report of `current`'s month.
 * @param snapshots the report's snapshots in month order
 */
export function occupancySection(snapshots: Snapshot[], current: MonthFigures): SectionModel {
  const base = {
    id: 'unterbringung',
    title: t('reports.section.occupancy'),
    textKey: null,
    text: null,
    subsections: [],
  }
  const occupancy = current.occupancy
  if (!occupancy) {
    return {
      ...base,
      notes: [t('reports.occupancy.not_recorded', { month: longMonthLabel(current.month) })],
      tables: [],
      charts: [],
    }
  }
  if (occupancy.sites.length === 0) {
    return {
      ...base,
      notes: [t('reports.occupancy.no_sites', { day: formatIsoDate(occupancy.reportingDate) })],
      tables: [],
      charts: [],
    }
  }
  const window = snapshots.filter((s) => s.month <= current.month)
  const published = new Map(protectOccupancy(monthSeries(window)).map((m) => [m.month, m]))
  const raw = new Map(monthSeries(window).map((m) => [m.month, m]))
  const missing = window.some((s) => !published.has(s.month))
  const point = (month: string, pick: 'occupied' | 'capacity'): Point => {
    const shown = published.get(month)
    const value = raw.get(month)
    if (!shown || !value) {
      return { value: null, text: NO_VALUE }
    }
    return { value: shown[pick] === SUPPRESSED ? null : value[pick], text: shown[pick] }
  }
  const chart: ChartModel = {
    kind: 'bars',
    id: 'belegung-diagramm',
    title: t('reports.occupancy.chart_title'),
    desc: t('reports.occupancy.chart_desc', {
      from: longMonthLabel(window[0]?.month ?? current.month),
      to: longMonthLabel(current.month),
    }),
    categories: window.map((s) => monthLabel(s.month)),
    series: [
      { label: t('reports.occupancy.col_occupied'), points: window.map((s) => point(s.month, 'occupied')) },
      { label: t('reports.occupancy.col_capacity'), points: window.map((s) => point(s.month, 'capacity')) },
    ],
  }
  const months: TableModel = {
    id: 'belegung-monate',
    title: t('reports.occupancy.table_months'),
    columns: [
      t('reports.occupancy.col_month'),
      t('reports.occupancy.col_occupied'),
      t('reports.occupancy.col_capacity'),
      t('reports.occupancy.col_rate'),
    ],
    rows: window.map((s) => {
      const shown = published.get(s.month)
      return {
        label: monthLabel(s.month),
        cells: shown ? [shown.occupied, shown.capacity, shown.rate] : [NO_VALUE, NO_VALUE, NO_VALUE],
      }
    }),
  }
  return {
    ...base,
    notes: [
      t('reports.occupancy.note', { day: formatIsoDate(occupancy.reportingDate) }),
      ...(missing ? [t('reports.occupancy.months_missing')] : []),
    ],
    tables: [siteTable(current), months],
    charts: [chart],
  }
}
