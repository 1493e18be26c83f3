// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { SectionFrame } from '../../../views/components/section-frame.js'
import type { ReportModel, SectionModel, TableModel } from '../report-model.js'
import type { CommitteeReportStatus } from '../reports.table.js'
import { Chart } from './Charts.js'

export interface PageBase {
  staff: StaffPrincipal
  csrfToken: string
}

function Frame(props: PageBase & { title: string; hasErrors?: boolean; children?: Child }) {
  return (
    <SectionFrame
      {...props}
      navLabel={t('reports.nav.label')}
      links={[
        { href: '/berichte', label: t('reports.nav.reports') },
        { href: '/organisationsuntersuchung', label: t('reports.orgreview.nav') },
      ]}
    >
      {props.children}
    </SectionFrame>
  )
}

export interface ReportListItem {
  id: string
  month: string
  version: number
  status: CommitteeReportStatus
  released_at: Date | null
  released_by_name: string | null
}

export interface SnapshotListItem {
  id: string
  month: string
  sequence: number
  note: string | null
  created_at: Date
  created_by_name: string | null
}

export function ReportsListPage(
  props: PageBase & {
    reports: ReportListItem[]
    snapshots: SnapshotListItem[]
    canDraft: boolean
    errors: FieldErrors
    values: FieldValues
    notice?: string | undefined
  },
) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Frame {...props} title={t('reports.list.title')} hasErrors={hasErrors}>
      <h1 class="kern-heading-large">{t('reports.list.title')}</h1>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice} />
      <p class="kern-body">{t('reports.list.intro')}</p>
      <h2 class="kern-heading-medium">{t('reports.list.reports_heading')}</h2>
      {props.reports.length === 0 ? (
        <p class="kern-body">{t('reports.list.none')}</p>
      ) : (
        <table class="kern-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.list.col_month')}</th>
              <th scope="col">{t('reports.list.col_version')}</th>
              <th scope="col">{t('reports.list.col_status')}</th>
              <th scope="col">{t('reports.list.col_released')}</th>
            </tr>
          </thead>
          <tbody>
            {props.reports.map((r) => (
              <tr>
                <th scope="row">
                  <a class="kern-link" href={`/berichte/${r.id}`}>
                    {t('reports.list.open', { month: r.month, version: r.version })}
                  </a>
                </th>
                <td>{r.version}</td>
                <td>{t(`reports.status.${r.status}`)}</td>
                <td>
                  {r.released_at ? `${formatDateTime(r.released_at)}, ${r.released_by_name ?? ''}` : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canDraft ? (
        <form method="post" action="/berichte/neu" novalidate>
          <CsrfField token={props.csrfToken} />
          <h2 class="kern-heading-medium">{t('reports.list.new_heading')}</h2>
          <TextField
            name="monat"
            label={t('reports.list.month')}
            hint={t('reports.list.month_hint')}
            values={props.values}
            errors={props.errors}
            width={4}
          />
          <Button>{t('reports.list.create')}</Button>
        </form>
      ) : null}
      <h2 class="kern-heading-medium">{t('reports.list.snapshots_heading')}</h2>
      {props.snapshots.length === 0 ? (
        <p class="kern-body">{t('reports.list.snapshots_none')}</p>
      ) : (
        <table class="kern-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.list.col_month')}</th>
              <th scope="col">{t('reports.list.col_sequence')}</th>
              <th scope="col">{t('reports.list.col_note')}</th>
              <th scope="col">{t('reports.list.col_created')}</th>
            </tr>
          </thead>
          <tbody>
            {props.snapshots.map((s) => (
              <tr>
                <th scope="row">{s.month}</th>
                <td>{s.sequence}</td>
                <td>{s.note ?? '–'}</td>
                <td>
                  {formatDateTime(s.created_at)}
                  {s.created_by_name ? `, ${s.created_by_name}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canDraft ? (
        <form method="post" action="/berichte/monatsstand" novalidate>
          <CsrfField token={props.csrfToken} />
          <h3 class="kern-heading-small">{t('reports.list.snapshot_heading')}</h3>
          <TextField
            name="stand_monat"
            label={t('reports.list.month')}
            hint={t('reports.list.month_hint')}
            values={props.values}
            errors={props.errors}
            width={4}
          />
          <TextArea
            name="anmerkung"
            label={t('reports.list.note')}
            hint={t('reports.list.note_hint')}
            values={props.values}
            errors={props.errors}
            optional
            rows={3}
          />
          <Button variant="secondary">{t('reports.list.snapshot_create')}</Button>
        </form>
      ) : null}
    </Frame>
  )
}

function Table({ table }: { table: TableModel }) {
  return (
    <section class="kern-table-responsive" tabindex={0} aria-label={table.title}>
      <table class="kern-table report-table" id={`tabelle-${table.id}`}>
        <caption>{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr class={row.total ? 'report-table__total' : undefined}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) =>
                row.highlight?.[i] ? (
                  <td class="report-table__over-deadline">
                    <strong>{cell}</strong>
                  </td>
                ) : (
                  <td>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Section({ section, level }: { section: SectionModel; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby={`abschnitt-${section.id}`}>
      <Heading
        id={`abschnitt-${section.id}`}
        class={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'}
      >
        {section.title}
      </Heading>
      {section.textKey !== null
        ? (section.text ?? t('reports.doc.no_text')).split(/\n{2,}/).map((p) => <p class="kern-body">{p}</p>)
        : null}
      {(section.notes ?? []).map((note) => (
        <p class="kern-body">{note}</p>
      ))}
      {section.charts.map((chart) => (
        <Chart chart={chart} />
      ))}
      {section.tables.map((table) => (
        <Table table={table} />
      ))}
      {section.subsections.map((sub) => (
        <Section section={sub} level={3} />
      ))}
    </section>
  )
}

/** The report as the council sees it: head of the submission, proposal, explanation, annexes. */
export function ReportBody({ model }: { model: ReportModel }) {
  const head = model.head
  return (
    <article class="report" aria-labelledby="bericht-betreff">
      <p class="kern-body">
        {t('reports.doc.kind')} – {head.number}
      </p>
      <h2 id="bericht-betreff" class="kern-heading-medium">
        {head.subject}
      </h2>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.doc.status_label')}</dt>
          <dd class="kern-description-list-item__value">{head.status}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.doc.responsible_label')}</dt>
          <dd class="kern-description-list-item__value">{head.responsible}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.doc.reference_day_label')}</dt>
          <dd class="kern-description-list-item__value">
            {head.referenceDay.split('-').reverse().join('.')}
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.doc.consultation_label')}</dt>
          <dd class="kern-description-list-item__value">
            <ol>
              {head.consultation.map((c) => (
                <li>
                  {c.body} {c.purpose}
                </li>
              ))}
            </ol>
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.doc.signature_label')}</dt>
          <dd class="kern-description-list-item__value">{head.signature}</dd>
        </div>
      </dl>
      <h2 class="kern-heading-medium">{t('reports.doc.proposal_label')}</h2>
      <p class="kern-body">{head.proposal}</p>
      <h2 class="kern-heading-medium">{t('reports.doc.explanation_label')}</h2>
      <p class="kern-body">{t('reports.doc.privacy_note')}</p>
      {model.sections.map((s) => (
        <Section section={s} level={2} />
      ))}
      {model.diff ? (
        <section aria-labelledby="abschnitt-veraenderungen">
          <h2 id="abschnitt-veraenderungen" class="kern-heading-medium">
            {t('reports.section.diff')}
          </h2>
          <Table table={model.diff} />
        </section>
      ) : null}
      <h2 class="kern-heading-medium">{t('reports.doc.annexes_label')}</h2>
      <ul>
        {model.annexes.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    </article>
  )
}

export function ReportPage(
  props: PageBase & {
    model: ReportModel
    reviewerName: string | null
    canEdit: boolean
    canReview: boolean
    errors: FieldErrors
    notice?: string | undefined
  },
) {
  const { model } = props
  const state = model.state
  const title = t('reports.page.title', { month: state.month, version: state.version })
  const hasErrors = Object.keys(props.errors).length > 0
  const textFields: Array<{ name: string; label: string }> = [
    { name: 'situation', label: t('reports.page.text_situation') },
    ...(model.sections.find((s) => s.id === 'abteilungen')?.subsections ?? []).map((s) => ({
      name: s.textKey ?? '',
      label: t('reports.page.text_dept', { unit: s.title }),
    })),
    { name: 'staffing', label: t('reports.page.text_staffing') },
    { name: 'finances', label: t('reports.page.text_finances') },
    { name: 'outlook', label: t('reports.page.text_outlook') },
  ]
  return (
    <Frame {...props} title={title} hasErrors={hasErrors}>
      <p>
        <a class="kern-link" href="/berichte">
          {t('reports.page.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice} />
      <p class="kern-body" id="bericht-status">
        {t('reports.page.status', { status: t(`reports.status.${state.status}`) })}
      </p>
      {state.status !== 'released' ? (
        <p class="kern-body">
          {props.reviewerName
            ? t('reports.page.reviewer', { name: props.reviewerName })
            : t('reports.page.reviewer_none')}
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('reports.page.downloads')}</h2>
      <ul>
        <li>
          <a class="kern-link" href={`/berichte/${state.id}/bericht.pdf`}>
            {t('reports.page.pdf')}
          </a>
        </li>
        {state.status === 'released' ? (
          <li>
            <a class="kern-link" href={`/oeffentlich/berichte/${state.id}/bericht.pdf`}>
              {t('reports.page.public_pdf')}
            </a>
          </li>
        ) : null}
      </ul>
      <details>
        <summary>{t('reports.page.csv_heading')}</summary>
        <ul>
          {model.tables.map((table) => (
            <li>
              <a class="kern-link" href={`/berichte/${state.id}/tabellen/${table.id}.csv`}>
                {table.title}
              </a>
            </li>
          ))}
        </ul>
      </details>
      {props.canEdit && state.status === 'draft' ? (
        <>
          <form method="post" action={`/berichte/${state.id}/texte`} novalidate>
            <CsrfField token={props.csrfToken} />
            <h2 class="kern-heading-medium">{t('reports.page.texts_heading')}</h2>
            <p class="kern-body">{t('reports.page.texts_intro')}</p>
            {textFields.map((f) => (
              <TextArea
                name={f.name}
                label={f.label}
                values={state.texts}
                errors={props.errors}
                optional
                rows={5}
                maxlength={20000}
              />
            ))}
            <Button variant="secondary">{t('reports.page.save_texts')}</Button>
          </form>
          <form method="post" action={`/berichte/${state.id}/vorlegen`}>
            <CsrfField token={props.csrfToken} />
            <Button>{t('reports.page.submit')}</Button>
          </form>
        </>
      ) : null}
      {props.canReview && state.status === 'in_review' ? (
        <div class="report-review">
          <p class="kern-body">{t('reports.page.release_as', { name: props.reviewerName ?? '' })}</p>
          <form method="post" action={`/berichte/${state.id}/freigeben`}>
            <CsrfField token={props.csrfToken} />
            <Button>{t('reports.page.release')}</Button>
          </form>
          <form method="post" action={`/berichte/${state.id}/zurueckgeben`}>
            <CsrfField token={props.csrfToken} />
            <Button variant="secondary">{t('reports.page.return')}</Button>
          </form>
        </div>
      ) : null}
      <ReportBody model={model} />
    </Frame>
  )
}
