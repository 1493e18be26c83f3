// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { DataTable } from '../../../views/components/data-table.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  RadioGroup,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { AdminNotificationItem, NotificationItem, ReviewItem } from '../break-glass.service.js'

interface StaffPageProps {
  staff: StaffPrincipal
  csrfToken: string
}

/** The emergency form: file number and reason. */
export function BreakGlassFormPage(
  props: StaffPageProps & { minutes: number; values: FieldValues; errors: FieldErrors },
) {
  const title = t('breakglass.form_title')
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={title}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={['reference', 'reason']} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('breakglass.form_intro', { minutes: props.minutes })}</p>
      <form method="post" action="/notfallzugriff" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="reference"
          label={t('breakglass.field_reference')}
          hint={t('breakglass.field_reference_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
          spellcheck={false}
        />
        <TextArea
          name="reason"
          label={t('breakglass.field_reason')}
          hint={t('breakglass.field_reason_hint')}
          values={props.values}
          errors={props.errors}
          rows={5}
          maxlength={2000}
        />
        <Button>{t('breakglass.submit')}</Button>
      </form>
    </Layout>
  )
}

/** The lead's list of break-glass accesses to cases she is responsible for. */
export function NotificationsPage(
  props: StaffPageProps & { items: NotificationItem[]; notice?: string | undefined },
) {
  const title = t('breakglass.notifications_title')
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      {props.items.length === 0 ? (
        <p class="kern-body">{t('breakglass.notifications_empty')}</p>
      ) : (
        <DataTable
          caption={title}
          rowHeader={false}
          head={[
            t('breakglass.col_when'),
            t('breakglass.col_staff'),
            t('breakglass.col_reference'),
            t('breakglass.col_reason'),
            t('breakglass.col_status'),
          ]}
          rows={props.items.map((n) => [
            formatDateTime(n.createdAt),
            n.staffName,
            n.reference,
            n.reason,
            n.readAt ? (
              t('breakglass.read')
            ) : (
              <form method="post" action={`/notfallzugriff/hinweise/${n.id}/gelesen`}>
                <CsrfField token={props.csrfToken} />
                <button
                  type="submit"
                  class="kern-btn kern-btn--secondary"
                  aria-label={t('breakglass.mark_read_for', { reference: n.reference })}
                >
                  <span class="kern-label">{t('breakglass.mark_read')}</span>
                </button>
              </form>
            ),
          ])}
        />
      )}
    </Layout>
  )
}

function ReviewTable(props: { caption: string; items: ReviewItem[]; reviewLinks?: boolean }) {
  return (
    <DataTable
      caption={props.caption}
      visibleCaption
      rowHeader={false}
      head={[
        t('breakglass.col_when'),
        t('breakglass.col_staff'),
        t('breakglass.col_reference'),
        t('breakglass.col_reason'),
        t('breakglass.col_lead'),
        t('breakglass.col_review'),
      ]}
      rows={props.items.map((g) => [
        `${formatDateTime(g.grantedAt)} – ${formatDateTime(g.expiresAt).slice(-5)}`,
        g.staffName,
        <a class="kern-link" href={`/sachbearbeitung/antraege/${g.applicationId}/zugriffe`}>
          {g.reference}
        </a>,
        g.reason,
        g.leadName ?? t('breakglass.nobody'),
        <>
          {props.reviewLinks ? (
            <a class="kern-link" href={`/datenschutz/notfallzugriffe/${g.id}`}>
              {t('breakglass.review_decision', { reference: g.reference })}
            </a>
          ) : (
            t(`breakglass.status_${g.status}`)
          )}
          {g.reviewedBy ? ` (${g.reviewedBy}, ${g.reviewedAt ? formatDateTime(g.reviewedAt) : ''})` : ''}
          {g.note ? `: ${g.note}` : ''}
        </>,
      ])}
    />
  )
}

/** The data-protection officer's review queue: pending grants (each linked to its review form), then done. */
export function ReviewQueuePage(
  props: StaffPageProps & { pending: ReviewItem[]; reviewed: ReviewItem[]; notice?: string | undefined },
) {
  const title = t('breakglass.review_title')
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        <a class="kern-link" href="/datenschutz/personen">
          {t('accesslog.nav_person')}
        </a>
      </p>
      {props.pending.length === 0 ? (
        <p class="kern-body">{t('breakglass.review_empty')}</p>
      ) : (
        <ReviewTable caption={t('breakglass.review_pending')} items={props.pending} reviewLinks />
      )}
      {props.reviewed.length > 0 ? (
        <ReviewTable caption={t('breakglass.review_done')} items={props.reviewed} />
      ) : null}
    </Layout>
  )
}

/** One pending grant and the review form (confirm or flag, note). */
export function ReviewGrantPage(
  props: StaffPageProps & { item: ReviewItem; values: FieldValues; errors: FieldErrors },
) {
  const title = t('breakglass.review_decision', { reference: props.item.reference })
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(props.errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={['decision', 'note']} />
      <h1 class="kern-heading-large">{title}</h1>
      <ReviewTable caption={t('breakglass.review_pending')} items={[props.item]} />
      <form method="post" action={`/datenschutz/notfallzugriffe/${props.item.id}`} novalidate>
        <CsrfField token={props.csrfToken} />
        <RadioGroup
          name="decision"
          label={t('breakglass.col_review')}
          options={[
            { value: 'confirmed', label: t('breakglass.review_confirm') },
            { value: 'flagged', label: t('breakglass.review_flag') },
          ]}
          values={props.values}
          errors={props.errors}
        />
        <TextArea
          name="note"
          label={t('breakglass.review_note')}
          hint={t('breakglass.review_note_hint')}
          values={props.values}
          errors={props.errors}
          optional
          rows={3}
          maxlength={2000}
        />
        <Button>{t('breakglass.review_submit')}</Button>
      </form>
    </Layout>
  )
}

/** Administrators: which notifications went out, without any case data. */
export function AdminNotificationsPage(props: StaffPageProps & { items: AdminNotificationItem[] }) {
  const title = t('breakglass.admin_title')
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('breakglass.admin_intro')}</p>
      <DataTable
        caption={title}
        rowHeader={false}
        head={[
          t('breakglass.col_when'),
          t('breakglass.col_staff'),
          t('breakglass.col_lead'),
          t('breakglass.col_status'),
          t('breakglass.col_review'),
        ]}
        rows={props.items.map((n) => [
          formatDateTime(n.createdAt),
          n.staffName,
          n.leadName ?? t('breakglass.nobody'),
          n.readAt ? t('breakglass.read') : t('breakglass.unread'),
          t(`breakglass.status_${n.reviewStatus}`),
        ])}
      />
    </Layout>
  )
}
