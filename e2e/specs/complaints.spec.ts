// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { ComplaintDetailPage } from '../pages/ComplaintDetailPage.js'
import { ComplaintFormPage } from '../pages/ComplaintFormPage.js'
import { ComplaintListPage } from '../pages/ComplaintListPage.js'
import { ComplaintReceivedPage } from '../pages/ComplaintReceivedPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)(
  'complaints: a citizen complains without JavaScript, the coordinator answers',
  () => {
    const suite = useBrowserSuite(chromiumPath)

    it('should take a complaint by keyboard without JavaScript, then acknowledge and answer it, every page accessible', async () => {
      const { db } = suite.server.ctx
      const coordinator = await buildStaffUser(db, { role: 'complaints_coordinator' })

      // --- The citizen: JavaScript off, keyboard only.
      const citizenContext = await newContext(suite.browser, suite.server.baseUrl, {
        javaScriptEnabled: false,
      })
      const citizen = await citizenContext.newPage()
      let reference = ''
      try {
        let form = await ComplaintFormPage.visit(citizen)
        await suite.a11y.expectAccessible(citizen)
        await form.submit()
        form = await ComplaintFormPage.verifyOnPage(citizen)
        await suite.a11y.expectAccessible(citizen)
        expect(await form.title()).toBe('Fehler: Beschwerde einreichen – Lotse')
        expect(await form.errorSummaryLinks.allInnerTexts()).toEqual([
          'Wählen Sie aus, worum es in Ihrer Beschwerde geht.',
          'Beschreiben Sie, worüber Sie sich beschweren.',
        ])

        await form.chooseCategory('Erreichbarkeit')
        await form.describe('Seit zwei Wochen erreiche ich telefonisch niemanden.')
        await form.fill('Name (freiwillig)', 'Hannes Wulf')
        await form.fill('E-Mail-Adresse (freiwillig)', 'hannes.wulf@example.org')
        await form.submit()
        const received = await ComplaintReceivedPage.verifyOnPage(citizen)
        await suite.a11y.expectAccessible(citizen)
        reference = await received.reference()
        expect(reference).toMatch(/^BS-\d{4}-\d{6}$/)
      } finally {
        await citizenContext.close()
      }

      // --- The coordinator opens the complaints, signs in and is brought back to them.
      const staffContext = await newContext(suite.browser, suite.server.baseUrl)
      const page = await staffContext.newPage()
      try {
        await page.goto('/beschwerden')
        const login = await LoginPage.verifyOnPage(page)
        await login.signIn(coordinator)
        const list = await ComplaintListPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await list.open(reference)

        let detail = await ComplaintDetailPage.verifyOnPage(page, reference)
        await suite.a11y.expectAccessible(page)
        expect(await detail.status()).toBe('Eingegangen')
        expect(await detail.routing()).toContain('zuständig:')
        await detail.acknowledge()
        detail = await ComplaintDetailPage.verifyOnPage(page, reference)
        expect(await textOf(detail.notice)).toBe('Der Eingang ist bestätigt.')
        await suite.a11y.expectAccessible(page)

        await detail.replyByEmail('Wir haben unsere Telefonzeiten erweitert und rufen Sie morgen zurück.')
        detail = await ComplaintDetailPage.verifyOnPage(page, reference)
        expect(await textOf(detail.notice)).toBe('Die Antwort ist gespeichert und wird versandt.')
        expect(await detail.status()).toBe('Beantwortet')
        await suite.a11y.expectAccessible(page)
        const timeline = await detail.timeline()
        expect(timeline.some((e) => e.includes(`Eingang bestätigt (${coordinator.displayName})`))).toBe(true)
        expect(timeline.some((e) => e.includes(`Beantwortet (E-Mail) (${coordinator.displayName})`))).toBe(
          true,
        )

        const mails = await db
          .selectFrom('complaint_mail')
          .innerJoin('complaint', 'complaint.id', 'complaint_mail.complaint_id')
          .select(['complaint_mail.kind', 'complaint_mail.recipient', 'complaint_mail.subject'])
          .where('complaint.reference', '=', reference)
          .orderBy('complaint_mail.created_at')
          .execute()
        expect(mails).toEqual([
          {
            kind: 'acknowledgement',
            recipient: 'hannes.wulf@example.org',
            subject: `Eingangsbestätigung Ihrer Beschwerde ${reference}`,
          },
          {
            kind: 'reply',
            recipient: 'hannes.wulf@example.org',
            subject: `Antwort auf Ihre Beschwerde ${reference}`,
          },
        ])

        await page.goto('/beschwerden/auswertung')
        await page.getByRole('heading', { level: 1, name: 'Auswertung der Beschwerden' }).waitFor()
        await suite.a11y.expectAccessible(page)
        expect(await page.getByRole('img', { name: /Beschwerden nach Kategorie/ }).count()).toBe(1)
      } finally {
        await staffContext.close()
      }
    })
  },
)
