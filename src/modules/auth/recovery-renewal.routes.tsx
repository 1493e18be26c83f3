// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { RateLimitedError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { signInSettings } from './auth.routes.js'
import { STAFF_ROLES } from './auth.table.js'
import { recoveryCodesLeft, renewRecoveryCodes } from './recovery-renewal.js'
import { RenewedRecoveryCodesPage, RenewRecoveryCodesPage } from './views/RecoveryRenewalPages.js'

const PATH = '/konto/wiederherstellungscodes'

/** Self-service renewal of the recovery codes under "Konto" (issue 3): a fresh authenticator code first. */
export function recoveryRenewalRoutes() {
  const app = new Hono<AppEnv>()
  const anyStaff = staffAccess(...STAFF_ROLES)

  app.get(PATH, anyStaff, async (c) => {
    const staff = requireStaff(c)
    const left = await recoveryCodesLeft(c.get('deps').db, staff.id)
    return c.html(
      <RenewRecoveryCodesPage staff={staff} csrfToken={c.get('csrfToken')} left={left} errors={{}} />,
    )
  })

  app.post(PATH, anyStaff, async (c) => {
    const staff = requireStaff(c)
    const { db, config } = c.get('deps')
    const settings = signInSettings(config)
    const code = (await formText(c)).code ?? ''
    const result = await renewRecoveryCodes(
      db,
      settings.mfaKey,
      settings.lockout,
      staff,
      code,
      c.get('requestId'),
    )
    if (result.outcome === 'renewed') {
      return c.html(
        <RenewedRecoveryCodesPage staff={staff} csrfToken={c.get('csrfToken')} codes={result.codes} />,
      )
    }
    if (result.outcome === 'locked') {
      throw new RateLimitedError(Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 1000)))
    }
    const left = await recoveryCodesLeft(db, staff.id)
    const errors: FieldErrors =
      result.outcome === 'invalid' ? { code: t('auth.recovery_renew.error_code') } : {}
    return c.html(
      <RenewRecoveryCodesPage staff={staff} csrfToken={c.get('csrfToken')} left={left} errors={errors} />,
      422,
    )
  })

  return app
}
