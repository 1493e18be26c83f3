// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { linkStaffAccount } from '../../../test/factories/complaints.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { pdftotext } from '../../../test/support/pdf-text.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'

let ctx: TestContext
let office: TestClient
let deputy: TestClient
let otherHead: TestClient
let caseworker: TestClient
let anonymous: TestClient

beforeAll(async () => {
  ctx = await freshTestContext()
  const { db } = ctx
  const plan = await buildInterimPlan(db)
  // A few cases of October on the team's post; one single case of HLU (a count of 1, to be suppressed).
  for (const day of ['05', '06', '07', '08']) {
    await buildCase(db, {
      postId: plan.posts.caseworkerA.id,
      submittedAt: new Date(`2026-10-${day}T08:00:00Z`),
    })
  }
  await buildCase(db, {
    postId: plan.posts.hluCaseworker.id,
    submittedAt: new Date('2026-10-09T08:00:00Z'),
    benefitType: 'hlu',
  })
  const officeUser = await buildStaffUser(db, { role: 'division_head', displayName: 'Büro Bereichsleitung' })
  const deputyUser = await buildStaffUser(db, {
    role: 'department_head',
    displayName: 'Abteilungsleitung Grundsicherung',
  })
  await linkStaffAccount(db, plan.people.grusiHead.id, deputyUser.id)
  const otherHeadUser = await buildStaffUser(db, { role: 'department_head' })
  const caseworkerUser = await buildStaffUser(db, { role: 'caseworker' })
  office = await signIn(ctx.app, officeUser)
  deputy = await signIn(ctx.app, deputyUser)
  otherHead = await signIn(ctx.app, otherHeadUser)
  caseworker = await signIn(ctx.app, caseworkerUser)
  anonymous = new TestClient(ctx.app)
})

afterAll(async () => {
  await ctx.close()
})

describe('reports routes', () => {
  let reportId = ''

  it('should refuse caseworkers (403) and send the anonymous to sign in', async () => {
    expect((await caseworker.get('/berichte')).status).toBe(403)
    const res = await anonymous.get('/berichte')
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toContain('/anmelden')
  })

  it('should refuse a draft for a month in the wrong form with 422 and a German message', async () => {
    const res = await office.post('/berichte/neu', { monat: 'Oktober' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Geben Sie den Berichtsmonat als Monat und Jahr ein')
    const rows = await ctx.db.selectFrom('committee_report').select('id').execute()
    expect(rows).toHaveLength(0)
  })

  it('should let only the division head office draft (department heads get 403)', async () => {
    expect((await otherHead.post('/berichte/neu', { monat: '10.2026' })).status).toBe(403)
    const res = await office.post('/berichte/neu', { monat: '10.2026' })
    expect(res.status).toBe(303)
    reportId = redirectTarget(res).replace('/berichte/', '')
    const page = await office.get(`/berichte/${reportId}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Aktuelle Situation im Bereich 2.500 – Soziale Sicherung')
    expect(html).toContain('Prüfung und Freigabe durch: i.V. Abteilungsleitung Grundsicherung')
    expect(html).toContain('role="img"')
    expect(html).toContain('<desc id="faelle-je-monat-beschreibung">')
  })

  it('should publish the single HLU application as "." in the key figures and its CSV', async () => {
    const csv = await office.get(`/berichte/${reportId}/tabellen/kennzahlen-leistungsarten.csv`)
    expect(csv.status).toBe(200)
    const text = await csv.text()
    const hlu = text.split('\r\n').find((line) => line.startsWith('Hilfe zum Lebensunterhalt'))
    // Fälle;Personen;Dichte;Neuanträge;…: the single new application is hidden, and so is a second cell of
    // its column, so that the published sum (5) does not give it back.
    expect(hlu?.split(';')[4]).toBe('.')
    const grusi = text.split('\r\n').find((line) => line.startsWith('Grundsicherung'))
    expect(grusi?.split(';')[4]).toBe('.')
    const total = text.split('\r\n').find((line) => line.startsWith('Alle Leistungsarten'))
    expect(total?.split(';')[4]).toBe('5')
    expect((await office.get(`/berichte/${reportId}/tabellen/gibt-es-nicht.csv`)).status).toBe(404)
  })

  it('should keep drafts from the public (404) and from the deputy before review', async () => {
    expect((await anonymous.get(`/oeffentlich/berichte/${reportId}/bericht.pdf`)).status).toBe(404)
    expect((await deputy.post(`/berichte/${reportId}/freigeben`, {})).status).toBe(409)
  })

  it('should save texts, submit, and refuse the release by someone not acting for the division head', async () => {
    const saved = await office.post(`/berichte/${reportId}/texte`, {
      situation: 'Mehrere Leitungsstellen sind unbesetzt.',
    })
    expect(saved.status).toBe(303)
    expect((await office.post(`/berichte/${reportId}/vorlegen`, {})).status).toBe(303)
    const refused = await otherHead.post(`/berichte/${reportId}/freigeben`, {})
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(
      'Freigeben oder zurückgeben darf nur, wer derzeit für die Bereichsleitung handelt.',
    )
  })

  it('should let the deputy release i.V. and the public download the released PDF', async () => {
    const res = await deputy.post(`/berichte/${reportId}/freigeben`, {})
    expect(res.status).toBe(303)
    const page = await deputy.get(redirectTarget(res))
    expect(await page.text()).toContain('Der Bericht ist freigegeben.')
    const pdf = await anonymous.get(`/oeffentlich/berichte/${reportId}/bericht.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const text = await pdftotext(new Uint8Array(await pdf.arrayBuffer()))
    expect(text).toContain('i.V. Abteilungsleitung Grundsicherung')
    expect(text).toContain('Mehrere Leitungsstellen sind unbesetzt.')
    expect(text).not.toContain('Sachbearbeitung A')
    const csv = await anonymous.get(`/oeffentlich/berichte/${reportId}/tabellen/personal.csv`)
    expect(csv.status).toBe(200)
    expect((await office.post(`/berichte/${reportId}/texte`, { situation: 'neu' })).status).toBe(409)
  })
})
