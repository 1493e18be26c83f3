// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why an OIDC sign-in was refused; each has its own German text. */
export type SsoFailure = 'failed' | 'no_role' | 'no_mfa'

/** An OIDC sign-in that cannot complete: bad or replayed state, token errors, no role, no second factor. */
export class SsoSignInError extends AppError {
  readonly code = 'auth.sso_failed'
  readonly status = 403
  readonly messageKey: MessageKey
  constructor(
    readonly reason: SsoFailure,
    detail: string,
  ) {
    super(detail)
    this.messageKey =
      reason === 'no_role' ? 'auth.sso.no_role' : reason === 'no_mfa' ? 'auth.sso.no_mfa' : 'auth.sso.failed'
  }
}
