// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { ErrorSummary, type FieldErrors, type FieldValues } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { CitizenCardView } from '../payment-card.service.js'
import { ApprovalForms } from './ApprovalForms.js'
import { approvalSubject } from './parts.js'

/** The link from the citizen's status page to her card requests (one element on that page). */
export function CitizenCardLink() {
  return (
    <section aria-labelledby="sec-card" class="kern-stack">
      <h2 class="kern-heading-medium" id="sec-card">
        {t('payment_card.citizen_link_title')}
      </h2>
      <p class="kern-body">{t('payment_card.citizen_link_text')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/antrag/bezahlkarte">
          {t('payment_card.citizen_link')}
        </a>
      </p>
    </section>
  )
}

/** The cardholder's page: her requests and their state, and the two request forms. */
export function CitizenCardPage(props: {
  view: CitizenCardView
  csrfToken: string
  workingDays: number
  form?: { name: 'transfer' | 'travel'; errors: FieldErrors; values: FieldValues } | undefined
  notice?: string | undefined
}) {
  const title = t('payment_card.citizen_title')
  return (
    <Layout title={title} hasErrors={props.form !== undefined}>
      <BackLink href="/antrag/status/ansicht">{t('payment_card.citizen_back')}</BackLink>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      {props.view.cardHousehold ? null : (
        <p class="kern-body">{t('payment_card.citizen_not_card_household')}</p>
      )}
      {!props.view.cardHousehold ? null : props.view.hasCard ? (
        <p class="kern-body">{t('payment_card.citizen_intro', { days: props.workingDays })}</p>
      ) : (
        <p class="kern-body">{t('payment_card.citizen_no_card')}</p>
      )}
      {!props.view.cardHousehold && props.view.approvals.length === 0 ? null : (
        <section aria-labelledby="sec-requests" class="kern-stack">
          <h2 class="kern-heading-medium" id="sec-requests">
            {t('payment_card.citizen_requests')}
          </h2>
          {props.view.approvals.length === 0 ? (
            <p class="kern-body">{t('payment_card.citizen_none')}</p>
          ) : (
            <ul class="kern-list">
              {props.view.approvals.map((a) => (
                <li>
                  <strong>{t(`payment_card.kind.${a.kind}`)}</strong>: {approvalSubject(a)}.{' '}
                  {a.status === 'open'
                    ? `${t('payment_card.approval.open')} – ${t('payment_card.citizen_due', { date: formatIsoDate(a.dueOn) })}`
                    : t('payment_card.citizen_decided_on', {
                        status: t(`payment_card.approval.${a.status}`),
                        at: a.decidedAt ? formatDateTime(a.decidedAt) : '',
                      })}
                  {a.status === 'refused' && a.decisionReason
                    ? ` ${t('payment_card.decision_reason')}: ${a.decisionReason}`
                    : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {props.view.hasCard ? (
        <ApprovalForms
          transferAction="/antrag/bezahlkarte"
          travelAction="/antrag/bezahlkarte"
          csrfToken={props.csrfToken}
          form={props.form}
        />
      ) : null}
    </Layout>
  )
}
