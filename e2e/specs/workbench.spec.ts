// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { organisationService } from '../../src/modules/organisation/index.js'
import { buildCase, buildTeam, type StaffWithPost } from '../../test/factories/cases.factory.js'
import { buildAbsence, SYSTEM_ACTOR } from '../../test/factories/organisation.factory.js'
import { ApplicationDetailPage } from '../pages/ApplicationDetailPage.js'
import { InboxPage } from '../pages/InboxPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate, check, chooseOption, textOf, typeInto } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')
const DAY = 86_400_000

describe.skipIf(!chromiumPath)(
  'workbench: a deputy works an absent colleague’s case i.V., the lead reassigns, by keyboard',
  () => {
    const suite = useBrowserSuite(chromiumPath)
    let team: Awaited<ReturnType<typeof buildTeam>>
    let absent: StaffWithPost
    let deputy: StaffWithPost
    let covered: { applicationId: string; reference: string }
    let own: { applicationId: string; reference: string }
    let unitName: string

    beforeAll(async () => {
      const { db } = suite.server.ctx
      team = await buildTeam(db, { caseworkers: 2 })
      ;[absent, deputy] = team.caseworkers as [StaffWithPost, StaffWithPost]
      await organisationService.addDeputyRule(db, SYSTEM_ACTOR, {
        postId: absent.postId,
        deputyPostId: deputy.postId,
        kind: 'permanent',
        validFrom: new Date('2020-01-01T00:00:00Z'),
      })
      await buildAbsence(db, absent.personId, new Date(Date.now() - DAY), new Date(Date.now() + 14 * DAY))
      covered = await buildCase(db, { postId: absent.postId, surname: 'Vertretung', givenName: 'Vera' })
      own = await buildCase(db, { postId: deputy.postId, surname: 'Eigen', givenName: 'Emil' })
      unitName = (
        await db.selectFrom('org_unit').select('name').where('id', '=', team.unitId).executeTakeFirstOrThrow()
      ).name
    })

    it('should show the covered case marked i.V., let the deputy add a note, and let the lead reassign it to the deputy’s post with a reason', async () => {
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await page.goto('/sachbearbeitung/antraege')
        await (await LoginPage.verifyOnPage(page)).signIn(deputy)
        const inbox = await InboxPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        const rows = await inbox.rows()
        expect(rows.find((r) => r.reference === covered.reference)?.post).toBe(`i.V. ${absent.postTitle}`)
        expect(rows.find((r) => r.reference === own.reference)?.post).toBe(deputy.postTitle)

        await inbox.open(covered.reference)
        await ApplicationDetailPage.verifyOnPage(page, covered.reference)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(page.getByText('Sie bearbeiten diesen Fall in Vertretung'))).toContain(
          absent.postTitle,
        )
        await typeInto(
          page.getByLabel('Neue Notiz', { exact: true }),
          'Rückruf der Antragstellerin vereinbart.',
        )
        await activate(page.getByRole('button', { name: 'Notiz speichern' }))
        await ApplicationDetailPage.verifyOnPage(page, covered.reference)
        expect(await textOf(page.getByRole('status'))).toContain('Die Notiz ist gespeichert.')
        expect(await textOf(page.getByRole('region', { name: 'Notizen' }))).toContain(
          `i.V. ${absent.postTitle}`,
        )
        await suite.a11y.expectAccessible(page)
      } finally {
        await context.close()
      }

      const leadContext = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
      const leadPage = await leadContext.newPage()
      try {
        await leadPage.goto('/sachbearbeitung/antraege')
        await (await LoginPage.verifyOnPage(leadPage)).signIn(team.lead)
        await InboxPage.verifyOnPage(leadPage)
        await activate(
          leadPage
            .getByRole('navigation', { name: 'Ansichten' })
            .getByRole('link', { name: 'Fälle meiner Einheit' }),
        )
        const unit = await InboxPage.verifyOnPage(leadPage, 'Fälle meiner Einheit')
        await suite.a11y.expectAccessible(leadPage)
        await check(leadPage.getByRole('checkbox', { name: `Fall ${covered.reference} auswählen` }))
        await chooseOption(
          leadPage.getByLabel('Neue Stelle', { exact: true }),
          `${deputy.postTitle} (${unitName})`,
        )
        await typeInto(
          leadPage.getByLabel('Grund der Zuweisung', { exact: true }),
          'Abwesenheit länger als geplant',
        )
        await activate(leadPage.getByRole('button', { name: 'Zuweisen' }))
        const after = await InboxPage.verifyOnPage(leadPage, 'Fälle meiner Einheit')
        expect(await textOf(leadPage.getByRole('status').first())).toContain('Neu zugewiesene Fälle: 1.')
        expect((await after.rows()).find((r) => r.reference === covered.reference)?.post).toBe(
          deputy.postTitle,
        )
        await suite.a11y.expectAccessible(leadPage)
        expect(unit).toBeDefined()
      } finally {
        await leadContext.close()
      }
      const audit = await suite.server.ctx.db
        .selectFrom('audit_event')
        .select(['actor_id', 'details'])
        .where('action', '=', 'case.reassign')
        .where('subject_id', '=', covered.applicationId)
        .executeTakeFirstOrThrow()
      expect(audit).toMatchObject({
        actor_id: team.lead.id,
        details: { to: deputy.postId, reason: 'Abwesenheit länger als geplant' },
      })
    })
  },
)
