// SPDX-License-Identifier: EUPL-1.2

import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  type Option,
  RadioGroup,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { TimelineSection } from '../../../views/components/timeline.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import { AccessHistoryLink } from '../../accesslog/views/AccessHistoryLink.js'
import type { ApplicationStatus } from '../../applications/applications.table.js'
import type { SummaryRow } from '../../applications/form/form.engine.js'
import { SummarySection } from '../../applications/views/CitizenPages.js'
import { CardCaseLink } from '../../payment-card/views/CardCaseLink.js'
import { CasePaymentsLink } from '../../payments/views/CasePaymentsPage.js'
import { PaymentReturnPanel } from '../../payments/views/PaymentReturnPanel.js'
import { AMOUNT_FIELDS } from '../case-forms.js'
import type { TimelineEntry } from '../cases.service.js'
import type { AmountComponent, DecisionOutcome, DecisionStatus } from '../cases.table.js'
import type { CaseChecklist } from '../checklist.service.js'
import { CaseChecklistPanel } from './CaseChecklistPanel.js'
import { CaseFileExport } from './CaseFileExport.js'
import { ReassignFieldset } from './ReassignFieldset.js'
import { type TeamQueueInfo, TeamQueuePanel } from './TeamQueuePanel.js'

export type CaseForm = 'note' | 'request' | 'decision' | 'objection' | 'reassign'

export interface CaseDecisionView {
  id: string
  outcome: DecisionOutcome
  status: DecisionStatus
  monthlyCents: number
  components: AmountComponent[]
  periodFrom: string | null
  periodTo: string | null
  decidedBy: string
  decidedCovered: boolean
  decidedAt: Date
  approvalPost: string | null
  approvedBy: string | null
  approvedCovered: boolean
  returnReason: string | null
  hasLetter: boolean
}

export interface CasePageProps {
  staff: StaffPrincipal
  csrfToken: string
  id: string
  reference: string
  benefit: string
  status: ApplicationStatus
  submittedAt: Date
  post: { title: string; unit: string } | null
  /** Set when she works the case for a post she covers. */
  coveredPost: string | null
  priority: { classLabel: string; deadline: string | null; deadlineKind?: string | null }
  transitions: ApplicationStatus[]
  sections: Array<{ id: string; title: string; rows: SummaryRow[] }>
  documents: Array<{ id: string; name: string; size: string }>
  requests: Array<{ description: string; dueOn: string; open: boolean; requestedBy: string }>
  decisions: CaseDecisionView[]
  notes: Array<{ body: string; author: string; actingFor: string | null; at: Date }>
  timeline: Array<TimelineEntry & { text: string }>
  readOnly: boolean
  assignTargets: Option[] | undefined
  /** Set while the case waits in a team queue. */
  teamQueue?: TeamQueueInfo | undefined
  form?: { name: CaseForm; errors: FieldErrors; values: FieldValues } | undefined
  notice?: string | undefined
  checklist?: CaseChecklist | null
}

const OUTCOMES: DecisionOutcome[] = ['granted', 'partly_granted', 'refused']

function formState(props: CasePageProps, name: CaseForm) {
  return props.form?.name === name ? props.form : { errors: {}, values: {} }
}

function DecisionRow({ d }: { d: CaseDecisionView }) {
  const rows: SummaryRow[] = [
    { label: t('case.decision_outcome'), value: t(`case.outcome_${d.outcome}`) },
    { label: t('case.decision_status'), value: t(`case.decision_status_${d.status}`) },
  ]
  if (d.outcome !== 'refused') {
    rows.push({ label: t('case.decision_monthly'), value: formatCents(d.monthlyCents) })
    for (const c of d.components) {
      rows.push({ label: c.label, value: formatCents(c.cents) })
    }
    if (d.periodFrom && d.periodTo) {
      rows.push({
        label: t('case.decision_period'),
        value: `${formatIsoDate(d.periodFrom)} – ${formatIsoDate(d.periodTo)}`,
      })
    }
  }
  rows.push({
    label: t('case.decision_decided_by'),
    value: `${d.decidedCovered ? `${t('inbox.covered')} ` : ''}${d.decidedBy}, ${formatDateTime(d.decidedAt)}`,
  })
  if (d.approvalPost) {
    rows.push({
      label: t('case.decision_approval'),
      value: d.approvedBy
        ? `${d.approvedCovered ? `${t('inbox.covered')} ` : ''}${d.approvedBy}`
        : t('case.decision_waiting', { post: d.approvalPost }),
    })
  }
  if (d.returnReason) {
    rows.push({ label: t('case.decision_return_reason'), value: d.returnReason })
  }
  return (
    <SummarySection
      id={`decision-${d.id}`}
      title={t('case.decision_heading', { outcome: t(`case.outcome_${d.outcome}`) })}
      rows={rows}
    />
  )
}

/** One case in the workbench: where it stands, what to do next, and everything that happened. */
export function CasePage(props: CasePageProps) {
  const title = t('staff.application.title', { reference: props.reference })
  const base = `/sachbearbeitung/antraege/${props.id}`
  const note = formState(props, 'note')
  const request = formState(props, 'request')
  const decision = formState(props, 'decision')
  const objection = formState(props, 'objection')
  const reassign = formState(props, 'reassign')
  const canDecide = !props.readOnly && (props.status === 'ready_for_decision' || props.status === 'objection')
  const pending = props.decisions.some((d) => d.status === 'awaiting_approval')
  return (
    <Layout
      title={title}
      hasErrors={props.form !== undefined}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href="/sachbearbeitung/antraege">{t('staff.application.back')}</BackLink>
      {props.form ? <ErrorSummary errors={props.form.errors} /> : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body kern-body--muted">{t('staff.application.audit_notice')}</p>
      <AccessHistoryLink applicationId={props.id} />
      <CardCaseLink applicationId={props.id} />
      <CasePaymentsLink applicationId={props.id} />
      <PaymentReturnPanel
        applicationId={props.id}
        csrfToken={props.csrfToken}
        deadlineKind={props.priority.deadlineKind}
        readOnly={props.readOnly}
      />
      <TeamQueuePanel
        applicationId={props.id}
        csrfToken={props.csrfToken}
        queue={props.teamQueue}
        readOnly={props.readOnly}
      />
      {props.coveredPost ? (
        <div class="kern-alert kern-alert--info">
          <div class="kern-alert__body">
            <p class="kern-body">{t('case.covered_notice', { post: props.coveredPost })}</p>
          </div>
        </div>
      ) : null}
      <SummarySection
        id="sec-meta"
        title={t('staff.application.meta')}
        rows={[
          { label: t('staff.application.benefit'), value: props.benefit },
          { label: t('staff.application.submitted_at'), value: formatDateTime(props.submittedAt) },
          { label: t('staff.application.status'), value: t(`application_status.${props.status}`) },
          {
            label: t('case.post'),
            value: props.post ? `${props.post.title} (${props.post.unit})` : t('inbox.no_post'),
          },
          { label: t('case.priority'), value: props.priority.classLabel },
          { label: t('case.next_deadline'), value: props.priority.deadline ?? t('case.no_deadline') },
        ]}
      />
      <CaseChecklistPanel
        checklist={props.checklist}
        base={base}
        csrfToken={props.csrfToken}
        readOnly={props.readOnly}
      />
      {props.readOnly ? (
        <p class="kern-body">{t('case.read_only')}</p>
      ) : (
        <section aria-labelledby="sec-actions" class="kern-stack">
          <h2 class="kern-heading-small" id="sec-actions">
            {t('case.actions')}
          </h2>
          {props.transitions.length > 0 ? (
            <ul class="kern-list kern-list--horizontal">
              {props.transitions.map((to) => (
                <li>
                  <form method="post" action={`${base}/status`}>
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="status" value={to} />
                    <Button
                      variant={to === 'in_review' && props.status === 'submitted' ? 'primary' : 'secondary'}
                    >
                      {to === 'in_review' && props.status === 'submitted'
                        ? t('staff.application.start_review')
                        : t('case.move_to', { status: t(`application_status.${to}`) })}
                    </Button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
          {pending ? <p class="kern-body">{t('case.pending_approval')}</p> : null}
          {canDecide && !pending ? (
            <form method="post" action={`${base}/entscheidung`} class="kern-stack" id="decision-form">
              <CsrfField token={props.csrfToken} />
              <fieldset class="kern-fieldset">
                <legend class="kern-heading-small">{t('case.decision_legend')}</legend>
                <RadioGroup
                  name="ergebnis"
                  label={t('case.decision_outcome')}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome_${o}`) }))}
                  values={decision.values}
                  errors={decision.errors}
                />
                {AMOUNT_FIELDS.map((field, i) => (
                  <TextField
                    name={field.name}
                    label={t(field.label)}
                    hint={i === 0 ? t('case.amount_hint') : undefined}
                    inputmode="decimal"
                    width={4}
                    values={decision.values}
                    errors={decision.errors}
                    optional
                  />
                ))}
                <TextField
                  name="von"
                  label={t('case.period_from')}
                  hint={t('case.date_hint')}
                  width={4}
                  values={decision.values}
                  errors={decision.errors}
                  optional
                />
                <TextField
                  name="bis"
                  label={t('case.period_to')}
                  hint={t('case.date_hint')}
                  width={4}
                  values={decision.values}
                  errors={decision.errors}
                  optional
                />
                <TextField
                  name="rechtsgrundlage"
                  label={t('case.legal_basis')}
                  values={{ rechtsgrundlage: t('case.legal_basis_default'), ...decision.values }}
                  errors={decision.errors}
                />
                <TextArea
                  name="begruendung"
                  label={t('case.reasons')}
                  rows={6}
                  maxlength={20000}
                  values={decision.values}
                  errors={decision.errors}
                />
                <Button>{t('case.decide_submit')}</Button>
              </fieldset>
            </form>
          ) : null}
          {props.status === 'decided' ? (
            <form method="post" action={`${base}/widerspruch`} class="kern-stack">
              <CsrfField token={props.csrfToken} />
              <TextField
                name="eingang"
                label={t('case.objection_received')}
                hint={t('case.date_hint')}
                width={4}
                values={objection.values}
                errors={objection.errors}
              />
              <Button variant="secondary">{t('case.objection_submit')}</Button>
            </form>
          ) : null}
          {['submitted', 'in_review', 'documents_requested'].includes(props.status) ? (
            <form method="post" action={`${base}/unterlagen`} class="kern-stack">
              <CsrfField token={props.csrfToken} />
              <fieldset class="kern-fieldset">
                <legend class="kern-heading-small">{t('case.request_legend')}</legend>
                <TextArea
                  name="beschreibung"
                  label={t('case.request_description')}
                  hint={t('case.request_hint')}
                  maxlength={2000}
                  values={request.values}
                  errors={request.errors}
                />
                <TextField
                  name="frist"
                  label={t('case.request_due')}
                  hint={t('case.date_hint')}
                  width={4}
                  values={request.values}
                  errors={request.errors}
                />
                <Button variant="secondary">{t('case.request_submit')}</Button>
              </fieldset>
            </form>
          ) : null}
          <form method="post" action={`${base}/notizen`} class="kern-stack">
            <CsrfField token={props.csrfToken} />
            <TextArea
              name="notiz"
              label={t('case.note_label')}
              maxlength={10000}
              values={note.values}
              errors={note.errors}
            />
            <Button variant="secondary">{t('case.note_submit')}</Button>
          </form>
          {props.assignTargets ? (
            <form method="post" action="/sachbearbeitung/faelle/zuweisen" class="kern-stack">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="faelle" value={props.id} />
              <input type="hidden" name="zurueck" value={base} />
              <ReassignFieldset
                options={props.assignTargets}
                values={reassign.values}
                errors={reassign.errors}
                legendClass="kern-heading-small"
              />
            </form>
          ) : null}
        </section>
      )}
      {props.decisions.length > 0 ? (
        <section aria-labelledby="sec-decisions">
          <h2 class="kern-heading-small" id="sec-decisions">
            {t('case.decisions')}
          </h2>
          {props.decisions.map((d) => (
            <>
              <DecisionRow d={d} />
              {d.hasLetter ? (
                <p class="kern-body">
                  <a class="kern-link" href={`${base}/bescheide/${d.id}`}>
                    {t('case.letter_download')}
                  </a>
                </p>
              ) : null}
            </>
          ))}
        </section>
      ) : null}
      <CaseFileExport caseId={props.id} />
      {props.requests.length > 0 ? (
        <section aria-labelledby="sec-requests">
          <h2 class="kern-heading-small" id="sec-requests">
            {t('case.requests')}
          </h2>
          <ul class="kern-list">
            {props.requests.map((r) => (
              <li>
                {r.description} — {t('case.request_due_on', { date: formatIsoDate(r.dueOn) })} —{' '}
                {r.open ? t('case.request_open') : t('case.request_done')}
              </li>
            ))}
          </ul>
        </section>
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
                <a class="kern-link" href={`${base}/dokumente/${d.id}`}>
                  {t('staff.application.download', { name: d.name })}
                </a>{' '}
                ({d.size})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sec-notes">
        <h2 class="kern-heading-small" id="sec-notes">
          {t('case.notes')}
        </h2>
        {props.notes.length === 0 ? (
          <p class="kern-body">{t('case.no_notes')}</p>
        ) : (
          <ul class="kern-list">
            {props.notes.map((n) => (
              <li>
                <p class="kern-body">{n.body}</p>
                <p class="kern-body kern-body--muted">
                  {n.actingFor ? `${t('inbox.covered')} ${n.actingFor}: ` : ''}
                  {n.author}, {formatDateTime(n.at)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <TimelineSection heading={t('staff.application.history')} items={props.timeline} />
    </Layout>
  )
}
