// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  TextField,
} from '../../../views/components/form.js'
import { Layout, staffFrame } from '../../../views/layout.js'

/** "Neue Wiederherstellungscodes": how many codes are left, and the form that asks for a fresh code first. */
export function RenewRecoveryCodesPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  left: number | null
  errors: FieldErrors
}) {
  const title = t('auth.recovery_renew.title')
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={title} hasErrors={hasErrors} staff={staffFrame(props.staff, props.csrfToken)}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{title}</h1>
      {props.left === null ? (
        <p class="kern-body">{t('auth.recovery_renew.no_local_factor')}</p>
      ) : (
        <>
          <p class="kern-body">{t('auth.recovery_renew.left', { count: props.left })}</p>
          <p class="kern-body">{t('auth.recovery_renew.intro')}</p>
          <form method="post" action="/konto/wiederherstellungscodes" novalidate class="kern-stack">
            <CsrfField token={props.csrfToken} />
            <TextField
              name="code"
              label={t('auth.recovery_renew.code_label')}
              hint={t('auth.recovery_renew.code_hint')}
              values={{}}
              errors={props.errors}
              autocomplete="one-time-code"
              inputmode="numeric"
              spellcheck={false}
              width={4}
            />
            <Button>{t('auth.recovery_renew.submit')}</Button>
          </form>
        </>
      )}
    </Layout>
  )
}

/** The new codes, shown once. */
export function RenewedRecoveryCodesPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  codes: string[]
}) {
  const title = t('auth.recovery_renew.done_title')
  return (
    <Layout title={title} staff={staffFrame(props.staff, props.csrfToken)}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('auth.recovery_renew.done_intro')}</p>
      <p class="kern-body">
        <strong>{t('auth.recovery.once')}</strong>
      </p>
      <ul class="kern-list recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="kern-link" href="/konto/sitzungen">
          {t('auth.recovery_renew.back')}
        </a>
      </p>
    </Layout>
  )
}
