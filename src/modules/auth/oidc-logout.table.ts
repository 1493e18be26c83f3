// SPDX-License-Identifier: EUPL-1.2
import type { Generated } from 'kysely'

/**
 * The identity-provider session a Lotse session came from (OIDC sign-in only). Personal data (IdP subject,
 * sealed ID token); deleted together with its session.
 */
export interface OidcSessionLinkTable {
  /** `staff_session.id`. */
  session_id: string
  issuer: string
  subject: string
  /** The IdP session id (`sid` claim of the ID token); null when the provider sends none. */
  sid: string | null
  /** The ID token, AES-256-GCM sealed with the MFA key bound to the session id; sent as `id_token_hint`. */
  id_token_enc: Buffer
  created_at: Generated<Date>
}

/** A back-channel logout token's `jti`, kept until the token expires (replay protection). No personal data. */
export interface OidcLogoutJtiTable {
  issuer: string
  jti: string
  expires_at: Date
}
