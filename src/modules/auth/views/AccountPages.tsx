// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { Button, CsrfField } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { StaffUserSummary } from '../auth.service.js'
import { STAFF_ROLES } from '../auth.table.js'
import type { SessionListItem } from '../session.service.js'

/** "Meine Sitzungen": where the staff member is signed in, with "end" per session and "sign out everywhere". */
export function SessionsPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  sessions: SessionListItem[]
  notice?: string | undefined
}) {
  const title = t('auth.sessions.title')
  return (
    <Layout title={title} staff={staffFrame(props.staff, props.csrfToken)}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('auth.sessions.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/konto/wiederherstellungscodes">
          {t('auth.recovery_renew.link')}
        </a>
      </p>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--striped">
          <caption class="kern-sr-only">{title}</caption>
          <thead class="kern-table__header">
            <tr>
              <th scope="col" class="kern-table__header">
                {t('auth.sessions.col_device')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.sessions.col_created')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.sessions.col_last_seen')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.sessions.col_network')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.sessions.col_action')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.sessions.map((s) => {
              const device = s.userAgent ?? t('auth.sessions.unknown_device')
              return (
                <tr>
                  <td class="kern-table__cell">
                    {device}
                    {s.current ? (
                      <>
                        {' '}
                        <span class="kern-badge kern-badge--info">
                          <span class="kern-label kern-label--small">{t('auth.sessions.current')}</span>
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td class="kern-table__cell">{formatDateTime(s.createdAt)}</td>
                  <td class="kern-table__cell">{formatDateTime(s.lastSeenAt)}</td>
                  <td class="kern-table__cell">{s.addressPrefix ?? t('auth.sessions.unknown_network')}</td>
                  <td class="kern-table__cell">
                    <form method="post" action={`/konto/sitzungen/${s.id}/beenden`}>
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class="kern-btn kern-btn--secondary"
                        aria-label={t('auth.sessions.end_label', {
                          device,
                          created: formatDateTime(s.createdAt),
                        })}
                      >
                        <span class="kern-label">{t('auth.sessions.end')}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <form method="post" action="/konto/sitzungen/ueberall-abmelden" class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <p class="kern-body">{t('auth.sessions.everywhere_hint')}</p>
        <Button variant="secondary">{t('auth.sessions.everywhere')}</Button>
      </form>
    </Layout>
  )
}

/** Administration of staff accounts: role, second factor reset, disable. No social data here. */
export function UsersPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  users: StaffUserSummary[]
  notice?: string | undefined
}) {
  const title = t('auth.users.title')
  return (
    <Layout title={title} staff={staffFrame(props.staff, props.csrfToken)}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--striped">
          <caption class="kern-sr-only">{title}</caption>
          <thead class="kern-table__header">
            <tr>
              <th scope="col" class="kern-table__header">
                {t('auth.users.col_username')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.users.col_name')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.users.col_mfa')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.users.col_status')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('auth.users.col_actions')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.users.map((u) => (
              <tr>
                <td class="kern-table__cell">{u.username}</td>
                <td class="kern-table__cell">{u.displayName}</td>
                <td class="kern-table__cell">
                  {u.oidc
                    ? t('auth.users.mfa_oidc')
                    : u.mfaEnrolled
                      ? t('auth.users.mfa_yes')
                      : t('auth.users.mfa_no')}
                </td>
                <td class="kern-table__cell">
                  {u.disabled ? t('auth.users.disabled') : t('auth.users.active')}
                </td>
                <td class="kern-table__cell">
                  <div class="kern-stack">
                    <form method="post" action={`/verwaltung/benutzer/${u.id}/rolle`} class="filter-form">
                      <CsrfField token={props.csrfToken} />
                      <div class="kern-form-input">
                        <label class="kern-label" for={`role-${u.id}`}>
                          {t('auth.users.role_label', { name: u.displayName })}
                        </label>
                        <div class="kern-form-input__select-wrapper">
                          <select class="kern-form-input__select" id={`role-${u.id}`} name="role">
                            {STAFF_ROLES.map((r) => (
                              <option value={r} selected={r === u.role}>
                                {t(`auth.role.${r}`)}
                              </option>
                            ))}
                          </select>
                        </div>
                      </div>
                      <button
                        type="submit"
                        class="kern-btn kern-btn--secondary"
                        aria-label={t('auth.users.change_role_label', { name: u.displayName })}
                      >
                        <span class="kern-label">{t('auth.users.change_role')}</span>
                      </button>
                    </form>
                    {u.mfaEnrolled ? (
                      <form method="post" action={`/verwaltung/benutzer/${u.id}/mfa-zuruecksetzen`}>
                        <CsrfField token={props.csrfToken} />
                        <button
                          type="submit"
                          class="kern-btn kern-btn--secondary"
                          aria-label={t('auth.users.reset_mfa_label', { name: u.displayName })}
                        >
                          <span class="kern-label">{t('auth.users.reset_mfa')}</span>
                        </button>
                      </form>
                    ) : null}
                    <form method="post" action={`/verwaltung/benutzer/${u.id}/status`}>
                      <CsrfField token={props.csrfToken} />
                      <input type="hidden" name="disabled" value={u.disabled ? 'nein' : 'ja'} />
                      <button
                        type="submit"
                        class="kern-btn kern-btn--tertiary"
                        aria-label={t(u.disabled ? 'auth.users.enable_label' : 'auth.users.disable_label', {
                          name: u.displayName,
                        })}
                      >
                        <span class="kern-label">
                          {t(u.disabled ? 'auth.users.enable' : 'auth.users.disable')}
                        </span>
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
