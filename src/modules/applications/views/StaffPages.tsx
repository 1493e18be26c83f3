// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { Button, CsrfField } from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'
import type { ApplicationStatus } from '../applications.table.js'
import type { SummaryRow } from '../form/form.engine.js'
import { SummarySection } from './CitizenPages.js'

const STATUSES: ApplicationStatus[] = ['submitted', 'in_review']

export interface ListItem {
  id: string
  reference: string
  name: string
  benefit: string
  submittedAt: Date
  status: ApplicationStatus
}

/** Incoming applications, newest first, filterable by status, paged. */
export function ApplicationListPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  items: ListItem[]
  total: number
  page: number
  pages: number
  status: ApplicationStatus | undefined
}) {
  const query = (page: number) => `?${props.status ? `status=${props.status}&` : ''}seite=${page}`
  return (
    <Layout
      title={t('staff.applications.title')}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <h1 class="kern-heading-large">{t('staff.applications.title')}</h1>
      <form method="get" action="/sachbearbeitung/antraege" class="filter-form">
        <div class="kern-form-input">
          <label class="kern-label" for="f-status">
            {t('staff.applications.filter')}
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="f-status" name="status">
              <option value="">{t('staff.applications.filter_all')}</option>
              {STATUSES.map((s) => (
                <option value={s} selected={s === props.status}>
                  {t(`application_status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Button variant="secondary">{t('staff.applications.apply_filter')}</Button>
      </form>
      <p class="kern-body" role="status">
        {t('staff.applications.count', { count: props.total })}
      </p>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('staff.applications.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped">
            <caption class="kern-sr-only">{t('staff.applications.title')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col" class="kern-table__header">
                  {t('staff.applications.col_reference')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('staff.applications.col_name')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('staff.applications.col_benefit')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('staff.applications.col_submitted')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('staff.applications.col_status')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.items.map((item) => (
                <tr>
                  <td class="kern-table__cell">
                    <a class="kern-link" href={`/sachbearbeitung/antraege/${item.id}`}>
                      {item.reference}
                    </a>
                  </td>
                  <td class="kern-table__cell">{item.name}</td>
                  <td class="kern-table__cell">{item.benefit}</td>
                  <td class="kern-table__cell">{formatDateTime(item.submittedAt)}</td>
                  <td class="kern-table__cell">
                    <span
                      class={`kern-badge ${item.status === 'submitted' ? 'kern-badge--info' : 'kern-badge--warning'}`}
                    >
                      <span class="kern-label kern-label--small">
                        {t(`application_status.${item.status}`)}
                      </span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 ? (
        <nav aria-label={t('staff.applications.pagination')} class="pagination">
          <ul class="kern-list kern-list--horizontal">
            {props.page > 1 ? (
              <li>
                <a class="kern-link" href={query(props.page - 1)} rel="prev">
                  {t('staff.applications.previous')}
                </a>
              </li>
            ) : null}
            <li aria-current="page">
              {t('staff.applications.page', { page: props.page })} / {props.pages}
            </li>
            {props.page < props.pages ? (
              <li>
                <a class="kern-link" href={query(props.page + 1)} rel="next">
                  {t('staff.applications.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  )
}

/** Everything a caseworker needs to see of one application. */
export function ApplicationDetailPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  id: string
  reference: string
  benefit: string
  status: ApplicationStatus
  submittedAt: Date
  sections: Array<{ id: string; title: string; rows: SummaryRow[] }>
  documents: Array<{ id: string; name: string; size: string }>
  notice?: string | undefined
}) {
  const title = t('staff.application.title', { reference: props.reference })
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <a class="kern-link back-link" href="/sachbearbeitung/antraege">
        {t('staff.application.back')}
      </a>
      {props.notice ? (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{props.notice}</p>
          </div>
        </div>
      ) : null}
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body kern-body--muted">{t('staff.application.audit_notice')}</p>
      <SummarySection
        id="sec-meta"
        title={t('staff.application.meta')}
        rows={[
          { label: t('staff.application.benefit'), value: props.benefit },
          { label: t('staff.application.submitted_at'), value: formatDateTime(props.submittedAt) },
          { label: t('staff.application.status'), value: t(`application_status.${props.status}`) },
        ]}
      />
      {props.status === 'submitted' ? (
        <form method="post" action={`/sachbearbeitung/antraege/${props.id}/status`}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="status" value="in_review" />
          <Button>{t('staff.application.start_review')}</Button>
        </form>
      ) : null}
      {props.sections.map((s) => (
        <SummarySection id={`sec-${s.id}`} title={s.title} rows={s.rows} />
      ))}
      <section aria-labelledby="sec-documents">
        <h2 class="kern-heading-small" id="sec-documents">
          {t('staff.application.documents')}
        </h2>
        {props.documents.length === 0 ? (
          <p class="kern-body">{t('staff.application.no_documents')}</p>
        ) : (
          <ul class="kern-list">
            {props.documents.map((d) => (
              <li>
                <a class="kern-link" href={`/sachbearbeitung/antraege/${props.id}/dokumente/${d.id}`}>
                  {t('staff.application.download', { name: d.name })}
                </a>{' '}
                ({d.size})
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}
