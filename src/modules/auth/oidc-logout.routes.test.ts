// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { serve } from '@hono/node-server'
import { generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { type FakeIdp, type IdpAccount, startFakeIdp } from '../../../test/support/fake-idp.js'
import { TEST_MFA_SECRET_KEY } from '../../../test/support/mfa-key.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { createApp } from '../../app.js'
import { loadConfig, type OidcConfig } from '../../config/config.js'
import { BACKCHANNEL_LOGOUT_PATH } from './oidc-logout.path.js'
import {
  BACKCHANNEL_LOGOUT_EVENT,
  backchannelLogoutUri,
  postLogoutRedirectUri,
} from './oidc-logout.service.js'

const LIST = '/sachbearbeitung/antraege'

let ctx: TestContext
let idp: FakeIdp
let app: ReturnType<typeof createApp>
let server: ReturnType<typeof serve>
let lotse: string
let oidc: OidcConfig
const logLines: string[] = []

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk))
      done()
    },
  })
  ctx = await freshTestContext({}, pino({ level: 'trace' }, sink))
  // Lotse on loopback too, so the provider can post logout tokens to it; the tests' browsers use app.request.
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req) => app.fetch(req), hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  lotse = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const redirectUrl = `${lotse}/anmelden/oidc/rueckkehr`
  idp = await startFakeIdp(redirectUrl, {
    backchannelLogoutUri: `${lotse}${BACKCHANNEL_LOGOUT_PATH}`,
    postLogoutRedirectUris: [`${lotse}/anmelden`],
  })
  oidc = {
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUrl,
    groupsClaim: 'groups',
    roleMapping: [{ group: 'lotse-sachbearbeitung', role: 'caseworker' }],
    mfaAcr: [],
    mfaAmr: ['otp'],
  }
  app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, oidc } })
})
afterAll(async () => {
  await idp?.close()
  server?.close()
  await ctx?.close()
})

function account(sub: string): IdpAccount {
  return {
    sub,
    name: `Person ${sub}`,
    preferredUsername: `p.${sub}`,
    groups: ['lotse-sachbearbeitung'],
    amr: ['pwd', 'otp'],
  }
}

/** A browser: its cookies at Lotse (a TestClient on the app) and at the identity provider (its own jar). */
class Browser {
  readonly lotse = new TestClient(app)
  readonly idpJar = new Map<string, string>()

  /** Fetches a URL at the identity provider with this browser's cookies there. */
  async atIdp(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: [...this.idpJar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const value = pair.slice(eq + 1)
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) {
        this.idpJar.delete(pair.slice(0, eq))
      } else {
        this.idpJar.set(pair.slice(0, eq), value)
      }
    }
    return res
  }

  /** Follows the provider's redirects until it sends the browser back to Lotse; returns that URL. */
  async followIdp(start: string): Promise<URL> {
    let url = start
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(lotse)) {
        return new URL(url)
      }
      const res = await this.atIdp(url)
      const location = res.headers.get('location')
      const body = await res.text()
      if (!location) {
        throw new Error(`IdP stopped at ${url} with ${res.status}: ${body.slice(0, 200)}`)
      }
      url = new URL(location, url).href
    }
    throw new Error('too many redirects at the IdP')
  }

  /** Lotse → IdP (signs `who` in, or reuses this browser's IdP session) → Lotse. */
  async signIn(who: IdpAccount): Promise<void> {
    idp.nextAccount = who
    await this.lotse.get('/anmelden')
    const start = await this.lotse.get(`/anmelden/oidc?weiter=${encodeURIComponent(LIST)}`)
    const back = await this.followIdp(redirectTarget(start))
    const res = await this.lotse.get(`${back.pathname}${back.search}`)
    expect(redirectTarget(res)).toBe(LIST)
  }

  /**
   * Confirms the provider's sign-out page (at `url`, the end_session_endpoint with or without parameters);
   * the provider then posts logout tokens to Lotse before it answers. Returns where it sends the browser.
   */
  async endIdpSession(url: string): Promise<string> {
    const page = await this.atIdp(url)
    const html = await page.text()
    expect(page.status, html.slice(0, 300)).toBe(200)
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? ''
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const confirm = await this.atIdp(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    })
    await confirm.arrayBuffer()
    expect(confirm.status).toBe(303)
    return confirm.headers.get('location') ?? ''
  }

  /** Whether Lotse still lets this browser in. */
  async signedIn(): Promise<boolean> {
    const res = await this.lotse.get(LIST)
    await res.arrayBuffer()
    if (res.status === 303) {
      expect(redirectTarget(res)).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
      return false
    }
    expect(res.status).toBe(200)
    return true
  }
}

async function linkOf(sub: string) {
  return ctx.db
    .selectFrom('oidc_session_link')
    .selectAll()
    .where('subject', '=', sub)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
}

async function idpLogoutAudit(sub: string) {
  const user = await ctx.db
    .selectFrom('staff_user')
    .select('id')
    .where('oidc_subject', '=', sub)
    .executeTakeFirstOrThrow()
  return ctx.db
    .selectFrom('audit_event')
    .select(['actor_type', 'details'])
    .where('action', '=', 'auth.idp_logout')
    .where('subject_id', '=', user.id)
    .orderBy('id')
    .execute()
}

describe('single logout with the identity provider (real provider on loopback)', () => {
  it('should publish the back-channel logout URL under the host of the redirect URL', () => {
    expect(backchannelLogoutUri(oidc)).toBe(`${lotse}/oidc/backchannel-logout`)
  })

  it('should take the post-logout redirect URI from OIDC_POST_LOGOUT_REDIRECT_URL, else /anmelden of the redirect host', () => {
    const env = {
      NODE_ENV: 'test',
      MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
      OIDC_ISSUER_URL: 'https://sso.stadt.example/realms/lotse',
      OIDC_CLIENT_ID: 'lotse',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URL: 'https://lotse.stadt.example/anmelden/oidc/rueckkehr',
    }
    const plain = loadConfig(env).oidc
    const set = loadConfig({ ...env, OIDC_POST_LOGOUT_REDIRECT_URL: 'https://intranet.stadt.example/' }).oidc
    expect(plain && postLogoutRedirectUri(plain)).toBe('https://lotse.stadt.example/anmelden')
    expect(plain && backchannelLogoutUri(plain)).toBe('https://lotse.stadt.example/oidc/backchannel-logout')
    expect(set && postLogoutRedirectUri(set)).toBe('https://intranet.stadt.example/')
    expect(() => loadConfig({ ...env, OIDC_POST_LOGOUT_REDIRECT_URL: 'keine-url' })).toThrow()
  })

  it('should end the Lotse session when the IdP session ends there (back-channel logout by sid)', async () => {
    const browser = new Browser()
    await browser.signIn(account('bc-1'))
    const other = new Browser()
    await other.signIn(account('bc-other'))
    expect(await browser.signedIn()).toBe(true)
    const link = await linkOf('bc-1')
    expect(link.sid).toMatch(/.+/)
    expect(link.issuer).toBe(idp.issuer)
    // The ID token is kept sealed in the database, never in a cookie.
    expect(link.id_token_enc.toString('utf8')).not.toContain('eyJ')
    expect([...browser.lotse.cookies.values()].join(' ')).not.toContain('eyJ')

    // The person signs out at the provider (another application's sign-out, or the IdP's account page).
    const posted = idp.backchannel.length
    const landing = await browser.endIdpSession(`${idp.issuer}/session/end`)
    expect(idp.backchannel.slice(posted)).toEqual(['ok'])
    expect(landing).toContain('/session/end/success')

    expect(await browser.signedIn()).toBe(false)
    expect(
      await ctx.db.selectFrom('oidc_session_link').where('sid', '=', link.sid).selectAll().execute(),
    ).toEqual([])
    expect(await other.signedIn()).toBe(true)
    expect(await idpLogoutAudit('bc-1')).toEqual([
      {
        actor_type: 'system',
        details: expect.objectContaining({
          reason: 'idp_backchannel_logout',
          sessionsEnded: 1,
          matchedBy: 'sid',
        }),
      },
    ])
    expect(await idpLogoutAudit('bc-other')).toEqual([])
  })

  it('should send an OIDC sign-out to the provider with id_token_hint, which ends the same IdP session in every other Lotse browser', async () => {
    const browser = new Browser()
    await browser.signIn(account('rp-1'))
    // A second Lotse session from the same IdP session (second tab after the first expired, say).
    const second = new Browser()
    for (const [k, v] of browser.idpJar) {
      second.idpJar.set(k, v)
    }
    await second.signIn(account('rp-1'))
    const sessionsBefore = await ctx.db
      .selectFrom('oidc_session_link')
      .select('sid')
      .where('subject', '=', 'rp-1')
      .execute()
    expect(sessionsBefore).toHaveLength(2)
    expect(new Set(sessionsBefore.map((s) => s.sid)).size).toBe(1)

    const out = await browser.lotse.post('/abmelden', {})
    expect(out.status).toBe(303)
    const target = new URL(redirectTarget(out))
    expect(`${target.origin}${target.pathname}`).toBe(`${idp.issuer}/session/end`)
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${lotse}/anmelden`)
    expect(target.searchParams.get('client_id')).toBe(idp.clientId)
    const hint = target.searchParams.get('id_token_hint') ?? ''
    const payload = JSON.parse(
      Buffer.from(hint.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as JWTPayload
    expect(payload).toMatchObject({ sub: 'rp-1', aud: idp.clientId, iss: idp.issuer })
    expect(browser.lotse.cookies.has('lotse_session')).toBe(false)
    expect(await browser.signedIn()).toBe(false)
    expect(await second.signedIn()).toBe(true)

    const back = await browser.endIdpSession(target.href)
    expect(back).toBe(`${lotse}/anmelden`)
    expect(await second.signedIn()).toBe(false)
    expect(await idpLogoutAudit('rp-1')).toEqual([
      { actor_type: 'system', details: expect.objectContaining({ sessionsEnded: 1, matchedBy: 'sid' }) },
    ])
  })

  it('should sign a local account out locally only', async () => {
    const user = await buildStaffUser(ctx.db)
    const client = await signIn(app, user)
    const out = await client.post('/abmelden', {})
    expect(redirectTarget(out)).toBe('/anmelden')
    expect((await client.get(LIST)).status).toBe(303)
  })

  it('should sign out locally when the provider has no end_session_endpoint', async () => {
    const plainRedirect = `${lotse}/anmelden/oidc/rueckkehr`
    const plainIdp = await startFakeIdp(plainRedirect)
    try {
      const plainApp = createApp({
        ...ctx.deps,
        config: {
          ...ctx.deps.config,
          oidc: {
            ...oidc,
            issuerUrl: plainIdp.issuer,
            clientId: plainIdp.clientId,
            clientSecret: plainIdp.clientSecret,
          },
        },
      })
      plainIdp.nextAccount = account('plain-1')
      const client = new TestClient(plainApp)
      await client.get('/anmelden')
      const start = await client.get('/anmelden/oidc')
      const jar = new Browser()
      const back = await jar.followIdp(redirectTarget(start))
      expect((await client.get(`${back.pathname}${back.search}`)).status).toBe(303)
      expect((await client.get(LIST)).status).toBe(200)
      const out = await client.post('/abmelden', {})
      expect(redirectTarget(out)).toBe('/anmelden')
      expect((await client.get(LIST)).status).toBe(303)
    } finally {
      await plainIdp.close()
    }
  })
})

/** A logout token as the provider would sign it; `overrides` replace or (undefined) remove claims. */
async function logoutToken(
  claims: Record<string, unknown>,
  options: { key?: Parameters<SignJWT['sign']>[0]; alg?: string; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const payload: Record<string, unknown> = {
    iss: idp.issuer,
    aud: idp.clientId,
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...claims,
  }
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined) {
      delete payload[k]
    }
  }
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({
      alg: options.alg ?? 'RS256',
      kid: options.kid ?? idp.signingKey.kid,
      typ: 'logout+jwt',
    })
    .sign(options.key ?? idp.signingKey.privateKey)
}

/** Posts a logout token to Lotse as the provider does: form-encoded, no cookies, no CSRF token. */
function postLogout(body: string, contentType = 'application/x-www-form-urlencoded') {
  return app.request(BACKCHANNEL_LOGOUT_PATH, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  })
}

const form = (token: string) => new URLSearchParams({ logout_token: token }).toString()

describe('back-channel logout token validation', () => {
  let browser: Browser
  let sid: string
  const sub = 'tok-1'

  beforeAll(async () => {
    browser = new Browser()
    await browser.signIn(account(sub))
    sid = (await linkOf(sub)).sid ?? ''
  })

  /** A session of its own for each refusal, so one wrongly accepted token fails only its own test. */
  async function ownSession(who: string): Promise<{ browser: Browser; sid: string }> {
    const own = new Browser()
    await own.signIn(account(who))
    return { browser: own, sid: (await linkOf(who)).sid ?? '' }
  }

  async function expectRefused(token: string, reason: string, own: { browser: Browser; sid: string }) {
    const before = logLines.length
    const res = await postLogout(form(token))
    expect(res.status).toBe(400)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'invalid logout token' })
    expect(await own.browser.signedIn()).toBe(true)
    const logged = logLines.slice(before).join('')
    expect(logged).toContain(`"reason":"${reason}"`)
    expect(logged).not.toContain(token.split('.')[1])
    expect(logged).not.toContain(own.sid)
  }

  const hs256 = () => new TextEncoder().encode(idp.clientSecret)

  for (const [what, claims, options, reason] of [
    ['a token signed by another key', {}, 'foreign', 'signature'],
    ['a token with alg none', {}, 'none', 'alg'],
    ['a token MACed with the client secret (HS256)', {}, 'hs256', 'alg'],
    ['a token for another audience', { aud: 'another-client' }, {}, 'aud'],
    ['a token from another issuer', { iss: 'http://127.0.0.1:1/evil' }, {}, 'iss'],
    ['a token without events', { events: undefined }, {}, 'events'],
    ['a token with another event', { events: { 'http://schemas.openid.net/event/other': {} } }, {}, 'events'],
    ['a token whose event is not an object', { events: { [BACKCHANNEL_LOGOUT_EVENT]: null } }, {}, 'events'],
    ['a token with a nonce', { nonce: 'n-0S6_WzA2Mj' }, {}, 'nonce'],
    ['a token issued ten minutes ago', { iat: Math.floor(Date.now() / 1000) - 600 }, {}, 'iat'],
    ['a token issued in the future', { iat: Math.floor(Date.now() / 1000) + 600 }, {}, 'iat'],
    [
      'an expired token',
      { iat: Math.floor(Date.now() / 1000) - 100, exp: Math.floor(Date.now() / 1000) - 60 },
      {},
      'expired',
    ],
    ['a token with neither sub nor sid', { sub: undefined, sid: undefined }, {}, 'no_subject'],
    ['a token without jti', { jti: undefined }, {}, 'claims'],
  ] as const) {
    it(`should answer 400 and keep the session for ${what}`, async () => {
      const who = `tok-${what.replaceAll(/\W+/g, '-')}`
      const own = await ownSession(who)
      const base = { sub: who, sid: '__sid__', ...claims }
      const resolved = Object.fromEntries(
        Object.entries(base).map(([k, v]) => [k, v === '__sid__' ? own.sid : v]),
      )
      let token: string
      if (options === 'none') {
        token = new UnsecuredJWT({
          ...resolved,
          iss: idp.issuer,
          aud: idp.clientId,
          jti: randomUUID(),
        }).encode()
      } else if (options === 'hs256') {
        token = await logoutToken(resolved, { key: hs256(), alg: 'HS256' })
      } else if (options === 'foreign') {
        const { privateKey } = await generateKeyPair('RS256')
        token = await logoutToken(resolved, { key: privateKey })
      } else {
        token = await logoutToken(resolved)
      }
      await expectRefused(token, reason, own)
    })
  }

  it('should refuse a replayed token, so that it cannot end a later session', async () => {
    // The person has no Lotse session when the token first comes: accepted, nothing to end.
    const token = await logoutToken({ sub: 'replay-1', sid: undefined })
    const first = await postLogout(form(token))
    expect(first.status).toBe(200)
    const later = new Browser()
    await later.signIn(account('replay-1'))
    const before = logLines.length
    const again = await postLogout(form(token))
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: 'invalid_request' })
    expect(logLines.slice(before).join('')).toContain('"reason":"replayed"')
    expect(await later.signedIn()).toBe(true)
  })

  it('should refuse requests that carry no single logout token', async () => {
    for (const [body, type] of [
      ['', 'application/x-www-form-urlencoded'],
      ['logout_token=', 'application/x-www-form-urlencoded'],
      ['logout_token=a.b.c&logout_token=d.e.f', 'application/x-www-form-urlencoded'],
      [JSON.stringify({ logout_token: 'a.b.c' }), 'application/json'],
      ['logout_token=not-a-jwt', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await postLogout(body, type)
      expect(res.status, body).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_request' })
    }
    expect(await browser.signedIn()).toBe(true)
  })

  it('should end the sessions of the IdP session named by sid and answer 200', async () => {
    const res = await postLogout(form(await logoutToken({ sub, sid })))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await browser.signedIn()).toBe(false)
  })

  it('should end every session of the person for a token with only sub', async () => {
    const one = new Browser()
    await one.signIn(account('sub-only'))
    const two = new Browser()
    await two.signIn(account('sub-only'))
    const bystander = new Browser()
    await bystander.signIn(account('sub-bystander'))
    const token = await logoutToken({ sub: 'sub-only', sid: undefined })
    const res = await postLogout(form(token))
    expect(res.status).toBe(200)
    expect(await one.signedIn()).toBe(false)
    expect(await two.signedIn()).toBe(false)
    expect(await bystander.signedIn()).toBe(true)
    expect(await idpLogoutAudit('sub-only')).toEqual([
      {
        actor_type: 'system',
        details: expect.objectContaining({
          reason: 'idp_backchannel_logout',
          sessionsEnded: 2,
          matchedBy: 'sub',
        }),
      },
    ])
    expect(logLines.join('')).not.toContain(token.split('.')[1])
  })

  it('should answer 404 when single sign-on is not configured', async () => {
    const res = await ctx.app.request(BACKCHANNEL_LOGOUT_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(await logoutToken({ sub })),
    })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not_found' })
  })
})
