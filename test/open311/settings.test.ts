// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/modules/open311/index.js'
import { buildStaffUser } from '../factories/applications.factory.js'
import { buildComplaint } from '../factories/complaints.factory.js'
import { buildOrgUnit } from '../factories/organisation.factory.js'
import { signIn } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'
import { redirectTarget, type TestClient } from '../support/test-client.js'

/**
 * The screens for complaint categories (/verwaltung/beschwerden/kategorien) and Open311 services
 * (/verwaltung/open311/dienste): German 422 errors that store nothing, audit entries, no deletion of a
 * category in use, and what is saved is what /open311/v2 publishes next (checked over HTTP).
 */

const CATEGORIES = '/verwaltung/beschwerden/kategorien'
const SERVICES = '/verwaltung/open311/dienste'
let ctx: TestContext
let coordinator: TestClient
let admin: TestClient
let unitId: string
let apiKey: string

beforeAll(async () => {
  ctx = await freshTestContext()
  coordinator = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'complaints_coordinator' }))
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
  unitId = (await buildOrgUnit(ctx.db, { name: 'Bürgerservice Soziales', shortCode: '2.500.9' })).id
  apiKey = (await createApiKey(ctx.db, null, 'Einstellungen', null)).key
})

afterAll(async () => {
  await ctx?.close()
})

async function json(path: string) {
  const res = await ctx.app.request(path)
  expect(res.status).toBe(200)
  return res.json() as Promise<unknown>
}

async function services() {
  return (await json('/open311/v2/services.json')) as Array<Record<string, unknown>>
}

async function category(code: string) {
  return ctx.db.selectFrom('complaint_category').selectAll().where('code', '=', code).executeTakeFirst()
}

async function audits(action: string) {
  return ctx.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute()
}

async function snapshot() {
  return {
    categories: await ctx.db.selectFrom('complaint_category').selectAll().orderBy('code').execute(),
    services: await ctx.db.selectFrom('open311_service').selectAll().orderBy('category_id').execute(),
    attributes: await ctx.db.selectFrom('open311_attribute').selectAll().orderBy('id').execute(),
  }
}

describe('access', () => {
  it('should let the coordinator and the administrator in and keep every other role out', async () => {
    expect((await coordinator.get(CATEGORIES)).status).toBe(200)
    expect((await admin.get(SERVICES)).status).toBe(200)
    for (const role of ['caseworker', 'auditor', 'data_protection_officer'] as const) {
      const other = await signIn(ctx.app, await buildStaffUser(ctx.db, { role }))
      expect((await other.get(CATEGORIES)).status).toBe(403)
      expect((await other.get(SERVICES)).status).toBe(403)
      expect((await other.post(CATEGORIES, { code: 'x_y', label: 'X' })).status).toBe(403)
    }
    expect(await category('x_y')).toBeUndefined()
  })
})

describe('complaint categories', () => {
  it('should add a category routed to a unit, audited, and publish it as an Open311 service', async () => {
    const res = await coordinator.post(CATEGORIES, {
      code: 'wartezeit_termin',
      label: 'Wartezeit auf einen Termin',
      unitId,
      position: '15',
    })
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${CATEGORIES}?erledigt=angelegt`)
    const row = await category('wartezeit_termin')
    expect(row).toMatchObject({
      label: 'Wartezeit auf einen Termin',
      unit_id: unitId,
      position: 15,
      active: true,
    })
    expect((await audits('complaint.category_create')).map((a) => a.subject_id)).toContain(row?.id)
    const list = await (await coordinator.get(`${CATEGORIES}?erledigt=angelegt`)).text()
    expect(list).toContain('Die Kategorie wurde angelegt.')
    expect(list).toContain('Bürgerservice Soziales')
    expect((await services()).map((s) => s.service_code)).toContain('wartezeit_termin')
    // The public form offers it, and a complaint in it goes to the unit's routing.
    expect(await (await ctx.app.request('/beschwerde')).text()).toContain('Wartezeit auf einen Termin')
  })

  it('should refuse bad input with 422, German messages at the fields, and store nothing', async () => {
    const before = await snapshot()
    const res = await coordinator.post(CATEGORIES, {
      code: 'Neue Kategorie!',
      label: '',
      unitId: '00000000-0000-4000-8000-000000000000',
      position: 'zehn',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<title>Fehler:')
    expect(html).toContain('Die Kennung darf nur Kleinbuchstaben (a–z) und Unterstriche enthalten')
    expect(html).toContain('Geben Sie eine Bezeichnung ein.')
    expect(html).toContain('Wählen Sie eine Organisationseinheit aus, die heute besteht.')
    expect(html).toContain('Geben Sie die Reihenfolge als ganze Zahl von 0 bis 9999 ein.')
    expect(html).toContain('value="Neue Kategorie!"')
    const taken = await coordinator.post(CATEGORIES, { code: 'other', label: 'Sonstiges' })
    expect(taken.status).toBe(422)
    const takenHtml = await taken.text()
    expect(takenHtml).toContain('Diese Kennung ist schon vergeben.')
    expect(takenHtml).toContain('Eine Kategorie mit dieser Bezeichnung gibt es schon.')
    expect(await snapshot()).toEqual(before)
  })

  it('should rename, reroute and deactivate a category; the form and Open311 follow', async () => {
    const row = await category('wartezeit_termin')
    const res = await coordinator.post(`${CATEGORIES}/${row?.id}`, {
      label: 'Wartezeit auf Termine',
      unitId: '',
      position: '16',
    })
    expect(res.status).toBe(303)
    expect(await category('wartezeit_termin')).toMatchObject({
      label: 'Wartezeit auf Termine',
      unit_id: null,
      active: false,
    })
    const [audit] = await audits('complaint.category_update')
    expect(audit?.details).toMatchObject({
      before: { label: 'Wartezeit auf einen Termin', active: true },
      after: { label: 'Wartezeit auf Termine', active: false },
    })
    expect((await services()).map((s) => s.service_code)).not.toContain('wartezeit_termin')
    expect(await (await ctx.app.request('/beschwerde')).text()).not.toContain('Wartezeit auf Termine')
    // An Open311 request for a deactivated service: 404 in the GeoReport format.
    const post = await ctx.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'wartezeit_termin',
        address_string: 'Amt',
      }).toString(),
    })
    expect(post.status).toBe(404)
    // Active again.
    await coordinator.post(`${CATEGORIES}/${row?.id}`, {
      label: 'Wartezeit auf Termine',
      position: '16',
      active: 'ja',
    })
    expect((await services()).find((s) => s.service_code === 'wartezeit_termin')).toMatchObject({
      service_name: 'Wartezeit auf Termine',
    })
  })

  it('should store one category when two people add the same code at once, and tell the other in German', async () => {
    const [a, b] = await Promise.all([
      coordinator.post(CATEGORIES, { code: 'gleichzeitig', label: 'Gleichzeitig A' }),
      admin.post(CATEGORIES, { code: 'gleichzeitig', label: 'Gleichzeitig B' }),
    ])
    expect([a.status, b.status].sort()).toEqual([303, 422])
    const refused = a.status === 422 ? a : b
    expect(await refused.text()).toContain('Diese Kennung ist schon vergeben.')
    const rows = await ctx.db
      .selectFrom('complaint_category')
      .select('id')
      .where('code', '=', 'gleichzeitig')
      .execute()
    expect(rows).toHaveLength(1)
    const deleted = await coordinator.post(`${CATEGORIES}/${rows[0]?.id}/loeschen`, {})
    expect(deleted.status).toBe(303)
  })

  it('should never delete a category in use, but delete an unused one with its Open311 settings', async () => {
    const used = await category('other')
    await buildComplaint(ctx.deps, { categoryCode: 'other' })
    const page = await (await coordinator.get(`${CATEGORIES}/${used?.id}`)).text()
    expect(page).toContain('kann deshalb nicht gelöscht, nur deaktiviert werden')
    expect(page).not.toContain('/loeschen')
    const refused = await coordinator.post(`${CATEGORIES}/${used?.id}/loeschen`, {})
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain(
      'Sie kann nicht gelöscht werden; deaktivieren Sie sie stattdessen.',
    )
    expect(await category('other')).toBeDefined()

    const unused = await category('wartezeit_termin')
    const deleted = await coordinator.post(`${CATEGORIES}/${unused?.id}/loeschen`, {})
    expect(redirectTarget(deleted)).toBe(`${CATEGORIES}?erledigt=geloescht`)
    expect(await category('wartezeit_termin')).toBeUndefined()
    expect(await audits('complaint.category_delete')).toHaveLength(2)
  })
})

describe('Open311 service settings', () => {
  it('should publish the saved type, keywords, group and description at /open311/v2/services', async () => {
    const row = await category('staff_conduct')
    const before = (await json('/open311/v2/discovery.json')) as { changeset: string }
    const res = await admin.post(`${SERVICES}/${row?.id}`, {
      description: 'Unfreundliches oder respektloses Verhalten.',
      type: 'blackbox',
      keywords: 'Verhalten,  Ton , Respekt',
      groupName: 'Beschwerden Verhalten',
    })
    expect(res.status).toBe(303)
    const service = (await services()).find((s) => s.service_code === 'staff_conduct')
    expect(service).toEqual({
      service_code: 'staff_conduct',
      service_name: 'Verhalten von Beschäftigten',
      description: 'Unfreundliches oder respektloses Verhalten.',
      metadata: false,
      type: 'blackbox',
      keywords: 'Verhalten, Ton, Respekt',
      group: 'Beschwerden Verhalten',
    })
    const xml = await (await ctx.app.request('/open311/v2/services.xml')).text()
    expect(xml).toContain('<group>Beschwerden Verhalten</group>')
    // The discovery changeset is the time of this last change (W3 dates have whole seconds).
    const after = (await json('/open311/v2/discovery.json')) as { changeset: string }
    const [audit] = await audits('open311.service_update')
    expect(Date.parse(after.changeset) / 1000).toBe(Math.floor((audit?.occurred_at.getTime() ?? 0) / 1000))
    expect(Date.parse(after.changeset)).toBeGreaterThanOrEqual(Date.parse(before.changeset))
    expect(audit?.details).toMatchObject({
      code: 'staff_conduct',
      after: { type: 'blackbox', private: false },
    })
  })

  it('should refuse an unknown type and overlong text with 422 and store nothing', async () => {
    const row = await category('staff_conduct')
    const before = await snapshot()
    const res = await admin.post(`${SERVICES}/${row?.id}`, {
      description: 'x'.repeat(1001),
      type: 'sometimes',
      keywords: '',
      groupName: 'Gruppe\u0007',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Wählen Sie die Art des Dienstes aus.')
    expect(html).toContain('Der Text darf höchstens 1000 Zeichen lang sein.')
    expect(html).toContain('Der Text enthält Steuerzeichen.')
    expect(await snapshot()).toEqual(before)
  })

  it('should add attributes of all six datatypes with order, required and value lists, as services/{code} shows', async () => {
    const row = await category('staff_conduct')
    const attrs: Array<Record<string, string>> = [
      { code: 'ort', attrDescription: 'Wo war das?', datatype: 'string', order: '1', required: 'ja' },
      { code: 'anzahl', attrDescription: 'Wie oft?', datatype: 'number', order: '2' },
      {
        code: 'wann',
        attrDescription: 'Wann?',
        datatype: 'datetime',
        order: '3',
        datatypeDescription: 'JJJJ-MM-TT',
      },
      { code: 'hergang', attrDescription: 'Was geschah?', datatype: 'text', order: '4' },
      {
        code: 'kanal',
        attrDescription: 'Wie war der Kontakt?',
        datatype: 'singlevaluelist',
        order: '5',
        values: 'telefon = Telefon\nvor_ort = Vor Ort',
        required: 'ja',
      },
      {
        code: 'folgen',
        attrDescription: 'Was folgte?',
        datatype: 'multivaluelist',
        order: '6',
        values: 'termin = Termin verpasst\r\nantrag = Antrag verzögert',
      },
    ]
    for (const a of attrs) {
      const res = await coordinator.post(`${SERVICES}/${row?.id}/attribute`, { variable: 'ja', ...a })
      expect(res.status).toBe(303)
    }
    const def = (await json('/open311/v2/services/staff_conduct.json')) as {
      attributes: Array<Record<string, unknown>>
    }
    expect(def.attributes.map((a) => [a.code, a.datatype, a.order, a.required])).toEqual([
      ['ort', 'string', 1, true],
      ['anzahl', 'number', 2, false],
      ['wann', 'datetime', 3, false],
      ['hergang', 'text', 4, false],
      ['kanal', 'singlevaluelist', 5, true],
      ['folgen', 'multivaluelist', 6, false],
    ])
    expect(def.attributes[2]?.datatype_description).toBe('JJJJ-MM-TT')
    expect(def.attributes[5]?.values).toEqual([
      { key: 'termin', name: 'Termin verpasst' },
      { key: 'antrag', name: 'Antrag verzögert' },
    ])
    expect((await services()).find((s) => s.service_code === 'staff_conduct')?.metadata).toBe(true)
    expect(await audits('open311.attribute_create')).toHaveLength(6)
    // A request must now answer the required attributes, as the definition says.
    const post = await ctx.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'staff_conduct',
        address_string: 'Amt',
      }).toString(),
    })
    expect(post.status).toBe(400)
    expect(await post.text()).toContain('kanal')
  })

  it('should refuse bad attribute definitions with 422 German errors and store nothing', async () => {
    const row = await category('staff_conduct')
    const before = await snapshot()
    const cases: Array<[Record<string, string>, string]> = [
      [
        { code: 'ort', attrDescription: 'Nochmal', datatype: 'string', order: '9' },
        'schon ein Merkmal mit dieser Kennung',
      ],
      [
        { code: 'neu', attrDescription: 'Neu', datatype: 'string', order: '1' },
        'Die Reihenfolge 1 ist bei diesem Dienst schon vergeben.',
      ],
      [
        { code: 'neu', attrDescription: 'Neu', datatype: 'boolean', order: '9' },
        'Wählen Sie einen der sechs Datentypen aus.',
      ],
      [
        { code: 'neu', attrDescription: 'Neu', datatype: 'singlevaluelist', order: '9' },
        'braucht mindestens einen Auswahlwert',
      ],
      [
        { code: 'neu', attrDescription: 'Neu', datatype: 'string', order: '9', values: 'a = A' },
        'Auswahlwerte sind nur bei den Datentypen',
      ],
      [
        {
          code: 'neu',
          attrDescription: 'Neu',
          datatype: 'multivaluelist',
          order: '9',
          values: 'a = A\na = B',
        },
        'Der Schlüssel „a“ kommt in den Auswahlwerten doppelt vor.',
      ],
      [
        {
          code: 'neu',
          attrDescription: 'Neu',
          datatype: 'multivaluelist',
          order: '9',
          values: 'a = A\nü ß = B',
        },
        'Zeile 2 der Auswahlwerte ist ungültig.',
      ],
      [
        { code: 'neu code', attrDescription: '', datatype: 'text', order: '0' },
        'Die Kennung darf nur Buchstaben, Ziffern',
      ],
    ]
    for (const [fields, message] of cases) {
      const res = await coordinator.post(`${SERVICES}/${row?.id}/attribute`, fields)
      expect(res.status, message).toBe(422)
      expect(await res.text()).toContain(message)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('should change and remove an attribute, and the definition follows', async () => {
    const row = await category('staff_conduct')
    const attr = await ctx.db
      .selectFrom('open311_attribute')
      .selectAll()
      .where('category_id', '=', row?.id ?? '')
      .where('code', '=', 'anzahl')
      .executeTakeFirstOrThrow()
    const page = await coordinator.get(`${SERVICES}/${row?.id}/attribute/${attr.id}`)
    expect(page.status).toBe(200)
    const res = await coordinator.post(`${SERVICES}/${row?.id}/attribute/${attr.id}`, {
      code: 'anzahl',
      attrDescription: 'Wie oft ist es passiert?',
      datatype: 'number',
      order: '7',
      required: 'ja',
      variable: 'ja',
    })
    expect(res.status).toBe(303)
    let def = (await json('/open311/v2/services/staff_conduct.json')) as {
      attributes: Array<Record<string, unknown>>
    }
    expect(def.attributes.at(-1)).toMatchObject({
      code: 'anzahl',
      order: 7,
      required: true,
      description: 'Wie oft ist es passiert?',
    })
    const removed = await coordinator.post(`${SERVICES}/${row?.id}/attribute/${attr.id}/loeschen`, {})
    expect(removed.status).toBe(303)
    def = (await json('/open311/v2/services/staff_conduct.json')) as {
      attributes: Array<Record<string, unknown>>
    }
    expect(def.attributes.map((a) => a.code)).not.toContain('anzahl')
    expect(await audits('open311.attribute_delete')).toHaveLength(1)
  })

  it('should answer 404 for an unknown service or attribute', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await coordinator.get(`${SERVICES}/${unknown}`)).status).toBe(404)
    expect((await coordinator.post(`${SERVICES}/${unknown}`, { type: 'realtime' })).status).toBe(404)
    const row = await category('staff_conduct')
    expect((await coordinator.get(`${SERVICES}/${row?.id}/attribute/${unknown}`)).status).toBe(404)
  })
})
