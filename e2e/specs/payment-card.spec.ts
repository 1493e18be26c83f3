// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { cardKeyringFor } from '../../src/modules/payment-card/index.js'
import { formatIsoDate, todayIso } from '../../src/shared/dates.js'
import { buildCase, buildTeam } from '../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../test/factories/payment-card.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { LoginPage } from '../pages/LoginPage.js'
import { ApprovalDecisionPage, CitizenCardPage, RemapChildPage } from '../pages/PaymentCardPages.js'
import { StatusLookupPage } from '../pages/StatusLookupPage.js'
import { newContext } from '../support/browser.js'
import { activate, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)(
  'payment card: a cardholder asks for a transfer, the caseworker decides',
  () => {
    const suite = useBrowserSuite(chromiumPath)
    let caseworker: TestStaffUser
    let postId: string
    let theCase: { applicationId: string; reference: string; accessCode: string }

    beforeAll(async () => {
      const { db, deps } = suite.server.ctx
      const team = await buildTeam(db, { caseworkers: 1 })
      const worker = team.caseworkers[0]
      if (!worker) {
        throw new Error('team without caseworker')
      }
      caseworker = worker
      postId = worker.postId
      theCase = await buildCase(db, { postId: worker.postId, benefitType: 'asylblg' })
      const adult = await buildMember(db, theCase.applicationId)
      await buildCard(db, await cardKeyringFor(deps.config), theCase.applicationId, adult.id, {
        iban: 'DE89370400440532013000',
      })
    })

    it('should let the cardholder request a transfer from the status page, with errors first, without JavaScript', async () => {
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false })
      const page = await context.newPage()
      try {
        await page.goto('/antrag/status')
        await (await StatusLookupPage.verifyOnPage(page)).lookUp(theCase.reference, theCase.accessCode)
        await activate(page.getByRole('link', { name: 'Freigaben für die Bezahlkarte' }))
        let card = await CitizenCardPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)

        await card.requestTransfer({
          payee: 'Trave-Wohnbau',
          iban: 'DE89 3704 0044 0532 0130 01',
          purpose: 'Miete',
          amount: 'viel',
        })
        card = await CitizenCardPage.verifyOnPage(page)
        expect(await card.errorSummaryLinks.allInnerTexts()).toEqual([
          'Die Prüfziffer der IBAN stimmt nicht. Bitte prüfen Sie die Eingabe auf Tippfehler.',
          'Geben Sie den Betrag in Euro ein, zum Beispiel 120,50.',
        ])
        expect(await card.title()).toMatch(/^Fehler: /)
        await suite.a11y.expectAccessible(page)

        await card.requestTransfer({ iban: 'DE02 1203 0000 0000 2020 51', amount: '612,00', standing: true })
        card = await CitizenCardPage.verifyOnPage(page)
        expect(await textOf(card.requests)).toContain('Trave-Wohnbau, 612,00')
        expect(await textOf(card.requests)).toContain('offen')
        await suite.a11y.expectAccessible(page)
      } finally {
        await context.close()
      }
    })

    it('should let the caseworker refuse only with a reason, approve, and confirm the portal entry', async () => {
      const { db } = suite.server.ctx
      const approval = await db
        .selectFrom('card_approval')
        .select('id')
        .where('application_id', '=', theCase.applicationId)
        .executeTakeFirstOrThrow()
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await (await LoginPage.visit(page)).signIn(caseworker)
        await page.goto('/bezahlkarte/freigaben')
        await suite.a11y.expectAccessible(page)
        await activate(page.getByRole('link', { name: /Trave-Wohnbau/ }))
        let decision = await ApprovalDecisionPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)

        await decision.decide('Ablehnen', '')
        decision = await ApprovalDecisionPage.verifyOnPage(page)
        expect(await decision.errorSummaryLinks.allInnerTexts()).toEqual([
          'Geben Sie an, warum der Antrag abgelehnt wird.',
        ])
        await suite.a11y.expectAccessible(page)

        await decision.decide('Freigeben', '')
        decision = await ApprovalDecisionPage.verifyOnPage(page)
        expect(await textOf(page.getByRole('status'))).toContain('Tragen Sie sie jetzt im Portal')
        await suite.a11y.expectAccessible(page)
        await decision.confirmPortal()
        decision = await ApprovalDecisionPage.verifyOnPage(page)
        expect(await textOf(decision.descriptionOf('Im Portal'))).toContain('eingetragen von')
        const row = await db
          .selectFrom('card_approval')
          .selectAll()
          .where('id', '=', approval.id)
          .executeTakeFirstOrThrow()
        expect(row).toMatchObject({
          status: 'approved',
          decided_by: caseworker.id,
          portal_entered_by: caseworker.id,
        })
      } finally {
        await context.close()
      }
    })

    it('should let the caseworker move a child onto the other parent’s card from a date, by keyboard, with the history kept', async () => {
      const { db } = suite.server.ctx
      const household = await buildCase(db, { postId, benefitType: 'asylblg' })
      const mother = await buildMember(db, household.applicationId, { givenName: 'Amal', surname: 'Haddad' })
      await buildMember(db, household.applicationId, { givenName: 'Karim', surname: 'Haddad' })
      const child = await buildMember(db, household.applicationId, {
        givenName: 'Lina',
        surname: 'Haddad',
        role: 'child',
        cardHolderMemberId: mother.id,
      })
      const [y, m] = todayIso().split('-').map(Number) as [number, number]
      const from = formatIsoDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`)
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await (await LoginPage.visit(page)).signIn(caseworker)
        await page.goto(`/sachbearbeitung/antraege/${household.applicationId}/bezahlkarte`)
        await activate(page.getByRole('link', { name: /^Zuordnung ändern/ }))
        let remap = await RemapChildPage.verifyOnPage(page, 'Lina Haddad')
        expect(await textOf(remap.history)).toContain('von Anfang an')
        await suite.a11y.expectAccessible(page)

        await remap.remap({ holder: 'Karim Haddad', validFrom: '01.01.2020', reason: '' })
        remap = await RemapChildPage.verifyOnPage(page, 'Lina Haddad')
        expect(await remap.errorSummaryLinks.allInnerTexts()).toEqual([
          'Das Datum muss zwischen dem Ersten des laufenden Monats und einem Jahr ab heute liegen.',
          'Geben Sie den Grund der Änderung an.',
        ])
        expect(await remap.title()).toMatch(/^Fehler: /)
        await suite.a11y.expectAccessible(page)

        await remap.remap({ validFrom: from, reason: 'Mutter im Krankenhaus' })
        expect(await textOf(page.getByRole('status'))).toContain(
          'Die Zuordnung des Kindes wurde gespeichert.',
        )
        await suite.a11y.expectAccessible(page)
        await activate(page.getByRole('link', { name: /^Zuordnung ändern/ }))
        remap = await RemapChildPage.verifyOnPage(page, 'Lina Haddad')
        expect(await textOf(remap.history)).toContain(from)
        expect(await textOf(remap.history)).toContain('Mutter im Krankenhaus')
        const rows = await db
          .selectFrom('household_child_card')
          .select(['reason', 'created_by'])
          .where('child_member_id', '=', child.id)
          .execute()
        expect(rows).toEqual([{ reason: 'Mutter im Krankenhaus', created_by: caseworker.id }])
      } finally {
        await context.close()
      }
    })
  },
)
