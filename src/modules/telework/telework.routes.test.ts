// SPDX-License-Identifier: EUPL-1.2
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocument, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import { pdfPages } from '../../../test/support/pdf-text.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient, Transport } from '../../../test/support/test-client.js'
import { parseCidr } from '../../shared/cidr.js'
import { formatDateTime } from '../../shared/dates.js'

const OFFICE = '10.20.4.17'
const HOME = '203.0.113.50'
/** A 1×1 PNG, as a phone photo of a letter would be (smaller). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

let ctx: TestContext
beforeAll(async () => {
  const office = parseCidr('10.20.0.0/16')
  if (!office) {
    throw new Error('test network')
  }
  ctx = await freshTestContext({ officeNetworks: [office], teleworkDownloads: 'watermark' })
})
afterAll(async () => {
  await ctx.close()
})

/** Requests as if they came over the network from `address` (what @hono/node-server's getConnInfo reads). */
function from(address: string): Transport {
  return {
    request: (path, init) =>
      ctx.app.request(path, init, { incoming: { socket: { remoteAddress: address, remoteFamily: 'IPv4' } } }),
  }
}

/** A three-page PDF with text on each page, as an uploaded scan with OCR would be. */
async function threePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const n of [1, 2, 3]) {
    doc.addPage([595, 842]).drawText(`Kontoauszug Seite ${n}`, { x: 72, y: 700, size: 14, font })
  }
  return doc.save()
}

/** The minute strings a stamp made between `before` and now can carry. */
function stampTimes(before: Date): string[] {
  return [...new Set([formatDateTime(before), formatDateTime(new Date())])].map((s) =>
    s.replace(', ', ' um '),
  )
}

async function caseDocument(bytes: Uint8Array, name = 'Kontoauszug.pdf') {
  const staff = await buildStaffWithPost(ctx.db)
  const theCase = await buildCase(ctx.db, { postId: staff.postId })
  const documentId = await buildDocument(
    ctx.db,
    ctx.deps.fileStore,
    { applicationId: theCase.applicationId },
    { name, bytes },
  )
  return { staff, url: `/sachbearbeitung/antraege/${theCase.applicationId}/dokumente/${documentId}` }
}

async function setPolicy(downloads: 'watermark' | 'view_only') {
  ctx.deps.config.teleworkDownloads = downloads
}

describe('telework downloads: case documents', () => {
  it('should hand out the original file, unstamped, inside the office network', async () => {
    const pdf = await threePagePdf()
    const { staff, url } = await caseDocument(pdf)
    const client = await signIn(from(OFFICE), staff)
    const res = await client.get(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Kontoauszug.pdf")
    const body = new Uint8Array(await res.arrayBuffer())
    expect(Buffer.from(body).equals(Buffer.from(pdf))).toBe(true)
    const pages = await pdfPages(body)
    expect(pages).toHaveLength(3)
    expect(pages.join('')).not.toContain(staff.username)
  })

  it('should stamp user and time on every page of a PDF downloaded from outside the office network', async () => {
    await setPolicy('watermark')
    const { staff, url } = await caseDocument(await threePagePdf())
    const client = await signIn(from(HOME), staff)
    const before = new Date()
    const res = await client.get(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Kontoauszug.pdf")
    const pages = await pdfPages(new Uint8Array(await res.arrayBuffer()))
    expect(pages).toHaveLength(3)
    const times = stampTimes(before)
    for (const [index, page] of pages.entries()) {
      expect(page, `page ${index + 1}`).toContain(`Kontoauszug Seite ${index + 1}`)
      expect(page, `page ${index + 1}`).toContain(`abgerufen von ${staff.displayName} (${staff.username})`)
      expect(
        times.some((time) => page.includes(`am ${time} Uhr`)),
        `page ${index + 1}: ${times.join(' / ')}`,
      ).toBe(true)
    }
  })

  it('should turn an image into a stamped PDF page outside the office network', async () => {
    const { staff, url } = await caseDocument(PNG, 'Mietvertrag.png')
    await ctx.db
      .updateTable('document')
      .set({ media_type: 'image/png' })
      .where('id', '=', url.split('/').at(-1) ?? '')
      .execute()
    const client = await signIn(from(HOME), staff)
    const res = await client.get(url)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Mietvertrag.pdf")
    const pages = await pdfPages(new Uint8Array(await res.arrayBuffer()))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain(`(${staff.username})`)
  })

  it('should refuse the download with a German page and offer only the stamped in-browser view when downloads are disabled', async () => {
    await setPolicy('view_only')
    try {
      const { staff, url } = await caseDocument(await threePagePdf())
      const client = await signIn(from(HOME), staff)
      const refused = await client.get(url)
      expect(refused.status).toBe(403)
      const html = await refused.text()
      expect(html).toContain('Herunterladen in der Telearbeit gesperrt')
      expect(html).toContain('Sie arbeiten außerhalb des Dienstnetzes (Telearbeit).')
      expect(html).toContain(`href="${url}?ansicht=browser"`)
      expect(html).not.toContain(`href="${url}"`)

      const view = await client.get(`${url}?ansicht=browser`)
      expect(view.status).toBe(200)
      expect(view.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''Kontoauszug.pdf")
      const pages = await pdfPages(new Uint8Array(await view.arrayBuffer()))
      expect(pages).toHaveLength(3)
      for (const page of pages) {
        expect(page).toContain(`(${staff.username})`)
      }

      // In the office the same setting changes nothing.
      const office = await signIn(from(OFFICE), staff)
      expect((await office.get(url)).status).toBe(200)
    } finally {
      await setPolicy('watermark')
    }
  })

  it('should refuse a document that cannot be stamped rather than hand it out unstamped', async () => {
    const { staff, url } = await caseDocument(new TextEncoder().encode('%PDF-1.4 kaputt'))
    const client = await signIn(from(HOME), staff)
    const res = await client.get(url)
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('lässt sich nicht mit einem Wasserzeichen versehen')
  })

  it('should still deny another team’s caseworker outside the office (need-to-know comes first)', async () => {
    const { url } = await caseDocument(await threePagePdf())
    const stranger = await buildStaffWithPost(ctx.db)
    const client: TestClient = await signIn(from(HOME), stranger)
    expect((await client.get(url)).status).toBe(404)
  })
})

describe('telework downloads: complaint attachments', () => {
  it('should stamp a complaint attachment outside the office and not inside', async () => {
    const { id } = await buildComplaint(ctx.deps, {
      attachments: [{ name: 'Foto.png', bytes: PNG }],
    })
    const attachment = await ctx.db
      .selectFrom('complaint_attachment')
      .select('id')
      .where('complaint_id', '=', id)
      .executeTakeFirstOrThrow()
    const url = `/beschwerden/${id}/anlagen/${attachment.id}`
    const coordinator = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })

    const inside = await (await signIn(from(OFFICE), coordinator)).get(url)
    expect(inside.status).toBe(200)
    expect(inside.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await inside.arrayBuffer()).equals(PNG)).toBe(true)

    const outside = await (await signIn(from(HOME), coordinator)).get(url)
    expect(outside.status).toBe(200)
    expect(outside.headers.get('content-type')).toBe('application/pdf')
    const pages = await pdfPages(new Uint8Array(await outside.arrayBuffer()))
    expect(pages[0]).toContain(`abgerufen von ${coordinator.displayName} (${coordinator.username})`)
  })
})
