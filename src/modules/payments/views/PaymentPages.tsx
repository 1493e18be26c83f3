// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { SectionFrame } from '../../../views/components/section-frame.js'
import { returnReasonLabel } from '../camt.js'
import type { LineKind } from '../money-rules.js'
import type { PaymentLineRow, PaymentRunStatus, SkippedCase } from '../payments.table.js'
import { StatementUploadForm } from './StatementPages.js'

export interface PageBase {
  staff: StaffPrincipal
  csrfToken: string
}

function Frame(props: PageBase & { title: string; hasErrors?: boolean; children?: Child }) {
  return (
    <SectionFrame
      {...props}
      navLabel={t('payments.nav.label')}
      links={[{ href: '/zahlungen', label: t('payments.nav.runs') }]}
    >
      {props.children}
    </SectionFrame>
  )
}

function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`
}

export interface RunListItem {
  id: string
  reference: string
  target_month: string
  execution_date: string
  status: PaymentRunStatus
  item_count: number
  total_cents: number
  created_at: Date
  released_at: Date | null
  created_by_name: string
  released_by_name: string | null
}

export function RunListPage(
  props: PageBase & {
    runs: RunListItem[]
    errors: FieldErrors
    values: FieldValues
    notice?: string | undefined
  },
) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Frame {...props} title={t('payments.list.title')} hasErrors={hasErrors}>
      <h1 class="kern-heading-large">{t('payments.list.title')}</h1>
      <ErrorSummary errors={props.errors} order={['monat', 'ausfuehrung']} />
      <Notice text={props.notice} />
      <p class="kern-body">{t('payments.list.intro')}</p>
      <h2 class="kern-heading-medium">{t('payments.list.runs_heading')}</h2>
      {props.runs.length === 0 ? (
        <p class="kern-body">{t('payments.list.none')}</p>
      ) : (
        <table class="kern-table">
          <caption class="kern-title">{t('payments.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.list.col_reference')}</th>
              <th scope="col">{t('payments.list.col_month')}</th>
              <th scope="col">{t('payments.list.col_status')}</th>
              <th scope="col">{t('payments.list.col_count')}</th>
              <th scope="col">{t('payments.list.col_total')}</th>
              <th scope="col">{t('payments.list.col_people')}</th>
            </tr>
          </thead>
          <tbody>
            {props.runs.map((r) => (
              <tr>
                <th scope="row">
                  <a class="kern-link" href={`/zahlungen/${r.id}`}>
                    {r.reference}
                  </a>
                </th>
                <td>{monthLabel(r.target_month)}</td>
                <td>{t(`payments.status.${r.status}`)}</td>
                <td>{r.item_count}</td>
                <td>{formatCents(r.total_cents)}</td>
                <td>
                  {t('payments.list.created_by', { name: r.created_by_name })}
                  {r.released_at
                    ? ` · ${t('payments.list.released_by', { name: r.released_by_name ?? '', at: formatDateTime(r.released_at) })}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/zahlungen/neu" novalidate>
        <CsrfField token={props.csrfToken} />
        <h2 class="kern-heading-medium">{t('payments.list.new_heading')}</h2>
        <TextField
          name="monat"
          label={t('payments.list.month')}
          hint={t('payments.list.month_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <TextField
          name="ausfuehrung"
          label={t('payments.list.execution')}
          hint={t('payments.list.execution_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
          optional
        />
        <Button>{t('payments.list.create')}</Button>
      </form>
      <StatementUploadForm csrfToken={props.csrfToken} />
    </Frame>
  )
}

export interface RunPageItem {
  id: string
  end_to_end_id: string
  case_reference: string
  payee_name: string
  payee_iban: string
  payee_source: 'application' | 'card'
  amount_cents: number
  lines: PaymentLineRow[]
}

export interface RunPageRun {
  id: string
  reference: string
  target_month: string
  execution_date: string
  status: PaymentRunStatus
  item_count: number
  total_cents: number
  created_by: string
  created_by_name: string
  created_at: Date
  released_by_name: string | null
  released_acting_kind: string | null
  released_at: Date | null
  approval_post_title: string
  skipped: SkippedCase[]
}

const KINDS: LineKind[] = ['ongoing', 'arrears', 'difference', 'one_off', 'repayment']

/** "IBAN DE89 … 1001": enough to recognise an account on screen, the full IBAN is in the files. */
function maskedIban(iban: string): string {
  return `${iban.slice(0, 4)} … ${iban.slice(-4)}`
}

function lineSource(l: PaymentLineRow): string {
  if (l.rule === 'repayment') {
    return t('payments.run.source_repayment', {
      payment: (l.repays_item_id ?? '').replaceAll('-', ''),
      reason: returnReasonLabel(l.return_reason),
      basis: l.legal_basis,
    })
  }
  if (l.rule === 'one_off') {
    return t('payments.run.source_one_off', { basis: l.legal_basis })
  }
  if (l.rule === 'difference') {
    return t('payments.run.source_difference', { basis: l.legal_basis })
  }
  return t(l.rule === 'full_month' ? 'payments.run.source_full' : 'payments.run.source_prorated', {
    basis: l.legal_basis,
    from: formatIsoDate(l.covered_from),
    to: formatIsoDate(l.covered_to),
    days: l.benefit_days,
  })
}

export function RunPage(
  props: PageBase & {
    run: RunPageRun
    items: RunPageItem[]
    byKind: Record<LineKind, number>
    releaserName: string | null
    canRelease: boolean
    notice?: string | undefined
  },
) {
  const { run } = props
  const title = t(run.status === 'preview' ? 'payments.run.title_preview' : 'payments.run.title_released', {
    reference: run.reference,
  })
  return (
    <Frame {...props} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <Notice text={props.notice} />
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.month')}</dt>
          <dd class="kern-description-list-item__value">{monthLabel(run.target_month)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.execution')}</dt>
          <dd class="kern-description-list-item__value">{formatIsoDate(run.execution_date)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.count')}</dt>
          <dd class="kern-description-list-item__value">{run.item_count}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.total')}</dt>
          <dd class="kern-description-list-item__value">{formatCents(run.total_cents)}</dd>
        </div>
        {KINDS.map((k) => (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t(`payments.kind.${k}`)}</dt>
            <dd class="kern-description-list-item__value">{formatCents(props.byKind[k])}</dd>
          </div>
        ))}
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.created')}</dt>
          <dd class="kern-description-list-item__value">
            {`${run.created_by_name}, ${formatDateTime(run.created_at)}`}
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.run.approval')}</dt>
          <dd class="kern-description-list-item__value">
            {run.released_at
              ? `${run.released_acting_kind && run.released_acting_kind !== 'holder' ? 'i.V. ' : ''}${run.released_by_name ?? ''}, ${formatDateTime(run.released_at)}`
              : t('payments.run.approval_pending', {
                  post: run.approval_post_title,
                  name: props.releaserName ?? t('payments.run.nobody'),
                })}
          </dd>
        </div>
      </dl>
      {run.status === 'released' ? (
        <section aria-labelledby="zahlungsdateien">
          <h2 class="kern-heading-medium" id="zahlungsdateien">
            {t('payments.run.files_heading')}
          </h2>
          <ul class="kern-list">
            <li>
              <a class="kern-link" href={`/zahlungen/${run.id}/pain001.xml`}>
                {t('payments.run.file_pain001')}
              </a>
            </li>
            <li>
              <a class="kern-link" href={`/zahlungen/${run.id}/zahlungsanordnung.csv`}>
                {t('payments.run.file_csv')}
              </a>
            </li>
          </ul>
        </section>
      ) : (
        <section aria-labelledby="freigabe">
          <h2 class="kern-heading-medium" id="freigabe">
            {t('payments.run.release_heading')}
          </h2>
          {props.canRelease ? (
            <form method="post" action={`/zahlungen/${run.id}/freigeben`}>
              <CsrfField token={props.csrfToken} />
              <p class="kern-body">
                {t('payments.run.release_confirm', {
                  count: run.item_count,
                  total: formatCents(run.total_cents),
                })}
              </p>
              <Button>{t('payments.run.release')}</Button>
            </form>
          ) : (
            <p class="kern-body">
              {t(
                run.created_by === props.staff.id
                  ? 'payments.run.release_not_creator'
                  : 'payments.run.release_not_yours',
              )}
            </p>
          )}
          <form method="post" action={`/zahlungen/${run.id}/verwerfen`}>
            <CsrfField token={props.csrfToken} />
            <Button variant="secondary">{t('payments.run.discard')}</Button>
          </form>
        </section>
      )}
      {run.skipped.length > 0 ? (
        <section aria-labelledby="nicht-gezahlt">
          <h2 class="kern-heading-medium" id="nicht-gezahlt">
            {t('payments.run.skipped_heading')}
          </h2>
          <table class="kern-table">
            <caption class="kern-title">{t('payments.run.skipped_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payments.run.col_case')}</th>
                <th scope="col">{t('payments.run.col_reason')}</th>
                <th scope="col">{t('payments.run.col_amount')}</th>
              </tr>
            </thead>
            <tbody>
              {run.skipped.map((s) => (
                <tr>
                  <th scope="row">
                    <a class="kern-link" href={`/sachbearbeitung/antraege/${s.applicationId}`}>
                      {s.reference}
                    </a>
                  </th>
                  <td>{t(`payments.skipped.${s.reason}`)}</td>
                  <td>{formatCents(s.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <h2 class="kern-heading-medium">{t('payments.run.items_heading')}</h2>
      <table class="kern-table">
        <caption class="kern-title">{t('payments.run.items_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.run.col_case')}</th>
            <th scope="col">{t('payments.run.col_payee')}</th>
            <th scope="col">{t('payments.run.col_lines')}</th>
            <th scope="col">{t('payments.run.col_amount')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr>
              <th scope="row">
                <a class="kern-link" href={`/sachbearbeitung/antraege/${i.lines[0]?.application_id ?? ''}`}>
                  {i.case_reference}
                </a>
              </th>
              <td>
                {i.payee_name}
                <br />
                {`${maskedIban(i.payee_iban)} · ${t(`payments.payee.${i.payee_source}`)}`}
              </td>
              <td>
                <ul class="kern-list">
                  {i.lines.map((l) => (
                    <li>
                      {`${t(`payments.kind.${l.kind}`)} ${monthLabel(l.service_month)}: ${l.component} ${formatCents(l.amount_cents)} – ${lineSource(l)}`}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatCents(i.amount_cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Frame>
  )
}
