// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { type MessageKey, t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { Button, TextField } from '../../../views/components/form.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { ComplaintReport } from '../complaints.reports.js'

const BAR_HEIGHT = 22
const ROW_GAP = 8
const LABEL_WIDTH = 230
const BAR_AREA = 300
const CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 60

function shorten(label: string, max = 32): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label
}

/**
 * A horizontal bar chart as inline SVG, rendered on the server. It is one image to assistive technology
 * (role="img" with title and description); the table next to it carries the same numbers as text.
 */
export function BarChart(props: {
  id: string
  title: string
  bars: Array<{ label: string; value: number }>
}) {
  const max = Math.max(1, ...props.bars.map((b) => b.value))
  const height = Math.max(1, props.bars.length) * (BAR_HEIGHT + ROW_GAP) + ROW_GAP
  return (
    <svg
      class="bar-chart"
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>
        {props.bars.length === 0
          ? t('complaints.report.chart_empty')
          : `${t('complaints.report.chart_desc')} ${props.bars.map((b) => `${b.label}: ${b.value}`).join('; ')}`}
      </desc>
      {props.bars.map((bar, i) => {
        const y = ROW_GAP + i * (BAR_HEIGHT + ROW_GAP)
        const width = Math.round((bar.value / max) * BAR_AREA)
        return (
          <g>
            <text
              x={LABEL_WIDTH - 8}
              y={y + BAR_HEIGHT / 2 + 5}
              text-anchor="end"
              font-size="14"
              fill="#1a1a1a"
            >
              {shorten(bar.label)}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={Math.max(width, 1)} height={BAR_HEIGHT} fill="#004b87" />
            <text
              x={LABEL_WIDTH + Math.max(width, 1) + 6}
              y={y + BAR_HEIGHT / 2 + 5}
              font-size="14"
              fill="#1a1a1a"
            >
              {String(bar.value)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${m}/${y}`
}

function MonthTable(props: {
  caption: string
  firstColumn: string
  months: string[]
  rows: Array<{ label: string; counts: Record<string, number>; total: number }>
}) {
  // A wide table scrolls sideways: the region is focusable so that keyboard users can scroll it too.
  return (
    <section class="kern-table-responsive" tabindex={0} aria-label={props.caption}>
      <table class="kern-table kern-table--striped">
        <caption class="kern-title">{props.caption}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {props.firstColumn}
            </th>
            {props.months.map((m) => (
              <th scope="col" class="kern-table__header">
                {monthLabel(m)}
              </th>
            ))}
            <th scope="col" class="kern-table__header">
              {t('complaints.report.total')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.rows.map((row) => (
            <tr>
              <th scope="row" class="kern-table__cell">
                {row.label}
              </th>
              {props.months.map((m) => (
                <td class="kern-table__cell">{row.counts[m] ?? 0}</td>
              ))}
              <td class="kern-table__cell">{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function formatNumber(value: number | null, unit: 'days' | 'percent'): string {
  if (value === null) {
    return t('complaints.report.no_data')
  }
  const n = unit === 'percent' ? Math.round(value * 1000) / 10 : value
  const text = n.toLocaleString('de-DE', { maximumFractionDigits: 1 })
  return unit === 'percent' ? `${text} %` : t('complaints.report.days', { days: text })
}

/** Complaint reports: key figures, per category and unit over months, root causes; charts, tables, CSV. */
export function ReportPage(props: { staff: StaffPrincipal; csrfToken: string; report: ComplaintReport }) {
  const { report } = props
  const f = report.figures
  const query = `von=${report.period.from}&bis=${report.period.to}`
  const csv = (table: string) => `/beschwerden/auswertung.csv?tabelle=${table}&${query}`
  return (
    <Layout title={t('complaints.report.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href="/beschwerden">{t('complaints.detail.back')}</BackLink>
      <h1 class="kern-heading-large">{t('complaints.report.title')}</h1>
      <form method="get" action="/beschwerden/auswertung" class="filter-form">
        <TextField
          name="von"
          label={t('complaints.report.from')}
          hint={t('complaints.report.month_hint')}
          values={{ von: report.period.from }}
          errors={{}}
          width={4}
        />
        <TextField
          name="bis"
          label={t('complaints.report.to')}
          hint={t('complaints.report.month_hint')}
          values={{ bis: report.period.to }}
          errors={{}}
          width={4}
        />
        <Button variant="secondary">{t('complaints.report.apply')}</Button>
      </form>

      <section aria-labelledby="rep-figures">
        <h2 class="kern-heading-medium" id="rep-figures">
          {t('complaints.report.figures')}
        </h2>
        <div class="kern-table-responsive">
          <table class="kern-table">
            <caption class="kern-sr-only">{t('complaints.report.figures')}</caption>
            <tbody class="kern-table__body">
              {(
                [
                  ['complaints.report.received', String(f.received)],
                  ['complaints.report.answered', String(f.answered)],
                  ['complaints.report.answered_in_time', String(f.answeredInTime)],
                  ['complaints.report.share_in_time', formatNumber(f.shareInTime, 'percent')],
                  ['complaints.report.median_ack', formatNumber(f.medianDaysToAck, 'days')],
                  ['complaints.report.median_answer', formatNumber(f.medianDaysToAnswer, 'days')],
                ] as Array<[MessageKey, string]>
              ).map(([key, value]) => (
                <tr>
                  <th scope="row" class="kern-table__cell">
                    {t(key)}
                  </th>
                  <td class="kern-table__cell">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="kern-body">
          <a class="kern-link" href={csv('kennzahlen')}>
            {t('complaints.report.csv', { table: t('complaints.report.figures') })}
          </a>
        </p>
      </section>

      <section aria-labelledby="rep-categories">
        <h2 class="kern-heading-medium" id="rep-categories">
          {t('complaints.report.by_category')}
        </h2>
        <BarChart
          id="chart-categories"
          title={t('complaints.report.by_category')}
          bars={report.byCategory.map((r) => ({ label: r.label, value: r.total }))}
        />
        <MonthTable
          caption={t('complaints.report.by_category_months')}
          firstColumn={t('complaints.list.col_category')}
          months={report.months}
          rows={report.byCategory}
        />
        <p class="kern-body">
          <a class="kern-link" href={csv('kategorien')}>
            {t('complaints.report.csv', { table: t('complaints.report.by_category') })}
          </a>
        </p>
      </section>

      <section aria-labelledby="rep-units">
        <h2 class="kern-heading-medium" id="rep-units">
          {t('complaints.report.by_unit')}
        </h2>
        <BarChart
          id="chart-units"
          title={t('complaints.report.by_unit')}
          bars={report.byUnit.map((r) => ({ label: r.label, value: r.total }))}
        />
        <MonthTable
          caption={t('complaints.report.by_unit_months')}
          firstColumn={t('complaints.list.col_unit')}
          months={report.months}
          rows={report.byUnit}
        />
        <p class="kern-body">
          <a class="kern-link" href={csv('einheiten')}>
            {t('complaints.report.csv', { table: t('complaints.report.by_unit') })}
          </a>
        </p>
      </section>

      <section aria-labelledby="rep-causes">
        <h2 class="kern-heading-medium" id="rep-causes">
          {t('complaints.report.root_causes')}
        </h2>
        <BarChart
          id="chart-causes"
          title={t('complaints.report.root_causes')}
          bars={report.rootCauses.map((r) => ({
            label: t(`complaints.root_cause.${r.rootCause}` as MessageKey),
            value: r.count,
          }))}
        />
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t('complaints.report.root_causes')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col" class="kern-table__header">
                  {t('complaints.detail.root_cause_label')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('complaints.report.count')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {report.rootCauses.map((r) => (
                <tr>
                  <th scope="row" class="kern-table__cell">
                    {t(`complaints.root_cause.${r.rootCause}` as MessageKey)}
                  </th>
                  <td class="kern-table__cell">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="kern-body">
          <a class="kern-link" href={csv('ursachen')}>
            {t('complaints.report.csv', { table: t('complaints.report.root_causes') })}
          </a>
        </p>
      </section>
    </Layout>
  )
}
