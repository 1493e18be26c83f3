// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatIsoDate } from '../../../shared/dates.js'
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
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { loadCasePayments } from '../case-payments.service.js'

export type CasePaymentsData = Awaited<ReturnType<typeof loadCasePayments>>

/** The case's payment page: /sachbearbeitung/antraege/:id/zahlungen */
export function casePaymentsPath(applicationId: string): string {
  return `/sachbearbeitung/antraege/${applicationId}/zahlungen`
}

/** The link from the case page to its payment page (one element on the case page). */
export function CasePaymentsLink(props: { applicationId: string }) {
  return (
    <p class="kern-body">
      <a class="kern-link" href={casePaymentsPath(props.applicationId)}>
        {t('payments.case.link')}
      </a>
    </p>
  )
}

const ERROR_ORDER = [
  'kontoinhaber',
  'iban',
  'bic',
  'ab',
  'grund',
  'betrag',
  'zweck',
  'rechtsgrundlage',
  'monat',
]

function monthOf(day: string): string {
  return `${day.slice(5, 7)}/${day.slice(0, 4)}`
}

export function CasePaymentsPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  data: CasePaymentsData
  readOnly: boolean
  values: FieldValues
  errors: FieldErrors
  notice?: string | undefined
}) {
  const { data } = props
  const id = data.application.id
  const base = casePaymentsPath(id)
  const title = t('payments.case.title', { reference: data.application.reference })
  const hasErrors = Object.keys(props.errors).length > 0
  const suspended = data.openSuspension
  return (
    <Layout
      title={title}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href={`/sachbearbeitung/antraege/${id}`}>{t('payments.case.back')}</BackLink>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary errors={props.errors} order={ERROR_ORDER} />
      <Notice text={props.notice} />
      <p class="kern-body">{t('payments.case.intro')}</p>

      <section aria-labelledby="sec-returns">
        <h2 class="kern-heading-medium" id="sec-returns">
          {t('payments.case.returns_heading')}
        </h2>
        {data.returns.length === 0 ? (
          <p class="kern-body">{t('payments.case.returns_none')}</p>
        ) : (
          <DataTable
            caption={t('payments.case.returns_caption')}
            visibleCaption
            head={[
              t('payments.camt.col_e2e'),
              t('payments.camt.col_date'),
              t('payments.camt.col_amount'),
              t('payments.camt.col_reason'),
              t('payments.case.col_state'),
            ]}
            rows={data.returns.map((r) => [
              r.end_to_end_id,
              formatIsoDate(r.booking_date),
              formatCents(r.amount_cents),
              r.reasonLabel,
              t(r.resolved_at ? 'payments.case.return_resolved' : 'payments.case.return_open'),
            ])}
          />
        )}
        {data.account ? (
          <p class="kern-body">
            {t('payments.case.account_recorded', { holder: data.account.holder, iban: data.account.iban })}
          </p>
        ) : null}
        {data.openReturns > 0 && !props.readOnly ? (
          <form method="post" action={`/sachbearbeitung/antraege/${id}/ruecklaeufer`} novalidate>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="seite" value="zahlungen" />
            <h3 class="kern-heading-small">{t('payments.case.resolve_heading')}</h3>
            <p class="kern-body">{t('payments.case.resolve_intro')}</p>
            <TextField
              name="kontoinhaber"
              label={t('payments.case.holder')}
              values={props.values}
              errors={props.errors}
              optional
              autocomplete="off"
            />
            <TextField
              name="iban"
              label={t('payments.case.iban')}
              hint={t('payments.case.iban_hint')}
              values={props.values}
              errors={props.errors}
              optional
              autocomplete="off"
              spellcheck={false}
            />
            <TextField
              name="bic"
              label={t('payments.case.bic')}
              values={props.values}
              errors={props.errors}
              optional
              autocomplete="off"
              spellcheck={false}
              width={4}
            />
            <Button>{t('payments.camt.case_resolve')}</Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="sec-suspension">
        <h2 class="kern-heading-medium" id="sec-suspension">
          {t('payments.case.suspension_heading')}
        </h2>
        <p class="kern-body">
          {data.currentSuspension
            ? data.currentSuspension.valid_to
              ? t('payments.case.suspended_until', {
                  from: formatIsoDate(data.currentSuspension.valid_from),
                  to: formatIsoDate(data.currentSuspension.valid_to),
                  reason: data.currentSuspension.reason,
                })
              : t('payments.case.suspended_since', {
                  from: formatIsoDate(data.currentSuspension.valid_from),
                  reason: data.currentSuspension.reason,
                })
            : t('payments.case.not_suspended')}
        </p>
        {data.suspensions.length > 0 ? (
          <DataTable
            caption={t('payments.case.suspensions_caption')}
            visibleCaption
            head={[t('payments.case.col_from'), t('payments.case.col_to'), t('payments.case.col_reason')]}
            rows={data.suspensions.map((s) => [
              formatIsoDate(s.valid_from),
              s.valid_to ? formatIsoDate(s.valid_to) : t('payments.case.open_end'),
              s.end_reason ? `${s.reason} – ${s.end_reason}` : s.reason,
            ])}
          />
        ) : null}
        {props.readOnly ? null : (
          <form method="post" action={`${base}/${suspended ? 'fortsetzen' : 'einstellen'}`} novalidate>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">
              {t(suspended ? 'payments.case.resume_heading' : 'payments.case.suspend_heading')}
            </h3>
            <TextField
              name="ab"
              label={t(suspended ? 'payments.case.resume_from' : 'payments.case.suspend_from')}
              hint={t('payments.case.date_hint')}
              values={props.values}
              errors={props.errors}
              inputmode="numeric"
              width={4}
            />
            <TextArea
              name="grund"
              label={t('payments.case.reason')}
              values={props.values}
              errors={props.errors}
              rows={3}
              maxlength={1000}
            />
            <Button>{t(suspended ? 'payments.case.resume' : 'payments.case.suspend')}</Button>
          </form>
        )}
      </section>

      <section aria-labelledby="sec-one-offs">
        <h2 class="kern-heading-medium" id="sec-one-offs">
          {t('payments.case.one_offs_heading')}
        </h2>
        {data.oneOffs.length === 0 ? (
          <p class="kern-body">{t('payments.case.one_offs_none')}</p>
        ) : (
          <DataTable
            caption={t('payments.case.one_offs_caption')}
            visibleCaption
            head={[
              t('payments.case.purpose'),
              t('payments.camt.col_amount'),
              t('payments.case.legal_basis'),
              t('payments.case.due_month'),
              t('payments.case.col_state'),
            ]}
            rows={data.oneOffs.map((o) => [
              o.label,
              formatCents(o.amount_cents),
              o.legal_basis,
              monthOf(o.due_on),
              t(o.paid ? 'payments.case.one_off_paid' : 'payments.case.one_off_open'),
            ])}
          />
        )}
        {props.readOnly ? null : (
          <form method="post" action={`${base}/einmalige-leistung`} novalidate>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">{t('payments.case.one_off_heading')}</h3>
            <TextField
              name="betrag"
              label={t('payments.case.amount')}
              hint={t('payments.case.amount_hint')}
              values={props.values}
              errors={props.errors}
              inputmode="decimal"
              width={4}
            />
            <TextField
              name="zweck"
              label={t('payments.case.purpose')}
              hint={t('payments.case.purpose_hint')}
              values={props.values}
              errors={props.errors}
            />
            <TextField
              name="rechtsgrundlage"
              label={t('payments.case.legal_basis')}
              hint={t('payments.case.legal_basis_hint')}
              values={props.values}
              errors={props.errors}
            />
            <TextField
              name="monat"
              label={t('payments.case.due_month')}
              hint={t('payments.case.due_month_hint')}
              values={props.values}
              errors={props.errors}
              inputmode="numeric"
              width={4}
            />
            <Button>{t('payments.case.one_off_submit')}</Button>
          </form>
        )}
      </section>
    </Layout>
  )
}
