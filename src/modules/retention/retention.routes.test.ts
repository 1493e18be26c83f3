// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser, grundsicherungFormInput } from '../../../test/factories/applications.factory.js'
import { assignCase, buildCase, buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import { pdftotext } from '../../../test/support/pdf-text.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { grundsicherungForm } from '../applications/index.js'

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
/** The applicant of the journey: a name that appears nowhere else, so that any trace of it is found. */
const SURNAME = 'Quastenberg'
const GIVEN = 'Wilma'

let ctx: TestContext
let dpo: TestClient
let caseworker: TestClient
let applicationId = ''
let reference = ''
let neighbour: { applicationId: string; reference: string }
let linkedComplaint: { reference: string }
let namesakeComplaint: { reference: string }

/** The citizen applies through the real form pages and uploads a document. */
async function applyOnline(): Promise<void> {
  const citizen = new TestClient(ctx.app)
  const input = grundsicherungFormInput({
    person: { surname: SURNAME, givenName: GIVEN, email: 'wilma.q@example.org' },
  })
  let location = redirectTarget(await citizen.post('/antrag/grundsicherung/starten', {}))
  for (const step of grundsicherungForm.steps) {
    const res = await citizen.post(location, { ...input[step.id], action: 'continue' })
    expect(res.status, step.id).toBe(303)
    location = redirectTarget(res)
  }
  expect(
    (await citizen.upload('/antrag/grundsicherung/nachweise', { name: 'Rentenbescheid.pdf', bytes: PDF }))
      .status,
  ).toBe(303)
  expect((await citizen.post('/antrag/grundsicherung/absenden', {})).status).toBe(303)
  const row = await ctx.db
    .selectFrom('application')
    .select(['id', 'reference'])
    .where('applicant_surname', '=', SURNAME)
    .executeTakeFirstOrThrow()
  applicationId = row.id
  reference = row.reference
}

beforeAll(async () => {
  ctx = await freshTestContext()
  await applyOnline()
  const worker = await buildStaffWithPost(ctx.db)
  await assignCase(ctx.db, applicationId, worker.postId)
  caseworker = await signIn(ctx.app, worker)
  dpo = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'data_protection_officer' }))
  neighbour = await buildCase(ctx.db, { surname: 'Nachbarin', givenName: 'Nora', postId: null })
  linkedComplaint = await buildComplaint(ctx.deps, { caseReference: reference, contactName: 'W. Q.' })
  namesakeComplaint = await buildComplaint(ctx.deps, { contactName: `${GIVEN} ${SURNAME}` })
})

afterAll(async () => {
  await ctx.close()
})

describe('caseworker journey and the audit trail', () => {
  it("should keep the applicant's name out of every audit entry of a whole journey", async () => {
    expect((await caseworker.get(`/sachbearbeitung/antraege?q=${SURNAME.slice(0, 5)}`)).status).toBe(200)
    expect((await caseworker.get(`/sachbearbeitung/antraege?q=${reference}`)).status).toBe(200)
    expect((await caseworker.get(`/sachbearbeitung/antraege/${applicationId}`)).status).toBe(200)
    expect(
      (
        await caseworker.post(`/sachbearbeitung/antraege/${applicationId}/notizen`, {
          notiz: 'Rückruf vereinbart',
        })
      ).status,
    ).toBe(303)
    expect(
      (await caseworker.post(`/sachbearbeitung/antraege/${applicationId}/status`, { status: 'in_review' }))
        .status,
    ).toBe(303)
    const search = await dpo.post('/dsb/auskunft', {
      surname: SURNAME,
      givenName: GIVEN,
      birthDate: '12.08.1957',
    })
    expect(search.status).toBe(200)
    expect((await dpo.get(`/dsb/auskunft/${applicationId}/auskunft.json`)).status).toBe(200)

    const rows = await ctx.db.selectFrom('audit_event').select(['action', 'details']).execute()
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['case.list', 'application.view', 'dsar.search', 'dsar.export']),
    )
    for (const row of rows) {
      const details = JSON.stringify(row.details).toLowerCase()
      for (const name of [SURNAME.toLowerCase(), SURNAME.slice(0, 5).toLowerCase(), GIVEN.toLowerCase()]) {
        expect(details, row.action).not.toContain(name)
      }
    }
  })
})

describe('Art. 15 access export', () => {
  it('should refuse other roles and check the search form', async () => {
    expect((await caseworker.get('/dsb/auskunft')).status).toBe(403)
    expect((await caseworker.get(`/dsb/auskunft/${applicationId}/auskunft.json`)).status).toBe(403)
    const empty = await dpo.post('/dsb/auskunft', {})
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Geben Sie ein Aktenzeichen oder Name und Geburtsdatum an.')
    const badDate = await dpo.post('/dsb/auskunft', {
      surname: SURNAME,
      givenName: GIVEN,
      birthDate: '31.02.1957',
    })
    expect(badDate.status).toBe(422)
    expect(await badDate.text()).toContain('Geben Sie das Geburtsdatum als Datum an')
    expect((await dpo.get('/dsb/auskunft/00000000-0000-4000-8000-000000000000/auskunft.json')).status).toBe(
      404,
    )
  })

  it("should find the person by file number and give her data as JSON, and no other person's", async () => {
    const page = await dpo.post('/dsb/auskunft', { reference })
    const html = await page.text()
    expect(html).toContain(`${reference}: ${GIVEN} ${SURNAME}, geboren am 12.08.1957`)
    const res = await dpo.get(`/dsb/auskunft/${applicationId}/auskunft.json`)
    expect(res.headers.get('content-disposition')).toContain(`auskunft-art15-${reference}.json`)
    const text = await res.text()
    const bundle = JSON.parse(text)
    expect(bundle.person).toEqual({ surname: SURNAME, givenName: GIVEN, birthDate: '1957-08-12' })
    expect(bundle.applications.map((a: { reference: string }) => a.reference)).toEqual([reference])
    expect(bundle.applications[0].documents[0].name).toBe('Rentenbescheid.pdf')
    expect(bundle.applications[0].notes.map((n: { body: string }) => n.body)).toEqual(['Rückruf vereinbart'])
    expect(bundle.applications[0].answers.person.surname).toBe(SURNAME)
    expect(bundle.complaints.map((k: { reference: string }) => k.reference)).toEqual([
      linkedComplaint.reference,
    ])
    expect(bundle.accessHistory.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['application.view', 'case.list']),
    )
    // Nothing of the neighbour, and not the complaint that merely carries the same name.
    for (const other of [
      'Nachbarin',
      'Nora',
      neighbour.reference,
      neighbour.applicationId,
      namesakeComplaint.reference,
    ]) {
      expect(text).not.toContain(other)
    }
    const exports = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'dsar.export')
      .where('subject_id', '=', applicationId)
      .execute()
    expect(exports.length).toBeGreaterThanOrEqual(2)
  })

  it('should give a PDF whose text another program can read', async () => {
    const res = await dpo.get(`/dsb/auskunft/${applicationId}/auskunft.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const text = (await pdftotext(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ')
    for (const expected of [
      'Auskunft nach Art. 15 DSGVO',
      `${GIVEN} ${SURNAME}`,
      '12.08.1957',
      `Antrag ${reference}`,
      'Rentenbescheid.pdf',
      'Rückruf vereinbart',
      `Beschwerde ${linkedComplaint.reference}`,
      'Zugriffe',
      'Sachbearbeitung',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('Nachbarin')
  })
})

describe('deletion report (/dsb/loeschung)', () => {
  it('should show the DPO the dry run and release exactly the report she saw', async () => {
    await ctx.db
      .updateTable('application')
      .set({ status: 'closed', status_changed_at: new Date('2001-05-05T10:00:00Z') })
      .where('id', '=', neighbour.applicationId)
      .execute()
    expect((await caseworker.get('/dsb/loeschung')).status).toBe(403)
    const page = await dpo.get('/dsb/loeschung')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Löschfristen: Probelauf')
    expect(html).toContain(neighbour.reference)
    expect(html).toContain('Abgeschlossene Fallakten: 10 Jahre nach Ende des Jahres der Schließung')
    const fingerprint = /name="fingerprint" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? ''
    expect(fingerprint).not.toBe('')

    const outdated = await dpo.post('/dsb/loeschung/freigeben', { fingerprint: 'f'.repeat(64) })
    expect(outdated.status).toBe(409)
    expect(await outdated.text()).toContain('Der Bericht hat sich geändert')
    expect(await ctx.db.selectFrom('deletion_release').select('id').execute()).toEqual([])

    const released = await dpo.post('/dsb/loeschung/freigeben', { fingerprint })
    expect(redirectTarget(released)).toBe('/dsb/loeschung?freigegeben=1')
    const rows = await ctx.db.selectFrom('deletion_release').selectAll().execute()
    expect(rows.map((r) => [r.category, r.subject_ids])).toEqual([['case_file', [neighbour.applicationId]]])
    const after = await (await dpo.get('/dsb/loeschung?freigegeben=1')).text()
    expect(after).toContain('Die Löschung ist freigegeben.')
    expect(after).not.toContain('name="fingerprint"')
    // Nothing is deleted by the release itself: that is the next run's job.
    expect(
      await ctx.db.selectFrom('application').select('id').where('id', '=', neighbour.applicationId).execute(),
    ).toHaveLength(1)
  })
})
