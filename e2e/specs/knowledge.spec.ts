// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { organisationService } from '../../src/modules/organisation/index.js'
import { standardsService } from '../../src/modules/standards/index.js'
import { todayIso } from '../../src/shared/dates.js'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildKnowledgeEntry } from '../../test/factories/knowledge.factory.js'
import {
  buildOrgUnit,
  buildPost,
  ORGANISATION_EPOCH,
  SYSTEM_ACTOR,
} from '../../test/factories/organisation.factory.js'
import { sampleSteps } from '../../test/factories/standards.factory.js'
import type { TestStaffUser } from '../../test/support/sign-in.js'
import { EditVersionPage, KnowledgeSearchPage, StandardPage, VersionPage } from '../pages/KnowledgePages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { activate, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')
const TITLE = 'Erstantrag Grundsicherung'

const NEW_STEPS = `- key: eingang
  title: Eingang prüfen
  deadlineDays: 5
  items:
    - text: Antrag ist unterschrieben
      mandatory: true
      evidenceRequired: false
`

/** Opens `path` without a session, signs in on the page it leads to, and comes back to `path`. */
async function signInAndGo(page: Page, user: TestStaffUser, path: string) {
  await page.goto(path)
  const login = await LoginPage.verifyOnPage(page)
  await login.signIn(user)
  await page.waitForURL((url) => url.pathname === path.split('?')[0])
}

describe.skipIf(!chromiumPath)('a lead publishes a standard version; search finds German word forms', () => {
  const suite = useBrowserSuite(chromiumPath)
  let LEAD: TestStaffUser
  let HEAD: TestStaffUser

  beforeAll(async () => {
    const { db } = suite.server.ctx
    const lead = await buildStaffUser(db, { role: 'team_lead' })
    const head = await buildStaffUser(db, { role: 'department_head' })
    LEAD = lead
    HEAD = head
    const unit = await buildOrgUnit(db, { kind: 'department', name: 'Grundsicherung' })
    const post = await buildPost(db, unit.id, { title: 'Abteilungsleitung', isHeadOfUnit: true })
    const person = await organisationService.createPerson(db, SYSTEM_ACTOR, {
      displayName: 'Anke Abteilung',
      staffUserId: head.id,
    })
    await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
      postId: post.id,
      personId: person.id,
      validFrom: ORGANISATION_EPOCH,
    })
    await standardsService.createStandard(db, lead, {
      key: 'erstantrag',
      title: TITLE,
      approverPostId: post.id,
      steps: sampleSteps(),
    })
    await standardsService.submitForReview(db, lead, 'erstantrag', 1)
    await standardsService.approveVersion(db, head, 'erstantrag', 1)
    await standardsService.publishVersion(db, lead, 'erstantrag', 1, todayIso())
    await buildKnowledgeEntry(db, post.id, {
      title: 'Antrag auf Grundsicherung stellen',
      kind: 'process',
      body: 'Der Antrag kann formlos gestellt werden.',
    })
  })

  it('should draft, submit, approve and publish version 2 by keyboard only', async () => {
    const [y, m, d] = todayIso().split('-')
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      const page = await context.newPage()
      const version = javaScriptEnabled ? 2 : 3
      try {
        await signInAndGo(page, LEAD, '/standards/erstantrag')
        let standard = await StandardPage.verifyOnPage(page, TITLE)
        await suite.a11y.expectAccessible(page)
        await standard.startNewVersion()
        const edit = await EditVersionPage.verifyOnPage(page, `${TITLE} – Version ${version} bearbeiten`)
        await suite.a11y.expectAccessible(page)

        // A broken draft is refused with its line, and nothing is saved.
        await edit.save('Frist verlängert', NEW_STEPS.replace('deadlineDays: 5', 'deadlineDays: fünf'))
        await EditVersionPage.verifyOnPage(page, `${TITLE} – Version ${version} bearbeiten`)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(edit.errorSummary)).toContain('Zeile 3, Spalte 17')

        await edit.save('Frist verlängert', NEW_STEPS)
        let view = await VersionPage.verifyOnPage(page, `${TITLE} – Version ${version}`)
        await suite.a11y.expectAccessible(page)
        await view.press('Zur Prüfung geben')
        view = await VersionPage.verifyOnPage(page, `${TITLE} – Version ${version}`)
        expect(await textOf(view.status)).toBe('In Prüfung')

        // The head of department acts for the approving post and approves in her own browser.
        const headContext = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
        const headPage = await headContext.newPage()
        try {
          await signInAndGo(headPage, HEAD, `/standards/erstantrag/versionen/${version}`)
          const headView = await VersionPage.verifyOnPage(headPage, `${TITLE} – Version ${version}`)
          await suite.a11y.expectAccessible(headPage)
          await headView.press('Freigeben als Anke Abteilung')
          await VersionPage.verifyOnPage(headPage, `${TITLE} – Version ${version}`)
          expect(await textOf(headView.status)).toBe('Freigegeben')
        } finally {
          await headContext.close()
        }

        await page.reload()
        view = await VersionPage.verifyOnPage(page, `${TITLE} – Version ${version}`)
        await view.publish(`${d}.${m}.${y}`)
        view = await VersionPage.verifyOnPage(page, `${TITLE} – Version ${version}`)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(view.status)).toBe('Veröffentlicht')

        await activate(page.getByRole('link', { name: `Zurück zu „${TITLE}“`, exact: true }))
        standard = await StandardPage.verifyOnPage(page, TITLE)
        expect(await textOf(standard.inForce())).toBe(`Version ${version}, gültig ab ${d}.${m}.${y}`)
        await activate(page.getByRole('button', { name: 'Versionen vergleichen', exact: true }))
        await page.getByRole('heading', { level: 1 }).waitFor()
        await suite.a11y.expectAccessible(page)
        // Version 2 dropped an item of version 1; version 3 repeats version 2 unchanged.
        expect(await textOf(page.locator('table.diff-table'))).toContain(
          version === 2 ? 'entfernt: Identität geprüft' : 'Eingang prüfenunverändert',
        )
      } finally {
        await context.close()
      }
    }
    const standard = await standardsService.getStandard(suite.server.ctx.db, 'erstantrag')
    expect(standard.versions.map((v) => v.status)).toEqual(['published', 'published', 'published'])
  })

  it('should find an entry by a German word form, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      const page = await context.newPage()
      try {
        await signInAndGo(page, LEAD, '/wissen')
        const search = await KnowledgeSearchPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await search.search('Anträge')
        await KnowledgeSearchPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        expect(await textOf(search.count)).toBe('1 Einträge gefunden')
        await activate(search.result('Antrag auf Grundsicherung stellen'))
        await page.getByRole('heading', { level: 1, name: 'Antrag auf Grundsicherung stellen' }).waitFor()
        await suite.a11y.expectAccessible(page)
        await page.goto('/wissen/karte')
        await page.getByRole('heading', { level: 1, name: 'Wissenslandkarte' }).waitFor()
        await suite.a11y.expectAccessible(page)
        expect(await page.getByRole('img', { name: 'Übersicht der Wissenslandkarte' }).count()).toBe(1)
      } finally {
        await context.close()
      }
    }
  })
})
