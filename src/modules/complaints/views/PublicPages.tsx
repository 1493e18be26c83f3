// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  FileField,
  RadioGroup,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'

export const PUBLIC_FIELD_ORDER = [
  'category',
  'description',
  'caseReference',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactAddress',
  'attachments',
]

/** The citizen's complaint form: works without JavaScript, contact details optional (anonymous allowed). */
export function ComplaintFormPage(props: {
  csrfToken: string
  categories: Array<{ value: string; label: string }>
  values: FieldValues
  errors: FieldErrors
  maxFileSize: string
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('complaints.form.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} order={PUBLIC_FIELD_ORDER} />
      <h1 class="kern-heading-large">{t('complaints.form.title')}</h1>
      <p class="kern-body">{t('complaints.form.intro')}</p>
      <form method="post" action="/beschwerde" enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrfToken} />
        <RadioGroup
          name="category"
          label={t('complaints.form.category')}
          options={props.categories}
          values={props.values}
          errors={props.errors}
        />
        <TextArea
          name="description"
          label={t('complaints.form.description')}
          hint={t('complaints.form.description_hint')}
          values={props.values}
          errors={props.errors}
          rows={8}
        />
        <TextField
          name="caseReference"
          label={t('complaints.form.case_reference')}
          hint={t('complaints.form.case_reference_hint')}
          values={props.values}
          errors={props.errors}
          optional
          spellcheck={false}
        />
        <fieldset class="kern-fieldset" aria-describedby="contact-hint">
          <legend class="kern-label">{t('complaints.form.contact')}</legend>
          <div class="kern-hint" id="contact-hint">
            {t('complaints.form.contact_hint')}
          </div>
          <div class="kern-fieldset__body">
            <TextField
              name="contactName"
              label={t('complaints.form.name')}
              values={props.values}
              errors={props.errors}
              autocomplete="name"
              optional
            />
            <TextField
              name="contactEmail"
              label={t('complaints.form.email')}
              hint={t('complaints.form.email_hint')}
              type="email"
              values={props.values}
              errors={props.errors}
              autocomplete="email"
              spellcheck={false}
              optional
            />
            <TextField
              name="contactPhone"
              label={t('complaints.form.phone')}
              type="tel"
              values={props.values}
              errors={props.errors}
              autocomplete="tel"
              optional
            />
            <TextArea
              name="contactAddress"
              label={t('complaints.form.address')}
              values={props.values}
              errors={props.errors}
              autocomplete="street-address"
              rows={3}
              optional
            />
          </div>
        </fieldset>
        <FileField
          name="attachments"
          optional
          multiple
          unpadded
          label={t('complaints.form.attachments')}
          hint={t('complaints.form.attachments_hint', { max: props.maxFileSize })}
          errors={props.errors}
        />
        <p class="kern-body">{t('complaints.form.privacy')}</p>
        <Button>{t('complaints.form.submit')}</Button>
      </form>
    </Layout>
  )
}

/** Confirmation after submission: the reference to quote. */
export function ComplaintReceivedPage(props: { reference: string; ackDays: number; withContact: boolean }) {
  return (
    <Layout title={t('complaints.received.title')}>
      <div class="kern-alert kern-alert--success" role="status">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--success" aria-hidden="true" />
          <h1 class="kern-title">{t('complaints.received.title')}</h1>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{t('complaints.received.reference', { reference: props.reference })}</p>
        </div>
      </div>
      <p class="kern-body">
        {props.withContact
          ? t('complaints.received.next_contact', { days: props.ackDays })
          : t('complaints.received.next_anonymous')}
      </p>
      <p class="kern-body">
        <a class="kern-link" href="/">
          {t('complaints.received.home')}
        </a>
      </p>
    </Layout>
  )
}

/** Satisfaction feedback through the link sent after closure. */
export function FeedbackPage(props: {
  csrfToken: string
  token: string
  reference: string
  values: FieldValues
  errors: FieldErrors
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('complaints.feedback.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} order={['rating', 'comment']} />
      <h1 class="kern-heading-large">{t('complaints.feedback.title')}</h1>
      <p class="kern-body">{t('complaints.feedback.intro', { reference: props.reference })}</p>
      <form method="post" action={`/beschwerde/rueckmeldung/${encodeURIComponent(props.token)}`} novalidate>
        <CsrfField token={props.csrfToken} />
        <RadioGroup
          name="rating"
          label={t('complaints.feedback.rating')}
          options={[5, 4, 3, 2, 1].map((n) => ({
            value: String(n),
            label: t(`complaints.feedback.rating_${n}` as 'complaints.feedback.rating_1'),
          }))}
          values={props.values}
          errors={props.errors}
        />
        <TextArea
          name="comment"
          label={t('complaints.feedback.comment')}
          values={props.values}
          errors={props.errors}
          rows={4}
          optional
        />
        <Button>{t('complaints.feedback.submit')}</Button>
      </form>
    </Layout>
  )
}
