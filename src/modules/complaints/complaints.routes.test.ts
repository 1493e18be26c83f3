// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, buildStaffUser } from '../../../test/factories/applications.factory.js'
import {
  buildComplaint,
  linkStaffAccount,
  setCategoryUnit,
} from '../../../test/factories/complaints.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { complaintsService } from './index.js'

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
/** What the named case holds (applicant, answers): none of it may reach the complaints coordinator. */
const CASE_SECRETS = [
  'Mustermann',
  'Erika',
  'Große Burgstraße',
  'DE02',
  '1203 0000',
  'AOK Nordwest',
  '734,12',
  'Rentenversicherung',
  '12.08.1957',
]

type StaffUser = Awaited<ReturnType<typeof buildStaffUser>>

let ctx: TestContext
let plan: Awaited<ReturnType<typeof buildInterimPlan>>
let users: Record<
  'coordinator' | 'teamLead' | 'caseworkerA' | 'otherCaseworker' | 'auditor' | 'divisionHead',
  StaffUser
>
let namedCase: { applicationId: string; reference: string }
let caseComplaint: { id: string; reference: string }

beforeAll(async () => {
  ctx = await freshTestContext()
  ctx.deps.config.complaints = { ...ctx.deps.config.complaints, fallbackUnitCode: '2.500' }
  plan = await buildInterimPlan(ctx.db)
  await setCategoryUnit(ctx.db, 'processing_time', plan.units.grusiTeam.id)
  users = {
    coordinator: await buildStaffUser(ctx.db, { role: 'complaints_coordinator' }),
    teamLead: await buildStaffUser(ctx.db, { role: 'team_lead' }),
    caseworkerA: await buildStaffUser(ctx.db, { role: 'caseworker' }),
    otherCaseworker: await buildStaffUser(ctx.db, { role: 'caseworker' }),
    auditor: await buildStaffUser(ctx.db, { role: 'auditor' }),
    divisionHead: await buildStaffUser(ctx.db, { role: 'division_head' }),
  }
  await linkStaffAccount(ctx.db, plan.people.grusiLead?.id ?? '', users.teamLead.id)
  await linkStaffAccount(ctx.db, plan.people.caseworkerA?.id ?? '', users.caseworkerA.id)
  namedCase = await buildApplication(ctx.db)
  await ctx.db
    .updateTable('application')
    .set({ assigned_post_id: plan.posts.caseworkerA.id })
    .where('id', '=', namedCase.applicationId)
    .execute()
  caseComplaint = await buildComplaint(ctx.deps, {
    caseReference: namedCase.reference,
    contactName: 'Hannes Wulf',
    contactEmail: 'hannes.wulf@example.org',
    description: 'Mein Antrag liegt seit Monaten unbearbeitet.',
  })
})
afterAll(async () => {
  await ctx.close()
})

function complaintCount() {
  return ctx.db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n))
}

/** Posts a multipart form like a browser without JavaScript (CSRF field from the cookie). */
async function postMultipart(
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  files: Array<{ name: string; bytes: Uint8Array }> = [],
) {
  if (!client.cookies.has('lotse_csrf')) {
    await (await client.get('/')).arrayBuffer()
  }
  const form = new FormData()
  form.set('_csrf', client.csrf)
  for (const [k, v] of Object.entries(fields)) {
    form.set(k, v)
  }
  for (const f of files) {
    form.append(
      'attachments',
      new File([new Uint8Array(f.bytes)], f.name, { type: 'application/octet-stream' }),
    )
  }
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const res = await ctx.app.request(path, { method: 'POST', headers: { cookie }, body: form })
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const eq = pair.indexOf('=')
    client.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
  }
  return res
}

describe('public complaint form', () => {
  it('should show the form with categories, optional contact fields and a file field, without scripts', async () => {
    const res = await new TestClient(ctx.app).get('/beschwerde')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1 class="kern-heading-large">Beschwerde einreichen</h1>')
    for (const label of [
      'Bearbeitungsdauer',
      'Erreichbarkeit',
      'Verhalten von Beschäftigten',
      'Inhalt einer Entscheidung',
      'Datenschutz',
      'Barrierefreiheit',
      'Sonstiges',
    ]) {
      expect(html).toContain(label)
    }
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toContain('type="file"')
    expect(html).toContain('Sie können sich auch anonym beschweren')
    expect(html).not.toContain('<script')
  })

  it('should store an anonymous complaint with an attachment and show the reference on the confirmation page', async () => {
    const client = new TestClient(ctx.app)
    const res = await postMultipart(
      client,
      '/beschwerde',
      { category: 'reachability', description: 'Niemand geht ans Telefon.' },
      [{ name: 'Notiz.pdf', bytes: PDF }],
    )
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe('/beschwerde/eingegangen')
    const page = await client.get('/beschwerde/eingegangen')
    expect(page.status).toBe(200)
    const html = await page.text()
    const reference = /Ihr Aktenzeichen: (BS-2026-\d{6})/.exec(html)?.[1] ?? ''
    expect(reference).not.toBe('')
    expect(html).toContain('Sie haben keine Kontaktdaten angegeben.')
    const row = await ctx.db
      .selectFrom('complaint')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      channel: 'web',
      description: 'Niemand geht ans Telefon.',
      contact_name: null,
      contact_email: null,
    })
    const files = await ctx.db
      .selectFrom('complaint_attachment')
      .select('original_name')
      .where('complaint_id', '=', row.id)
      .execute()
    expect(files).toEqual([{ original_name: 'Notiz.pdf' }])
  })

  it('should answer bad input with 422, a German error summary, the values kept and nothing stored', async () => {
    const before = await complaintCount()
    const client = new TestClient(ctx.app)
    const res = await postMultipart(
      client,
      '/beschwerde',
      {
        description: '',
        contactName: 'Hannes Wulf',
        contactEmail: 'hannes(at)example',
        caseReference: 'irgendwas',
      },
      [{ name: 'bild.gif', bytes: new TextEncoder().encode('GIF89a........') }],
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<title>Fehler: Beschwerde einreichen – Lotse</title>')
    expect(html).toContain('Es gibt ein Problem')
    expect(html).toContain('href="#f-category">Wählen Sie aus, worum es in Ihrer Beschwerde geht.')
    expect(html).toContain('href="#f-description">Beschreiben Sie, worüber Sie sich beschweren.')
    expect(html).toContain('Geben Sie eine E-Mail-Adresse im richtigen Format an')
    expect(html).toContain('Geben Sie das Aktenzeichen so an, wie es auf Ihren Unterlagen steht')
    expect(html).toContain('Die Datei „bild.gif“ ist kein PDF, JPEG oder PNG.')
    expect(html).toContain('value="Hannes Wulf"')
    expect(await complaintCount()).toBe(before)
  })

  it('should refuse a post without the CSRF field and store nothing', async () => {
    const before = await complaintCount()
    const client = new TestClient(ctx.app)
    const res = await client.post('/beschwerde', { category: 'other', description: 'Test' }, false)
    expect(res.status).toBe(403)
    expect(await complaintCount()).toBe(before)
  })

  it('should not show a confirmation without a submission', async () => {
    const res = await new TestClient(ctx.app).get('/beschwerde/eingegangen')
    expect(res.status).toBe(404)
  })
})

describe('staff pages: who sees what', () => {
  it('should send a visitor without a session to the sign-in page and refuse roles without complaints work', async () => {
    const res = await new TestClient(ctx.app).get('/beschwerden')
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe('/anmelden?weiter=%2Fbeschwerden')
    const auditor = await signIn(ctx.app, users.auditor)
    expect((await auditor.get('/beschwerden')).status).toBe(403)
    expect((await auditor.get(`/beschwerden/${caseComplaint.id}`)).status).toBe(403)
  })

  it('should show the coordinator every complaint, the routing decision, and the named case only as plain text without its social data', async () => {
    const coordinator = await signIn(ctx.app, users.coordinator)
    const list = await (await coordinator.get('/beschwerden')).text()
    expect(list).toContain(caseComplaint.reference)
    const res = await coordinator.get(`/beschwerden/${caseComplaint.id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`<span class="case-reference">${namedCase.reference}</span>`)
    expect(html).not.toContain('/sachbearbeitung/antraege/')
    expect(html).toContain('zuständig: Grundsicherung A–K')
    expect(html).toContain('nach dem genannten Fall')
    expect(html).toContain('Hannes Wulf')
    for (const page of [html, list]) {
      for (const secret of CASE_SECRETS) {
        expect(page, secret).not.toContain(secret)
      }
    }
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'complaint.view')
      .where('subject_id', '=', caseComplaint.id)
      .where('actor_id', '=', users.coordinator.id)
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('should link the named case for the team lead of the unit (who may see cases)', async () => {
    const lead = await signIn(ctx.app, users.teamLead)
    const html = await (await lead.get(`/beschwerden/${caseComplaint.id}`)).text()
    expect(html).toContain(
      `href="/sachbearbeitung/antraege/${namedCase.applicationId}">${namedCase.reference}</a>`,
    )
  })

  it('should not link a named case the viewer may see the complaint of but not the case (need-to-know)', async () => {
    // A case of another department; its complaint is forwarded to the team, whose lead cannot see the case.
    const foreign = await buildApplication(ctx.db)
    await ctx.db
      .updateTable('application')
      .set({ assigned_post_id: plan.posts.hluHead.id })
      .where('id', '=', foreign.applicationId)
      .execute()
    const complaint = await buildComplaint(ctx.deps, { caseReference: foreign.reference })
    const coordinator = {
      id: users.coordinator.id,
      username: users.coordinator.username,
      displayName: users.coordinator.displayName,
      role: users.coordinator.role,
    }
    await complaintsService.forwardComplaint(ctx.db, coordinator, complaint.id, plan.units.grusiTeam.id, null)
    const lead = await signIn(ctx.app, users.teamLead)
    const res = await lead.get(`/beschwerden/${complaint.id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`<span class="case-reference">${foreign.reference}</span>`)
    expect(html).not.toContain(`/sachbearbeitung/antraege/${foreign.applicationId}`)
    // And the case page itself agrees: not found for this lead.
    expect((await lead.get(`/sachbearbeitung/antraege/${foreign.applicationId}`)).status).toBe(404)
  })

  it('should show a caseworker only the complaints routed to a post she acts for', async () => {
    const other = await buildComplaint(ctx.deps, { categoryCode: 'data_protection' })
    const mine = await signIn(ctx.app, users.caseworkerA)
    const list = await (await mine.get('/beschwerden')).text()
    expect(list).toContain(caseComplaint.reference)
    expect(list).not.toContain(other.reference)
    expect((await mine.get(`/beschwerden/${other.id}`)).status).toBe(404)
    const stranger = await signIn(ctx.app, users.otherCaseworker)
    expect(await (await stranger.get('/beschwerden')).text()).toContain('Keine Beschwerden gefunden.')
    expect((await stranger.get(`/beschwerden/${caseComplaint.id}`)).status).toBe(404)
    expect((await stranger.post(`/beschwerden/${caseComplaint.id}/bestaetigen`, {})).status).toBe(404)
  })

  it('should filter the list by status, category, unit and overdue', async () => {
    const coordinator = await signIn(ctx.app, users.coordinator)
    const late = await buildComplaint(ctx.deps, {
      categoryCode: 'accessibility',
      receivedAt: new Date('2026-09-01T08:00:00Z'),
    })
    const category = await ctx.db
      .selectFrom('complaint_category')
      .select('id')
      .where('code', '=', 'accessibility')
      .executeTakeFirstOrThrow()
    const byCategory = await (await coordinator.get(`/beschwerden?kategorie=${category.id}`)).text()
    expect(byCategory).toContain(late.reference)
    expect(byCategory).not.toContain(caseComplaint.reference)
    const overdue = await (await coordinator.get('/beschwerden?ueberfaellig=ja')).text()
    expect(overdue).toContain(late.reference)
    expect(overdue).not.toContain(caseComplaint.reference)
    const byUnit = await (await coordinator.get(`/beschwerden?einheit=${plan.units.grusiTeam.id}`)).text()
    expect(byUnit).toContain(caseComplaint.reference)
    expect(byUnit).not.toContain(late.reference)
    const closed = await (await coordinator.get('/beschwerden?status=closed')).text()
    expect(closed).not.toContain(caseComplaint.reference)
  })
})

describe('staff pages: the workflow', () => {
  it('should take a phone complaint through acknowledgement, reply by letter, root cause and closure', async () => {
    const lead = await signIn(ctx.app, users.teamLead)
    const created = await postMultipart(lead, '/beschwerden/neu', {
      channel: 'phone',
      category: 'processing_time',
      description: 'Anruf: Frau Bahr wartet auf ihren Bescheid.',
      contactName: 'Ilse Bahr',
      contactAddress: 'Königstraße 1, 23552 Lübeck',
    })
    expect(created.status).toBe(303)
    const detail = redirectTarget(created).replace(/\?.*$/, '')
    expect(detail).toMatch(/^\/beschwerden\/[0-9a-f-]{36}$/)
    let html = await (await lead.get(`${detail}?erledigt=created`)).text()
    expect(html).toContain('Die Beschwerde ist erfasst.')
    expect(html).toContain('Telefon')
    expect(html).toContain('zuständig: Grundsicherung A–K – Teamleitung 2.500.11')

    expect(redirectTarget(await lead.post(`${detail}/bestaetigen`, {}))).toBe(
      `${detail}?erledigt=acknowledged`,
    )
    // A second acknowledgement is refused with the reason, not an error page.
    const again = await lead.post(`${detail}/bestaetigen`, {})
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Der Eingang dieser Beschwerde ist schon bestätigt.')

    const noText = await lead.post(`${detail}/antworten`, { replyChannel: 'letter', replyText: '' })
    expect(noText.status).toBe(422)
    expect(await noText.text()).toContain('Geben Sie den Text der Antwort ein.')

    expect(
      (
        await lead.post(`${detail}/antworten`, {
          replyChannel: 'letter',
          replyText: 'Ihr Bescheid ist heute versandt worden.',
        })
      ).status,
    ).toBe(303)
    html = await (await lead.get(detail)).text()
    expect(html).toContain('Beantwortet')
    const letterLink =
      /href="(\/beschwerden\/[0-9a-f-]{36}\/anlagen\/[0-9a-f-]{36})">Antwortschreiben/.exec(html)?.[1] ?? ''
    const letter = await lead.get(letterLink)
    expect(letter.status).toBe(200)
    expect(letter.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await letter.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    const closeEarly = await lead.post(`${detail}/abschliessen`, {})
    expect(closeEarly.status).toBe(409)
    expect(await closeEarly.text()).toContain('Erfassen Sie vor dem Abschluss die Ursache und die Maßnahme.')
    expect((await lead.post(`${detail}/ursache`, { rootCause: 'nope' })).status).toBe(422)
    expect(
      (
        await lead.post(`${detail}/ursache`, {
          rootCause: 'staff_shortage',
          rootCauseNote: '',
          measure: 'Aushilfe eingesetzt.',
        })
      ).status,
    ).toBe(303)
    expect((await lead.post(`${detail}/abschliessen`, {})).status).toBe(303)
    html = await (await lead.get(detail)).text()
    expect(html).toContain('Diese Beschwerde ist abgeschlossen.')
    expect(html).toContain('Personalmangel')
    expect(html).toContain('Aushilfe eingesetzt.')
    for (const entry of [
      'Eingegangen (Telefon)',
      'Eingang bestätigt',
      'Beantwortet (Brief (PDF))',
      'Ursache erfasst: Personalmangel',
      'Abgeschlossen',
    ]) {
      expect(html).toContain(entry)
    }
  })

  it('should refuse an intake without channel with every error at once and store nothing', async () => {
    const before = await complaintCount()
    const lead = await signIn(ctx.app, users.teamLead)
    const res = await postMultipart(lead, '/beschwerden/neu', {
      channel: 'web',
      category: '',
      description: '',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Wählen Sie aus, wie die Beschwerde eingegangen ist.')
    expect(html).toContain('Wählen Sie aus, worum es in Ihrer Beschwerde geht.')
    expect(html).toContain('Beschreiben Sie, worüber Sie sich beschweren.')
    expect(await complaintCount()).toBe(before)
  })

  it('should let the coordinator forward a complaint, but not a caseworker', async () => {
    const complaint = await buildComplaint(ctx.deps, { categoryCode: 'other' })
    const caseworker = await signIn(ctx.app, users.caseworkerA)
    expect(
      (await caseworker.post(`/beschwerden/${complaint.id}/weiterleiten`, { unitId: plan.units.hluDept.id }))
        .status,
    ).toBe(403)
    const coordinator = await signIn(ctx.app, users.coordinator)
    expect(
      (await coordinator.post(`/beschwerden/${complaint.id}/weiterleiten`, { unitId: 'keine' })).status,
    ).toBe(422)
    expect(
      (await coordinator.post(`/beschwerden/${complaint.id}/weiterleiten`, { unitId: plan.units.hluDept.id }))
        .status,
    ).toBe(303)
    const row = await ctx.db
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', complaint.id)
      .executeTakeFirstOrThrow()
    expect(row.responsible_unit_id).toBe(plan.units.hluDept.id)
    const html = await (await coordinator.get(`/beschwerden/${complaint.id}`)).text()
    expect(html).toContain(
      'zuständig: Hilfe zum Lebensunterhalt und AsylbLG – Abteilungsleitung 2.500.2, Abteilungsleitung HLU',
    )
  })

  it('should take the satisfaction feedback once through the link from the closing e-mail', async () => {
    const coordinator = await signIn(ctx.app, users.coordinator)
    const { id } = caseComplaint
    await coordinator.post(`/beschwerden/${id}/antworten`, {
      replyChannel: 'email',
      replyText: 'Ihr Antrag wird bearbeitet.',
    })
    await coordinator.post(`/beschwerden/${id}/ursache`, { rootCause: 'process', measure: '' })
    expect((await coordinator.post(`/beschwerden/${id}/abschliessen`, {})).status).toBe(303)
    const mail = await ctx.db
      .selectFrom('complaint_mail')
      .selectAll()
      .where('complaint_id', '=', id)
      .where('kind', '=', 'feedback_request')
      .executeTakeFirstOrThrow()
    const path = /(\/beschwerde\/rueckmeldung\/[0-9A-Z-]+)/.exec(mail.body)?.[1] ?? ''
    const citizen = new TestClient(ctx.app)
    const form = await citizen.get(path)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Wie zufrieden sind Sie?')
    const missing = await citizen.post(path, { comment: 'ok' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Wählen Sie aus, wie zufrieden Sie sind.')
    const done = await citizen.post(path, { rating: '2', comment: 'Zu langsam.' })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Vielen Dank für Ihre Rückmeldung')
    expect((await citizen.get(path)).status).toBe(404)
    expect(
      (await new TestClient(ctx.app).get('/beschwerde/rueckmeldung/AAAA-BBBB-CCCC-DDDD-EEEE')).status,
    ).toBe(404)
    const html = await (await coordinator.get(`/beschwerden/${id}`)).text()
    expect(html).toContain('Zufriedenheit: 2 von 5')
  })
})
