// SPDX-License-Identifier: EUPL-1.2
/**
 * The committee report as data: the council submission's head (subject, status, responsible unit,
 * sequence of consultation, proposal), the sections with their texts, tables and charts, and the annexes.
 * Pure: built from snapshots and the report's own texts. Every figure passes through the privacy module
 * here, so the HTML page, the PDF and the CSV files show exactly the same, publishable values.
 * @module
 */
import { formatIsoDate } from '../../shared/dates.js'
import { isMessageKey, t } from '../../shared/i18n.js'
import type { BenefitFigures, DepartmentFigures, Light, MonthFigures } from './key-figures.js'
import { occupancySection } from './occupancy-section.js'
import {
  formatDecimal,
  formatEuroFromCents,
  formatInteger,
  formatPercent,
  NO_VALUE,
  type ProtectedCell,
  protectCountTable,
  publicPresenceRate,
  SUPPRESSED,
  showCell,
  showCount,
  showMeasure,
  showPresence,
} from './privacy.js'
import type { CommitteeReportStatus } from './reports.table.js'
import type { Snapshot } from './snapshots.service.js'

export interface ReportState {
  id: string
  month: string
  version: number
  status: CommitteeReportStatus
  texts: Record<string, string>
  releasedAt: Date | null
  releasedByName: string | null
  releasedActingKind: string | null
}

export interface TableRow {
  label: string
  cells: string[]
  /** A sum row. */
  total?: boolean
  /** Per cell: over the legal deadline (highlighted). */
  highlight?: boolean[]
}

export interface TableModel {
  /** Stable id: the CSV file name. */
  id: string
  title: string
  /** Header of the label column first. */
  columns: string[]
  rows: TableRow[]
}

/** A point of a chart: the value drawn (null = not drawn) and the text shown in its data table. */
export interface Point {
  value: number | null
  text: string
}

export type ChartModel =
  | {
      kind: 'lines'
      id: string
      title: string
      desc: string
      categories: string[]
      series: Array<{ label: string; points: Point[] }>
    }
  | {
      kind: 'bars'
      id: string
      title: string
      desc: string
      categories: string[]
      series: Array<{ label: string; points: Point[] }>
      /** Categories drawn highlighted (over the deadline). */
      highlight?: boolean[]
      band?: { min: number; max: number; label: string }
    }
  | {
      kind: 'orgchart'
      id: string
      title: string
      desc: string
      root: string
      nodes: Array<{ label: string; light: Light; lightText: string; details: string }>
    }

export interface SectionModel {
  id: string
  title: string
  /** Key of the free text written in the app (null: none). */
  textKey: string | null
  text: string | null
  /** Fixed explanatory paragraphs (not editable), shown after the free text. */
  notes?: string[]
  tables: TableModel[]
  charts: ChartModel[]
  subsections: SectionModel[]
}

export interface ReportModel {
  state: ReportState
  head: {
    /** e.g. "Bericht 2026-10, Fassung 2" */
    number: string
    subject: string
    status: string
    responsible: string
    consultation: Array<{ body: string; purpose: string }>
    proposal: string
    referenceDay: string
    /** "i.V. Name, 12.11.2026" or "Entwurf" */
    signature: string
  }
  sections: SectionModel[]
  /** Changes against the previous released report; null when there is none. */
  diff: TableModel | null
  annexes: string[]
  /** Every table of the report (for the CSV export), in order. */
  tables: TableModel[]
}

export interface ModelInput {
  report: ReportState
  /** The snapshots of the report's months (latest per month; pinned ones once released). */
  snapshots: Snapshot[]
  previous: { month: string; version: number; figures: MonthFigures } | null
}

const monthFormat = new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' })
const longMonthFormat = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "Okt. 2026" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return monthFormat.format(new Date(Date.UTC(y, m - 1, 1)))
}

/** "Oktober 2026" */
export function longMonthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return longMonthFormat.format(new Date(Date.UTC(y, m - 1, 1)))
}

export function benefitLabel(type: string): string {
  if (type === 'all') {
    return t('reports.figures.all_types')
  }
  const key = `benefit.${type}`
  return isMessageKey(key) ? t(key) : type
}

function lightText(light: Light): string {
  return t(`reports.light.${light}`)
}

function point(entry: ProtectedCell): Point {
  return { value: entry.suppressed ? null : entry.value, text: showCell(entry) }
}

/** Counts in columns across rows with a published sum row; returns shown cells per row plus the sum row. */
function columnProtected(
  rows: number[][],
  width = rows[0]?.length ?? 1,
): { rows: ProtectedCell[][]; totals: ProtectedCell[] } {
  if (rows.length === 0) {
    // A month without any case of a kind still has a total row: zeros, which disclose nobody.
    return {
      rows: [],
      totals: Array.from({ length: width }, () => ({ value: 0, suppressed: false, primary: false })),
    }
  }
  const table = protectCountTable(rows, { rowTotals: false, colTotals: true })
  return { rows: table.cells, totals: table.colTotals ?? [] }
}

function keyFigureTable(f: MonthFigures): TableModel {
  const types = f.benefitTypes
  const counts = types.map((b) => [
    b.cases,
    b.persons,
    b.newApplications,
    b.decisions.granted,
    b.decisions.refused,
    b.decisions.other,
  ])
  const p = columnProtected(counts, 6)
  const row = (label: string, cells: ProtectedCell[], b: BenefitFigures, total: boolean): TableRow => {
    const persons = cells[1] as ProtectedCell
    return {
      label,
      total,
      cells: [
        showCell(cells[0] as ProtectedCell),
        showCell(persons),
        // The density is persons / population: hidden whenever the persons are.
        persons.suppressed ? SUPPRESSED : b.density === null ? NO_VALUE : formatDecimal(b.density),
        ...cells.slice(2).map((c) => showCell(c)),
      ],
    }
  }
  return {
    id: 'kennzahlen-leistungsarten',
    title: t('reports.table.key_figures', { day: formatIsoDate(f.referenceDay) }),
    columns: [
      t('reports.col.benefit_type'),
      t('reports.col.cases'),
      t('reports.col.persons'),
      t('reports.col.density'),
      t('reports.col.new_applications'),
      t('reports.col.granted'),
      t('reports.col.refused'),
      t('reports.col.other'),
    ],
    rows: [
      ...types.map((b, i) => row(benefitLabel(b.benefitType), p.rows[i] ?? [], b, false)),
      row(benefitLabel('all'), p.totals, f.total, true),
    ],
  }
}

function backlogTable(
  id: string,
  title: string,
  entries: Array<{ label: string; pending: BenefitFigures['pending'] }>,
): {
  table: TableModel
  totals: ProtectedCell[]
} {
  const counts = entries.map((e) => [
    e.pending.under1,
    e.pending.from1to3,
    e.pending.from3to6,
    e.pending.over6,
  ])
  const p = protectCountTable(counts, { rowTotals: true, colTotals: true })
  const highlight = [false, false, false, true, false]
  return {
    table: {
      id,
      title,
      columns: [
        t('reports.col.unit_or_type'),
        t('reports.col.under1'),
        t('reports.col.from1to3'),
        t('reports.col.from3to6'),
        t('reports.col.over6'),
        t('reports.col.pending_total'),
      ],
      rows: [
        ...entries.map((e, i) => ({
          label: e.label,
          cells: [...(p.cells[i] ?? []), p.rowTotals?.[i] as ProtectedCell].map((c) => showCell(c)),
          highlight,
        })),
        {
          label: t('reports.figures.total'),
          total: true,
          cells: [...(p.colTotals ?? []), p.grandTotal as ProtectedCell].map((c) => showCell(c)),
          highlight,
        },
      ],
    },
    totals: p.colTotals ?? [],
  }
}

function processingTable(f: MonthFigures): TableModel {
  const row = (label: string, b: BenefitFigures, total: boolean): TableRow => ({
    label,
    total,
    cells: [
      showCount(b.processing.count),
      showMeasure(b.processing.mean, b.processing.count),
      showMeasure(b.processing.median, b.processing.count),
      showMeasure(b.processing.p90, b.processing.count),
    ],
  })
  return {
    id: 'bearbeitungszeiten',
    title: t('reports.table.processing', { month: longMonthLabel(f.month) }),
    columns: [
      t('reports.col.benefit_type'),
      t('reports.col.decisions'),
      t('reports.col.mean_days'),
      t('reports.col.median_days'),
      t('reports.col.p90_days'),
    ],
    rows: [
      ...f.benefitTypes.map((b) => row(benefitLabel(b.benefitType), b, false)),
      row(benefitLabel('all'), f.total, true),
    ],
  }
}

function objectionsTable(f: MonthFigures): TableModel {
  const p = columnProtected(
    f.benefitTypes.map((b) => [b.objections.received, b.objections.decided, b.objections.upheld]),
    3,
  )
  return {
    id: 'widersprueche',
    title: t('reports.table.objections', { month: longMonthLabel(f.month) }),
    columns: [
      t('reports.col.benefit_type'),
      t('reports.col.objections_received'),
      t('reports.col.objections_decided'),
      t('reports.col.objections_upheld'),
    ],
    rows: [
      ...f.benefitTypes.map((b, i) => ({
        label: benefitLabel(b.benefitType),
        cells: (p.rows[i] ?? []).map((c) => showCell(c)),
      })),
      { label: benefitLabel('all'), total: true, cells: p.totals.map((c) => showCell(c)) },
    ],
  }
}

function financeTable(f: MonthFigures, keyTable: TableModel): TableModel {
  return {
    id: 'finanzen',
    title: t('reports.table.finances', { day: formatIsoDate(f.referenceDay) }),
    columns: [t('reports.col.benefit_type'), t('reports.col.cases'), t('reports.col.monthly_amount')],
    rows: [...f.benefitTypes, f.total].map((b, i) => {
      // The cases column as published in the key figures: an amount is shown only where its cases are.
      const casesShown = keyTable.rows[i]?.cells[0] ?? SUPPRESSED
      return {
        label: benefitLabel(b.benefitType),
        total: b.benefitType === 'all',
        cells: [
          casesShown,
          casesShown === SUPPRESSED || b.cases < 3 ? SUPPRESSED : formatEuroFromCents(b.monthlyAmountCents),
        ],
      }
    }),
  }
}

function departmentTable(f: MonthFigures): TableModel {
  const complaints = columnProtected(f.departments.map((d) => [d.complaints.received]))
  return {
    id: 'abteilungen',
    title: t('reports.table.departments', { day: formatIsoDate(f.referenceDay) }),
    columns: [
      t('reports.col.department'),
      t('reports.col.open_cases'),
      t('reports.col.cases_per_fte'),
      t('reports.col.median_days'),
      t('reports.col.complaints'),
      t('reports.col.complaints_in_time'),
      t('reports.col.light'),
    ],
    rows: f.departments.map((d, i) => ({
      label: `${d.shortCode} ${d.name}`,
      cells: [
        showCount(d.openCases),
        // cases per FTE × FTE = open cases: hidden with them.
        d.casesPerFte === null
          ? NO_VALUE
          : showCount(d.openCases) === SUPPRESSED
            ? SUPPRESSED
            : formatDecimal(d.casesPerFte),
        showMeasure(d.processing.median, d.processing.count),
        showCell(complaints.rows[i]?.[0] as ProtectedCell),
        showMeasure(
          d.complaints.due > 0 ? d.complaints.answeredInTime / d.complaints.due : null,
          d.complaints.due,
          formatPercent,
        ),
        lightText(publicLight(d, f)),
      ],
    })),
  }
}

function staffingTable(f: MonthFigures): TableModel {
  const leavers = columnProtected(f.departments.map((d) => [d.leavers]))
  const sum = (pick: (d: DepartmentFigures) => number) => f.departments.reduce((a, d) => a + pick(d), 0)
  return {
    id: 'personal',
    title: t('reports.table.staffing', { day: formatIsoDate(f.referenceDay) }),
    columns: [
      t('reports.col.department'),
      t('reports.col.posts_planned'),
      t('reports.col.posts_filled'),
      t('reports.col.posts_vacant'),
      t('reports.col.fte_planned'),
      t('reports.col.fte_filled'),
      t('reports.col.fte_present'),
      t('reports.col.absence_rate'),
      t('reports.col.leavers'),
    ],
    rows: [
      ...f.departments.map((d, i) => {
        const presence = showPresence(d)
        return {
          label: `${d.shortCode} ${d.name}`,
          cells: [
            formatInteger(d.postsPlanned),
            formatInteger(d.postsFilled),
            formatInteger(d.postsVacant),
            formatDecimal(d.ftePlanned),
            formatDecimal(d.fteFilled),
            presence.ftePresent,
            presence.absenceRate,
            showCell(leavers.rows[i]?.[0] as ProtectedCell),
          ],
        }
      }),
      {
        label: t('reports.figures.total'),
        total: true,
        cells: [
          formatInteger(sum((d) => d.postsPlanned)),
          formatInteger(sum((d) => d.postsFilled)),
          formatInteger(sum((d) => d.postsVacant)),
          formatDecimal(sum((d) => d.ftePlanned)),
          formatDecimal(sum((d) => d.fteFilled)),
          // Only when every department's presence is published, or the sum would give a hidden one back.
          f.departments.every((d) => showPresence(d).ftePresent !== SUPPRESSED)
            ? formatDecimal(sum((d) => d.ftePresent))
            : SUPPRESSED,
          f.departments.every((d) => showPresence(d).absenceRate !== SUPPRESSED) && sum((d) => d.staff) > 0
            ? formatPercent(sum((d) => d.absentPeople) / sum((d) => d.staff))
            : SUPPRESSED,
          showCell(leavers.totals[0] as ProtectedCell),
        ],
      },
    ],
  }
}

/** The light as published: the presence part only where presence may be published (five staff or more). */
export function publicLight(d: DepartmentFigures, f: MonthFigures): Light {
  const rate = publicPresenceRate(d)
  const presence: Light =
    rate === null
      ? 'none'
      : rate < f.thresholds.presenceRate.red
        ? 'red'
        : rate < f.thresholds.presenceRate.yellow
          ? 'yellow'
          : 'green'
  const parts: Light[] = [d.light.processing, d.light.backlog, d.light.caseload, presence]
  const rank = { none: -1, green: 0, yellow: 1, red: 2 } as const
  return parts.reduce<Light>((w, l) => (rank[l] > rank[w] ? l : w), 'none')
}

function seriesCharts(snapshots: Snapshot[], current: MonthFigures): ChartModel[] {
  const months = snapshots.map((s) => s.month)
  const categories = months.map(monthLabel)
  const types = current.benefitTypes.map((b) => b.benefitType)
  // Cases per benefit type and month; each month is protected with its published sum.
  const perMonth = snapshots.map((s) =>
    columnProtected(
      types.map((type) => [s.figures.benefitTypes.find((b) => b.benefitType === type)?.cases ?? 0]),
    ),
  )
  const lines: ChartModel = {
    kind: 'lines',
    id: 'faelle-je-monat',
    title: t('reports.chart.cases_title'),
    desc: t('reports.chart.cases_desc', {
      from: longMonthLabel(months[0] ?? current.month),
      to: longMonthLabel(current.month),
    }),
    categories,
    series: types.map((type, i) => ({
      label: benefitLabel(type),
      points: perMonth.map((m) => point(m.rows[i]?.[0] as ProtectedCell)),
    })),
  }
  const flow = (pick: (f: MonthFigures) => number) =>
    snapshots.map((s) => {
      const v = pick(s.figures)
      return { value: showCount(v) === SUPPRESSED ? null : v, text: showCount(v) }
    })
  const bars: ChartModel = {
    kind: 'bars',
    id: 'eingang-erledigung-bestand',
    title: t('reports.chart.flow_title'),
    desc: t('reports.chart.flow_desc'),
    categories,
    series: [
      { label: t('reports.col.new_applications'), points: flow((f) => f.total.newApplications) },
      {
        label: t('reports.col.decisions'),
        points: flow((f) => f.total.decisions.granted + f.total.decisions.refused + f.total.decisions.other),
      },
      { label: t('reports.col.pending_total'), points: flow((f) => f.total.pending.total) },
    ],
  }
  return [lines, bars]
}

function bucketChart(id: string, title: string, totals: ProtectedCell[]): ChartModel {
  return {
    kind: 'bars',
    id,
    title,
    desc: t('reports.chart.backlog_desc'),
    categories: [
      t('reports.col.under1'),
      t('reports.col.from1to3'),
      t('reports.col.from3to6'),
      t('reports.col.over6'),
    ],
    series: [{ label: t('reports.col.pending_total'), points: totals.map(point) }],
    highlight: [false, false, false, true],
  }
}

function staffingCharts(f: MonthFigures): ChartModel[] {
  const categories = f.departments.map((d) => d.shortCode)
  const posts: ChartModel = {
    kind: 'bars',
    id: 'stellen',
    title: t('reports.chart.posts_title'),
    desc: t('reports.chart.posts_desc'),
    categories,
    series: [
      {
        label: t('reports.col.fte_planned'),
        points: f.departments.map((d) => ({ value: d.ftePlanned, text: formatDecimal(d.ftePlanned) })),
      },
      {
        label: t('reports.col.fte_filled'),
        points: f.departments.map((d) => ({ value: d.fteFilled, text: formatDecimal(d.fteFilled) })),
      },
      {
        label: t('reports.col.fte_present'),
        points: f.departments.map((d) => {
          const shown = showPresence(d).ftePresent
          return { value: shown === SUPPRESSED ? null : d.ftePresent, text: shown }
        }),
      },
    ],
  }
  const caseload: ChartModel = {
    kind: 'bars',
    id: 'faelle-je-vza',
    title: t('reports.chart.caseload_title'),
    desc: t('reports.chart.caseload_desc', { min: f.norm.min, max: f.norm.max }),
    categories,
    series: [
      {
        label: t('reports.col.cases_per_fte'),
        points: f.departments.map((d) => {
          const hidden = showCount(d.openCases) === SUPPRESSED
          return {
            value: d.casesPerFte === null || hidden ? null : d.casesPerFte,
            text: d.casesPerFte === null ? NO_VALUE : hidden ? SUPPRESSED : formatDecimal(d.casesPerFte),
          }
        }),
      },
    ],
    band: {
      min: f.norm.min,
      max: f.norm.max,
      label: t('reports.chart.norm_band', { min: f.norm.min, max: f.norm.max }),
    },
  }
  return [posts, caseload]
}

function orgChart(f: MonthFigures): ChartModel {
  return {
    kind: 'orgchart',
    id: 'organigramm',
    title: t('reports.chart.org_title'),
    desc: t('reports.chart.org_desc'),
    root: f.division ? `${f.division.shortCode} ${f.division.name}` : t('reports.figures.division'),
    nodes: f.departments.map((d) => {
      const light = publicLight(d, f)
      return {
        label: `${d.shortCode} ${d.name}`,
        light,
        lightText: lightText(light),
        details: t('reports.chart.org_node', {
          processing: lightText(d.light.processing),
          backlog: lightText(d.light.backlog),
          caseload: lightText(d.light.caseload),
          presence: lightText(publicPresenceRate(d) === null ? 'none' : d.light.presence),
        }),
      }
    }),
  }
}

function departmentSection(
  f: MonthFigures,
  d: DepartmentFigures,
  texts: Record<string, string>,
  index: number,
): SectionModel {
  const backlog = backlogTable(
    `rueckstand-${d.shortCode}`,
    t('reports.table.dept_backlog', { unit: `${d.shortCode} ${d.name}` }),
    [{ label: `${d.shortCode} ${d.name}`, pending: d.pending }],
  )
  const key = `dept:${d.unitId}`
  return {
    id: `abteilung-${index + 1}`,
    title: `2.${index + 1} ${d.shortCode} ${d.name}`,
    textKey: key,
    text: texts[key] ?? null,
    tables: [
      {
        id: `abteilung-${d.shortCode}`,
        title: t('reports.table.dept_figures', { unit: `${d.shortCode} ${d.name}` }),
        columns: [t('reports.col.figure'), t('reports.col.value')],
        rows: [
          { label: t('reports.col.open_cases'), cells: [showCount(d.openCases)] },
          {
            label: t('reports.col.cases_per_fte'),
            cells: [
              d.casesPerFte === null
                ? NO_VALUE
                : showCount(d.openCases) === SUPPRESSED
                  ? SUPPRESSED
                  : formatDecimal(d.casesPerFte),
            ],
          },
          {
            label: t('reports.col.median_days'),
            cells: [showMeasure(d.processing.median, d.processing.count)],
          },
          { label: t('reports.col.posts_vacant'), cells: [formatInteger(d.postsVacant)] },
          { label: t('reports.col.light'), cells: [lightText(publicLight(d, f))] },
        ],
      },
      backlog.table,
    ],
    charts: [
      bucketChart(
        `rueckstand-${d.shortCode}-diagramm`,
        t('reports.chart.dept_backlog_title', { unit: d.shortCode }),
        backlog.totals,
      ),
    ],
    subsections: [],
  }
}

function diffTable(
  current: MonthFigures,
  previous: { month: string; version: number; figures: MonthFigures },
): TableModel {
  const p = previous.figures
  const line = (label: string, before: string, now: string): TableRow => ({ label, cells: [before, now] })
  const rows: TableRow[] = [
    line(t('reports.col.cases'), showCount(p.total.cases), showCount(current.total.cases)),
    line(t('reports.col.persons'), showCount(p.total.persons), showCount(current.total.persons)),
    line(
      t('reports.col.new_applications'),
      showCount(p.total.newApplications),
      showCount(current.total.newApplications),
    ),
    line(
      t('reports.col.pending_total'),
      showCount(p.total.pending.total),
      showCount(current.total.pending.total),
    ),
    line(t('reports.col.over6'), showCount(p.total.pending.over6), showCount(current.total.pending.over6)),
    line(
      t('reports.col.median_days'),
      showMeasure(p.total.processing.median, p.total.processing.count),
      showMeasure(current.total.processing.median, current.total.processing.count),
    ),
  ]
  for (const d of current.departments) {
    const before = p.departments.find((x) => x.unitId === d.unitId)
    rows.push(
      line(
        t('reports.diff.light_of', { unit: d.shortCode }),
        before ? lightText(publicLight(before, p)) : NO_VALUE,
        lightText(publicLight(d, current)),
      ),
    )
  }
  return {
    id: 'veraenderungen',
    title: t('reports.table.diff', { month: longMonthLabel(previous.month), version: previous.version }),
    columns: [t('reports.col.figure'), t('reports.diff.previous'), t('reports.diff.current')],
    rows,
  }
}

/**
 * Builds the report from its snapshots.
 * @throws Error when the snapshot of the report's own month is missing (a programming error)
 */
export function buildReportModel(input: ModelInput): ReportModel {
  const { report, previous } = input
  const snapshots = [...input.snapshots].sort((a, b) => a.month.localeCompare(b.month))
  const current = snapshots.find((s) => s.month === report.month)?.figures
  if (!current) {
    throw new Error(`no snapshot for ${report.month}`)
  }
  const texts = report.texts
  const division = current.division
    ? `${current.division.shortCode} – ${current.division.name}`
    : t('reports.figures.division')

  const keyTable = keyFigureTable(current)
  const backlog = backlogTable(
    'rueckstand-leistungsarten',
    t('reports.table.backlog', { day: formatIsoDate(current.referenceDay), months: current.deadlineMonths }),
    current.benefitTypes.map((b) => ({ label: benefitLabel(b.benefitType), pending: b.pending })),
  )
  const sections: SectionModel[] = [
    {
      id: 'lage',
      title: t('reports.section.situation'),
      textKey: 'situation',
      text: texts.situation ?? null,
      tables: [keyTable, backlog.table, processingTable(current), objectionsTable(current)],
      charts: [
        ...seriesCharts(snapshots, current),
        bucketChart('rueckstand-diagramm', t('reports.chart.backlog_title'), backlog.totals),
      ],
      subsections: [],
    },
    {
      id: 'abteilungen',
      title: t('reports.section.departments'),
      textKey: null,
      text: null,
      tables: [departmentTable(current)],
      charts: [orgChart(current)],
      subsections: current.departments.map((d, i) => departmentSection(current, d, texts, i)),
    },
    {
      id: 'personal',
      title: t('reports.section.staffing'),
      textKey: 'staffing',
      text: texts.staffing ?? null,
      tables: [staffingTable(current)],
      charts: staffingCharts(current),
      subsections: [],
    },
    {
      id: 'finanzen',
      title: t('reports.section.finances'),
      textKey: 'finances',
      text: texts.finances ?? null,
      tables: [financeTable(current, keyTable)],
      charts: [],
      subsections: [],
    },
    {
      id: 'ausblick',
      title: t('reports.section.outlook'),
      textKey: 'outlook',
      text: texts.outlook ?? null,
      tables: [],
      charts: [],
      subsections: [],
    },
    occupancySection(snapshots, current),
  ]
  const diff = previous ? diffTable(current, previous) : null
  const tables = [
    ...sections.flatMap((s) => [...s.tables, ...s.subsections.flatMap((sub) => sub.tables)]),
    ...(diff ? [diff] : []),
  ]
  const released = report.status === 'released' && report.releasedAt && report.releasedByName
  return {
    state: report,
    head: {
      number: t('reports.doc.number', { month: report.month, version: report.version }),
      subject: t('reports.doc.subject', { division }),
      status: t('reports.doc.status_public'),
      responsible: division,
      consultation: [
        { body: t('reports.doc.body_senate'), purpose: t('reports.doc.purpose_senate') },
        { body: t('reports.doc.body_committee'), purpose: t('reports.doc.purpose_note') },
      ],
      proposal: t('reports.doc.proposal', { month: longMonthLabel(report.month) }),
      referenceDay: current.referenceDay,
      signature: released
        ? `${report.releasedActingKind && report.releasedActingKind !== 'holder' ? 'i.V. ' : ''}${report.releasedByName}, ${formatIsoDate(
            report.releasedAt?.toISOString().slice(0, 10) ?? '',
          )}`
        : t(`reports.status.${report.status}`),
    },
    sections,
    diff,
    annexes: [t('reports.doc.annex_tables', { count: tables.length })],
    tables,
  }
}
