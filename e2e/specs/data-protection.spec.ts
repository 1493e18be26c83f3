// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildCase } from '../../test/factories/cases.factory.js'
import { DeletionPlanPage, SubjectAccessPage } from '../pages/DataProtectionPages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('data protection: deletion dry run and Art. 15 export, by keyboard', () => {
  const suite = useBrowserSuite(chromiumPath)

  it('should show the DPO the dry run, take her release and export a person, every page accessible', async () => {
    const { db } = suite.server.ctx
    const dpo = await buildStaffUser(db, { role: 'data_protection_officer' })
    const old = await buildCase(db, { surname: 'Uraltakte', givenName: 'Ulla', postId: null })
    await db
      .updateTable('application')
      .set({ status: 'closed', status_changed_at: new Date('2003-04-01T10:00:00Z') })
      .where('id', '=', old.applicationId)
      .execute()
    const person = await buildCase(db, { surname: 'Auskunftsreich', givenName: 'Anton', postId: null })

    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto('/dsb/loeschung')
      await (await LoginPage.verifyOnPage(page)).signIn(dpo)
      let plan = await DeletionPlanPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      expect(await textOf(plan.categoryRow('Fallakten'))).toContain('nach Freigabe')
      expect(await textOf(plan.dueRow(old.reference))).toContain('nein')

      await plan.release()
      plan = await DeletionPlanPage.verifyOnPage(page)
      expect(await textOf(plan.notice)).toBe(
        'Die Löschung ist freigegeben. Der nächste Löschlauf löscht die aufgeführten Akten.',
      )
      expect(await textOf(plan.dueRow(old.reference))).toContain('ja')
      await suite.a11y.expectAccessible(page)

      await plan.openAccessRequests()
      let access = await SubjectAccessPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await access.submit()
      access = await SubjectAccessPage.verifyOnPage(page)
      expect(await access.errorSummaryLinks.allInnerTexts()).toEqual([
        'Geben Sie ein Aktenzeichen oder Name und Geburtsdatum an.',
      ])
      await suite.a11y.expectAccessible(page)

      await access.searchByName('Auskunftsreich', 'Anton', '12.08.1957')
      access = await SubjectAccessPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      const json = access.downloadLink(person.reference, 'JSON')
      const href = await json.getAttribute('href')
      expect(href).toBe(`/dsb/auskunft/${person.applicationId}/auskunft.json`)
      const res = await page.request.get(href ?? '')
      expect(res.status()).toBe(200)
      const bundle = await res.json()
      expect(bundle.person.surname).toBe('Auskunftsreich')
      expect(JSON.stringify(bundle)).not.toContain('Uraltakte')
      expect(await access.downloadLink(person.reference, 'PDF').count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})
