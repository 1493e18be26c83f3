// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeIdp, type IdpAccount, startFakeIdp } from '../../../test/support/fake-idp.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { createApp } from '../../app.js'
import type { OidcConfig } from '../../config/config.js'

const LIST = '/sachbearbeitung/antraege'
const REDIRECT = 'http://lotse.test/anmelden/oidc/rueckkehr'

let ctx: TestContext
let idp: FakeIdp
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  ctx = await freshTestContext()
  idp = await startFakeIdp(REDIRECT)
  const oidc: OidcConfig = {
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUrl: REDIRECT,
    groupsClaim: 'groups',
    roleMapping: [
      { group: 'lotse-teamleitung', role: 'team_lead' },
      { group: 'lotse-sachbearbeitung', role: 'caseworker' },
      { group: 'lotse-admin', role: 'administrator' },
    ],
    mfaAcr: [],
    mfaAmr: ['otp', 'mfa', 'hwk'],
  }
  app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, oidc } })
})
afterAll(async () => {
  await idp?.close()
  await ctx?.close()
})

function account(overrides: Partial<IdpAccount> = {}): IdpAccount {
  return {
    sub: 'kc-4711',
    name: 'Kira Keycloak',
    preferredUsername: 'k.keycloak',
    groups: ['lotse-sachbearbeitung'],
    amr: ['pwd', 'otp'],
    ...overrides,
  }
}

/**
 * Follows the identity provider's redirects with its own cookie jar (as a browser would, on another site)
 * until it sends the browser back to Lotse; returns the path and query Lotse receives.
 */
async function throughIdp(start: string): Promise<string> {
  const jar = new Map<string, string>()
  let url = start
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(REDIRECT)) {
      const back = new URL(url)
      return `${back.pathname}${back.search}`
    }
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    const location = res.headers.get('location')
    await res.arrayBuffer()
    if (!location) {
      throw new Error(`IdP stopped at ${url} with ${res.status}`)
    }
    url = new URL(location, url).href
  }
  throw new Error('too many redirects at the IdP')
}

/** The whole sign-in: Lotse → IdP → Lotse; returns the client and Lotse's answer to the callback. */
async function ssoSignIn(who: IdpAccount, client = new TestClient(app), weiter = LIST) {
  idp.nextAccount = who
  await client.get('/anmelden')
  const start = await client.get(`/anmelden/oidc?weiter=${encodeURIComponent(weiter)}`)
  const authUrl = new URL(redirectTarget(start))
  expect(authUrl.origin).toBe(idp.issuer)
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authUrl.searchParams.get('state')).toBeTruthy()
  expect(authUrl.searchParams.get('nonce')).toBeTruthy()
  const callback = await throughIdp(authUrl.href)
  return { client, callback, res: await client.get(callback) }
}

function userBySubject(sub: string) {
  return ctx.db.selectFrom('staff_user').selectAll().where('oidc_subject', '=', sub).executeTakeFirst()
}

describe('OIDC sign-in against a real provider on loopback', () => {
  it('should offer single sign-on on the sign-in page', async () => {
    const html = await (await new TestClient(app).get('/anmelden')).text()
    expect(html).toContain('Mit Single Sign-on anmelden')
    expect(html).toContain(`href="/anmelden/oidc?weiter=${encodeURIComponent(LIST)}"`)
  })

  it('should provision the account from the claims, map the group to a role and open an active session', async () => {
    const { client, res } = await ssoSignIn(account())
    expect(redirectTarget(res)).toBe(LIST)
    expect((await client.get(LIST)).status).toBe(200)
    const user = await userBySubject('kc-4711')
    expect(user).toMatchObject({
      username: 'k.keycloak',
      display_name: 'Kira Keycloak',
      role: 'caseworker',
      oidc_issuer: idp.issuer,
      password_hash: null,
    })
    const sessions = await ctx.db
      .selectFrom('staff_session')
      .selectAll()
      .where('staff_user_id', '=', user?.id ?? '')
      .execute()
    expect(sessions.map((s) => [s.stage, s.auth_method])).toEqual([['active', 'oidc']])
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', user?.id ?? '')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['auth.account_provisioned', 'auth.sign_in'])
    // A provisioned account has no password: the local form does not open it.
    const local = await new TestClient(app).post('/anmelden', {
      username: 'k.keycloak',
      password: 'irgendwas',
    })
    expect(local.status).toBe(422)
  })

  it('should update the role from the claims and end the sessions opened under the old role', async () => {
    const first = await ssoSignIn(account({ sub: 'kc-role', preferredUsername: 'r.wechsel' }))
    expect((await first.client.get(LIST)).status).toBe(200)
    const second = await ssoSignIn(
      account({ sub: 'kc-role', preferredUsername: 'r.wechsel', groups: ['lotse-admin'] }),
    )
    expect(redirectTarget(second.res)).toBe('/verwaltung/benutzer')
    expect((await first.client.get(LIST)).status).toBe(303)
    const user = await userBySubject('kc-role')
    expect(user?.role).toBe('administrator')
    const change = await ctx.db
      .selectFrom('audit_event')
      .select(['actor_type', 'details'])
      .where('action', '=', 'auth.role_change')
      .where('subject_id', '=', user?.id ?? '')
      .execute()
    expect(change).toEqual([
      {
        actor_type: 'system',
        details: { from: 'caseworker', to: 'administrator', source: 'oidc', sessionsEnded: 1 },
      },
    ])
  })

  it('should refuse a sign-in the provider did not do with a second factor', async () => {
    const { client, res } = await ssoSignIn(account({ sub: 'kc-pwd-only', amr: ['pwd'] }))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('ist eine Anmeldung mit zweitem Faktor vorgeschrieben')
    expect(client.cookies.has('lotse_session')).toBe(false)
    expect(await userBySubject('kc-pwd-only')).toBeUndefined()
  })

  it('should refuse a person without a mapped group', async () => {
    const { res } = await ssoSignIn(account({ sub: 'kc-nogroup', groups: ['andere-gruppe'] }))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Ihr Konto hat in Lotse keine Rolle.')
    expect(await userBySubject('kc-nogroup')).toBeUndefined()
  })

  it('should accept a callback once only, and not in another browser', async () => {
    const { client, callback, res } = await ssoSignIn(
      account({ sub: 'kc-replay', preferredUsername: 'r.replay' }),
    )
    expect(res.status).toBe(303)
    const again = await client.get(callback)
    expect(again.status).toBe(403)
    expect(await again.text()).toContain('Die Anmeldung über Single Sign-on ist fehlgeschlagen')

    // A callback URL carried to another browser (login CSRF) opens nothing there.
    idp.nextAccount = account({ sub: 'kc-carried', preferredUsername: 'c.carried' })
    const attacker = new TestClient(app)
    await attacker.get('/anmelden')
    const start = await attacker.get('/anmelden/oidc')
    const carried = await throughIdp(redirectTarget(start))
    const victim = new TestClient(app)
    await victim.get('/anmelden')
    const res2 = await victim.get(carried)
    expect(res2.status).toBe(403)
    expect(victim.cookies.has('lotse_session')).toBe(false)
  })

  it('should answer 404 for the SSO routes when OIDC is not configured', async () => {
    const plain = new TestClient(ctx.app)
    expect((await plain.get('/anmelden/oidc')).status).toBe(404)
    expect(await (await plain.get('/anmelden')).text()).not.toContain('Single Sign-on anmelden')
  })
})
