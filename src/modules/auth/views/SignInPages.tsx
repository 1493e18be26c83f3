// SPDX-License-Identifier: EUPL-1.2
import { raw } from 'hono/html'
import { t } from '../../../shared/i18n.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  TextField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'

/** Second step of the sign-in: a code from the authenticator app or a recovery code. */
export function SecondFactorPage(props: { errors: FieldErrors; next: string; csrfToken: string }) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('auth.code.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('auth.code.title')}</h1>
      <p class="kern-body">{t('auth.code.intro')}</p>
      <form method="post" action="/anmelden/code" novalidate class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="weiter" value={props.next} />
        <TextField
          name="code"
          label={t('auth.code.label')}
          hint={t('auth.code.hint')}
          values={{}}
          errors={props.errors}
          autocomplete="one-time-code"
          spellcheck={false}
          width={4}
        />
        <Button>{t('auth.code.submit')}</Button>
      </form>
      <form method="post" action="/abmelden">
        <CsrfField token={props.csrfToken} />
        <Button variant="tertiary">{t('auth.code.cancel')}</Button>
      </form>
    </Layout>
  )
}

/**
 * Enrolment of the second factor: the QR code (SVG rendered on the server, no script needed), the secret as
 * text for typing it in, and the field for the first code, which confirms that the app is set up.
 */
export function EnrolPage(props: {
  errors: FieldErrors
  next: string
  csrfToken: string
  username: string
  qrSvg: string
  secretGroups: string
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={t('auth.enrol.title')} hasErrors={hasErrors}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('auth.enrol.title')}</h1>
      <p class="kern-body">{t('auth.enrol.intro')}</p>
      <p class="kern-body">{t('auth.enrol.step_scan')}</p>
      <figure class="qr-code">{raw(props.qrSvg)}</figure>
      <p class="kern-body">{t('auth.enrol.step_manual')}</p>
      <DescriptionList
        rows={[
          { label: t('auth.enrol.account_label'), value: props.username },
          { label: t('auth.enrol.secret_label'), value: <code id="totp-secret">{props.secretGroups}</code> },
        ]}
      />
      <form method="post" action="/anmelden/einrichten" novalidate class="kern-stack">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="weiter" value={props.next} />
        <p class="kern-body">{t('auth.enrol.step_confirm')}</p>
        <TextField
          name="code"
          label={t('auth.enrol.code_label')}
          values={{}}
          errors={props.errors}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
          width={4}
        />
        <Button>{t('auth.enrol.submit')}</Button>
      </form>
      <form method="post" action="/abmelden">
        <CsrfField token={props.csrfToken} />
        <Button variant="tertiary">{t('auth.code.cancel')}</Button>
      </form>
    </Layout>
  )
}

/** The recovery codes, shown once right after enrolment. */
export function RecoveryCodesPage(props: {
  codes: string[]
  next: string
  staff: { displayName: string; csrfToken: string }
}) {
  return (
    <Layout title={t('auth.recovery.title')} staff={props.staff}>
      <h1 class="kern-heading-large">{t('auth.recovery.title')}</h1>
      <p class="kern-body">{t('auth.recovery.intro')}</p>
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
        <a class="kern-btn kern-btn--primary" href={props.next}>
          <span class="kern-label">{t('auth.recovery.continue')}</span>
        </a>
      </p>
    </Layout>
  )
}
