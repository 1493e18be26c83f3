// SPDX-License-Identifier: EUPL-1.2
/**
 * Occupancy over time as a server-rendered SVG bar chart, in the manner of the report charts (reports/views/
 * Charts.tsx): no script, no style attributes (CSP), an image with title and description, and every value
 * again in a table below it.
 * @module
 */
import { t } from '../../../shared/i18n.js'
import { DataTable } from '../../../views/components/data-table.js'
import { formatRate, type MonthOccupancy } from '../occupancy.js'

const W = 640
const H = 220
const PAD = { left: 48, right: 12, top: 12, bottom: 36 }

/** "2026-03" → "03/2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${m}/${y}`
}

export function OccupancyChart(props: { id: string; title: string; series: MonthOccupancy[] }) {
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const n = Math.max(1, props.series.length)
  const groupW = plotW / n
  const y = (rate: number) => PAD.top + plotH - Math.min(1, rate) * plotH
  const last = props.series[props.series.length - 1]
  const desc = t('accommodation.chart.desc', {
    from: monthLabel(props.series[0]?.month ?? ''),
    to: monthLabel(last?.month ?? ''),
    rate: formatRate(last?.rate ?? null),
  })
  const titleId = `${props.id}-titel`
  const descId = `${props.id}-beschreibung`
  return (
    <figure class="report-chart" id={props.id}>
      <figcaption class="report-chart__title">{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        class="report-chart__svg"
        width="100%"
        focusable="false"
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{desc}</desc>
        {[0, 0.5, 1].map((f) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(f)} y2={y(f)} stroke="#d0d0d0" stroke-width="1" />
            <text x={PAD.left - 6} y={y(f) + 4} text-anchor="end" font-size="11" fill="#333333">
              {`${f * 100} %`}
            </text>
          </g>
        ))}
        {props.series.map((m, i) => (
          <g>
            {m.rate === null ? null : (
              <rect
                x={PAD.left + i * groupW + 4}
                y={y(m.rate)}
                width={Math.max(2, groupW - 8)}
                height={Math.max(0, y(0) - y(m.rate))}
                fill="#1f5a99"
              />
            )}
            <text
              x={PAD.left + (i + 0.5) * groupW}
              y={H - PAD.bottom + 16}
              text-anchor="middle"
              font-size="10"
              fill="#333333"
            >
              {monthLabel(m.month)}
            </text>
          </g>
        ))}
      </svg>
      <details class="report-chart__data">
        <summary>{t('accommodation.chart.table')}</summary>
        <DataTable
          caption={props.title}
          head={[
            t('accommodation.chart.col_month'),
            t('accommodation.chart.col_occupied'),
            t('accommodation.chart.col_capacity'),
            t('accommodation.chart.col_rate'),
          ]}
          rows={props.series.map((m) => [
            monthLabel(m.month),
            String(m.occupied),
            String(m.capacity),
            formatRate(m.rate),
          ])}
        />
      </details>
    </figure>
  )
}
