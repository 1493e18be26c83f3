// SPDX-License-Identifier: EUPL-1.2
/**
 * Occupancy of the shared accommodation for the public committee report: the monthly totals of
 * {@link occupancyByMonth} under the report's disclosure rules (ADR 0022) — a count of 1 or 2 occupied places
 * is shown as ".", and so is the rate derived from it (rate × capacity would give the count back). Capacity
 * is no personal figure and is always shown. The rules mirror `reports/privacy.ts` (`showCount`,
 * `showMeasure`); this module does not import it, because the reports module exports no privacy helpers.
 * @module
 */
import { t } from '../../../shared/i18n.js'
import { DataTable } from '../../../views/components/data-table.js'
import { formatRate, type MonthOccupancy } from '../occupancy.js'
import { monthLabel } from './OccupancyChart.js'

/** Counts below this are kept secret in public documents (ADR 0022). */
const MIN_COUNT = 3
const SUPPRESSED = '.'

/** One month as a public document may print it. */
export interface PublishedOccupancy {
  month: string
  occupied: string
  capacity: string
  rate: string
}

/**
 * The occupancy figures a public report may show.
 * @example protectOccupancy([{ month: '2026-10', occupied: 2, capacity: 40, rate: 0.05, reportingDate: '2026-10-31' }])
 *   // [{ month: '2026-10', occupied: '.', capacity: '40', rate: '.' }]
 */
export function protectOccupancy(series: readonly MonthOccupancy[]): PublishedOccupancy[] {
  return series.map((m) => {
    const small = m.occupied > 0 && m.occupied < MIN_COUNT
    return {
      month: m.month,
      occupied: small ? SUPPRESSED : m.occupied.toLocaleString('de-DE'),
      capacity: m.capacity.toLocaleString('de-DE'),
      rate: small ? SUPPRESSED : formatRate(m.rate),
    }
  })
}

/** A report section: heading, note on the reporting date and the protected monthly table. */
export function OccupancyReportSection(props: { series: readonly MonthOccupancy[] }) {
  const rows = protectOccupancy(props.series)
  return (
    <section aria-labelledby="bericht-unterbringung">
      <h2 class="kern-heading-medium" id="bericht-unterbringung">
        {t('accommodation.report.title')}
      </h2>
      <p class="kern-body">{t('accommodation.report.note')}</p>
      <DataTable
        caption={t('accommodation.report.title')}
        head={[
          t('accommodation.chart.col_month'),
          t('accommodation.chart.col_occupied'),
          t('accommodation.chart.col_capacity'),
          t('accommodation.chart.col_rate'),
        ]}
        rows={rows.map((r) => [monthLabel(r.month), r.occupied, r.capacity, r.rate])}
      />
    </section>
  )
}
