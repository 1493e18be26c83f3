// SPDX-License-Identifier: EUPL-1.2
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'

/** Who the stand-in IdP signs in next, and what it asserts about the sign-in. */
export interface IdpAccount {
  sub: string
  name: string
  preferredUsername: string
  groups: string[]
  /** Authentication methods, e.g. ['pwd', 'otp'] (Keycloak: amr); [] for password only. */
  amr: string[]
  acr?: string
}

export interface FakeIdp {
  issuer: string
  clientId: string
  clientSecret: string
  /** The account the next authorisation request signs in (no login page: the test decides). */
  nextAccount: IdpAccount
  /** The provider's signing key (RS256), so tests can sign tokens as the provider would. */
  /** One entry per logout token posted: `ok` (answered 200) or the error. */
  backchannel: string[]
  signingKey: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']; kid: string }
  close(): Promise<void>
}

/** Single logout at the stand-in IdP (off unless asked for). */
export interface FakeIdpLogout {
  /** Registered "Backchannel logout URL"; the provider posts logout tokens there with `sid`. */
  backchannelLogoutUri?: string
  /** Registered post-logout redirect URIs; RP-initiated logout is offered only when this is given. */
  postLogoutRedirectUris?: string[]
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, standing in for the city's Keycloak: code flow,
 * PKCE, signed ID tokens with `groups`, `amr` and `acr`. Its interaction (login and consent) is answered at once
 * for {@link FakeIdp.nextAccount}, so tests drive the real redirects without a login form.
 */
export async function startFakeIdp(redirectUri: string, logout: FakeIdpLogout = {}): Promise<FakeIdp> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'lotse'
  const clientSecret = 'lotse-test-client-secret-with-enough-length'
  const state: { account: IdpAccount } = {
    account: { sub: 'u-1', name: 'Test', preferredUsername: 'test', groups: [], amr: ['pwd', 'otp'] },
  }
  const accounts = new Map<string, IdpAccount>()
  const kid = 'fake-idp-rs256'
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const rpInitiatedLogout = logout.postLogoutRedirectUris !== undefined
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        ...(logout.backchannelLogoutUri
          ? { backchannel_logout_uri: logout.backchannelLogoutUri, backchannel_logout_session_required: true }
          : {}),
        ...(rpInitiatedLogout ? { post_logout_redirect_uris: logout.postLogoutRedirectUris } : {}),
      },
    ],
    // Logout tokens go to Lotse on loopback, which the provider's SSRF guard would refuse (a real IdP posts
    // to the city's network instead).
    fetch: (url: string, options: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _guard, ...rest } = options
      return fetch(url, rest)
    },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }] },
    // Like a Keycloak realm with a group mapper on the profile scope; acr and amr go into the ID token.
    claims: {
      acr: null,
      amr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub', 'acr', 'amr'],
      profile: ['name', 'preferred_username', 'groups'],
    },
    scopes: ['openid', 'profile'],
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: logout.backchannelLogoutUri !== undefined },
      rpInitiatedLogout: rpInitiatedLogout
        ? {
            enabled: true,
            // The confirmation page ("sign out of the IdP?"): the form, and a button a test presses.
            async logoutSource(ctx: { body: string }, form: string) {
              ctx.body = `<!DOCTYPE html><html><body>${form}<button form="op.logoutForm" name="logout" value="yes">Sign out</button></body></html>`
            },
            async postLogoutSuccessSource(ctx: { body: string }) {
              ctx.body = '<!DOCTYPE html><html><body>Signed out</body></html>'
            },
          }
        : { enabled: false },
    },
    pkce: { required: () => true },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub)
      if (!account) {
        return undefined
      }
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: account.name,
            preferred_username: account.preferredUsername,
            groups: account.groups,
          }
        },
      }
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  })
  // What became of each logout token the provider posted (the tests assert the relying party accepted it).
  const backchannel: string[] = []
  provider.on('backchannel.success', () => backchannel.push('ok'))
  provider.on('backchannel.error', (_ctx: unknown, error: Error) =>
    backchannel.push(`error: ${error.message}`),
  )
  const callback = provider.callback()
  server.on('request', async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        const details = await provider.interactionDetails(req, res)
        const account = state.account
        accounts.set(account.sub, account)
        const grant = new provider.Grant({ accountId: account.sub, clientId })
        grant.addOIDCScope(String(details.params.scope ?? 'openid'))
        const grantId = await grant.save()
        await provider.interactionFinished(
          req,
          res,
          {
            login: { accountId: account.sub, amr: account.amr, ...(account.acr ? { acr: account.acr } : {}) },
            consent: { grantId },
          },
          { mergeWithLastSubmission: false },
        )
      } catch (error) {
        res.statusCode = 500
        res.end(String(error))
      }
      return
    }
    callback(req, res)
  })
  return {
    issuer,
    clientId,
    clientSecret,
    signingKey: { privateKey, kid },
    backchannel,
    get nextAccount() {
      return state.account
    },
    set nextAccount(account: IdpAccount) {
      state.account = account
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
