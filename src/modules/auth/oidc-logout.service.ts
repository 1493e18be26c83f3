// SPDX-License-Identifier: EUPL-1.2
import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTVerifyGetKey, jwtVerify } from 'jose'
import type { Kysely, Transaction } from 'kysely'
import * as client from 'openid-client'
import type { OidcConfig } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { sha256 } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import type { RequestInfo } from './auth.service.js'
import { providerConfig } from './oidc.service.js'
import { BACKCHANNEL_LOGOUT_PATH } from './oidc-logout.path.js'
import { openSecret, sealSecret } from './secret-box.js'

/** The event a logout token must carry (OpenID Connect Back-Channel Logout 1.0, section 2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'
/** A logout token issued longer ago than this is refused (its `iat` must be recent). */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300
/** Clock difference tolerated between the provider and Lotse. */
const CLOCK_TOLERANCE_SECONDS = 30
/** Longest logout token accepted (Keycloak's are about 1 kB). */
export const LOGOUT_TOKEN_MAX_LENGTH = 16 * 1024
/** Asymmetric signatures only: never `none`, never a MAC keyed with the client secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

type Executor = Kysely<Database> | Transaction<Database>

/** Why a logout token was refused: logged (never the token), not shown to anyone. */
export type LogoutRefusal =
  | 'malformed'
  | 'alg'
  | 'signature'
  | 'iss'
  | 'aud'
  | 'iat'
  | 'expired'
  | 'claims'
  | 'events'
  | 'nonce'
  | 'no_subject'
  | 'replayed'

/** A logout token that fails the checks of section 2.6; answered with 400 `invalid_request`. */
export class LogoutTokenError extends Error {
  constructor(readonly reason: LogoutRefusal) {
    super(`logout token refused: ${reason}`)
  }
}

/** The external URL the identity provider posts logout tokens to (its "Backchannel logout URL"). */
export function backchannelLogoutUri(oidc: OidcConfig): string {
  return new URL(BACKCHANNEL_LOGOUT_PATH, oidc.redirectUrl).href
}

/** Where the provider sends the browser after RP-initiated logout. */
export function postLogoutRedirectUri(oidc: OidcConfig): string {
  return oidc.postLogoutRedirectUrl ?? new URL('/anmelden', oidc.redirectUrl).href
}

function sealContext(sessionId: string): string {
  return `oidc-id-token:${sessionId}`
}

/**
 * Remembers which identity-provider session a new Lotse session came from: issuer, subject, `sid`, and the
 * ID token (sealed) for `id_token_hint` at sign-out. Called in the sign-in transaction.
 */
export async function linkIdpSession(
  trx: Executor,
  sealKey: Buffer,
  sessionToken: string,
  idp: { issuer: string; subject: string; sid: string | null; idToken: string },
): Promise<void> {
  const session = await trx
    .selectFrom('staff_session')
    .select('id')
    .where('id_hash', '=', sha256(sessionToken))
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('oidc_session_link')
    .values({
      session_id: session.id,
      issuer: idp.issuer,
      subject: idp.subject,
      sid: idp.sid,
      id_token_enc: sealSecret(sealKey, idp.idToken, sealContext(session.id)),
    })
    .execute()
}

const keySets = new Map<string, JWTVerifyGetKey>()

/** The provider's signing keys from its `jwks_uri` (cached; an unknown `kid` fetches the set again). */
function providerKeys(issuer: URL, jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri)
  if (!keys) {
    const url = new URL(jwksUri)
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)
    if (url.protocol !== 'https:' && !(loopback && url.hostname === issuer.hostname)) {
      throw new Error('jwks_uri must use TLS')
    }
    keys = createRemoteJWKSet(url)
    keySets.set(jwksUri, keys)
  }
  return keys
}

export interface LogoutClaims {
  issuer: string
  subject: string | null
  sid: string | null
  jti: string
  /** Until when the `jti` is remembered. */
  keepUntil: Date
}

function refusalOf(error: unknown): LogoutRefusal {
  if (error instanceof errors.JWTExpired) {
    // jose reports an `iat` older than maxTokenAge as expired too.
    return error.claim === 'iat' ? 'iat' : 'expired'
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'iss'
      ? 'iss'
      : error.claim === 'aud'
        ? 'aud'
        : error.claim === 'iat'
          ? 'iat'
          : 'claims'
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return 'alg'
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'signature'
  }
  return 'malformed'
}

/**
 * Refuses, before anything is fetched from the provider, what is not a compact JWS with an allowed
 * asymmetric algorithm (an unsecured `none` token, a MAC, a JWE, garbage).
 * @throws LogoutTokenError `malformed` or `alg`
 */
export function assertSignedToken(token: string): void {
  let alg: unknown
  try {
    if (token.split('.').length !== 3) {
      throw new Error('not a compact JWS')
    }
    alg = decodeProtectedHeader(token).alg
  } catch {
    throw new LogoutTokenError('malformed')
  }
  if (typeof alg !== 'string' || alg === 'none' || !ALGORITHMS.includes(alg)) {
    throw new LogoutTokenError('alg')
  }
}

/**
 * Validates a logout token as section 2.6 requires: a JWS (not `none`) signed with one of the provider's keys,
 * `iss` the provider, `aud` our client id, `iat` within {@link LOGOUT_TOKEN_MAX_AGE_SECONDS}, `exp` (when
 * present) not passed, `events` naming the back-channel logout event, `sub` and/or `sid`, no `nonce`, a `jti`.
 * Replay is checked by {@link backchannelLogout}, which stores the `jti`.
 * @throws LogoutTokenError naming the first check that failed
 */
export async function verifyLogoutToken(
  token: string,
  expected: { issuer: string; clientId: string; keys: JWTVerifyGetKey },
  now = new Date(),
): Promise<LogoutClaims> {
  assertSignedToken(token)
  let payload: Record<string, unknown>
  try {
    const verified = await jwtVerify(token, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iat', 'jti', 'events'],
      currentDate: now,
    })
    payload = verified.payload as Record<string, unknown>
  } catch (error) {
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'events') {
      throw new LogoutTokenError('events')
    }
    throw new LogoutTokenError(refusalOf(error))
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  const events = payload.events
  if (
    !isObject(events) ||
    !Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT) ||
    !isObject(events[BACKCHANNEL_LOGOUT_EVENT])
  ) {
    throw new LogoutTokenError('events')
  }
  if ('nonce' in payload) {
    throw new LogoutTokenError('nonce')
  }
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : null)
  const subject = text(payload.sub)
  const sid = text(payload.sid)
  if (subject === null && sid === null) {
    throw new LogoutTokenError('no_subject')
  }
  const jti = text(payload.jti)
  if (jti === null) {
    throw new LogoutTokenError('claims')
  }
  const iat = Number(payload.iat)
  const exp = typeof payload.exp === 'number' ? payload.exp : 0
  const keepUntil = new Date(
    Math.max(exp, iat + LOGOUT_TOKEN_MAX_AGE_SECONDS) * 1000 + CLOCK_TOLERANCE_SECONDS * 1000,
  )
  return { issuer: expected.issuer, subject, sid, jti, keepUntil }
}

/**
 * Handles a logout token from the provider: validates it, refuses a `jti` seen before, and ends every Lotse
 * session that came from the IdP session `sid` (when given, together with `sub` when given) or, with only
 * `sub`, every session of that account. One audit event per account, reason `idp_backchannel_logout`.
 * @returns how many sessions were ended (0 is success too: the session may be gone already)
 * @throws LogoutTokenError for a token that fails validation or is replayed; nothing is changed then
 */
export async function backchannelLogout(
  db: Db,
  oidc: OidcConfig,
  logoutToken: string,
  request: RequestInfo,
  now = new Date(),
): Promise<{ sessionsEnded: number }> {
  assertSignedToken(logoutToken)
  const config = await providerConfig(oidc)
  const metadata = config.serverMetadata()
  if (!metadata.jwks_uri) {
    throw new Error('provider publishes no jwks_uri')
  }
  const claims = await verifyLogoutToken(
    logoutToken,
    {
      issuer: metadata.issuer,
      clientId: oidc.clientId,
      keys: providerKeys(new URL(metadata.issuer), metadata.jwks_uri),
    },
    now,
  )
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oidc_logout_jti').where('expires_at', '<', now).execute()
    const fresh = await trx
      .insertInto('oidc_logout_jti')
      .values({ issuer: claims.issuer, jti: claims.jti, expires_at: claims.keepUntil })
      .onConflict((oc) => oc.doNothing())
      .returning('jti')
      .executeTakeFirst()
    if (!fresh) {
      throw new LogoutTokenError('replayed')
    }
    const linked = trx
      .selectFrom('oidc_session_link')
      .select('session_id')
      .where('issuer', '=', claims.issuer)
      .$if(claims.sid !== null, (q) => q.where('sid', '=', claims.sid))
      .$if(claims.subject !== null, (q) => q.where('subject', '=', claims.subject))
    let ended = await trx
      .deleteFrom('staff_session')
      .where('id', 'in', linked)
      .returning(['id', 'staff_user_id'])
      .execute()
    if (claims.sid === null && claims.subject !== null) {
      // Only `sub`: every session of that person, also any opened before sessions were linked.
      const account = trx
        .selectFrom('staff_user')
        .select('id')
        .where('oidc_issuer', '=', claims.issuer)
        .where('oidc_subject', '=', claims.subject)
      const more = await trx
        .deleteFrom('staff_session')
        .where('staff_user_id', 'in', account)
        .returning(['id', 'staff_user_id'])
        .execute()
      ended = [...ended, ...more]
    }
    const perAccount = new Map<string, number>()
    for (const row of ended) {
      perAccount.set(row.staff_user_id, (perAccount.get(row.staff_user_id) ?? 0) + 1)
    }
    for (const [staffUserId, count] of perAccount) {
      await recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'auth.idp_logout',
        subject: { type: 'staff_user', id: staffUserId },
        requestId: request.requestId,
        details: {
          reason: 'idp_backchannel_logout',
          sessionsEnded: count,
          matchedBy: claims.sid !== null ? 'sid' : 'sub',
          address: request.client.addressPrefix,
        },
      })
    }
    return { sessionsEnded: ended.length }
  })
}

/**
 * For a session opened through OIDC: the provider's `end_session_endpoint` with `id_token_hint` and
 * `post_logout_redirect_uri` (RP-initiated logout). Null for a local session, or when the provider has no
 * end_session_endpoint: then Lotse signs out locally only. Read before the session is closed.
 */
export async function idpSignOutUrl(
  db: Db,
  oidc: OidcConfig,
  sealKey: Buffer,
  sessionToken: string,
): Promise<URL | null> {
  const link = await db
    .selectFrom('oidc_session_link as l')
    .innerJoin('staff_session as s', 's.id', 'l.session_id')
    .select(['l.session_id', 'l.id_token_enc'])
    .where('s.id_hash', '=', sha256(sessionToken))
    .executeTakeFirst()
  if (!link) {
    return null
  }
  const config = await providerConfig(oidc)
  if (!config.serverMetadata().end_session_endpoint) {
    return null
  }
  return client.buildEndSessionUrl(config, {
    id_token_hint: openSecret(sealKey, link.id_token_enc, sealContext(link.session_id)),
    post_logout_redirect_uri: postLogoutRedirectUri(oidc),
  })
}
