// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import { Button, CsrfField, ErrorSummary, TextField } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { DecisionOutcome } from '../cases.table.js'

export interface ApprovalItem {
  decisionId: string
  applicationId: string
  reference: string
  outcome: DecisionOutcome
  monthlyCents: number
  decidedBy: string
  post: string
  /** She approves for a post she covers: the approval reads "i.V.". */
  covered: boolean
}

/** Decisions waiting for the four-eyes approval of a post the staff member holds or covers. */
export function ApprovalsPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  items: ApprovalItem[]
  notice?: string | undefined
  error?: { decisionId: string; message: string } | undefined
}) {
  const title = t('approvals.title')
  return (
    <Layout
      title={title}
      hasErrors={props.error !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href="/sachbearbeitung/antraege">{t('staff.application.back')}</BackLink>
      {props.error ? (
        <ErrorSummary errors={{ [`grund-${props.error.decisionId}`]: props.error.message }} />
      ) : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('approvals.none')}</p>
      ) : (
        props.items.map((item) => (
          <section class="kern-stack approval" aria-labelledby={`approval-${item.decisionId}`}>
            <h2 class="kern-heading-small" id={`approval-${item.decisionId}`}>
              <a class="kern-link" href={`/sachbearbeitung/antraege/${item.applicationId}`}>
                {item.reference}
              </a>
              : {t(`case.outcome_${item.outcome}`)}
            </h2>
            <DescriptionList
              rows={[
                { label: t('approvals.col_amount'), value: formatCents(item.monthlyCents) },
                { label: t('approvals.col_decided_by'), value: item.decidedBy },
                {
                  label: t('approvals.col_post'),
                  value: (
                    <>
                      {item.covered ? `${t('inbox.covered')} ` : ''}
                      {item.post}
                    </>
                  ),
                },
              ]}
            />
            <form method="post" action={`/sachbearbeitung/freigaben/${item.decisionId}/freigeben`}>
              <CsrfField token={props.csrfToken} />
              <Button>{t('approvals.approve')}</Button>
            </form>
            <form
              method="post"
              action={`/sachbearbeitung/freigaben/${item.decisionId}/zurueckgeben`}
              class="kern-stack"
            >
              <CsrfField token={props.csrfToken} />
              <TextField
                name={`grund-${item.decisionId}`}
                label={t('approvals.return_reason')}
                values={{}}
                errors={
                  props.error?.decisionId === item.decisionId
                    ? { [`grund-${item.decisionId}`]: props.error.message }
                    : {}
                }
              />
              <Button variant="secondary">{t('approvals.return')}</Button>
            </form>
          </section>
        ))
      )}
    </Layout>
  )
}
