// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { centsToInput, formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type {
  ApprovalReport,
  ApprovalView,
  CardSection,
  RegisterRow,
  WorkItem,
} from '../payment-card.service.js'
import type { CardStatus } from '../payment-card.table.js'
import { ApprovalForms } from './ApprovalForms.js'
import { approvalState, approvalSubject, Cell, Table } from './parts.js'

/** Which form on the case's card page showed errors. */
export type CardForm = 'member' | 'card'

export interface CardCasePageProps {
  staff: StaffPrincipal
  csrfToken: string
  section: CardSection
  /** False for auditors: they read, they do not change. */
  canChange: boolean
  /** Caseworkers and team leads may open the full IBAN (docs/payment-card.md). */
  canSeeIban: boolean
  defaultCashLimitCents: number
  form?: { name: CardForm; errors: FieldErrors; values: FieldValues } | undefined
  notice?: string | undefined
}

function base(applicationId: string): string {
  return `/sachbearbeitung/antraege/${applicationId}/bezahlkarte`
}

/** The payment card section of one case: household, cards, approval requests. */
export function CardCasePage(props: CardCasePageProps) {
  const { section } = props
  const href = base(section.applicationId)
  const title = t('payment_card.case_title', { reference: section.reference })
  const adults = section.members.filter((m) => m.role === 'adult')
  const withCard = new Set(
    section.cards.filter((c) => ['ordered', 'active', 'blocked'].includes(c.status)).map((c) => c.memberId),
  )
  const adultsWithoutCard = adults.filter((m) => !withCard.has(m.id))
  // Only errors and values are spread onto the fields (the form's own `name` must not replace theirs).
  const formOf = (name: CardForm) =>
    props.form?.name === name
      ? { errors: props.form.errors, values: props.form.values }
      : { errors: {} as FieldErrors, values: {} as FieldValues }
  const memberForm = formOf('member')
  const cardForm = formOf('card')
  const last4 = (id: string | null) =>
    section.cards
      .find((c) => c.id === id)
      ?.maskedIban.slice(-5)
      .replace(' ', '') ?? ''
  return (
    <Layout
      title={title}
      hasErrors={props.form !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href={`/sachbearbeitung/antraege/${section.applicationId}`}>
        {t('payment_card.back_to_case')}
      </BackLink>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body kern-body--muted">{t('payment_card.audit_notice')}</p>

      <section aria-labelledby="sec-household" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-household">
          {t('payment_card.household_title')}
        </h2>
        {section.members.length === 0 ? (
          <p class="kern-body">{t('payment_card.household_empty')}</p>
        ) : (
          <Table
            caption={t('payment_card.household_title')}
            head={[
              t('payment_card.member_name'),
              t('payment_card.member_birth_date'),
              t('payment_card.member_role'),
              t('payment_card.member_card_holder'),
            ]}
          >
            {section.members.map((m) => (
              <tr>
                <Cell>{`${m.given_name} ${m.surname}`}</Cell>
                <Cell>{m.birth_date ? formatIsoDate(m.birth_date) : ''}</Cell>
                <Cell>{t(`payment_card.role.${m.role}`)}</Cell>
                <Cell>
                  {m.role === 'child' ? (m.cardHolderName ?? '') : t('payment_card.own_card')}
                  {m.role === 'child' && props.canChange ? (
                    <>
                      {' '}
                      <a class="kern-link" href={`${href}/mitglieder/${m.id}/karte`}>
                        {t('payment_card.remap_link')}
                        <span class="kern-sr-only">{`: ${m.given_name} ${m.surname}`}</span>
                      </a>
                    </>
                  ) : null}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
        {props.canChange ? (
          <form method="post" action={`${href}/mitglieder`} class="kern-stack" novalidate>
            <h3 class="kern-heading-small">{t('payment_card.add_member_title')}</h3>
            <CsrfField token={props.csrfToken} />
            <TextField name="vorname" label={t('payment_card.given_name')} {...memberForm} />
            <TextField name="nachname" label={t('payment_card.surname')} {...memberForm} />
            <TextField
              name="geburtsdatum"
              label={t('payment_card.birth_date')}
              hint={t('payment_card.birth_date_hint')}
              optional
              width={4}
              {...memberForm}
            />
            <RadioGroup
              name="rolle"
              label={t('payment_card.role')}
              options={[
                { value: 'adult', label: t('payment_card.role.adult') },
                { value: 'child', label: t('payment_card.role.child') },
              ]}
              {...memberForm}
            />
            {adults.length > 0 ? (
              <SelectField
                name="karte_von"
                label={t('payment_card.card_of')}
                hint={t('payment_card.card_of_hint')}
                options={adults.map((m) => ({ value: m.id, label: `${m.given_name} ${m.surname}` }))}
                {...memberForm}
              />
            ) : null}
            <Button variant="secondary">{t('payment_card.add_member')}</Button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="sec-cards" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-cards">
          {t('payment_card.cards_title')}
        </h2>
        {section.cards.length === 0 ? (
          <p class="kern-body">{t('payment_card.cards_empty')}</p>
        ) : (
          <Table
            caption={t('payment_card.cards_title')}
            head={[
              t('payment_card.card_holder'),
              t('payment_card.card_iban'),
              t('payment_card.card_status'),
              t('payment_card.cash_limit'),
              t('payment_card.card_history'),
              t('payment_card.card_actions'),
            ]}
          >
            {section.cards.map((card) => (
              <tr>
                <Cell>{card.holderName}</Cell>
                <Cell>
                  <span class="code">{card.maskedIban}</span>
                  {props.canSeeIban ? (
                    <>
                      {' '}
                      <a class="kern-link" href={`${href}/karten/${card.id}/iban`}>
                        {t('payment_card.show_iban')}
                        <span class="kern-sr-only"> ({card.holderName})</span>
                      </a>
                    </>
                  ) : null}
                </Cell>
                <Cell>
                  {t(`payment_card.status.${card.status}`)}
                  {card.replacesCardId ? (
                    <>
                      <br />
                      {t('payment_card.replaces', { last4: last4(card.replacesCardId) })}
                    </>
                  ) : null}
                  {card.replacedByCardId ? (
                    <>
                      <br />
                      {t('payment_card.replaced_by', { last4: last4(card.replacedByCardId) })}
                    </>
                  ) : null}
                </Cell>
                <Cell>{formatCents(card.cashLimitCents)}</Cell>
                <Cell>
                  <ul class="kern-list">
                    {card.history.map((h) => (
                      <li>
                        {t('payment_card.history_entry', {
                          status: t(`payment_card.status.${h.to}`),
                          at: formatDateTime(h.at),
                        })}
                        {h.by ? ` (${h.by})` : ''}
                      </li>
                    ))}
                  </ul>
                </Cell>
                <Cell>
                  {props.canChange ? (
                    <CardActions href={href} card={card} csrfToken={props.csrfToken} />
                  ) : null}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
        {props.canChange ? (
          adultsWithoutCard.length === 0 ? (
            <p class="kern-body">{t('payment_card.no_adult_without_card')}</p>
          ) : (
            <form method="post" action={`${href}/karten`} class="kern-stack" novalidate>
              <h3 class="kern-heading-small">{t('payment_card.order_title')}</h3>
              <p class="kern-body">{t('payment_card.order_hint')}</p>
              <CsrfField token={props.csrfToken} />
              <SelectField
                name="mitglied"
                label={t('payment_card.member')}
                options={adultsWithoutCard.map((m) => ({
                  value: m.id,
                  label: `${m.given_name} ${m.surname}`,
                }))}
                {...cardForm}
              />
              <TextField
                name="iban"
                label={t('payment_card.iban')}
                hint={t('payment_card.iban_hint')}
                autocomplete="off"
                spellcheck={false}
                {...cardForm}
              />
              <TextField
                name="bargeld"
                label={t('payment_card.cash_limit_input')}
                hint={t('payment_card.cash_limit_hint', { amount: formatCents(props.defaultCashLimitCents) })}
                inputmode="decimal"
                width={4}
                errors={cardForm.errors}
                values={{ bargeld: centsToInput(props.defaultCashLimitCents), ...cardForm.values }}
              />
              <Button variant="secondary">{t('payment_card.order')}</Button>
            </form>
          )
        ) : null}
      </section>

      <section aria-labelledby="sec-approvals" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-approvals">
          {t('payment_card.approvals_title')}
        </h2>
        <ApprovalsTable approvals={section.approvals} href={href} />
        {props.canChange && section.cards.some((c) => ['ordered', 'active', 'blocked'].includes(c.status)) ? (
          <p class="kern-body">
            <a class="kern-link" href={`${href}/freigaben/neu`}>
              {t('payment_card.staff_request_link')}
            </a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}

/** The status changes offered as buttons (replacement needs a form of its own). */
const ACTION_ORDER = ['active', 'blocked', 'closed'] as const

function CardActions(props: { href: string; card: CardSection['cards'][number]; csrfToken: string }) {
  const { card } = props
  const direct = ACTION_ORDER.filter((s) => card.nextStatuses.includes(s))
  return (
    <div class="kern-stack">
      {direct.length > 0 ? (
        <form method="post" action={`${props.href}/karten/${card.id}/status`}>
          <CsrfField token={props.csrfToken} />
          {direct.map((s) => (
            <Button variant="tertiary" name="ziel" value={s}>
              {t(`payment_card.action.${s}`)}
              <span class="kern-sr-only"> ({card.holderName})</span>
            </Button>
          ))}
        </form>
      ) : null}
      {card.nextStatuses.includes('replaced') ? (
        <a class="kern-link" href={`${props.href}/karten/${card.id}/ersetzen`}>
          {t('payment_card.action.replaced')}
          <span class="kern-sr-only"> ({card.holderName})</span>
        </a>
      ) : null}
    </div>
  )
}

function ApprovalsTable(props: { approvals: ApprovalView[]; href: string }) {
  if (props.approvals.length === 0) {
    return <p class="kern-body">{t('payment_card.approvals_empty')}</p>
  }
  return (
    <Table
      caption={t('payment_card.approvals_title')}
      head={[
        t('payment_card.approval_kind'),
        t('payment_card.approval_subject'),
        t('payment_card.approval_due'),
        t('payment_card.approval_status'),
        t('payment_card.approval_portal'),
      ]}
    >
      {props.approvals.map((a) => (
        <tr>
          <Cell>{t(`payment_card.kind.${a.kind}`)}</Cell>
          <Cell>
            <a class="kern-link" href={`${props.href}/freigaben/${a.id}`}>
              {approvalSubject(a)}
            </a>
          </Cell>
          <Cell>{formatIsoDate(a.dueOn)}</Cell>
          <Cell>{a.overdue ? <strong>{approvalState(a)}</strong> : approvalState(a)}</Cell>
          <Cell>
            {a.status === 'open'
              ? ''
              : a.portalEnteredAt
                ? t('payment_card.portal_done', {
                    name: a.portalEnteredBy ?? '',
                    at: formatDateTime(a.portalEnteredAt),
                  })
                : t('payment_card.portal_pending')}
          </Cell>
        </tr>
      ))}
    </Table>
  )
}

/** Replacing a card: the new card's IBAN. */
export function ReplaceCardPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  applicationId: string
  card: { id: string; holderName: string; last4: string }
  errors: FieldErrors
  values: FieldValues
}) {
  const href = base(props.applicationId)
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={t('payment_card.replace_title')}
      hasErrors={hasErrors}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href={href}>{t('payment_card.back_to_card_page')}</BackLink>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('payment_card.replace_title')}</h1>
      <p class="kern-body">
        {t('payment_card.replace_intro', { holder: props.card.holderName, last4: props.card.last4 })}
      </p>
      <form method="post" action={`${href}/karten/${props.card.id}/ersetzen`} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="iban"
          label={t('payment_card.replace_iban')}
          hint={t('payment_card.iban_hint')}
          autocomplete="off"
          spellcheck={false}
          errors={props.errors}
          values={props.values}
        />
        <Button>{t('payment_card.replace')}</Button>
      </form>
    </Layout>
  )
}

/** The full IBAN of a card (audited). */
export function IbanPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  applicationId: string
  holderName: string
  iban: string
}) {
  return (
    <Layout title={t('payment_card.iban_title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={base(props.applicationId)}>{t('payment_card.back_to_card_page')}</BackLink>
      <h1 class="kern-heading-large">{t('payment_card.iban_title')}</h1>
      <p class="kern-body">{t('payment_card.iban_intro')}</p>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payment_card.card_holder')}</dt>
          <dd class="kern-description-list-item__value">{props.holderName}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('payment_card.iban')}</dt>
          <dd class="kern-description-list-item__value">
            <strong class="code">{props.iban.replace(/(.{4})/g, '$1 ').trim()}</strong>
          </dd>
        </div>
      </dl>
    </Layout>
  )
}

function Row(props: { label: string; value: string }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{props.label}</dt>
      <dd class="kern-description-list-item__value">{props.value}</dd>
    </div>
  )
}

/** One approval request: its facts, the decision form, and the "entered in portal" confirmation. */
export function ApprovalPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  applicationId: string
  reference: string
  approval: ApprovalView
  canChange: boolean
  form?: { name: 'decide' | 'portal'; errors: FieldErrors; values: FieldValues } | undefined
  notice?: string | undefined
}) {
  const a = props.approval
  const href = `${base(props.applicationId)}/freigaben/${a.id}`
  const title = t('payment_card.approval_title', { kind: t(`payment_card.kind.${a.kind}`) })
  const state = (name: 'decide' | 'portal') =>
    props.form?.name === name
      ? { errors: props.form.errors, values: props.form.values }
      : { errors: {} as FieldErrors, values: {} as FieldValues }
  const decide = state('decide')
  const portal = state('portal')
  const rows: Array<{ label: string; value: string }> =
    a.kind === 'transfer'
      ? [
          { label: t('payment_card.payee'), value: a.payeeName ?? '' },
          {
            label: t('payment_card.payee_iban'),
            value: (a.payeeIban ?? '').replace(/(.{4})/g, '$1 ').trim(),
          },
          { label: t('payment_card.purpose'), value: a.purpose ?? '' },
          {
            label: t('payment_card.amount'),
            value: `${a.amountCents === null ? '' : formatCents(a.amountCents)} (${a.standing ? t('payment_card.standing_monthly') : t('payment_card.once')})`,
          },
        ]
      : [
          { label: t('payment_card.travel_period'), value: approvalSubject(a) },
          { label: t('payment_card.travel_reason'), value: a.reason ?? '' },
        ]
  return (
    <Layout
      title={title}
      hasErrors={props.form !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href={base(props.applicationId)}>{t('payment_card.back_to_card_page')}</BackLink>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <Notice text={props.notice} />
      <hgroup class="kern-hgroup">
        <p class="kern-preline">{props.reference}</p>
        <h1 class="kern-heading-large">{title}</h1>
      </hgroup>
      <dl class="kern-description-list">
        {rows.map((r) => (
          <Row label={r.label} value={r.value} />
        ))}
        <Row label={t('payment_card.requested_at')} value={formatDateTime(a.requestedAt)} />
        <Row
          label={t('payment_card.requested_via')}
          value={t(`payment_card.requested_via.${a.requestedVia}`)}
        />
        <Row label={t('payment_card.approval_due')} value={formatIsoDate(a.dueOn)} />
        <Row label={t('payment_card.approval_status')} value={approvalState(a)} />
        {a.decisionReason ? <Row label={t('payment_card.decision_reason')} value={a.decisionReason} /> : null}
        {a.status !== 'open' ? (
          <Row
            label={t('payment_card.approval_portal')}
            value={
              a.portalEnteredAt
                ? t('payment_card.portal_done', {
                    name: a.portalEnteredBy ?? '',
                    at: formatDateTime(a.portalEnteredAt),
                  })
                : t('payment_card.portal_pending')
            }
          />
        ) : null}
      </dl>
      {props.canChange && a.status === 'open' ? (
        <form method="post" action={`${href}/entscheidung`} class="kern-stack" novalidate>
          <h2 class="kern-heading-medium">{t('payment_card.decide_title')}</h2>
          <CsrfField token={props.csrfToken} />
          <RadioGroup
            name="ergebnis"
            label={t('payment_card.outcome')}
            options={[
              { value: 'approved', label: t('payment_card.outcome.approved') },
              { value: 'refused', label: t('payment_card.outcome.refused') },
            ]}
            {...decide}
          />
          <TextArea
            name="begruendung"
            label={t('payment_card.reason')}
            hint={t('payment_card.reason_hint')}
            maxlength={2000}
            {...decide}
          />
          <Button>{t('payment_card.decide')}</Button>
        </form>
      ) : null}
      {props.canChange && a.status !== 'open' && !a.portalEnteredAt ? (
        <form method="post" action={`${href}/portal`} class="kern-stack" novalidate>
          <h2 class="kern-heading-medium">{t('payment_card.portal_title')}</h2>
          <p class="kern-body">{t('payment_card.portal_intro')}</p>
          <CsrfField token={props.csrfToken} />
          <Checkbox name="eingetragen" label={t('payment_card.portal_checkbox')} {...portal} />
          <Button>{t('payment_card.portal_save')}</Button>
        </form>
      ) : null}
    </Layout>
  )
}

/** Staff record a request made at the counter, by phone or by letter. */
export function StaffRequestPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  applicationId: string
  reference: string
  form?: { name: 'transfer' | 'travel'; errors: FieldErrors; values: FieldValues } | undefined
}) {
  const href = base(props.applicationId)
  return (
    <Layout
      title={t('payment_card.staff_request_title')}
      hasErrors={props.form !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href={href}>{t('payment_card.back_to_card_page')}</BackLink>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <hgroup class="kern-hgroup">
        <p class="kern-preline">{props.reference}</p>
        <h1 class="kern-heading-large">{t('payment_card.staff_request_title')}</h1>
      </hgroup>
      <ApprovalForms
        transferAction={`${href}/freigaben/ueberweisung`}
        travelAction={`${href}/freigaben/reise`}
        csrfToken={props.csrfToken}
        form={props.form}
      />
    </Layout>
  )
}

/** The approvals work list: hers, escalated to her, and decisions still to enter in the portal. */
export function WorkListPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  items: WorkItem[]
  showReportLink: boolean
}) {
  return (
    <Layout title={t('payment_card.work_title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <h1 class="kern-heading-large">{t('payment_card.work_title')}</h1>
      <p class="kern-body">{t('payment_card.work_intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/bezahlkarte">
          {t('payment_card.register_link')}
        </a>
        {props.showReportLink ? (
          <>
            {' · '}
            <a class="kern-link" href="/bezahlkarte/auswertung">
              {t('payment_card.report_link')}
            </a>
          </>
        ) : null}
      </p>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('payment_card.work_empty')}</p>
      ) : (
        <Table
          caption={t('payment_card.work_title')}
          head={[
            t('payment_card.case'),
            t('payment_card.approval_kind'),
            t('payment_card.approval_subject'),
            t('payment_card.approval_due'),
            t('payment_card.work_acting'),
            t('payment_card.work_reason'),
          ]}
        >
          {props.items.map((i) => (
            <tr>
              <Cell>{i.reference}</Cell>
              <Cell>{t(`payment_card.kind.${i.kind}`)}</Cell>
              <Cell>
                <a class="kern-link" href={`${base(i.applicationId)}/freigaben/${i.approvalId}`}>
                  {i.kind === 'transfer' && i.amountCents !== null
                    ? `${i.summary ?? ''}, ${formatCents(i.amountCents)}`
                    : (i.summary ?? '').split(' – ').map(formatIsoDate).join(' – ')}
                </a>
              </Cell>
              <Cell>
                {formatIsoDate(i.dueOn)}
                {i.overdue ? (
                  <>
                    {' '}
                    <strong>{t('payment_card.overdue')}</strong>
                  </>
                ) : null}
              </Cell>
              <Cell>
                {i.actingName === null
                  ? t('payment_card.work_nobody')
                  : i.actingCovered
                    ? t('payment_card.work_acting_covered', { name: i.actingName })
                    : i.actingName}
              </Cell>
              <Cell>{t(`payment_card.work_reason.${i.reason}`)}</Cell>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  )
}

const FILTERS: CardStatus[] = ['ordered', 'active', 'blocked', 'replaced', 'closed']

/** The card register over the cases she may see. */
export function RegisterPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  rows: RegisterRow[]
  status: CardStatus | undefined
}) {
  return (
    <Layout title={t('payment_card.register_title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <h1 class="kern-heading-large">{t('payment_card.register_title')}</h1>
      <p class="kern-body">{t('payment_card.register_intro')}</p>
      <form method="get" action="/bezahlkarte" class="kern-stack">
        <SelectField
          name="status"
          label={t('payment_card.register_filter')}
          options={FILTERS.map((s) => ({ value: s, label: t(`payment_card.status.${s}`) }))}
          values={{ status: props.status }}
          errors={{}}
        />
        <Button variant="secondary">{t('payment_card.register_filter_submit')}</Button>
      </form>
      {props.rows.length === 0 ? (
        <p class="kern-body">{t('payment_card.register_empty')}</p>
      ) : (
        <Table
          caption={t('payment_card.register_title')}
          head={[
            t('payment_card.case'),
            t('payment_card.card_holder'),
            t('payment_card.card_iban'),
            t('payment_card.card_status'),
            t('payment_card.cash_limit'),
            t('payment_card.created_at'),
          ]}
        >
          {props.rows.map((r) => (
            <tr>
              <Cell>
                <a class="kern-link" href={base(r.applicationId)}>
                  {r.reference}
                </a>
              </Cell>
              <Cell>{r.holderName}</Cell>
              <Cell>
                <span class="code">{r.maskedIban}</span>
              </Cell>
              <Cell>{t(`payment_card.status.${r.status}`)}</Cell>
              <Cell>{formatCents(r.cashLimitCents)}</Cell>
              <Cell>{formatDateTime(r.createdAt)}</Cell>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  )
}

function hours(value: number | null): string {
  return value === null
    ? t('payment_card.report_none')
    : t('payment_card.report_hours', { hours: value.toLocaleString('de-DE', { maximumFractionDigits: 1 }) })
}

/** The approvals report (no personal data). */
export function ReportPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  report: ApprovalReport
  days: number
}) {
  const r = props.report
  return (
    <Layout title={t('payment_card.report_title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href="/bezahlkarte/freigaben">{t('payment_card.work_title')}</BackLink>
      <h1 class="kern-heading-large">{t('payment_card.report_title')}</h1>
      <p class="kern-body">{t('payment_card.report_intro', { days: props.days })}</p>
      <dl class="kern-description-list">
        <Row label={t('payment_card.report_open')} value={String(r.open)} />
        <Row label={t('payment_card.report_overdue')} value={String(r.overdue)} />
        <Row label={t('payment_card.report_decided')} value={String(r.decided)} />
        <Row label={t('payment_card.report_median')} value={hours(r.medianHours)} />
        <Row label={t('payment_card.report_p90')} value={hours(r.p90Hours)} />
        <Row label={t('payment_card.report_not_entered')} value={String(r.notEnteredInPortal)} />
      </dl>
    </Layout>
  )
}
