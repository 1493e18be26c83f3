// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildApplication, buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildCase } from '../../test/factories/cases.factory.js'
import { linkStaffAccount } from '../../test/factories/complaints.factory.js'
import { buildInterimPlan } from '../../test/factories/organisation.factory.js'
import { buildSite, buildStay } from '../../test/factories/providers.factory.js'
import { pdftotext } from '../../test/support/pdf-text.js'
import { LoginPage } from '../pages/LoginPage.js'
import { ReportDetailPage, ReportsListPage } from '../pages/ReportPages.js'
import { newContext } from '../support/browser.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)(
  'committee report: the office drafts, a deputy releases i.V., the PDF downloads',
  () => {
    const suite = useBrowserSuite(chromiumPath)

    it('should draft, submit and release the report by keyboard, every page accessible, and serve the released PDF', async () => {
      const { db } = suite.server.ctx
      const plan = await buildInterimPlan(db)
      for (const day of ['05', '12', '19']) {
        await buildCase(db, {
          postId: plan.posts.caseworkerA.id,
          submittedAt: new Date(`2026-10-${day}T08:00:00Z`),
        })
      }
      // Shared accommodation: one site with three residents, one with a single one (suppressed).
      const see = await buildSite(db, { name: 'Haus Am See', capacity: 6 })
      const birke = await buildSite(db, { name: 'Haus Birke', capacity: 4 })
      for (const [i, site] of [see, see, see, birke].entries()) {
        const place = site.places[i % 3]?.id ?? ''
        await buildStay(db, site, place, (await buildApplication(db)).applicationId, '2026-10-01')
      }
      const office = await buildStaffUser(db, { role: 'division_head', displayName: 'Büro Bereichsleitung' })
      const deputy = await buildStaffUser(db, {
        role: 'department_head',
        displayName: 'Abteilungsleitung Grundsicherung',
      })
      await linkStaffAccount(db, plan.people.grusiHead.id, deputy.id)

      // --- The division head's office drafts the report.
      const officeContext = await newContext(suite.browser, suite.server.baseUrl)
      const page = await officeContext.newPage()
      let reportPath = ''
      try {
        await (await LoginPage.visit(page)).signIn(office)
        await page.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
        await page.goto('/berichte')
        const list = await ReportsListPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await list.draft('10.2026')
        let detail = await ReportDetailPage.verifyOnPage(page, '2026-10', 1)
        await page
          .getByRole('heading', { level: 2, name: '6. Unterbringung in Gemeinschaftsunterkünften' })
          .waitFor()
        await page.getByRole('img', { name: /Belegte Plätze und Kapazität je Monat/ }).waitFor()
        await suite.a11y.expectAccessible(page)
        await detail.writeSituation(
          'Mehrere Leitungsstellen sind unbesetzt; ein Interimskonzept sichert die Arbeit.',
        )
        detail = await ReportDetailPage.verifyOnPage(page, '2026-10', 1)
        expect(await detail.notice()).toBe('Die Texte sind gespeichert.')
        await detail.submitForReview()
        detail = await ReportDetailPage.verifyOnPage(page, '2026-10', 1)
        expect(await detail.status()).toBe('Status: In Prüfung')
        reportPath = new URL(page.url()).pathname
      } finally {
        await officeContext.close()
      }

      // --- The head of 2.500.1 acts for the vacant division head (interim plan) and releases i.V.
      const deputyContext = await newContext(suite.browser, suite.server.baseUrl)
      const deputyPage = await deputyContext.newPage()
      let pdfHref: string | null = null
      try {
        await (await LoginPage.visit(deputyPage)).signIn(deputy)
        await deputyPage.getByRole('heading', { level: 1, name: 'Mein Posteingang' }).waitFor()
        await deputyPage.goto(reportPath)
        let detail = await ReportDetailPage.verifyOnPage(deputyPage, '2026-10', 1)
        await suite.a11y.expectAccessible(deputyPage)
        expect(
          await deputyPage.getByText('Sie geben frei als: i.V. Abteilungsleitung Grundsicherung').count(),
        ).toBe(1)
        await detail.release()
        detail = await ReportDetailPage.verifyOnPage(deputyPage, '2026-10', 1)
        expect(await detail.notice()).toBe('Der Bericht ist freigegeben.')
        await suite.a11y.expectAccessible(deputyPage)
        pdfHref = await detail.publicPdfHref()
      } finally {
        await deputyContext.close()
      }

      // --- A committee member opens the released PDF without an account.
      expect(pdfHref).toMatch(/^\/oeffentlich\/berichte\/[0-9a-f-]{36}\/bericht\.pdf$/)
      const response = await fetch(`${suite.server.baseUrl}${pdfHref}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/pdf')
      const text = await pdftotext(new Uint8Array(await response.arrayBuffer()))
      expect(text).toContain('zur Kenntnisnahme')
      expect(text).toContain('i.V. Abteilungsleitung Grundsicherung')
    })
  },
)
