// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import {
  buildContract,
  buildProvider,
  buildSite,
  buildStay,
} from '../../../test/factories/providers.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'
import { formatIsoDate, todayIso } from '../../shared/dates.js'
import { addDays } from '../providers/providers.rules.js'

let ctx: TestContext
let lead: TestClient
let auditor: TestClient
let admin: TestClient
/** A caseworker whose post holds the case of Erika Wohnhaft. */
let owner: StaffWithPost
let ownerClient: TestClient
/** A caseworker without access to that case. */
let stranger: TestClient
let caseA: { applicationId: string; reference: string }
let caseB: { applicationId: string; reference: string }

const today = todayIso()
const yesterday = addDays(today, -1)

beforeAll(async () => {
  ctx = await freshTestContext()
  lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'department_head' }))
  auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
  owner = await buildStaffWithPost(ctx.db)
  ownerClient = await signIn(ctx.app, owner)
  stranger = await signIn(ctx.app, await buildStaffWithPost(ctx.db))
  caseA = await buildCase(ctx.db, { postId: owner.postId, surname: 'Wohnhaft', givenName: 'Erika' })
  caseB = await buildCase(ctx.db, { postId: owner.postId, surname: 'Zweitfall', givenName: 'Otto' })
})
afterAll(async () => {
  await ctx.close()
})

const auditCount = async (action: string) =>
  (await ctx.db.selectFrom('audit_event').select('id').where('action', '=', action).execute()).length

describe('accommodation: roles', () => {
  it('should show the site list to caseworkers, leads and auditors with 200', async () => {
    for (const client of [ownerClient, stranger, lead, auditor]) {
      const res = await client.get('/unterkuenfte')
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Gemeinschaftsunterkünfte')
    }
  })

  it('should refuse the administrator with 403', async () => {
    expect((await admin.get('/unterkuenfte')).status).toBe(403)
  })

  it('should refuse sites created by a caseworker or the auditor with 403', async () => {
    for (const client of [ownerClient, auditor]) {
      expect(
        (await client.post('/unterkuenfte/neu', { name: 'Heim', address: 'Weg 1, 12345 Ort', capacity: '3' }))
          .status,
      ).toBe(403)
    }
  })

  it('should refuse a move-in by the auditor with 403', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const res = await auditor.post(`/unterkuenfte/${site.id}/einzug`, {
      placeId: site.places[0]?.id ?? '',
      reference: caseA.reference,
      movedIn: formatIsoDate(today),
    })
    expect(res.status).toBe(403)
  })
})

describe('accommodation: sites and places', () => {
  it('should create a site, add places up to its capacity and refuse one more with 422', async () => {
    const res = await lead.post('/unterkuenfte/neu', {
      name: 'GU Lindenstraße',
      address: 'Lindenstraße 5, 12345 Musterstadt',
      capacity: '2',
    })
    expect(res.status).toBe(303)
    const path = redirectTarget(res).split('?')[0] ?? ''
    expect((await lead.post(`${path}/plaetze`, { label: 'Zimmer 1' })).status).toBe(303)
    expect((await lead.post(`${path}/plaetze`, { label: 'Zimmer 2' })).status).toBe(303)
    const third = await lead.post(`${path}/plaetze`, { label: 'Zimmer 3' })
    expect(third.status).toBe(422)
    expect(await third.text()).toContain(
      'Die Unterkunft hat bereits so viele Plätze, wie ihre Kapazität erlaubt.',
    )
    const duplicate = await lead.post(`${path}/plaetze`, { label: 'Zimmer 1' })
    expect(duplicate.status).toBe(422)
    expect(await auditCount('accommodation_site.create')).toBe(1)
    expect(await auditCount('accommodation_place.create')).toBe(2)
  })

  it('should refuse a site without capacity with 422 and store nothing', async () => {
    const res = await lead.post('/unterkuenfte/neu', {
      name: 'GU Ohne',
      address: 'Weg 1, 12345 Ort',
      capacity: '0',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Bitte geben Sie die Kapazität als ganze Zahl von 1 bis 10000 ein.')
    expect(
      await ctx.db.selectFrom('accommodation_site').select('id').where('name', '=', 'GU Ohne').execute(),
    ).toEqual([])
  })
})

describe('accommodation: who lives where (need-to-know)', () => {
  it('should record a move-in by the caseworker of the case and show her the name, audited', async () => {
    const site = await buildSite(ctx.db, { capacity: 2, name: 'GU Am Bach' })
    const res = await ownerClient.post(`/unterkuenfte/${site.id}/einzug`, {
      placeId: site.places[0]?.id ?? '',
      reference: caseA.reference,
      movedIn: formatIsoDate(yesterday),
    })
    expect(res.status).toBe(303)
    const html = await (await ownerClient.get(`/unterkuenfte/${site.id}`)).text()
    expect(html).toContain('Erika Wohnhaft')
    expect(html).toContain(caseA.reference)
    expect(html).toContain('50,0 %')
    expect(await auditCount('accommodation.move_in')).toBe(1)
    expect(await auditCount('accommodation.residents_view')).toBeGreaterThanOrEqual(1)
  })

  it('should show staff without access to the case only that the place is taken', async () => {
    const site = await buildSite(ctx.db, { capacity: 2 })
    await buildStay(ctx.db, site, site.places[0]?.id ?? '', caseB.applicationId, yesterday)
    const res = await stranger.get(`/unterkuenfte/${site.id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('Zweitfall')
    expect(html).not.toContain(caseB.reference)
    expect(html).toContain('1 belegte Plätze gehören zu Fällen, die Sie nicht einsehen dürfen')
    expect(html).toContain('50,0 %')
  })

  it('should refuse a move-in for a case the caseworker may not see with 422 and store nothing', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const res = await stranger.post(`/unterkuenfte/${site.id}/einzug`, {
      placeId: site.places[0]?.id ?? '',
      reference: caseA.reference,
      movedIn: formatIsoDate(today),
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Zu diesem Aktenzeichen gibt es keinen Fall, den Sie einsehen dürfen.')
    expect(
      await ctx.db.selectFrom('accommodation_stay').select('id').where('site_id', '=', site.id).execute(),
    ).toEqual([])
  })

  it('should refuse a double booking of a place with 422', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const other = await buildCase(ctx.db, { postId: owner.postId })
    await buildStay(ctx.db, site, site.places[0]?.id ?? '', other.applicationId, '2026-01-01', null)
    const fresh = await buildCase(ctx.db, { postId: owner.postId })
    const res = await ownerClient.post(`/unterkuenfte/${site.id}/einzug`, {
      placeId: site.places[0]?.id ?? '',
      reference: fresh.reference,
      movedIn: '01.06.2026',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Dieser Platz ist in diesem Zeitraum bereits belegt.')
  })

  it('should record a move-out and free the place', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const mover = await buildCase(ctx.db, { postId: owner.postId })
    const stay = await buildStay(ctx.db, site, site.places[0]?.id ?? '', mover.applicationId, '2026-01-01')
    const early = await ownerClient.post(`/unterkuenfte/${site.id}/auszug`, {
      stayId: stay.id,
      [`movedOut-${stay.id}`]: '01.01.2026',
    })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('Das Auszugsdatum muss nach dem Einzugsdatum liegen.')
    const res = await ownerClient.post(`/unterkuenfte/${site.id}/auszug`, {
      stayId: stay.id,
      [`movedOut-${stay.id}`]: formatIsoDate(today),
    })
    expect(res.status).toBe(303)
    const row = await ctx.db
      .selectFrom('accommodation_stay')
      .selectAll()
      .where('id', '=', stay.id)
      .executeTakeFirstOrThrow()
    expect(row.moved_out).toBe(today)
    expect(await (await ownerClient.get(`/unterkuenfte/${site.id}`)).text()).toContain('0,0 %')
  })

  it('should answer 404 to a move-out of a stay whose case the caseworker may not see', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const hidden = await buildCase(ctx.db, { postId: owner.postId })
    const stay = await buildStay(ctx.db, site, site.places[0]?.id ?? '', hidden.applicationId, '2026-01-01')
    const res = await stranger.post(`/unterkuenfte/${site.id}/auszug`, {
      stayId: stay.id,
      [`movedOut-${stay.id}`]: '01.02.2026',
    })
    expect(res.status).toBe(404)
  })

  it('should list the operator, care and guarding contracts of a site with tender and award dates', async () => {
    const site = await buildSite(ctx.db, { capacity: 1, name: 'GU Vertragsweg' })
    const provider = await buildProvider(ctx.db, { name: 'Wachdienst Nord GmbH' })
    const contract = await buildContract(ctx.db, provider.id, {
      kind: 'guarding',
      siteId: site.id,
      reference: 'BW-2026-7',
    })
    await ctx.db
      .updateTable('provider_contract')
      .set({ tender_on: '2025-09-01', awarded_on: '2025-11-15' })
      .where('id', '=', contract.id)
      .execute()
    const html = await (await lead.get(`/unterkuenfte/${site.id}`)).text()
    expect(html).toContain('Bewachungsvertrag BW-2026-7')
    expect(html).toContain('Wachdienst Nord GmbH')
    expect(html).toContain('01.09.2025')
    expect(html).toContain('15.11.2025')
    expect(html).toContain(`href="/traeger/vertraege/${contract.id}"`)
    // Caseworkers do not open the register: the reference is plain text for them.
    expect(await (await ownerClient.get(`/unterkuenfte/${site.id}`)).text()).not.toContain(
      `href="/traeger/vertraege/${contract.id}"`,
    )
  })

  it('should render the occupancy chart with title, description and data table', async () => {
    const html = await (await lead.get('/unterkuenfte')).text()
    expect(html).toContain('role="img"')
    expect(html).toContain('<title id="belegung-gesamt-titel">Auslastung aller Unterkünfte je Monat</title>')
    expect(html).toContain('Werte als Tabelle')
  })
})

describe('accommodation: editing a site and its dated capacity', () => {
  it('should let a lead rename a site, audited with old and new values, and refuse an empty name with 422', async () => {
    const site = await buildSite(ctx.db, { name: 'GU Alter Name' })
    const form = await lead.get(`/unterkuenfte/${site.id}/bearbeiten`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('value="GU Alter Name"')

    const empty = await lead.post(`/unterkuenfte/${site.id}/bearbeiten`, {
      name: '',
      address: 'Weg 9, 12345 Ort',
    })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Bitte füllen Sie dieses Feld aus.')

    const res = await lead.post(`/unterkuenfte/${site.id}/bearbeiten`, {
      name: 'GU Neuer Name',
      address: site.address,
    })
    expect(res.status).toBe(303)
    const row = await ctx.db
      .selectFrom('accommodation_site')
      .select(['name', 'address'])
      .where('id', '=', site.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'GU Neuer Name', address: site.address })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'accommodation_site.update')
      .where('subject_id', '=', site.id)
      .executeTakeFirstOrThrow()
    expect(audit.details).toEqual({ before: { name: 'GU Alter Name' }, after: { name: 'GU Neuer Name' } })
    expect((await ownerClient.get(`/unterkuenfte/${site.id}/bearbeiten`)).status).toBe(403)
  })

  it('should record a capacity from a date, show the history, and refuse one below the residents of that date', async () => {
    const site = await buildSite(ctx.db, { capacity: 2, places: 2 })
    const [first, second] = site.places
    const one = await buildCase(ctx.db, { postId: owner.postId, surname: 'Kapazität', givenName: 'Eins' })
    const two = await buildCase(ctx.db, { postId: owner.postId, surname: 'Kapazität', givenName: 'Zwei' })
    await buildStay(ctx.db, site, first?.id ?? '', one.applicationId, yesterday)
    await buildStay(ctx.db, site, second?.id ?? '', two.applicationId, yesterday)

    const bad = await lead.post(`/unterkuenfte/${site.id}/kapazitaet`, {
      newCapacity: 'viele',
      validFrom: '',
    })
    expect(bad.status).toBe(422)
    const badText = await bad.text()
    expect(badText).toContain('Bitte geben Sie die Kapazität als ganze Zahl von 1 bis 10000 ein.')
    expect(badText).toContain('Bitte füllen Sie dieses Feld aus.')

    const below = await lead.post(`/unterkuenfte/${site.id}/kapazitaet`, {
      newCapacity: '1',
      validFrom: formatIsoDate(today),
    })
    expect(below.status).toBe(422)
    expect(await below.text()).toContain(`Am ${formatIsoDate(yesterday)} wären 2 Personen untergebracht`)

    const raised = await lead.post(`/unterkuenfte/${site.id}/kapazitaet`, {
      newCapacity: '5',
      validFrom: formatIsoDate(addDays(today, 1)),
    })
    expect(raised.status).toBe(303)
    const versions = await ctx.db
      .selectFrom('accommodation_capacity')
      .select('capacity')
      .where('site_id', '=', site.id)
      .orderBy('valid_from')
      .execute()
    expect(versions.map((v) => v.capacity)).toEqual([2, 5])
    const page = await (await lead.get(`/unterkuenfte/${site.id}`)).text()
    expect(page).toContain('Kapazität im Zeitverlauf')
    expect(page).toContain(formatIsoDate(addDays(today, 1)))
    expect(await auditCount('accommodation_site.capacity_change')).toBeGreaterThanOrEqual(1)
  })
})
