// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { totpCode, totpStep } from '../../src/modules/auth/index.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { EnrolPage, RecoveryCodesPage } from '../pages/EnrolPage.js'
import { InboxPage } from '../pages/InboxPage.js'
import { LoginPage, SecondFactorPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('staff sign-in with a second factor, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let newcomer: TestStaffUser
  let enrolled: TestStaffUser

  beforeAll(async () => {
    const { db } = suite.server.ctx
    newcomer = await buildStaffUser(db, { username: 'n.neu', displayName: 'Nele Neu', enrolled: false })
    enrolled = await buildStaffUser(db, { username: 'h.hansen', displayName: 'Hauke Hansen' })
  })

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript'

    it(`should enrol at first sign-in with the QR page, show ten recovery codes once and then sign in with a code (${mode})`, async () => {
      const user = javaScriptEnabled
        ? newcomer
        : await buildStaffUser(suite.server.ctx.db, { displayName: 'Nils Neu', enrolled: false })
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      const page = await context.newPage()
      let secret = ''
      try {
        const login = await LoginPage.visit(page)
        await suite.a11y.expectAccessible(page)
        await login.enterPassword(user)

        const enrol = await EnrolPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await enrol.qrCode.waitFor()
        secret = await enrol.secret()
        expect(secret).toMatch(/^[A-Z2-7]{32}$/)

        // A wrong code first: the same page again with the error, the QR code still there.
        await enrol.confirm('000000' === totpCode(secret, Date.now()) ? '111111' : '000000')
        const again = await EnrolPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(again.errorSummary)).toContain('Der Code passt nicht zum Schlüssel.')
        expect(await again.secret()).toBe(secret)

        await again.confirm(totpCode(secret, Date.now()))
        const recovery = await RecoveryCodesPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        const codes = await recovery.codes()
        expect(codes).toHaveLength(10)
        expect(codes.every((c) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(c))).toBe(true)
        await recovery.continue()
        const list = await InboxPage.verifyOnPage(page)
        await list.signOut()

        // Next sign-in: password and a code of the next time step (the enrolment used the current one).
        const second = await LoginPage.verifyOnPage(page)
        await second.enterPassword(user)
        const codePage = await SecondFactorPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await codePage.enter(totpCode(secret, (totpStep(Date.now()) + 1) * 30_000))
        await InboxPage.verifyOnPage(page)
      } finally {
        await context.close()
      }
      const stored = await suite.server.ctx.db
        .selectFrom('staff_user')
        .select(['totp_secret_enc', 'mfa_enrolled_at'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
      expect(stored.mfa_enrolled_at).not.toBeNull()
      // Stored encrypted: the secret shown on the page is not in the row.
      expect(stored.totp_secret_enc?.length).toBeGreaterThan(28)
      expect(stored.totp_secret_enc?.toString('latin1')).not.toContain(secret)
    })

    it(`should refuse a wrong code with a German error and accept the right one (${mode})`, async () => {
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      const page = await context.newPage()
      try {
        const login = await LoginPage.visit(page)
        await login.enterPassword(enrolled)
        const codePage = await SecondFactorPage.verifyOnPage(page)
        await codePage.enter('12345')
        const again = await SecondFactorPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        expect(await again.title()).toMatch(/^Fehler: Code eingeben/)
        expect(await textOf(again.errorSummary)).toContain('Der Code ist nicht gültig.')
        // The pending session grants nothing: the staff area still asks for a sign-in.
        await page.goto('/sachbearbeitung/antraege')
        const back = await LoginPage.verifyOnPage(page)
        await back.signIn(enrolled)
        await InboxPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
      } finally {
        await context.close()
      }
    })
  }

  it('should list my sessions and the accounts page accessibly, and sign out everywhere by keyboard', async () => {
    const admin = await buildStaffUser(suite.server.ctx.db, {
      role: 'administrator',
      displayName: 'Anke Admin',
    })
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      const login = await LoginPage.visit(page)
      await login.signIn(admin)
      await page.getByRole('heading', { level: 1, name: 'Benutzerkonten' }).waitFor()
      await suite.a11y.expectAccessible(page)
      expect(
        await page.getByRole('button', { name: 'Zweiten Faktor zurücksetzen: Hauke Hansen' }).count(),
      ).toBe(1)

      await activate(page.getByRole('link', { name: 'Meine Sitzungen' }))
      await page.getByRole('heading', { level: 1, name: 'Meine Sitzungen' }).waitFor()
      await suite.a11y.expectAccessible(page)
      expect(await textOf(page.getByRole('table'))).toContain('diese Sitzung')
      await activate(page.getByRole('button', { name: 'Überall abmelden' }))
      await LoginPage.verifyOnPage(page)
      await page.goto('/konto/sitzungen')
      await LoginPage.verifyOnPage(page)
    } finally {
      await context.close()
    }
  })
})
