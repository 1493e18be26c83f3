// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type Option,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { ApplicationStatus } from '../../applications/applications.table.js'
import { BreakGlassInboxNotice } from '../../breakglass/views/BreakGlassMarks.js'
import type { InboxView } from '../cases.service.js'
import type { DeadlineKind } from '../cases.table.js'
import type { DeadlineState } from '../priority-rules.js'
import { ReassignFieldset } from './ReassignFieldset.js'

export interface InboxItem {
  id: string
  reference: string
  name: string
  benefit: string
  status: ApplicationStatus
  submittedAt: Date
  postTitle: string | null
  /** "i.V." when the post is one she covers */
  covered: boolean
  priorityClass: number
  deadline: { kind: DeadlineKind; at: Date; state: DeadlineState; days: number } | null
}

export interface InboxPostSummary {
  title: string
  covered: boolean
  open: number
}

export interface InboxPageProps {
  staff: StaffPrincipal
  csrfToken: string
  view: InboxView
  isLead: boolean
  approvals: number
  posts: InboxPostSummary[]
  statusCounts: Array<{ status: ApplicationStatus; count: number }>
  total: number
  items: InboxItem[]
  filter: { q: string; status: string; benefit: string; team: string }
  benefitOptions: Option[]
  teamOptions: Option[]
  statusOptions: Option[]
  nextHref: string | undefined
  firstHref: string | undefined
  /** Leads in the unit view and the fallback queue may reassign. */
  assignTargets: Option[] | undefined
  notice?: string | undefined
  /** Errors of the reassignment form. */
  errors?: FieldErrors | undefined
}

const VIEWS: Array<{
  view: InboxView
  href: string
  key: 'inbox.view_mine' | 'inbox.view_unit' | 'inbox.view_fallback'
}> = [
  { view: 'mine', href: '/sachbearbeitung/antraege', key: 'inbox.view_mine' },
  { view: 'unit', href: '/sachbearbeitung/antraege?ansicht=einheit', key: 'inbox.view_unit' },
  {
    view: 'fallback',
    href: '/sachbearbeitung/antraege?ansicht=ohne-zustaendigkeit',
    key: 'inbox.view_fallback',
  },
]

function PriorityCell({ item }: { item: InboxItem }) {
  const cls = t(`inbox.class_${item.priorityClass as 0 | 1 | 2}`)
  if (!item.deadline) {
    return <>{cls}</>
  }
  const when = formatIsoDate(item.deadline.at.toISOString().slice(0, 10))
  const state =
    item.deadline.state === 'overdue'
      ? t('inbox.deadline_overdue', { days: -item.deadline.days })
      : t('inbox.deadline_left', { days: item.deadline.days })
  return (
    <>
      {cls}
      <br />
      <span class={item.deadline.state === 'open' ? undefined : 'deadline-risk'}>
        {item.deadline.state === 'open' ? null : (
          <strong>{item.deadline.state === 'overdue' ? t('inbox.overdue') : t('inbox.at_risk')} </strong>
        )}
        {t(`inbox.deadline_${item.deadline.kind}`)}: {when} ({state})
      </span>
    </>
  )
}

/** The workbench inbox: cases in priority order, with why each is where it is. */
export function InboxPage(props: InboxPageProps) {
  const title = t(VIEWS.find((v) => v.view === props.view)?.key ?? 'inbox.view_mine')
  const selectable = props.assignTargets !== undefined && props.items.length > 0
  const table = (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-sr-only">{title}</caption>
        <thead class="kern-table__header">
          <tr>
            {selectable ? (
              <th scope="col" class="kern-table__header">
                {t('inbox.col_select')}
              </th>
            ) : null}
            <th scope="col" class="kern-table__header">
              {t('inbox.col_reference')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_name')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_benefit')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_status')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_post')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_priority')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('inbox.col_submitted')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.items.map((item) => (
            <tr>
              {selectable ? (
                <td class="kern-table__cell">
                  <input
                    class="kern-form-check__input"
                    type="checkbox"
                    name="faelle"
                    value={item.id}
                    id={`sel-${item.id}`}
                    aria-label={t('inbox.select_case', { reference: item.reference })}
                  />
                </td>
              ) : null}
              <td class="kern-table__cell">
                <a class="kern-link" href={`/sachbearbeitung/antraege/${item.id}`}>
                  {item.reference}
                </a>
              </td>
              <td class="kern-table__cell">{item.name}</td>
              <td class="kern-table__cell">{item.benefit}</td>
              <td class="kern-table__cell">{t(`application_status.${item.status}`)}</td>
              <td class="kern-table__cell">
                {item.postTitle === null ? (
                  t('inbox.no_post')
                ) : item.covered ? (
                  <>
                    <abbr title={t('inbox.covered_long')}>{t('inbox.covered')}</abbr> {item.postTitle}
                  </>
                ) : (
                  item.postTitle
                )}
              </td>
              <td class="kern-table__cell">
                <PriorityCell item={item} />
              </td>
              <td class="kern-table__cell">{formatDateTime(item.submittedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return (
    <Layout
      title={title}
      hasErrors={props.errors !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      {props.errors ? <ErrorSummary errors={props.errors} /> : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <BreakGlassInboxNotice />
      <nav aria-label={t('inbox.views')}>
        <ul class="kern-list kern-list--horizontal">
          {VIEWS.filter((v) => v.view === 'mine' || props.isLead).map((v) => (
            <li>
              <a class="kern-link" href={v.href} aria-current={v.view === props.view ? 'page' : undefined}>
                {t(v.key)}
              </a>
            </li>
          ))}
          <li>
            <a class="kern-link" href="/sachbearbeitung/freigaben">
              {t('inbox.approvals', { count: props.approvals })}
            </a>
          </li>
        </ul>
      </nav>
      {props.view === 'mine' ? (
        <section aria-labelledby="my-posts">
          <h2 class="kern-heading-small" id="my-posts">
            {t('inbox.my_posts')}
          </h2>
          {props.posts.length === 0 ? (
            <p class="kern-body">{t('inbox.no_posts')}</p>
          ) : (
            <ul class="kern-list">
              {props.posts.map((p) => (
                <li>
                  {p.covered ? <abbr title={t('inbox.covered_long')}>{t('inbox.covered')} </abbr> : null}
                  {p.title}: {t('inbox.open_cases', { count: p.open })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <p class="kern-body" role="status">
        {t('inbox.total', { count: props.total })}
        {props.statusCounts.length > 0
          ? ` (${props.statusCounts.map((s) => `${t(`application_status.${s.status}`)}: ${s.count}`).join(', ')})`
          : ''}
      </p>
      <details class="priority-explanation">
        <summary class="kern-body">{t('inbox.order_title')}</summary>
        <ol class="kern-list">
          <li>{t('inbox.order_1')}</li>
          <li>{t('inbox.order_2')}</li>
          <li>{t('inbox.order_3')}</li>
          <li>{t('inbox.order_4')}</li>
        </ol>
      </details>
      <form method="get" action="/sachbearbeitung/antraege" class="filter-form">
        {props.view === 'mine' ? null : (
          <input
            type="hidden"
            name="ansicht"
            value={props.view === 'unit' ? 'einheit' : 'ohne-zustaendigkeit'}
          />
        )}
        <TextField
          name="q"
          label={t('inbox.search')}
          hint={t('inbox.search_hint')}
          values={props.filter}
          errors={{}}
          optional
        />
        <SelectField
          name="benefit"
          label={t('inbox.filter_benefit')}
          options={props.benefitOptions}
          values={props.filter}
          errors={{}}
        />
        <SelectField
          name="status"
          label={t('inbox.filter_status')}
          options={props.statusOptions}
          values={props.filter}
          errors={{}}
        />
        {props.teamOptions.length > 2 ? (
          <SelectField
            name="team"
            label={t('inbox.filter_team')}
            options={props.teamOptions}
            values={props.filter}
            errors={{}}
          />
        ) : null}
        <Button variant="secondary">{t('inbox.apply_filter')}</Button>
      </form>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('inbox.none')}</p>
      ) : selectable ? (
        <form method="post" action="/sachbearbeitung/faelle/zuweisen" class="kern-stack">
          <CsrfField token={props.csrfToken} />
          {table}
          <ReassignFieldset
            options={props.assignTargets ?? []}
            values={{}}
            errors={{}}
            legendClass="kern-label"
          />
        </form>
      ) : (
        table
      )}
      {props.nextHref || props.firstHref ? (
        <nav aria-label={t('inbox.pagination')} class="pagination">
          <ul class="kern-list kern-list--horizontal">
            {props.firstHref ? (
              <li>
                <a class="kern-link" href={props.firstHref}>
                  {t('inbox.first_page')}
                </a>
              </li>
            ) : null}
            {props.nextHref ? (
              <li>
                <a class="kern-link" href={props.nextHref} rel="next">
                  {t('inbox.next_page')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  )
}
