// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { type MessageKey, t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DataTable } from '../../../views/components/data-table.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  FileField,
  type Option,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { TimelineSection } from '../../../views/components/timeline.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { ComplaintChannel, ComplaintStatus, RoutingDecision } from '../complaints.table.js'
import { Paragraphs } from './Fields.js'

export function statusLabel(status: ComplaintStatus): string {
  return t(`complaints.status.${status}` as MessageKey)
}

export function channelLabel(channel: ComplaintChannel | string): string {
  return t(`complaints.channel.${channel}` as MessageKey)
}

/** "zuständig: Grundsicherung A–K – Teamleitung 2.500.11, i.V. Anna Beispiel" */
export function routingText(r: RoutingDecision): string {
  const unit = r.unitName ?? t('complaints.routing.no_unit')
  const post = r.postTitle ? ` – ${r.postTitle}` : ''
  const person = r.actingName
    ? `, ${r.actingKind === 'holder' ? r.actingName : t('complaints.routing.on_behalf', { name: r.actingName })}`
    : r.postTitle
      ? ` (${t('complaints.routing.nobody')})`
      : ''
  return t('complaints.routing.responsible', { who: `${unit}${post}${person}` })
}

function StatusBadges(props: { status: ComplaintStatus; escalated: boolean; overdue: boolean }) {
  const tone = props.status === 'closed' || props.status === 'answered' ? 'success' : 'info'
  return (
    <>
      <span class={`kern-badge kern-badge--${tone}`}>
        <span class="kern-label kern-label--small">{statusLabel(props.status)}</span>
      </span>{' '}
      {props.escalated ? (
        <span class="kern-badge kern-badge--danger">
          <span class="kern-label kern-label--small">{t('complaints.list.escalated')}</span>
        </span>
      ) : props.overdue ? (
        <span class="kern-badge kern-badge--warning">
          <span class="kern-label kern-label--small">{t('complaints.list.overdue')}</span>
        </span>
      ) : null}
    </>
  )
}

export interface ComplaintListItem {
  id: string
  reference: string
  status: ComplaintStatus
  escalated: boolean
  overdue: boolean
  receivedAt: Date
  category: string
  unit: string | null
  responseDueOn: string
}

/** The complaints a staff member may see, with filters (status, category, unit, overdue). */
export function ComplaintListPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  items: ComplaintListItem[]
  total: number
  page: number
  pages: number
  filter: FieldValues
  categories: Option[]
  units: Option[]
  statuses: Option[]
  notice?: string | undefined
  mayReport: boolean
}) {
  const query = (page: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(props.filter)) {
      if (v) {
        params.set(k, v)
      }
    }
    params.set('seite', String(page))
    return `?${params.toString()}`
  }
  return (
    <Layout title={t('complaints.list.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{t('complaints.list.title')}</h1>
      <ul class="kern-list kern-list--horizontal">
        <li>
          <a class="kern-link" href="/beschwerden/neu">
            {t('complaints.list.new')}
          </a>
        </li>
        {props.mayReport ? (
          <li>
            <a class="kern-link" href="/beschwerden/auswertung">
              {t('complaints.list.reports')}
            </a>
          </li>
        ) : null}
      </ul>
      <form method="get" action="/beschwerden" class="filter-form">
        <SelectField
          name="status"
          label={t('complaints.list.filter_status')}
          options={props.statuses}
          values={props.filter}
          errors={{}}
        />
        <SelectField
          name="kategorie"
          label={t('complaints.list.filter_category')}
          options={props.categories}
          values={props.filter}
          errors={{}}
        />
        <SelectField
          name="einheit"
          label={t('complaints.list.filter_unit')}
          options={props.units}
          values={props.filter}
          errors={{}}
        />
        <div class="kern-form-check">
          <input
            class="kern-form-check__checkbox"
            type="checkbox"
            id="f-ueberfaellig"
            name="ueberfaellig"
            value="ja"
            checked={props.filter.ueberfaellig === 'ja'}
          />
          <label class="kern-label" for="f-ueberfaellig">
            {t('complaints.list.filter_overdue')}
          </label>
        </div>
        <Button variant="secondary">{t('complaints.list.apply_filter')}</Button>
      </form>
      <p class="kern-body" role="status">
        {t('complaints.list.count', { count: props.total })}
      </p>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('complaints.list.none')}</p>
      ) : (
        <DataTable
          caption={t('complaints.list.title')}
          head={[
            t('complaints.list.col_reference'),
            t('complaints.list.col_received'),
            t('complaints.list.col_category'),
            t('complaints.list.col_unit'),
            t('complaints.list.col_due'),
            t('complaints.list.col_status'),
          ]}
          rows={props.items.map((item) => [
            <a class="kern-link" href={`/beschwerden/${item.id}`}>
              {item.reference}
            </a>,
            formatDateTime(item.receivedAt),
            item.category,
            item.unit ?? t('complaints.routing.no_unit'),
            formatIsoDate(item.responseDueOn),
            <StatusBadges status={item.status} escalated={item.escalated} overdue={item.overdue} />,
          ])}
        />
      )}
      {props.pages > 1 ? (
        <nav aria-label={t('complaints.list.pagination')} class="pagination">
          <ul class="kern-list kern-list--horizontal">
            {props.page > 1 ? (
              <li>
                <a class="kern-link" href={query(props.page - 1)} rel="prev">
                  {t('complaints.list.previous')}
                </a>
              </li>
            ) : null}
            <li aria-current="page">
              {t('complaints.list.page', { page: props.page })} / {props.pages}
            </li>
            {props.page < props.pages ? (
              <li>
                <a class="kern-link" href={query(props.page + 1)} rel="next">
                  {t('complaints.list.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  )
}

export const INTAKE_FIELD_ORDER = [
  'channel',
  'category',
  'description',
  'caseReference',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactAddress',
  'attachments',
]

/** Staff entry of a complaint received by phone, letter or in person. */
export function ComplaintIntakePage(props: {
  staff: StaffPrincipal
  csrfToken: string
  categories: Option[]
  channels: Option[]
  values: FieldValues
  errors: FieldErrors
  maxFileSize: string
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={t('complaints.intake.title')}
      staff={staffFrame(props.staff, props.csrfToken)}
      hasErrors={hasErrors}
    >
      <BackLink href="/beschwerden">{t('complaints.detail.back')}</BackLink>
      <ErrorSummary errors={props.errors} order={INTAKE_FIELD_ORDER} />
      <h1 class="kern-heading-large">{t('complaints.intake.title')}</h1>
      <form method="post" action="/beschwerden/neu" enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrfToken} />
        <RadioGroup
          name="channel"
          label={t('complaints.intake.channel')}
          options={props.channels}
          values={props.values}
          errors={props.errors}
        />
        <SelectField
          name="category"
          label={t('complaints.intake.category')}
          options={props.categories}
          values={props.values}
          errors={props.errors}
        />
        <TextArea
          name="description"
          label={t('complaints.intake.description')}
          hint={t('complaints.intake.description_hint')}
          values={props.values}
          errors={props.errors}
          rows={8}
        />
        <TextField
          name="caseReference"
          label={t('complaints.form.case_reference')}
          values={props.values}
          errors={props.errors}
          optional
          spellcheck={false}
        />
        <TextField
          name="contactName"
          label={t('complaints.form.name')}
          values={props.values}
          errors={props.errors}
          optional
        />
        <TextField
          name="contactEmail"
          label={t('complaints.form.email')}
          type="email"
          values={props.values}
          errors={props.errors}
          optional
          spellcheck={false}
        />
        <TextField
          name="contactPhone"
          label={t('complaints.form.phone')}
          type="tel"
          values={props.values}
          errors={props.errors}
          optional
        />
        <TextArea
          name="contactAddress"
          label={t('complaints.form.address')}
          values={props.values}
          errors={props.errors}
          rows={3}
          optional
        />
        <FileField
          name="attachments"
          optional
          multiple
          unpadded
          label={t('complaints.intake.attachments')}
          hint={t('complaints.form.attachments_hint', { max: props.maxFileSize })}
          errors={props.errors}
        />
        <Button>{t('complaints.intake.submit')}</Button>
      </form>
    </Layout>
  )
}

export interface DetailView {
  id: string
  reference: string
  status: ComplaintStatus
  escalated: boolean
  category: string
  channel: ComplaintChannel
  receivedAt: Date
  ackDueOn: string
  responseDueOn: string
  routing: RoutingDecision
  caseMention: { reference: string; applicationId: string | null } | null
  description: string
  contact: { name: string | null; email: string | null; phone: string | null; address: string | null }
  attachments: Array<{ id: string; name: string; size: string; kind: 'evidence' | 'reply_letter' }>
  reply: { channel: 'email' | 'letter'; text: string } | null
  rootCause: { label: string; note: string | null; measure: string | null } | null
  feedback: { rating: number; comment: string | null } | null
  events: Array<{ at: Date; text: string; actor: string | null }>
}

export const DETAIL_FIELD_ORDER = [
  'unitId',
  'replyChannel',
  'replyText',
  'rootCause',
  'rootCauseNote',
  'measure',
]

/** One complaint: facts, routing decision, text, contact, attachments, outcome, actions and timeline. */
export function ComplaintDetailPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  complaint: DetailView
  units: Option[]
  rootCauses: Option[]
  mayForward: boolean
  values: FieldValues
  errors: FieldErrors
  notice?: string | undefined
}) {
  const c = props.complaint
  const title = t('complaints.detail.title', { reference: c.reference })
  const open = c.status === 'received' || c.status === 'acknowledged' || c.status === 'in_progress'
  const hasErrors = Object.keys(props.errors).length > 0
  const base = `/beschwerden/${c.id}`
  const contactRows = [
    { label: t('complaints.form.name'), value: c.contact.name },
    { label: t('complaints.form.email'), value: c.contact.email },
    { label: t('complaints.form.phone'), value: c.contact.phone },
    { label: t('complaints.form.address'), value: c.contact.address },
  ].filter((r): r is { label: string; value: string } => r.value !== null)
  return (
    <Layout title={title} staff={staffFrame(props.staff, props.csrfToken)} hasErrors={hasErrors}>
      <BackLink href="/beschwerden">{t('complaints.detail.back')}</BackLink>
      <Notice text={props.notice} />
      <ErrorSummary errors={props.errors} order={DETAIL_FIELD_ORDER} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body kern-body--muted">{t('complaints.detail.audit_notice')}</p>
      <section aria-labelledby="sec-facts">
        <h2 class="kern-heading-small" id="sec-facts">
          {t('complaints.detail.facts')}
        </h2>
        <DescriptionList
          rows={[
            {
              label: t('complaints.detail.status'),
              value: <StatusBadges status={c.status} escalated={c.escalated} overdue={false} />,
            },
            { label: t('complaints.detail.category'), value: c.category },
            { label: t('complaints.detail.channel'), value: channelLabel(c.channel) },
            { label: t('complaints.detail.received_at'), value: formatDateTime(c.receivedAt) },
            { label: t('complaints.detail.ack_due'), value: formatIsoDate(c.ackDueOn) },
            { label: t('complaints.detail.response_due'), value: formatIsoDate(c.responseDueOn) },
            {
              label: t('complaints.detail.routing'),
              value: (
                <>
                  <span class="routing-decision">{routingText(c.routing)}</span>{' '}
                  <span class="kern-body--muted">
                    ({t(`complaints.routing.reason_${c.routing.reason}` as MessageKey)})
                  </span>
                </>
              ),
            },
            ...(c.caseMention
              ? [
                  {
                    label: t('complaints.detail.case'),
                    value: c.caseMention.applicationId ? (
                      <a class="kern-link" href={`/sachbearbeitung/antraege/${c.caseMention.applicationId}`}>
                        {c.caseMention.reference}
                      </a>
                    ) : (
                      <span class="case-reference">{c.caseMention.reference}</span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
      <section aria-labelledby="sec-description">
        <h2 class="kern-heading-small" id="sec-description">
          {t('complaints.detail.description')}
        </h2>
        <Paragraphs text={c.description} />
      </section>
      <section aria-labelledby="sec-contact">
        <h2 class="kern-heading-small" id="sec-contact">
          {t('complaints.detail.contact')}
        </h2>
        {contactRows.length === 0 ? (
          <p class="kern-body">{t('complaints.detail.anonymous')}</p>
        ) : (
          <DescriptionList rows={contactRows} />
        )}
      </section>
      <section aria-labelledby="sec-attachments">
        <h2 class="kern-heading-small" id="sec-attachments">
          {t('complaints.detail.attachments')}
        </h2>
        {c.attachments.length === 0 ? (
          <p class="kern-body">{t('complaints.detail.no_attachments')}</p>
        ) : (
          <ul class="kern-list">
            {c.attachments.map((a) => (
              <li>
                <a class="kern-link" href={`${base}/anlagen/${a.id}`}>
                  {t(
                    a.kind === 'reply_letter'
                      ? 'complaints.detail.download_letter'
                      : 'complaints.detail.download',
                    { name: a.name },
                  )}
                </a>{' '}
                ({a.size})
              </li>
            ))}
          </ul>
        )}
      </section>
      {c.reply ? (
        <section aria-labelledby="sec-reply">
          <h2 class="kern-heading-small" id="sec-reply">
            {t('complaints.detail.reply', {
              channel: t(`complaints.reply_channel.${c.reply.channel}` as MessageKey),
            })}
          </h2>
          <Paragraphs text={c.reply.text} />
        </section>
      ) : null}
      {c.rootCause ? (
        <section aria-labelledby="sec-root-cause">
          <h2 class="kern-heading-small" id="sec-root-cause">
            {t('complaints.detail.root_cause')}
          </h2>
          <DescriptionList
            rows={[
              { label: t('complaints.detail.root_cause_label'), value: c.rootCause.label },
              ...(c.rootCause.note
                ? [{ label: t('complaints.detail.root_cause_note'), value: c.rootCause.note }]
                : []),
              ...(c.rootCause.measure
                ? [{ label: t('complaints.detail.measure'), value: c.rootCause.measure }]
                : []),
            ]}
          />
        </section>
      ) : null}
      {c.feedback ? (
        <section aria-labelledby="sec-feedback">
          <h2 class="kern-heading-small" id="sec-feedback">
            {t('complaints.detail.feedback')}
          </h2>
          <p class="kern-body">{t('complaints.detail.feedback_rating', { rating: c.feedback.rating })}</p>
          {c.feedback.comment ? <Paragraphs text={c.feedback.comment} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="sec-actions">
        <h2 class="kern-heading-medium" id="sec-actions">
          {t('complaints.detail.actions')}
        </h2>
        {c.status === 'received' ? (
          <form method="post" action={`${base}/bestaetigen`}>
            <CsrfField token={props.csrfToken} />
            <p class="kern-body">
              {t(
                c.contact.email ? 'complaints.detail.ack_hint_email' : 'complaints.detail.ack_hint_no_email',
              )}
            </p>
            <Button>{t('complaints.detail.acknowledge')}</Button>
          </form>
        ) : null}
        {open && props.mayForward ? (
          <form method="post" action={`${base}/weiterleiten`}>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">{t('complaints.detail.forward')}</h3>
            <SelectField
              name="unitId"
              label={t('complaints.detail.forward_unit')}
              options={props.units}
              values={props.values}
              errors={props.errors}
            />
            <Button variant="secondary">{t('complaints.detail.forward_submit')}</Button>
          </form>
        ) : null}
        {open ? (
          <form method="post" action={`${base}/antworten`} novalidate>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">{t('complaints.detail.reply_title')}</h3>
            <RadioGroup
              name="replyChannel"
              label={t('complaints.detail.reply_channel')}
              options={[
                ...(c.contact.email ? [{ value: 'email', label: t('complaints.reply_channel.email') }] : []),
                { value: 'letter', label: t('complaints.reply_channel.letter') },
              ]}
              values={props.values}
              errors={props.errors}
            />
            <TextArea
              name="replyText"
              label={t('complaints.detail.reply_text')}
              values={props.values}
              errors={props.errors}
              rows={10}
            />
            <Button>{t('complaints.detail.reply_submit')}</Button>
          </form>
        ) : null}
        {c.status !== 'closed' ? (
          <form method="post" action={`${base}/ursache`} novalidate>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">{t('complaints.detail.root_cause_title')}</h3>
            <SelectField
              name="rootCause"
              label={t('complaints.detail.root_cause_label')}
              options={props.rootCauses}
              values={props.values}
              errors={props.errors}
            />
            <TextArea
              name="rootCauseNote"
              label={t('complaints.detail.root_cause_note')}
              values={props.values}
              errors={props.errors}
              rows={3}
              optional
            />
            <TextArea
              name="measure"
              label={t('complaints.detail.measure')}
              values={props.values}
              errors={props.errors}
              rows={3}
              optional
            />
            <Button variant="secondary">{t('complaints.detail.root_cause_submit')}</Button>
          </form>
        ) : null}
        {c.status === 'answered' ? (
          <form method="post" action={`${base}/abschliessen`}>
            <CsrfField token={props.csrfToken} />
            <h3 class="kern-heading-small">{t('complaints.detail.close_title')}</h3>
            <p class="kern-body">{t('complaints.detail.close_hint')}</p>
            <Button>{t('complaints.detail.close_submit')}</Button>
          </form>
        ) : null}
        {c.status === 'closed' ? <p class="kern-body">{t('complaints.detail.closed')}</p> : null}
      </section>

      <TimelineSection
        heading={t('complaints.detail.timeline')}
        items={c.events.map((e) => ({ at: e.at, text: e.text, by: e.actor }))}
      />
    </Layout>
  )
}
