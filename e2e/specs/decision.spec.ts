// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import {
  buildApprovalRule,
  buildCase,
  buildTeam,
  type StaffWithPost,
} from '../../test/factories/cases.factory.js'
import { pdftotext } from '../../test/support/pdf-text.js'
import { ApprovalsListPage, CaseDecisionPage } from '../pages/DecisionPages.js'
import { InboxPage } from '../pages/InboxPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { isPdf } from '../support/documents.js'
import { textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

/** The printed text with every run of white space (no-break spaces included) made one space. */
async function printed(bytes: Buffer): Promise<string> {
  return (await pdftotext(bytes, ['-layout'])).replace(/\s+/gu, ' ')
}

describe.skipIf(!chromiumPath)(
  'a caseworker decides, the lead approves, the letter is a PDF — by keyboard only',
  () => {
    const suite = useBrowserSuite(chromiumPath)
    let caseworker: StaffWithPost
    let lead: StaffWithPost
    let caseId: string
    let reference: string

    beforeAll(async () => {
      const { db } = suite.server.ctx
      const team = await buildTeam(db, { caseworkers: 1 })
      caseworker = team.caseworkers[0] as StaffWithPost
      lead = team.lead
      // From 1.000 € a month the head post of the case's unit approves.
      await buildApprovalRule(db, null, { minMonthlyCents: 100_000 })
      const c = await buildCase(db, { postId: caseworker.postId })
      await db
        .updateTable('application')
        .set({ status: 'ready_for_decision' })
        .where('id', '=', c.applicationId)
        .execute()
      caseId = c.applicationId
      reference = c.reference
    })

    it('should hold the decision for approval without a letter, then store and serve the letter once the lead approved', async () => {
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await (await LoginPage.visit(page)).signIn(caseworker)
        await InboxPage.verifyOnPage(page)
        let detail = await CaseDecisionPage.visit(page, caseId, reference)
        await suite.a11y.expectAccessible(page)
        await detail.decideGrant({
          regelbedarf: '563,00',
          unterkunft: '593,50',
          from: '01.12.2026',
          to: '30.11.2027',
          reasons: 'Die Voraussetzungen der §§ 41 ff. SGB XII liegen vor.',
        })
        detail = await CaseDecisionPage.verifyOnPage(page, reference)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(detail.notice)).toBe(
          'Die Entscheidung ist gespeichert und wartet auf Freigabe (Vier-Augen-Prinzip).',
        )
        // Waiting for approval: no letter yet.
        expect(await detail.letterLink.count()).toBe(0)
        await detail.signOut()
        await LoginPage.verifyOnPage(page)

        await (await LoginPage.visit(page)).signIn(lead)
        await InboxPage.verifyOnPage(page)
        const approvals = await ApprovalsListPage.visit(page)
        await suite.a11y.expectAccessible(page)
        await approvals.approveOnly()
        await ApprovalsListPage.verifyOnPage(page)
        expect(await textOf(approvals.notice)).toBe('Die Entscheidung ist freigegeben.')
        await suite.a11y.expectAccessible(page)

        detail = await CaseDecisionPage.visit(page, caseId, reference)
        await suite.a11y.expectAccessible(page)
        const letter = await detail.downloadLetter()
        expect(letter.name).toBe(`Bescheid-${reference}.pdf`)
        expect(isPdf(letter.bytes)).toBe(true)
        const text = await printed(letter.bytes)
        expect(text).toContain('Erika Mustermann-Öztürk')
        expect(text).toContain('für die Zeit vom 01.12.2026 bis 30.11.2027')
        expect(text).toContain('Monatlicher Gesamtbetrag 1.156,50 €')
        expect(text).toContain(lead.displayName)
        expect(text).toContain(lead.postTitle)

        const caseFile = await detail.downloadCaseFilePdf()
        expect(caseFile.name).toBe(`Pruefakte-${reference}.pdf`)
        expect(isPdf(caseFile.bytes)).toBe(true)
        const file = await printed(caseFile.bytes)
        expect(file).toContain('Fehlende Nachweise und Freigaben (1)')
        expect(file).toContain('Es liegen keine Unterlagen vor.')
      } finally {
        await context.close()
      }

      const { db } = suite.server.ctx
      const decision = await db
        .selectFrom('decision')
        .select(['status', 'approved_by', 'letter_storage_key'])
        .where('application_id', '=', caseId)
        .executeTakeFirstOrThrow()
      expect(decision).toMatchObject({ status: 'final', approved_by: lead.id })
      expect(decision.letter_storage_key).toMatch(/^[0-9a-f]{64}$/)
      const actions = await db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', caseId)
        .where('action', 'in', ['case.decision_letter', 'case.decision_letter_view', 'case.export'])
        .orderBy('id')
        .execute()
      expect(actions.map((a) => a.action)).toEqual([
        'case.decision_letter',
        'case.decision_letter_view',
        'case.export',
      ])
    })
  },
)
