// SPDX-License-Identifier: EUPL-1.2
import { createApp } from '../../src/app.js'
import { BACKCHANNEL_LOGOUT_PATH } from '../../src/modules/auth/oidc-logout.path.js'
import type { TestContext } from '../support/test-app.js'

const FORM = 'application/x-www-form-urlencoded'
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * Bad input for the OIDC back-channel logout endpoint (bad-input.test.ts): the identity provider posts there
 * without cookies or CSRF token and gets OAuth-style JSON errors. The app is configured for a provider that is
 * never reached (port 9 on loopback): each case is refused before Lotse would fetch the provider's keys.
 */
export function oidcLogoutBadInputCases(context: () => TestContext) {
  const configured = () => {
    const { deps } = context()
    return createApp({
      ...deps,
      config: {
        ...deps.config,
        oidc: {
          issuerUrl: 'http://127.0.0.1:9',
          clientId: 'lotse',
          clientSecret: 'never-used-secret-with-some-length',
          redirectUrl: 'http://lotse.test/anmelden/oidc/rueckkehr',
          groupsClaim: 'groups',
          roleMapping: [],
          mfaAcr: [],
          mfaAmr: ['otp'],
        },
      },
    })
  }
  const post = async (
    app: ReturnType<typeof createApp>,
    body: string,
    contentType?: string,
  ): Promise<Response> =>
    app.request(BACKCHANNEL_LOGOUT_PATH, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    })
  const unsecured = `${b64({ alg: 'none' })}.${b64({ sub: 'x', events: {} })}.`
  const hs256 = `${b64({ alg: 'HS256' })}.${b64({ sub: 'x' })}.c2lnbmF0dXJl`
  const cases: Array<[string, string, string | undefined, number, string]> = [
    ['a JSON body', JSON.stringify({ logout_token: 'a.b.c' }), 'application/json', 400, 'invalid_request'],
    ['a body without content type', 'logout_token=a.b.c', undefined, 400, 'invalid_request'],
    ['an empty form', '', FORM, 400, 'invalid_request'],
    ['an empty logout_token', 'logout_token=', FORM, 400, 'invalid_request'],
    ['two logout_tokens', 'logout_token=a.b.c&logout_token=d.e.f', FORM, 400, 'invalid_request'],
    ['a logout_token that is no JWT', 'logout_token=%3Cscript%3E', FORM, 400, 'invalid logout token'],
    ['an unsecured (alg none) logout_token', `logout_token=${unsecured}`, FORM, 400, 'invalid logout token'],
    ['an HS256 logout_token', `logout_token=${hs256}`, FORM, 400, 'invalid logout token'],
    ['a 100 kB logout_token', `logout_token=${'x'.repeat(100 * 1024)}`, FORM, 400, 'invalid_request'],
    [
      'a form body over 256 kB',
      `logout_token=${'x'.repeat(256 * 1024 + 1)}`,
      FORM,
      413,
      'request body too large',
    ],
  ]
  return [
    ...cases.map(([what, body, contentType, status, text]) => ({
      name: `the OIDC back-channel logout gets ${what}`,
      send: () => post(configured(), body, contentType),
      status,
      text,
      contentType: /^application\/json/,
    })),
    {
      name: 'the OIDC back-channel logout is called without single sign-on configured',
      send: () => post(context().app, 'logout_token=a.b.c', FORM),
      status: 404,
      text: 'not configured',
      contentType: /^application\/json/,
    },
  ]
}
