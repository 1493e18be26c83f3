// SPDX-License-Identifier: EUPL-1.2
/**
 * Server-rendered SVG charts: no JavaScript, no style attributes (CSP), presentation attributes only. Each
 * chart is an image with a title and a description (role="img", aria-labelledby) followed by its data as a
 * table, so that screen-reader users and anyone who prints the page get every value.
 * @module
 */
import { t } from '../../../shared/i18n.js'
import type { ChartModel } from '../report-model.js'

const W = 640
const H = 240
const PAD = { left: 48, right: 12, top: 12, bottom: 40 }
const COLOURS = ['#1f5a99', '#7fa7d1', '#2e7d4f', '#a05a00', '#6b3fa0', '#444444']
const LIGHT = { green: '#1b7a2f', yellow: '#b8860b', red: '#b3261e', none: '#767676' }

function niceMax(values: number[]): number {
  const max = Math.max(1, ...values)
  const step = 10 ** Math.floor(Math.log10(max))
  return Math.ceil(max / step) * step
}

function DataTable({ chart }: { chart: Exclude<ChartModel, { kind: 'orgchart' }> }) {
  return (
    <details class="report-chart__data">
      <summary>{t('reports.chart.table')}</summary>
      <table class="kern-table">
        <caption class="kern-sr-only">{chart.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.chart.category')}</th>
            {chart.series.map((s) => (
              <th scope="col">{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.categories.map((category, i) => (
            <tr>
              <th scope="row">{category}</th>
              {chart.series.map((s) => (
                <td>{s.points[i]?.text ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

function Axis({ max, categories }: { max: number; categories: string[] }) {
  const plotH = H - PAD.top - PAD.bottom
  const plotW = W - PAD.left - PAD.right
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f))
  return (
    <g>
      {ticks.map((tick) => {
        const y = PAD.top + plotH - (tick / max) * plotH
        return (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="#d0d0d0" stroke-width="1" />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end" font-size="11" fill="#333333">
              {tick.toLocaleString('de-DE')}
            </text>
          </g>
        )
      })}
      {categories.map((c, i) => (
        <text
          x={PAD.left + (i + 0.5) * (plotW / Math.max(1, categories.length))}
          y={H - PAD.bottom + 16}
          text-anchor="middle"
          font-size="10"
          fill="#333333"
        >
          {c}
        </text>
      ))}
    </g>
  )
}

function Legend({ labels, band }: { labels: string[]; band?: string | undefined }) {
  return (
    <ul class="report-chart__legend">
      {labels.map((label, i) => (
        <li>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" fill={COLOURS[i % COLOURS.length]} />
          </svg>{' '}
          {label}
        </li>
      ))}
      {band ? (
        <li>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" fill="#cfe8cf" stroke="#2e7d4f" />
          </svg>{' '}
          {band}
        </li>
      ) : null}
    </ul>
  )
}

/** One chart with its title, description and data table. */
export function Chart({ chart }: { chart: ChartModel }) {
  const titleId = `${chart.id}-titel`
  const descId = `${chart.id}-beschreibung`
  if (chart.kind === 'orgchart') {
    return <OrgChart chart={chart} titleId={titleId} descId={descId} />
  }
  const plotH = H - PAD.top - PAD.bottom
  const plotW = W - PAD.left - PAD.right
  const values = chart.series.flatMap((s) => s.points.map((p) => p.value ?? 0))
  const band = chart.kind === 'bars' ? chart.band : undefined
  const max = niceMax([...values, band?.max ?? 0])
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const groupW = plotW / Math.max(1, chart.categories.length)
  return (
    <figure class="report-chart" id={chart.id}>
      <figcaption class="report-chart__title">{chart.title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        class="report-chart__svg"
        width="100%"
        focusable="false"
      >
        <title id={titleId}>{chart.title}</title>
        <desc id={descId}>{chart.desc}</desc>
        {band ? (
          <rect
            x={PAD.left}
            width={plotW}
            y={y(band.max)}
            height={y(band.min) - y(band.max)}
            fill="#cfe8cf"
            stroke="#2e7d4f"
            stroke-dasharray="4 2"
          />
        ) : null}
        <Axis max={max} categories={chart.categories} />
        {chart.kind === 'lines'
          ? chart.series.map((s, i) => {
              const points = s.points
                .map((p, k) => (p.value === null ? null : `${PAD.left + (k + 0.5) * groupW},${y(p.value)}`))
                .filter((p): p is string => p !== null)
              return (
                <g>
                  <polyline
                    points={points.join(' ')}
                    fill="none"
                    stroke={COLOURS[i % COLOURS.length]}
                    stroke-width="2"
                  />
                  {points.map((p) => {
                    const [cx, cy] = p.split(',')
                    return <circle cx={cx} cy={cy} r="3" fill={COLOURS[i % COLOURS.length]} />
                  })}
                </g>
              )
            })
          : chart.categories.map((_, k) => {
              const barW = Math.max(2, (groupW - 8) / Math.max(1, chart.series.length))
              return (
                <g>
                  {chart.series.map((s, i) => {
                    const v = s.points[k]?.value
                    if (v === null || v === undefined) {
                      return null
                    }
                    const highlighted = chart.highlight?.[k] === true
                    return (
                      <rect
                        x={PAD.left + k * groupW + 4 + i * barW}
                        y={y(v)}
                        width={barW - 1}
                        height={Math.max(0, y(0) - y(v))}
                        fill={highlighted ? '#b3261e' : COLOURS[i % COLOURS.length]}
                        stroke={highlighted ? '#000000' : 'none'}
                        stroke-dasharray={highlighted ? '3 2' : undefined}
                      />
                    )
                  })}
                </g>
              )
            })}
      </svg>
      <Legend labels={chart.series.map((s) => s.label)} band={band?.label} />
      <DataTable chart={chart} />
    </figure>
  )
}

function OrgChart({
  chart,
  titleId,
  descId,
}: {
  chart: Extract<ChartModel, { kind: 'orgchart' }>
  titleId: string
  descId: string
}) {
  const boxW = 180
  const boxH = 64
  const perRow = 3
  const rows = Math.ceil(chart.nodes.length / perRow)
  const height = 90 + rows * (boxH + 24)
  const width = perRow * (boxW + 20) + 20
  return (
    <figure class="report-chart" id={chart.id}>
      <figcaption class="report-chart__title">{chart.title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        class="report-chart__svg"
        width="100%"
        focusable="false"
      >
        <title id={titleId}>{chart.title}</title>
        <desc id={descId}>{chart.desc}</desc>
        <rect x={width / 2 - 130} y="10" width="260" height="40" fill="#f0f0f4" stroke="#333333" />
        <text x={width / 2} y="35" text-anchor="middle" font-size="13" font-weight="bold" fill="#111111">
          {chart.root}
        </text>
        {chart.nodes.map((node, i) => {
          const x = 20 + (i % perRow) * (boxW + 20)
          const y = 80 + Math.floor(i / perRow) * (boxH + 24)
          return (
            <g>
              <line x1={width / 2} y1="50" x2={x + boxW / 2} y2={y} stroke="#999999" />
              <rect x={x} y={y} width={boxW} height={boxH} fill="#ffffff" stroke="#333333" />
              <circle cx={x + 18} cy={y + 20} r="10" fill={LIGHT[node.light]} stroke="#000000" />
              <text x={x + 34} y={y + 24} font-size="11" fill="#111111">
                {node.label.length > 24 ? `${node.label.slice(0, 23)}…` : node.label}
              </text>
              <text x={x + 34} y={y + 44} font-size="11" font-weight="bold" fill="#111111">
                {node.lightText}
              </text>
            </g>
          )
        })}
      </svg>
      <table class="kern-table">
        <caption class="kern-sr-only">{chart.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.department')}</th>
            <th scope="col">{t('reports.col.light')}</th>
            <th scope="col">{t('reports.col.figure')}</th>
          </tr>
        </thead>
        <tbody>
          {chart.nodes.map((node) => (
            <tr>
              <th scope="row">{node.label}</th>
              <td>{node.lightText}</td>
              <td>{node.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
