// SPDX-License-Identifier: EUPL-1.2
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { buildDocument } from '../../test/factories/applications.factory.js'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../test/factories/cases.factory.js'
import { pdfPages } from '../../test/support/pdf-text.js'
import { DownloadRefusedPage } from '../pages/DownloadRefusedPage.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { samplePdf } from '../support/documents.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')
const FILE_NAME = 'Kontoauszug-Oktober.pdf'

describe.skipIf(!chromiumPath)('caseworker in telework with downloads disabled', () => {
  const suite = useBrowserSuite(chromiumPath)
  let user: StaffWithPost
  let documentUrl = ''

  beforeAll(async () => {
    const { ctx } = suite.server
    // No office network at all: the browser on loopback works "from home".
    ctx.deps.config.officeNetworks = []
    ctx.deps.config.teleworkDownloads = 'view_only'
    user = await buildStaffWithPost(ctx.db)
    const theCase = await buildCase(ctx.db, { postId: user.postId })
    const documentId = await buildDocument(
      ctx.db,
      ctx.deps.fileStore,
      { applicationId: theCase.applicationId },
      { name: FILE_NAME, bytes: await samplePdf('Kontoauszug Oktober (Testdokument)') },
    )
    documentUrl = `/sachbearbeitung/antraege/${theCase.applicationId}/dokumente/${documentId}`
  })

  it('should explain the refusal on an accessible German page and show the document only stamped, inline', async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl)
    try {
      const page = await context.newPage()
      const login = await LoginPage.visit(page)
      await login.signIn(user)

      const response = await page.goto(documentUrl)
      expect(response?.status()).toBe(403)
      const refused = await DownloadRefusedPage.verifyOnPage(page)
      await suite.a11y.expectAccessible(page)
      await expect(
        page.getByText('Sie arbeiten außerhalb des Dienstnetzes (Telearbeit).').isVisible(),
      ).resolves.toBe(true)

      const href = (await refused.viewLink(FILE_NAME).getAttribute('href')) ?? ''
      expect(href).toBe(`${documentUrl}?ansicht=browser`)
      const view = await page.request.get(href)
      expect(view.status()).toBe(200)
      expect(view.headers()['content-disposition']).toBe(`inline; filename*=UTF-8''${FILE_NAME}`)
      const pages = await pdfPages(new Uint8Array(await view.body()))
      expect(pages.length).toBeGreaterThan(0)
      for (const text of pages) {
        expect(text).toContain(`abgerufen von ${user.displayName} (${user.username})`)
      }
    } finally {
      await context.close()
    }
  })
})
