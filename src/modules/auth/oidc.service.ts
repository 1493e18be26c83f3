// SPDX-License-Identifier: EUPL-1.2
import * as client from 'openid-client'
import type { OidcConfig } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { sha256 } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { SsoSignInError } from './auth.errors.js'
import type { RequestInfo, SignInSettings } from './auth.service.js'
import { STAFF_ROLES, type StaffRole } from './auth.table.js'
import { linkIdpSession } from './oidc-logout.service.js'
import { openSession, revokeAllSessions } from './session.service.js'

/** An authorisation request waits this long for the browser to come back. */
const LOGIN_MINUTES = 10

const discovered = new Map<string, Promise<client.Configuration>>()

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}

/** The provider's metadata, fetched once per issuer and client (a failed fetch is tried again next time). */
export function providerConfig(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuerUrl} ${oidc.clientId}`
  let found = discovered.get(key)
  if (!found) {
    const issuer = new URL(oidc.issuerUrl)
    // Plain HTTP only for a provider on this machine (tests, a local Keycloak); anything else needs TLS.
    const options =
      issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}
    found = client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, options)
    found.catch(() => discovered.delete(key))
    discovered.set(key, found)
  }
  return found
}

/**
 * The key of a pending authorisation request: its state bound to the browser's CSRF cookie, so that a
 * callback URL carried to another browser opens nothing there (login CSRF).
 */
function loginKey(state: string, browserToken: string): Buffer {
  return sha256(`${state}:${browserToken}`)
}

/**
 * Starts an OIDC sign-in (authorisation code flow with PKCE, state and nonce): remembers the request's
 * verifier and nonce under the hash of its state and the browser, and returns the provider's URL to send the
 * browser to.
 */
export async function beginOidcSignIn(
  db: Db,
  oidc: OidcConfig,
  next: string,
  browserToken: string,
  now = new Date(),
): Promise<URL> {
  const config = await providerConfig(oidc)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  await db
    .insertInto('oidc_login')
    .values({
      state_hash: loginKey(state, browserToken),
      code_verifier: codeVerifier,
      nonce,
      next_path: next,
      expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
    })
    .execute()
  return client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUrl,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(oidc.mfaAcr.length > 0 ? { acr_values: oidc.mfaAcr.join(' ') } : {}),
  })
}

/** The role for a person's groups: the first mapping entry whose group they have. */
export function roleForGroups(oidc: OidcConfig, groups: readonly string[]): StaffRole | null {
  for (const { group, role } of oidc.roleMapping) {
    const known = STAFF_ROLES.find((r) => r === role)
    if (known && groups.includes(group)) {
      return known
    }
  }
  return null
}

/** Whether the ID token says the person signed in with more than a password. */
export function assertsMfa(oidc: OidcConfig, claims: { acr?: unknown; amr?: unknown }): boolean {
  const acr = typeof claims.acr === 'string' ? claims.acr : undefined
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : []
  return (acr !== undefined && oidc.mfaAcr.includes(acr)) || amr.some((a) => oidc.mfaAmr.includes(a))
}

function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim]
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : []
}

/**
 * Completes an OIDC sign-in at the redirect: checks state (once), PKCE and nonce through the token exchange,
 * requires the provider to assert a second factor and a mapped group, provisions or updates the account
 * (linked by issuer + subject), and opens a new active session. A role that changed since the last sign-in
 * ends the account's other sessions (privilege change).
 * @throws SsoSignInError when any of this fails
 */
export async function completeOidcSignIn(
  db: Db,
  oidc: OidcConfig,
  settings: Pick<SignInSettings, 'limits' | 'mfaKey'>,
  callbackQuery: string,
  browserToken: string,
  request: RequestInfo,
  now = new Date(),
): Promise<{ token: string; staff: StaffPrincipal; next: string }> {
  const params = new URLSearchParams(callbackQuery)
  const state = params.get('state') ?? ''
  // One use only: the row is deleted whether the rest succeeds or not.
  const login = await db
    .deleteFrom('oidc_login')
    .where('state_hash', '=', loginKey(state, browserToken))
    .returningAll()
    .executeTakeFirst()
  if (!login || login.expires_at <= now) {
    throw new SsoSignInError('failed', 'unknown or expired state')
  }
  const config = await providerConfig(oidc)
  let claims: Record<string, unknown>
  let idToken: string
  try {
    const current = new URL(oidc.redirectUrl)
    current.search = callbackQuery
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    })
    claims = { ...(tokens.claims() ?? {}) }
    idToken = tokens.id_token ?? ''
  } catch (error) {
    throw new SsoSignInError('failed', `token exchange failed: ${(error as Error).message}`)
  }
  const issuer = String(claims.iss ?? '')
  const subject = String(claims.sub ?? '')
  if (!issuer || !subject) {
    throw new SsoSignInError('failed', 'ID token without iss or sub')
  }
  if (!assertsMfa(oidc, claims)) {
    await audit(db, request, 'auth.sign_in_failed', null, { method: 'oidc', reason: 'no_mfa' })
    throw new SsoSignInError('no_mfa', 'provider did not assert a second factor')
  }
  const role = roleForGroups(oidc, groupsOf(claims, oidc.groupsClaim))
  if (!role) {
    await audit(db, request, 'auth.sign_in_failed', null, { method: 'oidc', reason: 'no_role' })
    throw new SsoSignInError('no_role', 'no mapped group')
  }
  const displayName = String(claims.name ?? claims.preferred_username ?? subject)
  const preferred = String(claims.preferred_username ?? subject).toLowerCase()

  const result = await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('staff_user')
      .select(['id', 'username', 'role', 'disabled_at'])
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .forUpdate()
      .executeTakeFirst()
    let staff: StaffPrincipal
    if (existing) {
      if (existing.disabled_at) {
        throw new SsoSignInError('failed', 'account disabled in Lotse')
      }
      await trx
        .updateTable('staff_user')
        .set({ display_name: displayName, role })
        .where('id', '=', existing.id)
        .execute()
      if (existing.role !== role) {
        const ended = await revokeAllSessions(trx, existing.id)
        await recordAuditEvent(trx, {
          actor: { type: 'system', id: null },
          action: 'auth.role_change',
          subject: { type: 'staff_user', id: existing.id },
          requestId: request.requestId,
          details: { from: existing.role, to: role, source: 'oidc', sessionsEnded: ended },
        })
      }
      staff = { id: existing.id, username: existing.username, displayName, role }
    } else {
      const taken = await trx
        .selectFrom('staff_user')
        .select('id')
        .where('username', '=', preferred)
        .executeTakeFirst()
      const username = taken
        ? `${preferred}-${sha256(`${issuer} ${subject}`).toString('hex').slice(0, 8)}`
        : preferred
      const row = await trx
        .insertInto('staff_user')
        .values({
          username,
          display_name: displayName,
          password_hash: null,
          role,
          totp_secret_enc: null,
          totp_last_step: null,
          mfa_enrolled_at: null,
          oidc_issuer: issuer,
          oidc_subject: subject,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'auth.account_provisioned',
        subject: { type: 'staff_user', id: row.id },
        requestId: request.requestId,
        details: { source: 'oidc', role },
      })
      staff = { id: row.id, username, displayName, role }
    }
    const token = await openSession(trx, staff.id, {
      stage: 'active',
      limits: settings.limits,
      client: request.client,
      method: 'oidc',
      now,
    })
    const sid = typeof claims.sid === 'string' ? claims.sid : null
    await linkIdpSession(trx, settings.mfaKey, token, { issuer, subject, sid, idToken })
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'auth.sign_in',
      subject: { type: 'staff_user', id: staff.id },
      requestId: request.requestId,
      details: { method: 'oidc', address: request.client.addressPrefix },
    })
    return { token, staff }
  })
  return { ...result, next: login.next_path }
}

async function audit(
  db: Db,
  request: RequestInfo,
  action: string,
  staffUserId: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: staffUserId },
      action,
      subject: { type: 'staff_user', id: staffUserId ?? 'unknown' },
      requestId: request.requestId,
      details: { address: request.client.addressPrefix, ...details },
    }),
  )
}
