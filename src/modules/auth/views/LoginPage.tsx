// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  TextField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'

/** Staff sign-in with a local account. */
export function LoginPage(props: {
  values: FieldValues
  errors: FieldErrors
  next: string
  csrfToken: string
  /** Offer single sign-on (OIDC) above the local account form. */
  sso?: boolean
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('login.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('login.title')}</h1>
      {props.sso ? (
        <>
          <p>
            <a
              class="kern-btn kern-btn--primary"
              href={`/anmelden/oidc?weiter=${encodeURIComponent(props.next)}`}
            >
              <span class="kern-label">{t('auth.sso.button')}</span>
            </a>
          </p>
          <p class="kern-body">{t('auth.sso.or')}</p>
        </>
      ) : null}
      <form method="post" action="/anmelden" novalidate class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="weiter" value={props.next} />
        <TextField
          name="username"
          label={t('login.username')}
          values={props.values}
          errors={props.errors}
          autocomplete="username"
          spellcheck={false}
        />
        <TextField
          name="password"
          label={t('login.password')}
          type="password"
          values={{}}
          errors={props.errors}
          autocomplete="current-password"
        />
        <Button>{t('login.submit')}</Button>
      </form>
      <p class="kern-body kern-body--muted">{t('login.mfa_notice')}</p>
    </Layout>
  )
}
