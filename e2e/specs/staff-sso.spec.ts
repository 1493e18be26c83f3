// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type FakeIdp, startFakeIdp } from '../../test/support/fake-idp.js'
import { InboxPage } from '../pages/InboxPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('staff single sign-on through the identity provider, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let idp: FakeIdp

  beforeAll(async () => {
    idp = await startFakeIdp(`${suite.server.baseUrl}/anmelden/oidc/rueckkehr`)
    // The running app reads its configuration per request: switch single sign-on on for this server.
    suite.server.ctx.deps.config.oidc = {
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: `${suite.server.baseUrl}/anmelden/oidc/rueckkehr`,
      groupsClaim: 'groups',
      roleMapping: [{ group: 'lotse-sachbearbeitung', role: 'caseworker' }],
      mfaAcr: [],
      mfaAmr: ['otp'],
    }
  })
  afterAll(async () => {
    await idp?.close()
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`should sign in through the provider and land on the list (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
      const sub = `kc-browser-${javaScriptEnabled}`
      idp.nextAccount = {
        sub,
        name: 'Bente Browser',
        preferredUsername: `b.browser-${javaScriptEnabled}`,
        groups: ['lotse-sachbearbeitung'],
        amr: ['pwd', 'otp'],
      }
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      const page = await context.newPage()
      try {
        await LoginPage.visit(page)
        await suite.a11y.expectAccessible(page)
        await activate(page.getByRole('link', { name: 'Mit Single Sign-on anmelden' }))
        await InboxPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(page.getByRole('banner'))).toContain('Angemeldet als Bente Browser')
      } finally {
        await context.close()
      }
      const user = await suite.server.ctx.db
        .selectFrom('staff_user')
        .select(['role', 'oidc_subject'])
        .where('oidc_subject', '=', sub)
        .executeTakeFirstOrThrow()
      expect(user.role).toBe('caseworker')
    })
  }
})
