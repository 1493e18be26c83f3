// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DataTable } from '../../../views/components/data-table.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  TextArea,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'

export const EXCEPTIONS_PATH = '/zahlungen/kontoauszug/klaerung'

export interface ExceptionRow {
  id: string
  kind: 'unmatched' | 'amount_mismatch'
  entry_reference: string
  booking_date: string
  direction: 'credit' | 'debit'
  amount_cents: number
  expected_cents: number | null
  end_to_end_id: string | null
  why: string
  resolved_at: Date | null
  resolution_note: string | null
  statement_id: string
  case_reference: string | null
  resolved_by_name: string | null
}

function amountOf(x: ExceptionRow): string {
  return `${x.direction === 'debit' ? '−' : '+'}${formatCents(x.amount_cents)}`
}

const HEAD = [
  'payments.camt.col_entry',
  'payments.exceptions.col_statement',
  'payments.camt.col_date',
  'payments.camt.col_e2e',
  'payments.camt.col_amount',
  'payments.camt.col_reason',
  'payments.exceptions.col_resolution',
] as const

/** The cells every kept entry shows, before its last column. */
function entryCells(x: ExceptionRow): Child[] {
  return [
    x.entry_reference,
    x.statement_id,
    formatIsoDate(x.booking_date),
    x.end_to_end_id ?? '–',
    amountOf(x),
    `${t(`payments.exceptions.kind_${x.kind}`)}: ${x.why}`,
  ]
}

/** The list of kept statement entries: open ones with a link to resolve each, then the last resolved. */
export function StatementExceptionsPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  open: ExceptionRow[]
  resolved: ExceptionRow[]
  notice?: string | undefined
}) {
  const title = t('payments.exceptions.title')
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <BackLink href="/zahlungen">{t('payments.nav.runs')}</BackLink>
      <h1 class="kern-heading-large">{title}</h1>
      <Notice text={props.notice} />
      <p class="kern-body">{t('payments.exceptions.intro')}</p>
      <h2 class="kern-heading-medium">{t('payments.exceptions.open_heading')}</h2>
      {props.open.length === 0 ? (
        <p class="kern-body">{t('payments.exceptions.none_open')}</p>
      ) : (
        <DataTable
          caption={t('payments.exceptions.open_caption')}
          visibleCaption
          head={HEAD.map((key) => t(key))}
          rows={props.open.map((x) => [
            ...entryCells(x),
            <a class="kern-link" href={`${EXCEPTIONS_PATH}/${x.id}`}>
              {t('payments.exceptions.resolve')}
              <span class="kern-sr-only">{` ${x.entry_reference}`}</span>
            </a>,
          ])}
        />
      )}
      {props.resolved.length > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t('payments.exceptions.resolved_heading')}</h2>
          <DataTable
            caption={t('payments.exceptions.resolved_caption')}
            visibleCaption
            head={HEAD.map((key) => t(key))}
            rows={props.resolved.map((x) => [
              ...entryCells(x),
              t('payments.exceptions.resolved_by', {
                name: x.resolved_by_name ?? '',
                at: x.resolved_at ? formatDateTime(x.resolved_at) : '',
                note: x.resolution_note ?? '',
              }),
            ])}
          />
        </>
      ) : null}
    </Layout>
  )
}

/** One open entry with the form to mark it resolved with a note. */
export function StatementExceptionPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  row: ExceptionRow
  values: FieldValues
  errors: FieldErrors
}) {
  const x = props.row
  const title = `${t('payments.exceptions.resolve')}: ${x.entry_reference}`
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(props.errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href={EXCEPTIONS_PATH}>{t('payments.exceptions.title')}</BackLink>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary errors={props.errors} order={['vermerk']} />
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.exceptions.col_statement')}</dt>
          <dd class="kern-description-list-item__value">{x.statement_id}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.camt.col_date')}</dt>
          <dd class="kern-description-list-item__value">{formatIsoDate(x.booking_date)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.camt.col_amount')}</dt>
          <dd class="kern-description-list-item__value">{amountOf(x)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payments.camt.col_reason')}</dt>
          <dd class="kern-description-list-item__value">{`${t(`payments.exceptions.kind_${x.kind}`)}: ${x.why}`}</dd>
        </div>
      </dl>
      <form method="post" action={`${EXCEPTIONS_PATH}/${x.id}`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextArea
          name="vermerk"
          label={t('payments.exceptions.note_label')}
          hint={t('payments.exceptions.note_hint')}
          values={props.values}
          errors={props.errors}
          maxlength={1000}
        />
        <Button>{t('payments.exceptions.resolve')}</Button>
      </form>
    </Layout>
  )
}
