// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  FileField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'
import { returnReasonLabel } from '../camt.js'
import type { ImportResult } from '../statement.service.js'

export const STATEMENT_IMPORT_PATH = '/zahlungen/kontoauszug/einlesen'

/** The upload form; shown on the run list and on the result page. */
export function StatementUploadForm(props: { csrfToken: string; errors?: FieldErrors }) {
  return (
    <form method="post" action={STATEMENT_IMPORT_PATH} enctype="multipart/form-data" novalidate>
      <CsrfField token={props.csrfToken} />
      <h2 class="kern-heading-medium">{t('payments.camt.upload_heading')}</h2>
      <p class="kern-body">{t('payments.camt.upload_intro')}</p>
      <FileField
        name="file"
        label={t('payments.camt.upload_label')}
        hint={t('payments.camt.upload_hint')}
        errors={props.errors ?? {}}
        accept=".xml,application/xml,text/xml"
      />
      <Button>{t('payments.camt.upload_submit')}</Button>
      <p class="kern-body">
        <a class="kern-link" href="/zahlungen/kontoauszug/klaerung">
          {t('payments.exceptions.link')}
        </a>
      </p>
    </form>
  )
}

export function StatementPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  errors: FieldErrors
  result: ImportResult | null
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  const r = props.result
  const title = r
    ? t('payments.camt.result_title', { statement: r.statementId })
    : t('payments.camt.upload_heading')
  return (
    <Layout
      title={title}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href="/zahlungen">{t('payments.nav.runs')}</BackLink>
      <h1 class="kern-heading-large">{title}</h1>
      <ErrorSummary errors={props.errors} order={['file']} />
      {r ? (
        <>
          <div class="kern-alert kern-alert--success" role="status">
            <div class="kern-alert__body">
              <p class="kern-body">
                {t('payments.camt.result_summary', {
                  executed: String(r.executed.length),
                  returned: String(r.returned.length),
                  already: String(r.already),
                  unmatched: String(r.unmatched.length),
                  mismatched: String(r.mismatched.length),
                })}
              </p>
            </div>
          </div>
          {r.returned.length > 0 ? (
            <>
              <h2 class="kern-heading-medium">{t('payments.camt.result_returned_heading')}</h2>
              <table class="kern-table">
                <caption class="kern-title">{t('payments.camt.result_returned_heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payments.camt.col_case')}</th>
                    <th scope="col">{t('payments.camt.col_date')}</th>
                    <th scope="col">{t('payments.camt.col_amount')}</th>
                    <th scope="col">{t('payments.camt.col_reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.returned.map((l) => (
                    <tr>
                      <th scope="row">{l.caseReference}</th>
                      <td>{formatIsoDate(l.bookingDate)}</td>
                      <td>{formatCents(l.amountCents)}</td>
                      <td>{returnReasonLabel(l.returnReason)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {r.mismatched.length > 0 ? (
            <>
              <h2 class="kern-heading-medium">{t('payments.camt.result_mismatch_heading')}</h2>
              <p class="kern-body">{t('payments.camt.result_mismatch_intro')}</p>
              <table class="kern-table">
                <caption class="kern-title">{t('payments.camt.result_mismatch_heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payments.camt.col_case')}</th>
                    <th scope="col">{t('payments.camt.col_date')}</th>
                    <th scope="col">{t('payments.camt.col_amount')}</th>
                    <th scope="col">{t('payments.camt.col_bank_amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.mismatched.map((l) => (
                    <tr>
                      <th scope="row">{l.caseReference}</th>
                      <td>{formatIsoDate(l.bookingDate)}</td>
                      <td>{formatCents(l.amountCents)}</td>
                      <td>{formatCents(l.bankAmountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {r.unmatched.length > 0 ? (
            <>
              <h2 class="kern-heading-medium">{t('payments.camt.result_unmatched_heading')}</h2>
              <p class="kern-body">{t('payments.camt.result_unmatched_intro')}</p>
              <table class="kern-table">
                <caption class="kern-title">{t('payments.camt.result_unmatched_heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payments.camt.col_entry')}</th>
                    <th scope="col">{t('payments.camt.col_date')}</th>
                    <th scope="col">{t('payments.camt.col_e2e')}</th>
                    <th scope="col">{t('payments.camt.col_amount')}</th>
                    <th scope="col">{t('payments.camt.col_reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.unmatched.map((l) => (
                    <tr>
                      <th scope="row">{l.entry}</th>
                      <td>{formatIsoDate(l.bookingDate)}</td>
                      <td>{l.endToEndId ?? '–'}</td>
                      <td>{`${l.direction === 'debit' ? '−' : '+'}${formatCents(l.amountCents)}`}</td>
                      <td>{l.why}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}
      <StatementUploadForm csrfToken={props.csrfToken} errors={props.errors} />
    </Layout>
  )
}
