// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { applicationsService } from '../../src/modules/applications/index.js'
import { buildApplication, buildStaffUser } from '../../test/factories/applications.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { ApplicationDetailPage } from '../pages/ApplicationDetailPage.js'
import { ApplicationListPage } from '../pages/ApplicationListPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { answersFor, setSubmittedAt, submitWithDocument } from '../support/applications.js'
import { newContext } from '../support/browser.js'
import { isPdf, samplePdf } from '../support/documents.js'
import { selectedOptionText, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

const USERNAME = 'f.petersen'
const PASSWORD = 'e2e-Passwort-lang-genug-2026'
const DOCUMENT_NAME = 'Rentenbescheid-2026.pdf'

describe.skipIf(!chromiumPath)('caseworker works through incoming applications, by keyboard only', () => {
  const suite = useBrowserSuite(chromiumPath)
  let staffId: string
  let staff: TestStaffUser
  /** Oldest first: already in review, submitted, submitted with a document (newest). */
  let applications: Record<'older' | 'middle' | 'newest', { id: string; reference: string }>
  let pdf: Buffer

  beforeAll(async () => {
    const { db } = suite.server.ctx
    staff = await buildStaffUser(db, {
      username: USERNAME,
      displayName: 'Frauke Petersen',
      password: PASSWORD,
      role: 'caseworker',
    })
    staffId = staff.id

    pdf = await samplePdf()
    const older = await buildApplication(db, answersFor('Hinrich', 'Albers'))
    const middle = await buildApplication(db, answersFor('Greta', 'Brandt'))
    const newest = await submitWithDocument(suite.server.ctx, answersFor('Erika', 'Mustermann-Öztürk'), {
      name: DOCUMENT_NAME,
      bytes: pdf,
    })
    const hour = 3_600_000
    const now = Date.now()
    await setSubmittedAt(suite.server.ctx, older.applicationId, new Date(now - 3 * hour))
    await setSubmittedAt(suite.server.ctx, middle.applicationId, new Date(now - 2 * hour))
    await setSubmittedAt(suite.server.ctx, newest.applicationId, new Date(now - 1 * hour))
    // Another caseworker already took the oldest one.
    const colleague = await buildStaffUser(db, {
      username: 'k.jensen',
      displayName: 'Kai Jensen',
      password: PASSWORD,
      role: 'caseworker',
    })
    await applicationsService.changeApplicationStatus(db, colleague, older.applicationId, 'in_review', null)
    applications = {
      older: { id: older.applicationId, reference: older.reference },
      middle: { id: middle.applicationId, reference: middle.reference },
      newest: { id: newest.applicationId, reference: newest.reference },
    }
  })

  async function signedInList(page: Page): Promise<ApplicationListPage> {
    const login = await LoginPage.visit(page)
    await suite.a11y.expectAccessible(page)
    await login.signIn(staff)
    return ApplicationListPage.verifyOnPage(page)
  }

  it('should sign in, list newest first, filter by status, open an application with its document and take it into review', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    const page = await context.newPage()
    try {
      let list = await signedInList(page)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(list.count)).toBe('3 Anträge')
      expect(await list.rows()).toEqual([
        { reference: applications.newest.reference, name: 'Mustermann-Öztürk, Erika', status: 'Eingegangen' },
        { reference: applications.middle.reference, name: 'Brandt, Greta', status: 'Eingegangen' },
        { reference: applications.older.reference, name: 'Albers, Hinrich', status: 'In Prüfung' },
      ])

      await list.filterBy('In Prüfung')
      list = await ApplicationListPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect(page.url()).toContain('status=in_review')
      expect(await selectedOptionText(list.statusFilter)).toBe('In Prüfung')
      expect((await list.rows()).map((r) => r.reference)).toEqual([applications.older.reference])

      await list.filterBy('Eingegangen')
      list = await ApplicationListPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect((await list.rows()).map((r) => r.reference)).toEqual([
        applications.newest.reference,
        applications.middle.reference,
      ])

      await list.open(applications.newest.reference)
      let detail = await ApplicationDetailPage.verifyOnPage(page, applications.newest.reference)
      await suite.a11y.expectAccessible(page)
      expect(await detail.status()).toBe('Eingegangen')
      expect(await textOf(detail.answer('Angaben zur Person', 'Nachname'))).toBe('Mustermann-Öztürk')
      expect(await textOf(detail.answer('Angaben zur Person', 'Vorname'))).toBe('Erika')
      expect(await textOf(detail.answer('Bankverbindung', 'IBAN'))).toBe('DE02 1203 0000 0000 2020 51')
      await detail.documentLink(DOCUMENT_NAME).waitFor()
      const download = await detail.downloadDocument(DOCUMENT_NAME)
      expect(download.name).toBe(DOCUMENT_NAME)
      expect(isPdf(download.bytes)).toBe(true)
      expect(download.bytes.equals(pdf)).toBe(true)

      await detail.startReview()
      detail = await ApplicationDetailPage.verifyOnPage(page, applications.newest.reference)
      await detail.notice.waitFor()
      await suite.a11y.expectAccessible(page)
      expect(await textOf(detail.notice)).toBe('Der Antrag ist jetzt „In Prüfung“.')
      expect(await detail.status()).toBe('In Prüfung')
      expect(await detail.startReviewButton.count()).toBe(0)

      await detail.backToList()
      list = await ApplicationListPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect((await list.rows())[0]).toMatchObject({
        reference: applications.newest.reference,
        status: 'In Prüfung',
      })

      await list.signOut()
      await LoginPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      // The session is gone: the list asks for a sign-in again.
      await page.goto('/sachbearbeitung/antraege')
      await LoginPage.verifyOnPage(page)
    } finally {
      await context.close()
    }

    // Reading an application's social data leaves an audit record naming the caseworker.
    const views = await suite.server.ctx.db
      .selectFrom('audit_event')
      .select(['actor_type', 'actor_id', 'action'])
      .where('action', '=', 'application.view')
      .where('subject_type', '=', 'application')
      .where('subject_id', '=', applications.newest.id)
      .execute()
    expect(views.length).toBeGreaterThanOrEqual(1)
    expect(views.every((v) => v.actor_type === 'staff' && v.actor_id === staffId)).toBe(true)
    const statusChange = await suite.server.ctx.db
      .selectFrom('audit_event')
      .select(['actor_id', 'details'])
      .where('action', '=', 'application.status_change')
      .where('subject_id', '=', applications.newest.id)
      .executeTakeFirstOrThrow()
    expect(statusChange).toMatchObject({ actor_id: staffId, details: { from: 'submitted', to: 'in_review' } })
  })

  it('should send a visitor without a session to the sign-in page and back to the application afterwards', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(`/sachbearbeitung/antraege/${applications.middle.id}`)
      const login = await LoginPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await login.signIn(staff)
      const detail = await ApplicationDetailPage.verifyOnPage(page, applications.middle.reference)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(detail.answer('Angaben zur Person', 'Nachname'))).toBe('Brandt')
      expect(await textOf(detail.section('Nachweise'))).toContain('Keine Nachweise hochgeladen.')
    } finally {
      await context.close()
    }
  })
})
