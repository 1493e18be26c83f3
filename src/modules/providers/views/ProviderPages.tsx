// SPDX-License-Identifier: EUPL-1.2
import { formatIsoDate } from '../../../shared/dates.js'
import { type MessageKey, t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
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
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, type StaffFrame } from '../../../views/layout.js'
import type { Reminder } from '../providers.rules.js'
import type { getContract, getProvider, HistoryEntry, listProviders } from '../providers.service.js'
import type { ContractKind, ProviderRow } from '../providers.table.js'
import { ReminderFields } from './ReminderFields.js'

const date = (iso: string | null) => (iso ? formatIsoDate(iso) : t('providers.open_ended'))

export function kindLabel(kind: ContractKind): string {
  return t(`providers.kind.${kind}` as MessageKey)
}

function reminderText(r: Pick<Reminder, 'kind' | 'daysLeft'>): string {
  return t(`providers.reminder.${r.kind}` as MessageKey, { days: r.daysLeft })
}

/** The due-soon list: dates of contracts that need attention within their lead time. */
function DueList(props: {
  items: Array<Reminder & { contractId?: string; reference?: string; providerName?: string }>
  caption: string
}) {
  if (props.items.length === 0) {
    return <p class="kern-body">{t('providers.due.none')}</p>
  }
  return (
    <DataTable
      caption={props.caption}
      head={[t('providers.due.col_date'), t('providers.due.col_what'), t('providers.due.col_contract')]}
      rows={props.items.map((r) => [
        formatIsoDate(r.date),
        reminderText(r),
        r.contractId ? (
          <a class="kern-link" href={`/traeger/vertraege/${r.contractId}`}>
            {r.reference} ({r.providerName})
          </a>
        ) : (
          '–'
        ),
      ])}
    />
  )
}

export function ProvidersOverviewPage(props: {
  staff: StaffFrame
  providers: Awaited<ReturnType<typeof listProviders>>
  due: Parameters<typeof DueList>[0]['items']
  mayEdit: boolean
  /** Mailbox the reminders are mailed to; undefined = on screen only (ADR 0031). */
  reminderMailTo?: string | undefined
}) {
  return (
    <Layout title={t('providers.overview.title')} staff={props.staff}>
      <h1 class="kern-heading-large">{t('providers.overview.title')}</h1>
      <h2 class="kern-heading-medium">{t('providers.due.title')}</h2>
      <DueList items={props.due} caption={t('providers.due.title')} />
      <p class="kern-body">
        {props.reminderMailTo
          ? t('providers.mail.on', { to: props.reminderMailTo })
          : t('providers.mail.off')}
      </p>
      <h2 class="kern-heading-medium">{t('providers.list.title')}</h2>
      {props.mayEdit ? (
        <p>
          <a class="kern-link" href="/traeger/neu">
            {t('providers.list.new')}
          </a>
        </p>
      ) : null}
      {props.providers.length === 0 ? (
        <p class="kern-body">{t('providers.list.none')}</p>
      ) : (
        <DataTable
          caption={t('providers.list.title')}
          head={[t('providers.field.name'), t('providers.field.contact'), t('providers.list.col_contracts')]}
          rows={props.providers.map((p) => [
            <a class="kern-link" href={`/traeger/${p.id}`}>
              {p.name}
            </a>,
            [p.contact_role, p.contact_email].filter(Boolean).join(', ') || '–',
            String(p.contracts),
          ])}
        />
      )}
      <p>
        <a class="kern-link" href="/unterkuenfte">
          {t('providers.link.accommodation')}
        </a>
      </p>
    </Layout>
  )
}

const PROVIDER_ORDER = ['name', 'legalForm', 'address', 'contactRole', 'contactEmail']

export function ProviderFormPage(props: {
  staff: StaffFrame
  csrfToken: string
  values: FieldValues
  errors: FieldErrors
  /** Set when editing an existing provider's master data. */
  edit?: { id: string; name: string }
}) {
  const f = { values: props.values, errors: props.errors }
  const title = props.edit ? t('providers.edit.title', { name: props.edit.name }) : t('providers.new.title')
  return (
    <Layout title={title} staff={props.staff} hasErrors={Object.keys(props.errors).length > 0}>
      {props.edit ? (
        <BackLink href={`/traeger/${props.edit.id}`}>{props.edit.name}</BackLink>
      ) : (
        <BackLink href="/traeger">{t('providers.back.overview')}</BackLink>
      )}
      <ErrorSummary errors={props.errors} order={PROVIDER_ORDER} />
      <h1 class="kern-heading-large">{title}</h1>
      <form
        method="post"
        action={props.edit ? `/traeger/${props.edit.id}/bearbeiten` : '/traeger/neu'}
        novalidate
      >
        <CsrfField token={props.csrfToken} />
        <TextField name="name" label={t('providers.field.name')} {...f} />
        <TextField name="legalForm" label={t('providers.field.legal_form')} optional {...f} />
        <TextArea name="address" label={t('providers.field.address')} rows={3} {...f} />
        <TextField
          name="contactRole"
          label={t('providers.field.contact_role')}
          hint={t('providers.field.contact_role_hint')}
          optional
          {...f}
        />
        <TextField
          name="contactEmail"
          type="email"
          label={t('providers.field.contact_email')}
          hint={t('providers.field.contact_email_hint')}
          optional
          {...f}
        />
        <Button>{props.edit ? t('providers.edit.submit') : t('providers.new.submit')}</Button>
      </form>
    </Layout>
  )
}

export function ProviderPage(props: {
  staff: StaffFrame
  data: Awaited<ReturnType<typeof getProvider>>
  mayEdit: boolean
  notice?: string | undefined
}) {
  const { provider, contracts } = props.data
  return (
    <Layout title={provider.name} staff={props.staff}>
      <BackLink href="/traeger">{t('providers.back.overview')}</BackLink>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{provider.name}</h1>
      <DescriptionList
        rows={[
          provider.legal_form ? { label: t('providers.field.legal_form'), value: provider.legal_form } : null,
          { label: t('providers.field.address'), value: provider.address },
          { label: t('providers.field.contact_role'), value: provider.contact_role ?? '–' },
          { label: t('providers.field.contact_email'), value: provider.contact_email ?? '–' },
        ]}
      />
      {props.mayEdit ? (
        <p>
          <a class="kern-link" href={`/traeger/${provider.id}/bearbeiten`}>
            {t('providers.edit.link')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('providers.contracts.title')}</h2>
      {props.mayEdit ? (
        <p>
          <a class="kern-link" href={`/traeger/${provider.id}/vertraege/neu`}>
            {t('providers.contracts.new')}
          </a>
        </p>
      ) : null}
      {contracts.length === 0 ? (
        <p class="kern-body">{t('providers.contracts.none')}</p>
      ) : (
        <DataTable
          caption={t('providers.contracts.title')}
          head={[
            t('providers.field.reference'),
            t('providers.field.kind'),
            t('providers.field.term'),
            t('providers.field.annual_budget'),
          ]}
          rows={contracts.map((c) => [
            <a class="kern-link" href={`/traeger/vertraege/${c.id}`}>
              {c.reference}
            </a>,
            c.site_name ? `${kindLabel(c.kind)} – ${c.site_name}` : kindLabel(c.kind),
            `${formatIsoDate(c.valid_from)} – ${date(c.valid_to)}`,
            c.annual_budget_cents === null ? '–' : formatCents(c.annual_budget_cents),
          ])}
        />
      )}
    </Layout>
  )
}

const CONTRACT_ORDER = [
  'kind',
  'siteId',
  'title',
  'reference',
  'validFrom',
  'validTo',
  'noticeMonths',
  'renegotiationOn',
  'reminderLeadDays',
  'annualBudget',
  'tenderOn',
  'awardedOn',
]

export function ContractFormPage(props: {
  staff: StaffFrame
  csrfToken: string
  provider: ProviderRow
  action: string
  /** Set when renegotiating: kind and site are those of the predecessor. */
  predecessor: { reference: string; kind: ContractKind } | null
  sites: Option[]
  values: FieldValues
  errors: FieldErrors
}) {
  const f = { values: props.values, errors: props.errors }
  const title = props.predecessor
    ? t('providers.renegotiate.title', { reference: props.predecessor.reference })
    : t('providers.contract_new.title')
  return (
    <Layout title={title} staff={props.staff} hasErrors={Object.keys(props.errors).length > 0}>
      <BackLink href={`/traeger/${props.provider.id}`}>{props.provider.name}</BackLink>
      <ErrorSummary errors={props.errors} order={CONTRACT_ORDER} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        {props.predecessor ? (
          <p class="kern-body">
            {t('providers.field.kind')}: {kindLabel(props.predecessor.kind)}
          </p>
        ) : (
          <>
            <SelectField
              name="kind"
              label={t('providers.field.kind')}
              options={(['budget', 'operator', 'care', 'guarding'] as const).map((k) => ({
                value: k,
                label: kindLabel(k),
              }))}
              {...f}
            />
            <SelectField
              name="siteId"
              label={t('providers.field.site')}
              hint={t('providers.field.site_hint')}
              options={props.sites}
              {...f}
            />
          </>
        )}
        <TextField name="title" label={t('providers.field.title')} {...f} />
        <TextField name="reference" label={t('providers.field.reference')} width={4} {...f} />
        <TextField
          name="validFrom"
          label={t('providers.field.valid_from')}
          hint={t('providers.hint.date')}
          width={4}
          {...f}
        />
        <TextField
          name="validTo"
          label={t('providers.field.valid_to')}
          hint={t('providers.hint.valid_to')}
          optional
          width={4}
          {...f}
        />
        <TextField
          name="noticeMonths"
          label={t('providers.field.notice_months')}
          inputmode="numeric"
          width={2}
          {...f}
        />
        <ReminderFields {...f} />
        <TextField
          name="annualBudget"
          label={t('providers.field.annual_budget')}
          hint={t('providers.hint.annual_budget')}
          inputmode="decimal"
          width={4}
          {...f}
        />
        <TextField name="tenderOn" label={t('providers.field.tender_on')} optional width={4} {...f} />
        <TextField name="awardedOn" label={t('providers.field.awarded_on')} optional width={4} {...f} />
        <Button>{t('providers.contract_new.submit')}</Button>
      </form>
    </Layout>
  )
}

const PAYMENT_ORDER = ['paidOn', 'amount', 'reference']

export function ContractPage(props: {
  staff: StaffFrame
  csrfToken: string
  data: Awaited<ReturnType<typeof getContract>>
  mayEdit: boolean
  notice?: string | undefined
  paymentValues?: FieldValues
  paymentErrors?: FieldErrors
  fileErrors?: FieldErrors
  reminderValues?: FieldValues
  reminderErrors?: FieldErrors
}) {
  const { contract: c, provider, site, payments, documents, successor, years, reminders } = props.data
  const paymentErrors = props.paymentErrors ?? {}
  const fileErrors = props.fileErrors ?? {}
  const reminderErrors = props.reminderErrors ?? {}
  const allErrors = { ...reminderErrors, ...paymentErrors, ...fileErrors }
  const title = `${kindLabel(c.kind)} ${c.reference}`
  return (
    <Layout title={title} staff={props.staff} hasErrors={Object.keys(allErrors).length > 0}>
      <BackLink href={`/traeger/${provider.id}`}>{provider.name}</BackLink>
      <ErrorSummary
        errors={allErrors}
        order={['renegotiationOn', 'reminderLeadDays', ...PAYMENT_ORDER, 'file']}
      />
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{c.title}</p>
      <DescriptionList
        rows={[
          { label: t('providers.field.provider'), value: provider.name },
          site
            ? {
                label: t('providers.field.site'),
                value: (
                  <a class="kern-link" href={`/unterkuenfte/${site.id}`}>
                    {site.name}
                  </a>
                ),
              }
            : null,
          { label: t('providers.field.term'), value: `${formatIsoDate(c.valid_from)} – ${date(c.valid_to)}` },
          { label: t('providers.field.notice_months'), value: String(c.notice_months) },
          {
            label: t('providers.field.notice_deadline'),
            value: props.data.noticeDeadline ? formatIsoDate(props.data.noticeDeadline) : '–',
          },
          {
            label: t('providers.field.renegotiation_on'),
            value: c.renegotiation_on ? formatIsoDate(c.renegotiation_on) : '–',
          },
          { label: t('providers.field.reminder_lead_days'), value: String(c.reminder_lead_days) },
          c.annual_budget_cents !== null
            ? { label: t('providers.field.annual_budget'), value: formatCents(c.annual_budget_cents) }
            : null,
          c.tender_on ? { label: t('providers.field.tender_on'), value: formatIsoDate(c.tender_on) } : null,
          c.awarded_on
            ? { label: t('providers.field.awarded_on'), value: formatIsoDate(c.awarded_on) }
            : null,
          successor
            ? {
                label: t('providers.field.successor'),
                value: (
                  <a class="kern-link" href={`/traeger/vertraege/${successor.id}`}>
                    {successor.reference}
                  </a>
                ),
              }
            : null,
        ]}
      />
      <p>
        <a class="kern-link" href={`/traeger/vertraege/${c.id}/verlauf`}>
          {t('providers.history.link')}
        </a>
        {props.mayEdit && !successor ? (
          <>
            {' · '}
            <a class="kern-link" href={`/traeger/vertraege/${c.id}/neuverhandeln`}>
              {t('providers.renegotiate.link')}
            </a>
          </>
        ) : null}
      </p>
      <h2 class="kern-heading-medium">{t('providers.due.title')}</h2>
      {successor ? (
        <p class="kern-body">{t('providers.due.renegotiated')}</p>
      ) : (
        <DueList items={reminders} caption={t('providers.due.title')} />
      )}
      {props.mayEdit && !successor ? (
        <form method="post" action={`/traeger/vertraege/${c.id}/erinnerung`} novalidate>
          <h3 class="kern-heading-small">{t('providers.reminders.title')}</h3>
          <CsrfField token={props.csrfToken} />
          <ReminderFields
            values={
              props.reminderValues ?? {
                renegotiationOn: c.renegotiation_on ? formatIsoDate(c.renegotiation_on) : '',
                reminderLeadDays: String(c.reminder_lead_days),
              }
            }
            errors={reminderErrors}
          />
          <Button variant="secondary">{t('providers.reminders.submit')}</Button>
        </form>
      ) : null}
      {c.annual_budget_cents !== null ? (
        <>
          <h2 class="kern-heading-medium">{t('providers.budget.title')}</h2>
          <DataTable
            caption={t('providers.budget.title')}
            head={[
              t('providers.budget.col_year'),
              t('providers.budget.col_budget'),
              t('providers.budget.col_paid'),
              t('providers.budget.col_remaining'),
            ]}
            rows={years.map((y) => [
              t('providers.budget.year', {
                number: y.number,
                from: formatIsoDate(y.from),
                to: formatIsoDate(y.to),
              }),
              formatCents(y.budgetCents),
              formatCents(y.paidCents),
              y.remainingCents < 0
                ? t('providers.budget.overspent', { amount: formatCents(-y.remainingCents) })
                : formatCents(y.remainingCents),
            ])}
          />
          <h2 class="kern-heading-medium">{t('providers.payments.title')}</h2>
          {payments.length === 0 ? (
            <p class="kern-body">{t('providers.payments.none')}</p>
          ) : (
            <DataTable
              caption={t('providers.payments.title')}
              head={[
                t('providers.field.paid_on'),
                t('providers.field.amount'),
                t('providers.field.payment_reference'),
              ]}
              rows={payments.map((p) => [formatIsoDate(p.paid_on), formatCents(p.amount_cents), p.reference])}
            />
          )}
          {props.mayEdit ? (
            <form method="post" action={`/traeger/vertraege/${c.id}/zahlungen`} novalidate>
              <h3 class="kern-heading-small">{t('providers.payments.book')}</h3>
              <CsrfField token={props.csrfToken} />
              <TextField
                name="paidOn"
                label={t('providers.field.paid_on')}
                hint={t('providers.hint.date')}
                width={4}
                values={props.paymentValues ?? {}}
                errors={paymentErrors}
              />
              <TextField
                name="amount"
                label={t('providers.field.amount')}
                hint={t('providers.hint.amount')}
                inputmode="decimal"
                width={4}
                values={props.paymentValues ?? {}}
                errors={paymentErrors}
              />
              <TextField
                name="reference"
                label={t('providers.field.payment_reference')}
                values={props.paymentValues ?? {}}
                errors={paymentErrors}
              />
              <Button>{t('providers.payments.submit')}</Button>
            </form>
          ) : null}
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('providers.documents.title')}</h2>
      {documents.length === 0 ? (
        <p class="kern-body">{t('providers.documents.none')}</p>
      ) : (
        <ul class="kern-list">
          {documents.map((d) => (
            <li>
              <a class="kern-link" href={`/traeger/vertraege/${c.id}/dokumente/${d.id}`}>
                {d.original_name}
              </a>{' '}
              ({d.size})
            </li>
          ))}
        </ul>
      )}
      {props.mayEdit ? (
        <form
          method="post"
          action={`/traeger/vertraege/${c.id}/dokumente`}
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField token={props.csrfToken} />
          <FileField
            name="file"
            label={t('providers.documents.upload')}
            hint={t('providers.documents.hint')}
            errors={fileErrors}
          />
          <Button variant="secondary">{t('providers.documents.submit')}</Button>
        </form>
      ) : null}
    </Layout>
  )
}

export function ContractHistoryPage(props: {
  staff: StaffFrame
  provider: ProviderRow
  chain: HistoryEntry[]
}) {
  const first = props.chain[0]?.contract
  const title = t('providers.history.title', { reference: first?.reference ?? '' })
  return (
    <Layout title={title} staff={props.staff}>
      <BackLink href={`/traeger/${props.provider.id}`}>{props.provider.name}</BackLink>
      <h1 class="kern-heading-large">{title}</h1>
      <DataTable
        caption={title}
        head={[
          t('providers.field.reference'),
          t('providers.field.term'),
          t('providers.field.annual_budget'),
          t('providers.history.col_change'),
        ]}
        rows={props.chain.map(({ contract: c, budgetChangeCents }) => [
          <a class="kern-link" href={`/traeger/vertraege/${c.id}`}>
            {c.reference}
          </a>,
          `${formatIsoDate(c.valid_from)} – ${date(c.valid_to)}`,
          c.annual_budget_cents === null ? '–' : formatCents(c.annual_budget_cents),
          budgetChangeCents === null
            ? '–'
            : `${budgetChangeCents > 0 ? '+' : budgetChangeCents < 0 ? '−' : '±'}${formatCents(Math.abs(budgetChangeCents))}`,
        ])}
      />
    </Layout>
  )
}
