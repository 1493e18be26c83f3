// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { BACKCHANNEL_LOGOUT_PATH } from '../../src/modules/auth/oidc-logout.path.js'
import { type FakeIdp, startFakeIdp } from '../../test/support/fake-idp.js'
import { InboxPage } from '../pages/InboxPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('single logout with the identity provider, in the browser', () => {
  const suite = useBrowserSuite(chromiumPath)
  let idp: FakeIdp

  beforeAll(async () => {
    const base = suite.server.baseUrl
    idp = await startFakeIdp(`${base}/anmelden/oidc/rueckkehr`, {
      backchannelLogoutUri: `${base}${BACKCHANNEL_LOGOUT_PATH}`,
      postLogoutRedirectUris: [`${base}/anmelden`],
    })
    // The running app reads its configuration per request: switch single sign-on on for this server.
    suite.server.ctx.deps.config.oidc = {
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: `${base}/anmelden/oidc/rueckkehr`,
      groupsClaim: 'groups',
      roleMapping: [{ group: 'lotse-sachbearbeitung', role: 'caseworker' }],
      mfaAcr: [],
      mfaAmr: ['otp'],
    }
  })
  afterAll(async () => {
    await idp?.close()
  })

  async function ssoSignIn(page: Page, sub: string): Promise<void> {
    idp.nextAccount = {
      sub,
      name: 'Sina Single',
      preferredUsername: sub,
      groups: ['lotse-sachbearbeitung'],
      amr: ['pwd', 'otp'],
    }
    await LoginPage.visit(page)
    await activate(page.getByRole('link', { name: 'Mit Single Sign-on anmelden' }))
    await InboxPage.verifyOnPage(page)
  }

  it('should send the browser to the sign-in page once the session at the provider has ended', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await ssoSignIn(page, 'slo-backchannel')
      // The person signs out at the provider itself (its own page, not through Lotse).
      await page.goto(`${idp.issuer}/session/end`)
      await activate(page.getByRole('button', { name: 'Sign out' }))
      expect(await page.textContent('body')).toContain('Signed out')
      await page.goto('/sachbearbeitung/antraege')
      await LoginPage.verifyOnPage(page)
    } finally {
      await context.close()
    }
    const audit = await suite.server.ctx.db
      .selectFrom('audit_event as a')
      .innerJoin('staff_user as u', (j) => j.on('u.oidc_subject', '=', 'slo-backchannel'))
      .select('a.details')
      .where('a.action', '=', 'auth.idp_logout')
      .whereRef('a.subject_id', '=', (eb) => eb.cast('u.id', 'text'))
      .execute()
    expect(audit).toEqual([{ details: expect.objectContaining({ reason: 'idp_backchannel_logout' }) }])
  })

  it('should sign out at the provider too when "Abmelden" is pressed, and come back to the sign-in page', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: true })
    const page = await context.newPage()
    try {
      await ssoSignIn(page, 'slo-rp')
      await activate(page.getByRole('button', { name: 'Abmelden' }))
      expect(new URL(page.url()).origin).toBe(idp.issuer)
      await activate(page.getByRole('button', { name: 'Sign out' }))
      await LoginPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await page.goto('/sachbearbeitung/antraege')
      await LoginPage.verifyOnPage(page)
    } finally {
      await context.close()
    }
  })
})
