// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grundsicherungFormInput } from '../../../test/factories/applications.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { listAuditEvents } from '../audit/index.js'
import { grundsicherungForm } from './form/grundsicherung.form.js'

// A minimal valid PDF: file-type recognises it by its first bytes.
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

async function fillAllSteps(client: TestClient) {
  const input = grundsicherungFormInput()
  let location = redirectTarget(await client.post('/antrag/grundsicherung/starten', {}))
  for (const step of grundsicherungForm.steps) {
    expect(location).toBe(`/antrag/grundsicherung/${step.slug}`)
    const page = await client.get(location)
    expect(page.status).toBe(200)
    const res = await client.post(location, { ...input[step.id], action: 'continue' })
    if (res.status !== 303) {
      throw new Error(`step ${step.id} answered ${res.status}: ${await res.text()}`)
    }
    location = redirectTarget(res)
  }
  expect(location).toBe('/antrag/grundsicherung/nachweise')
}

describe('citizen journey: Grundsicherung online application', () => {
  it('should take an application through all steps, upload, submit, show the receipt, the PDF and the status', async () => {
    const client = new TestClient(ctx.app)
    const home = await client.get('/')
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Grundsicherung im Alter und bei Erwerbsminderung')
    await fillAllSteps(client)

    const upload = await client.upload('/antrag/grundsicherung/nachweise', {
      name: 'Rentenbescheid.pdf',
      bytes: PDF,
    })
    expect(upload.status).toBe(303)
    const docs = await client.get(redirectTarget(upload))
    expect(await docs.text()).toContain('Rentenbescheid.pdf')

    const review = await client.get('/antrag/grundsicherung/pruefen')
    // Intl puts a no-break space between amount and currency sign
    const reviewHtml = (await review.text()).replaceAll('\u00a0', ' ')
    expect(reviewHtml).toContain('Mustermann-Öztürk')
    expect(reviewHtml).toContain('734,12 €')
    expect(reviewHtml).toContain('DE02 1203 0000 0000 2020 51')

    const submitted = await client.post('/antrag/grundsicherung/absenden', {})
    expect(redirectTarget(submitted)).toBe('/antrag/eingangsbestaetigung')
    const stored = await ctx.db.selectFrom('application').selectAll().execute()
    expect(stored).toHaveLength(1)
    const application = stored[0]
    if (!application) {
      throw new Error('no application')
    }
    expect(application.reference).toMatch(/^GS-\d{4}-\d{7}$/)
    expect(application.applicant_surname).toBe('Mustermann-Öztürk')
    expect(application.applicant_birth_date).toBe('1957-08-12')
    const answers = application.answers as Record<string, Record<string, unknown>>
    expect(answers.bankAccount?.iban).toBe('DE02120300000000202051')
    const documents = await ctx.db
      .selectFrom('document')
      .selectAll()
      .where('application_id', '=', application.id)
      .execute()
    expect(documents).toHaveLength(1)
    expect(await ctx.db.selectFrom('application_draft').selectAll().execute()).toHaveLength(0)

    const receipt = await client.get('/antrag/eingangsbestaetigung')
    const receiptHtml = await receipt.text()
    expect(receipt.status).toBe(200)
    expect(receiptHtml).toContain(application.reference)
    const accessCode = /Zugangscode<\/dt><dd[^>]*><strong class="code">([0-9A-Z-]+)</.exec(receiptHtml)?.[1]
    expect(accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)

    const pdf = await client.get('/antrag/eingangsbestaetigung.pdf')
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')

    const other = new TestClient(ctx.app)
    const status = await other.post('/antrag/status', {
      reference: application.reference,
      accessCode: accessCode ?? '',
    })
    expect(status.status).toBe(200)
    expect(await status.text()).toContain('Eingegangen')
    const wrong = await other.post('/antrag/status', {
      reference: application.reference,
      accessCode: 'AAAA-BBBB-CCCC',
    })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Aktenzeichen und Zugangscode passen nicht zusammen')

    const audit = await listAuditEvents(ctx.db, { type: 'application', id: application.id })
    expect(audit.map((e) => e.action)).toContain('application.submit')
  })

  it('should show an error summary linked to the fields and keep the values when a step is invalid', async () => {
    const client = new TestClient(ctx.app)
    await client.post('/antrag/grundsicherung/starten', {})
    const res = await client.post('/antrag/grundsicherung/person', {
      ...grundsicherungFormInput().person,
      givenName: '',
      birthDate: '31.02.1950',
      postalCode: '2355',
      action: 'continue',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Es gibt ein Problem')
    expect(html).toContain('href="#f-givenName"')
    expect(html).toContain('Geben Sie „Vorname“ an.')
    expect(html).toContain('„Geburtsdatum“ muss ein echtes Datum sein')
    expect(html).toContain('„Postleitzahl“ muss aus fünf Ziffern bestehen')
    expect(html).toContain('value="Mustermann-Öztürk"')
    expect(html).toContain('<title>Fehler:')
  })

  it('should save a draft and resume it with the code in another browser', async () => {
    const client = new TestClient(ctx.app)
    await client.post('/antrag/grundsicherung/starten', {})
    const saved = await client.post('/antrag/grundsicherung/person', {
      ...grundsicherungFormInput().person,
      action: 'save',
    })
    expect(redirectTarget(saved)).toBe('/antrag/gespeichert')
    const page = await (await client.get('/antrag/gespeichert')).text()
    const code = /Fortsetzungscode: <strong class="code">([0-9A-Z-]+)</.exec(page)?.[1] ?? ''
    expect(code).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/)

    const other = new TestClient(ctx.app)
    const resumed = await other.post('/antrag/fortsetzen', { code: code.toLowerCase().replaceAll('-', ' ') })
    expect(redirectTarget(resumed)).toBe('/antrag/grundsicherung/haushalt')
    const person = await (await other.get('/antrag/grundsicherung/person')).text()
    expect(person).toContain('value="12.08.1957"')
  })

  it('should keep an earlier saved value when the draft is saved with that field now invalid', async () => {
    const client = new TestClient(ctx.app)
    await client.post('/antrag/grundsicherung/starten', {})
    await client.post('/antrag/grundsicherung/person', {
      ...grundsicherungFormInput().person,
      action: 'continue',
    })
    const saved = await client.post('/antrag/grundsicherung/person', {
      ...grundsicherungFormInput().person,
      birthDate: '99.99.1999',
      city: 'Bad Schwartau',
      action: 'save',
    })
    expect(redirectTarget(saved)).toBe('/antrag/gespeichert?unvollstaendig=1')
    const page = await (await client.get('/antrag/grundsicherung/person')).text()
    expect(page).toContain('value="12.08.1957"')
    expect(page).toContain('value="Bad Schwartau"')
  })

  it('should mark pages as not to be stored by browsers or proxies', async () => {
    const res = await new TestClient(ctx.app).get('/antrag/status')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('should refuse a resume code that does not exist and rate-limit guessing', async () => {
    const client = new TestClient(ctx.app)
    const first = await client.post('/antrag/fortsetzen', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' })
    expect(first.status).toBe(422)
    expect(await first.text()).toContain('Zu diesem Fortsetzungscode gibt es keinen gespeicherten Antrag')
    let last = first
    for (let i = 0; i < 10; i++) {
      last = await client.post('/antrag/fortsetzen', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' })
    }
    expect(last.status).toBe(429)
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('should reject an upload whose bytes are not PDF, JPEG or PNG even when named .pdf', async () => {
    const client = new TestClient(ctx.app)
    await client.post('/antrag/grundsicherung/starten', {})
    const before = await ctx.db.selectFrom('document').select('id').execute()
    const res = await client.upload('/antrag/grundsicherung/nachweise', {
      name: 'bescheid.pdf',
      bytes: new TextEncoder().encode('MZ\u0090\u0000 this is an executable'),
      type: 'application/pdf',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Die Datei muss ein PDF, JPEG oder PNG sein')
    expect(await ctx.db.selectFrom('document').select('id').execute()).toEqual(before)
  })

  it('should refuse a form post without the CSRF token', async () => {
    const client = new TestClient(ctx.app)
    await client.get('/')
    const before = await ctx.db.selectFrom('application_draft').select('id').execute()
    const res = await client.post('/antrag/grundsicherung/starten', {}, false)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Das Formular ist abgelaufen')
    expect(await ctx.db.selectFrom('application_draft').select('id').execute()).toEqual(before)
  })
})
