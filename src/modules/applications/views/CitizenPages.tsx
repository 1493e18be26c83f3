// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  fieldId,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import { CitizenCardLink } from '../../payment-card/views/CitizenCardPages.js'
import type { SummaryRow } from '../form/form.engine.js'
import type { FormDef } from '../form/form.types.js'
import { type RequestedDocument, RequestedDocuments } from './RequestedDocuments.js'

/** Start page: the benefits one can apply for, resume and status. */
export function HomePage({ forms, csrfToken }: { forms: readonly FormDef[]; csrfToken: string }) {
  return (
    <Layout title={t('home.title')}>
      <h1 class="kern-heading-large">{t('home.title')}</h1>
      <p class="kern-body kern-body--large">{t('home.intro')}</p>
      <h2 class="kern-heading-medium">{t('home.choose')}</h2>
      {forms.map((form) => (
        <section class="kern-card benefit-card" aria-labelledby={`benefit-${form.slug}`}>
          <div class="kern-card__container">
            <header class="kern-card__header">
              <h3 class="kern-title" id={`benefit-${form.slug}`}>
                {t(form.title)}
              </h3>
            </header>
            <div class="kern-card__body">
              <p class="kern-body">
                {t(`benefit.${form.benefitType}.description` as 'benefit.grusi.description')}
              </p>
              <p class="kern-body">
                {t(`benefit.${form.benefitType}.before_you_start` as 'benefit.grusi.before_you_start')}
              </p>
            </div>
            <footer class="kern-card__footer">
              <form method="post" action={`/antrag/${form.slug}/starten`}>
                <CsrfField token={csrfToken} />
                <Button>
                  {t('home.start')}: {t(form.title)}
                </Button>
              </form>
            </footer>
          </div>
        </section>
      ))}
      <h2 class="kern-heading-medium">{t('home.resume_title')}</h2>
      <p class="kern-body">{t('home.resume_text')}</p>
      <p>
        <a class="kern-link" href="/antrag/fortsetzen">
          {t('home.resume_link')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('home.status_title')}</h2>
      <p class="kern-body">{t('home.status_text')}</p>
      <p>
        <a class="kern-link" href="/antrag/status">
          {t('home.status_link')}
        </a>
      </p>
    </Layout>
  )
}

/** Shown after "save draft": the resume code to write down. */
export function DraftSavedPage(props: {
  resumeCode: string
  expiresAt: Date
  continueHref: string
  incomplete: boolean
}) {
  return (
    <Layout title={t('draft.saved_title')}>
      <div class="kern-alert kern-alert--success" role="status">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--success" aria-hidden="true" />
          <h1 class="kern-title">{t('draft.saved_title')}</h1>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{t('draft.saved_text', { date: formatDateTime(props.expiresAt) })}</p>
          <p class="kern-body">
            {t('draft.code_label')}: <strong class="code">{props.resumeCode}</strong>
          </p>
        </div>
      </div>
      {props.incomplete ? <p class="kern-body">{t('draft.saved_incomplete')}</p> : null}
      <p>
        <a class="kern-link" href={props.continueHref}>
          {t('draft.continue_now')}
        </a>
      </p>
    </Layout>
  )
}

/** Form to resume a draft with its code. */
export function ResumePage(props: { values: FieldValues; errors: FieldErrors; csrfToken: string }) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('resume.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('resume.title')}</h1>
      <form method="post" action="/antrag/fortsetzen" novalidate class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <TextField
          name="code"
          label={t('resume.code')}
          hint={t('resume.code_hint')}
          values={props.values}
          errors={props.errors}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>{t('resume.submit')}</Button>
      </form>
    </Layout>
  )
}

/** Form to look up an application's status. */
export function StatusLookupPage(props: { values: FieldValues; errors: FieldErrors; csrfToken: string }) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('status.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('status.title')}</h1>
      <form method="post" action="/antrag/status" novalidate class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <TextField
          name="reference"
          label={t('status.reference')}
          hint={t('status.reference_hint')}
          values={props.values}
          errors={props.errors}
          autocomplete="off"
          spellcheck={false}
        />
        <TextField
          name="accessCode"
          label={t('status.access_code')}
          hint={t('status.access_code_hint')}
          values={props.values}
          errors={props.errors}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>{t('status.submit')}</Button>
      </form>
    </Layout>
  )
}

export interface ReceiptView {
  benefitTitle: string
  reference: string
  submittedAt: Date
  accessCode: string
  statusLabel: string
  statusText: string
  statusSince: Date
}

/** Receipt right after submission (with access code) and the status page (same facts). */
export function ReceiptPage({
  receipt,
  mode,
  requests,
  cardLink = false,
}: {
  receipt: ReceiptView
  mode: 'receipt' | 'status'
  /** Status page: link to the payment card requests (AsylbLG and card households only). */
  cardLink?: boolean
  /** Documents the office asked for (status page only), with their upload forms. */
  requests?: {
    list: RequestedDocument[]
    csrfToken: string
    error?: { requestId: string; message: string }
    notice?: string
  }
}) {
  const title = mode === 'receipt' ? t('receipt.title') : t('status.result_title')
  return (
    <Layout title={title} hasErrors={requests?.error !== undefined}>
      <Notice text={requests?.notice} />
      {mode === 'receipt' ? (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--success" aria-hidden="true" />
            <h1 class="kern-title">{title}</h1>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('receipt.intro', { benefit: receipt.benefitTitle })}</p>
          </div>
        </div>
      ) : (
        <h1 class="kern-heading-large">{title}</h1>
      )}
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('receipt.reference')}</dt>
          <dd class="kern-description-list-item__value">
            <strong class="code">{receipt.reference}</strong>
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('receipt.submitted_at')}</dt>
          <dd class="kern-description-list-item__value">{formatDateTime(receipt.submittedAt)}</dd>
        </div>
        {mode === 'receipt' ? (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('receipt.access_code')}</dt>
            <dd class="kern-description-list-item__value">
              <strong class="code">{receipt.accessCode}</strong>
            </dd>
          </div>
        ) : null}
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('status.current')}</dt>
          <dd class="kern-description-list-item__value">
            {receipt.statusLabel} ({t('status.since')} {formatDateTime(receipt.statusSince)}):{' '}
            {receipt.statusText}
          </dd>
        </div>
      </dl>
      {mode === 'receipt' ? <p class="kern-body">{t('receipt.keep_codes')}</p> : null}
      {requests ? (
        <RequestedDocuments requests={requests.list} csrfToken={requests.csrfToken} error={requests.error} />
      ) : null}
      {mode === 'status' && cardLink ? <CitizenCardLink /> : null}
      <p>
        <a class="kern-link" href="/antrag/eingangsbestaetigung.pdf" download>
          {t('receipt.pdf')}
        </a>
      </p>
      {mode === 'receipt' ? <p class="kern-body">{t('receipt.next')}</p> : null}
    </Layout>
  )
}

/** Check-your-answers page before submission. */
export function ReviewPage(props: {
  form: FormDef
  sections: Array<{ id: string; title: string; href: string; rows: SummaryRow[] }>
  documentCount: number
  errors: FieldErrors
  csrfToken: string
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('step.review.title')} hasErrors={hasErrors}>
      <BackLink href={`/antrag/${props.form.slug}/nachweise`}>{t('layout.back')}</BackLink>
      <ErrorSummary errors={props.errors} />
      <hgroup class="kern-hgroup">
        <p class="kern-preline">
          {t(props.form.title)} ·{' '}
          {t('form.step_of', { n: props.form.steps.length + 2, total: props.form.steps.length + 2 })}
        </p>
        <h1 class="kern-heading-large">{t('step.review.title')}</h1>
      </hgroup>
      <p class="kern-body">{t('step.review.intro')}</p>
      {props.sections.map((section) => (
        <SummarySection
          id={fieldId(`section-${section.id}`)}
          title={section.title}
          href={section.href}
          rows={section.rows}
        />
      ))}
      <SummarySection
        id="f-section-documents"
        title={t('review.documents')}
        href={`/antrag/${props.form.slug}/nachweise`}
        rows={[
          {
            label: t('review.documents'),
            value:
              props.documentCount > 0
                ? t('review.documents_count', { count: props.documentCount })
                : t('review.submitted_no_documents'),
          },
        ]}
      />
      <form method="post" action={`/antrag/${props.form.slug}/absenden`} class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <p class="kern-body">{t('review.submit_hint')}</p>
        <Button>{t('review.submit')}</Button>
      </form>
    </Layout>
  )
}

/** A titled description list with a "change" link, shared by the review page and the staff view. */
export function SummarySection(props: {
  title: string
  href?: string | undefined
  rows: SummaryRow[]
  id: string
}) {
  return (
    <section class="summary-section" aria-labelledby={props.id}>
      <div class="summary-section__header">
        <h2 class="kern-heading-small" id={props.id}>
          {props.title}
        </h2>
        {props.href ? (
          <a class="kern-link" href={props.href}>
            {t('form.change')}
            <span class="kern-sr-only">: {props.title}</span>
          </a>
        ) : null}
      </div>
      <dl class="kern-description-list">
        {props.rows.map((row) => (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{row.label}</dt>
            <dd class="kern-description-list-item__value">{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
