// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { DataTable } from '../../../views/components/data-table.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { listApiKeys } from '../api-keys.js'
import type { importOverview } from '../open311.client.js'
import type { webhookOverview } from '../webhooks.js'

export interface AdminPageProps {
  staff: StaffPrincipal
  csrfToken: string
  keys: Awaited<ReturnType<typeof listApiKeys>>
  importState: Awaited<ReturnType<typeof importOverview>>
  webhooks: Awaited<ReturnType<typeof webhookOverview>>
  subscribers: string[]
  /** A key just created: shown once, never again. */
  newKey?: { name: string; key: string } | undefined
  notice?: string | undefined
  errors?: FieldErrors
  values?: Record<string, string>
}

/** Open311 administration: API keys, the import from the request tool, webhook deliveries. No social data. */
export function AdminPage(props: AdminPageProps) {
  const title = t('open311.admin.title')
  const errors = props.errors ?? {}
  const imp = props.importState
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={errors} />
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/open311/dienste">
          {t('open311.settings.title')}
        </a>
      </p>

      <h2 class="kern-heading-medium">{t('open311.admin.keys')}</h2>
      {props.newKey ? (
        <div class="kern-alert kern-alert--info" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('open311.admin.new_key', { name: props.newKey.name })}</p>
            <p class="kern-body">
              <code>{props.newKey.key}</code>
            </p>
          </div>
        </div>
      ) : null}
      {props.keys.length === 0 ? (
        <p class="kern-body">{t('open311.admin.no_keys')}</p>
      ) : (
        <DataTable
          caption={t('open311.admin.keys')}
          head={[
            t('open311.admin.col_name'),
            t('open311.admin.col_prefix'),
            t('open311.admin.col_created'),
            t('open311.admin.col_used'),
            t('open311.admin.col_state'),
          ]}
          rows={props.keys.map((k) => [
            k.name,
            <code>{k.key_prefix}…</code>,
            formatDateTime(k.created_at),
            k.last_used_at ? formatDateTime(k.last_used_at) : t('open311.admin.never'),
            k.revoked_at ? (
              t('open311.admin.revoked_at', { at: formatDateTime(k.revoked_at) })
            ) : (
              <form method="post" action={`/verwaltung/open311/schluessel/${k.id}/widerrufen`}>
                <CsrfField token={props.csrfToken} />
                <button
                  type="submit"
                  class="kern-btn kern-btn--secondary"
                  aria-label={t('open311.admin.revoke_label', { name: k.name })}
                >
                  <span class="kern-label">{t('open311.admin.revoke')}</span>
                </button>
              </form>
            ),
          ])}
        />
      )}
      <form method="post" action="/verwaltung/open311/schluessel" class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="name"
          label={t('open311.admin.key_name')}
          hint={t('open311.admin.key_name_hint')}
          values={props.values ?? {}}
          errors={errors}
        />
        <Button>{t('open311.admin.create')}</Button>
      </form>

      <h2 class="kern-heading-medium">{t('open311.admin.import')}</h2>
      {imp ? (
        <>
          <DescriptionList
            rows={[
              { label: t('open311.admin.import_source'), value: imp.source },
              {
                label: t('open311.admin.import_codes'),
                value: Object.entries(imp.codes)
                  .map(([ext, cat]) => `${ext} → ${cat}`)
                  .join(', '),
              },
              {
                label: t('open311.admin.import_last_success'),
                value: imp.state?.last_success_at
                  ? formatDateTime(imp.state.last_success_at)
                  : t('open311.admin.never'),
              },
              {
                label: t('open311.admin.import_last_attempt'),
                value: imp.state?.last_attempt_at
                  ? formatDateTime(imp.state.last_attempt_at)
                  : t('open311.admin.never'),
              },
              { label: t('open311.admin.import_total'), value: String(imp.state?.imported_total ?? 0) },
              {
                label: t('open311.admin.import_state'),
                value: imp.state?.last_error
                  ? t('open311.admin.import_failing', { error: imp.state.last_error })
                  : t('open311.admin.import_ok'),
              },
            ]}
          />
          <form method="post" action="/verwaltung/open311/import">
            <CsrfField token={props.csrfToken} />
            <Button variant="secondary">{t('open311.admin.import_now')}</Button>
          </form>
          <h3 class="kern-heading-small">{t('open311.admin.import_log')}</h3>
          {imp.entries.length === 0 ? (
            <p class="kern-body">{t('open311.admin.import_log_empty')}</p>
          ) : (
            <ul class="kern-list">
              {imp.entries.map((e) => (
                <li>
                  {formatDateTime(e.at)} –{' '}
                  {e.level === 'error' ? t('open311.admin.log_error') : t('open311.admin.log_info')}:{' '}
                  {e.message}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="kern-body">{t('open311.admin.import_off')}</p>
      )}

      <h2 class="kern-heading-medium">{t('open311.admin.webhooks')}</h2>
      <p class="kern-body">
        {props.subscribers.length === 0
          ? t('open311.admin.no_subscribers')
          : t('open311.admin.subscribers', {
              names: props.subscribers.join(', '),
              pending: props.webhooks.pending,
            })}
      </p>
      <h3 class="kern-heading-small">{t('open311.admin.dead_letters')}</h3>
      {props.webhooks.dead.length === 0 ? (
        <p class="kern-body">{t('open311.admin.no_dead_letters')}</p>
      ) : (
        <DataTable
          caption={t('open311.admin.dead_letters')}
          head={[
            t('open311.admin.col_subscriber'),
            t('open311.admin.col_request'),
            t('open311.admin.col_created'),
            t('open311.admin.col_error'),
            t('open311.admin.col_action'),
          ]}
          rows={props.webhooks.dead.map((d) => {
            const request = String(d.payload.service_request_id ?? '')
            return [
              d.subscriber,
              `${request} (${String(d.payload.internal_status ?? '')})`,
              formatDateTime(d.created_at),
              t('open311.admin.attempts', { n: d.attempts, error: d.last_error ?? '' }),
              <form method="post" action={`/verwaltung/open311/zustellungen/${d.id}/erneut`}>
                <CsrfField token={props.csrfToken} />
                <button
                  type="submit"
                  class="kern-btn kern-btn--secondary"
                  aria-label={t('open311.admin.retry_label', { request, subscriber: d.subscriber })}
                >
                  <span class="kern-label">{t('open311.admin.retry')}</span>
                </button>
              </form>,
            ]
          })}
        />
      )}
    </Layout>
  )
}
