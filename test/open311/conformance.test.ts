// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../e2e/support/server.js'
import { createApiKey } from '../../src/modules/open311/index.js'
import { childText, parseXml, type XmlElement } from '../../src/modules/open311/xml.js'
import { overHttp, type Transport } from '../support/test-client.js'

/**
 * GeoReport v2 conformance against the running server over HTTP: every endpoint, both formats, every
 * filter and error of the specification (wiki.open311.org/GeoReport_v2, frozen).
 */

const BASE = '/open311/v2'
let server: TestServer
let http: Transport
let apiKey: string

type Json = Record<string, unknown>

async function xml(path: string, status = 200): Promise<XmlElement> {
  const res = await http.request(`${BASE}${path}`)
  const body = await res.text()
  expect(res.status, body).toBe(status)
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8')
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
  return parseXml(body)
}

async function json<T = Json[]>(path: string, status = 200): Promise<T> {
  const res = await http.request(`${BASE}${path}`)
  const body = await res.text()
  expect(res.status, body).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
  return JSON.parse(body) as T
}

function post(
  format: 'xml' | 'json',
  fields: Array<[string, string]>,
  contentType = 'application/x-www-form-urlencoded; charset=utf-8',
) {
  return http.request(`${BASE}/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams(fields).toString(),
  })
}

const valid = (extra: Array<[string, string]> = []): Array<[string, string]> => [
  ['api_key', apiKey],
  ['service_code', 'processing_time'],
  ['lat', '53.8655'],
  ['long', '10.6866'],
  ['description', 'Seit Wochen keine Antwort.'],
  ...extra,
]

async function complaintCount(): Promise<number> {
  const row = await server.ctx.db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function createdId(fields: Array<[string, string]>): Promise<string> {
  const res = await post('json', fields)
  const body = (await res.json()) as Json[]
  expect(res.status, JSON.stringify(body)).toBe(200)
  return String(body[0]?.service_request_id)
}

beforeAll(async () => {
  server = await startTestServer()
  http = overHttp(server.baseUrl)
  apiKey = (await createApiKey(server.ctx.db, null, 'Konformitätstest', null)).key
})

afterAll(async () => {
  await server?.close()
})

describe('discovery', () => {
  it('should describe the endpoint in XML and JSON', async () => {
    const doc = await xml('/discovery.xml')
    expect(doc.name).toBe('discovery')
    for (const field of ['changeset', 'contact', 'key_service']) {
      expect(childText(doc, field)).not.toBe('')
    }
    const endpoint = doc.children.find((c) => c.name === 'endpoints')?.children[0]
    expect(endpoint && childText(endpoint, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2')
    const j = await json<Json>('/discovery.json')
    const endpoints = j.endpoints as Json[]
    expect(endpoints[0]?.formats).toEqual(['text/xml', 'application/json'])
    expect(String(endpoints[0]?.url)).toMatch(/\/open311\/v2$/)
  })
})

describe('services', () => {
  it('should list the complaint categories as services in XML and JSON', async () => {
    const doc = await xml('/services.xml')
    expect(doc.name).toBe('services')
    const codes = doc.children.map((s) => childText(s, 'service_code'))
    expect(codes).toEqual(
      expect.arrayContaining(['processing_time', 'reachability', 'data_protection', 'other']),
    )
    const list = await json('/services.json')
    const reach = list.find((s) => s.service_code === 'reachability')
    expect(reach).toMatchObject({ service_name: 'Erreichbarkeit', metadata: true, type: 'realtime' })
    expect(list.find((s) => s.service_code === 'data_protection')).toMatchObject({
      type: 'batch',
      metadata: false,
    })
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual([
        'description',
        'group',
        'keywords',
        'metadata',
        'service_code',
        'service_name',
        'type',
      ])
    }
  })

  it('should define attributes of all six datatypes with required, order and values', async () => {
    const datatypes = new Set<string>()
    for (const code of ['processing_time', 'reachability', 'accessibility']) {
      const def = await json<Json>(`/services/${code}.json`)
      expect(def.service_code).toBe(code)
      for (const a of def.attributes as Json[]) {
        datatypes.add(String(a.datatype))
        expect(typeof a.required).toBe('boolean')
        expect(typeof a.order).toBe('number')
        expect(a.variable).toBe(true)
      }
    }
    expect([...datatypes].sort()).toEqual([
      'datetime',
      'multivaluelist',
      'number',
      'singlevaluelist',
      'string',
      'text',
    ])
    const doc = await xml('/services/reachability.xml')
    expect(doc.name).toBe('service_definition')
    const attr = doc.children.find((c) => c.name === 'attributes')?.children[0]
    expect(attr && childText(attr, 'datatype')).toBe('singlevaluelist')
    expect(attr && childText(attr, 'required')).toBe('true')
    expect(attr && childText(attr, 'order')).toBe('1')
    const values = attr?.children.find((c) => c.name === 'values')?.children ?? []
    expect(values.map((v) => [childText(v, 'key'), childText(v, 'name')])).toContainEqual([
      'phone',
      'Telefon',
    ])
  })

  it('should answer 404 for an unknown service code in both formats', async () => {
    const doc = await xml('/services/potholes.xml', 404)
    expect(doc.name).toBe('errors')
    const error = doc.children[0]
    expect(error && childText(error, 'code')).toBe('404')
    expect(error && childText(error, 'description')).toBe('Den service_code „potholes“ gibt es nicht.')
    expect(await json('/services/potholes.json', 404)).toEqual([
      { code: '404', description: 'Den service_code „potholes“ gibt es nicht.' },
    ])
  })
})

describe('jurisdiction_id and formats', () => {
  it('should accept its own jurisdiction and answer 404 for another one', async () => {
    await xml('/services.xml?jurisdiction_id=lotse.invalid')
    expect(await json('/services.json?jurisdiction_id=sfgov.org', 404)).toEqual([
      { code: '404', description: 'Die jurisdiction_id „sfgov.org“ wird hier nicht bedient.' },
    ])
    await xml('/requests.xml?jurisdiction_id=sfgov.org', 404)
    await xml('/services/other.xml?jurisdiction_id=sfgov.org', 404)
  })

  it('should answer 400 for an unsupported format and 404 for unknown resources', async () => {
    const doc = await xml('/services.html', 400)
    expect(childText(doc.children[0] as XmlElement, 'code')).toBe('400')
    await xml('/nothing.xml', 404)
    await json('/requests/a/b.json', 404)
  })
})

describe('POST requests', () => {
  it('should create a complaint from lat/long and answer with its id (XML)', async () => {
    const before = await complaintCount()
    const res = await post(
      'xml',
      valid([
        ['first_name', 'Maria'],
        ['last_name', 'Muster'],
        ['email', 'maria@example.org'],
        ['phone', '0451 123456'],
        ['device_id', 'geraet-1'],
        ['account_id', 'konto-7'],
      ]),
    )
    const body = await res.text()
    expect(res.status, body).toBe(200)
    const doc = parseXml(body)
    expect(doc.name).toBe('service_requests')
    const request = doc.children[0] as XmlElement
    const id = childText(request, 'service_request_id') ?? ''
    expect(id).toMatch(/^BS-\d{4}-\d{6}$/)
    expect(childText(request, 'service_notice')).toMatch(/^Wir antworten bis zum \d{2}\.\d{2}\.\d{4}\.$/)
    expect(childText(request, 'token')).toBeUndefined()
    expect(await complaintCount()).toBe(before + 1)
    const row = await server.ctx.db
      .selectFrom('complaint')
      .selectAll()
      .where('reference', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      channel: 'open311',
      contact_name: 'Maria Muster',
      contact_email: 'maria@example.org',
      contact_phone: '0451 123456',
    })
    expect(row.description).toContain('Seit Wochen keine Antwort.')
    expect(row.description).toContain('Ort: 53.8655, 10.6866')
    const extra = await server.ctx.db
      .selectFrom('open311_request')
      .selectAll()
      .where('complaint_id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(extra).toMatchObject({
      lat: 53.8655,
      long: 10.6866,
      public_description: 'Seit Wochen keine Antwort.',
    })
  })

  it('should accept address_string or address_id instead of coordinates (JSON)', async () => {
    const byAddress = await createdId([
      ['api_key', apiKey],
      ['service_code', 'accessibility'],
      ['address_string', 'Musterallee 2, 23560 Lübeck'],
      ['attribute[place]', 'Eingang Haus B'],
    ])
    expect(byAddress).toMatch(/^BS-/)
    const byId = await createdId([
      ['api_key', apiKey],
      ['service_code', 'accessibility'],
      ['address_id', 'ALKIS-4711'],
      ['attribute[place]', 'Aufzug'],
    ])
    const [shown] = await json(`/requests/${byId}.json`)
    expect(shown).toMatchObject({ address_id: 'ALKIS-4711' })
  })

  it('should take single and multivalue attributes (attribute[code] and attribute[code][])', async () => {
    const id = await createdId([
      ['api_key', apiKey],
      ['service_code', 'reachability'],
      ['address_string', 'Bürgerbüro'],
      ['attribute[contact_way]', 'phone'],
      ['attribute[times][]', 'morning'],
      ['attribute[times][]', 'afternoon'],
    ])
    const row = await server.ctx.db
      .selectFrom('open311_request as r')
      .innerJoin('complaint as k', 'k.id', 'r.complaint_id')
      .select(['r.attributes', 'k.description'])
      .where('k.reference', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.attributes).toEqual({ contact_way: 'phone', times: ['morning', 'afternoon'] })
    expect(row.description).toContain('Zu welchen Tageszeiten? vormittags, nachmittags')
    expect(row.description).toContain('(ohne Beschreibung)')
  })

  it('should answer a batch service with a token that GET tokens resolves', async () => {
    const res = await post('json', [
      ['api_key', apiKey],
      ['service_code', 'data_protection'],
      ['address_string', 'Amt'],
      ['description', 'Bescheid an falsche Adresse'],
    ])
    const [body] = (await res.json()) as Json[]
    expect(res.status).toBe(200)
    expect(body).not.toHaveProperty('service_request_id')
    const token = String(body?.token)
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const [resolved] = await json(`/tokens/${token}.json`)
    expect(resolved).toMatchObject({ token, service_request_id: expect.stringMatching(/^BS-/) })
    const doc = await xml(`/tokens/${token}.xml`)
    expect(childText(doc.children[0] as XmlElement, 'token')).toBe(token)
    await xml('/tokens/unbekannt.xml', 404)
  })

  it('should answer a blackbox service with neither id nor token', async () => {
    const other = await server.ctx.db
      .selectFrom('complaint_category')
      .select('id')
      .where('code', '=', 'other')
      .executeTakeFirstOrThrow()
    await server.ctx.db
      .updateTable('open311_service')
      .set({ type: 'blackbox' })
      .where('category_id', '=', other.id)
      .execute()
    try {
      const res = await post(
        'json',
        valid([['service_code', 'other']]).filter(([k, v]) => k !== 'service_code' || v === 'other'),
      )
      const [body] = (await res.json()) as Json[]
      expect(res.status).toBe(200)
      expect(Object.keys(body ?? {})).toEqual(['service_notice'])
    } finally {
      await server.ctx.db
        .updateTable('open311_service')
        .set({ type: 'realtime' })
        .where('category_id', '=', other.id)
        .execute()
    }
  })

  it('should audit every POST, accepted or refused', async () => {
    const count = async () =>
      Number(
        (
          await server.ctx.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('action', 'in', ['open311.request_create', 'open311.request_refused'])
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    await createdId(valid())
    await post('xml', valid([['api_key', 'o311_falsch']]).slice(1))
    await post('xml', [['service_code', 'other']])
    expect(await count()).toBe(before + 3)
  })

  const ERRORS: Array<{
    name: string
    fields: () => Array<[string, string]>
    contentType?: string
    status: number
    text: string
  }> = [
    {
      name: 'the api_key is missing',
      fields: () => valid().slice(1),
      status: 403,
      text: 'Es wurde kein api_key gesendet.',
    },
    {
      name: 'the api_key is wrong',
      fields: () => [['api_key', `o311_${'A'.repeat(43)}`], ...valid().slice(1)],
      status: 403,
      text: 'Der api_key ist ungültig oder wurde widerrufen.',
    },
    {
      name: 'the service code is missing',
      fields: () => valid().filter(([k]) => k !== 'service_code'),
      status: 400,
      text: 'Es wurde kein service_code gesendet.',
    },
    {
      name: 'the service code is unknown',
      fields: () => valid().map(([k, v]) => (k === 'service_code' ? [k, 'graffiti'] : [k, v])),
      status: 404,
      text: 'Den service_code „graffiti“ gibt es nicht.',
    },
    {
      name: 'the jurisdiction is another one',
      fields: () => valid([['jurisdiction_id', 'sfgov.org']]),
      status: 404,
      text: 'Die jurisdiction_id „sfgov.org“ wird hier nicht bedient.',
    },
    {
      name: 'there is no location',
      fields: () => valid().filter(([k]) => k !== 'lat' && k !== 'long'),
      status: 400,
      text: 'Es fehlt ein Ort: lat und long, address_string oder address_id.',
    },
    {
      name: 'the latitude is out of range',
      fields: () => valid().map(([k, v]) => (k === 'lat' ? [k, '91'] : [k, v])),
      status: 400,
      text: 'lat und long müssen beide gesendet werden und gültige WGS84-Koordinaten sein.',
    },
    {
      name: 'only lat is sent',
      fields: () => valid().filter(([k]) => k !== 'long'),
      status: 400,
      text: 'lat und long müssen beide gesendet werden und gültige WGS84-Koordinaten sein.',
    },
    {
      name: 'the longitude is not a number',
      fields: () => valid().map(([k, v]) => (k === 'long' ? [k, '10,68'] : [k, v])),
      status: 400,
      text: 'lat und long müssen beide gesendet werden und gültige WGS84-Koordinaten sein.',
    },
    {
      name: 'the description has 4,001 characters',
      fields: () => valid().map(([k, v]) => (k === 'description' ? [k, 'x'.repeat(4001)] : [k, v])),
      status: 400,
      text: 'Die Beschreibung darf höchstens 4000 Zeichen lang sein.',
    },
    {
      name: 'a required attribute is missing',
      fields: () => [
        ['api_key', apiKey],
        ['service_code', 'reachability'],
        ['address_string', 'Amt'],
      ],
      status: 400,
      text: 'Das Attribut „contact_way“ ist erforderlich.',
    },
    {
      name: 'a list attribute has a value not on the list',
      fields: () => [
        ['api_key', apiKey],
        ['service_code', 'reachability'],
        ['address_string', 'Amt'],
        ['attribute[contact_way]', 'brieftaube'],
      ],
      status: 400,
      text: 'Der Wert des Attributs „contact_way“ ist ungültig.',
    },
    {
      name: 'a number attribute is no number',
      fields: () => valid([['attribute[weeks_waiting]', 'viele']]),
      status: 400,
      text: 'Der Wert des Attributs „weeks_waiting“ ist ungültig.',
    },
    {
      name: 'a datetime attribute is no date',
      fields: () => valid([['attribute[waiting_since]', '31.02.2026']]),
      status: 400,
      text: 'Der Wert des Attributs „waiting_since“ ist ungültig.',
    },
    {
      name: 'a single-value attribute gets two values',
      fields: () => [
        ['api_key', apiKey],
        ['service_code', 'reachability'],
        ['address_string', 'Amt'],
        ['attribute[contact_way][]', 'phone'],
        ['attribute[contact_way][]', 'email'],
      ],
      status: 400,
      text: 'Der Wert des Attributs „contact_way“ ist ungültig.',
    },
    {
      name: 'an attribute is unknown',
      fields: () => valid([['attribute[farbe]', 'rot']]),
      status: 400,
      text: 'Das Attribut „farbe“ gehört nicht zu diesem Service.',
    },
    {
      name: 'the e-mail address is invalid',
      fields: () => valid([['email', 'keine-adresse']]),
      status: 400,
      text: 'email: ',
    },
    {
      name: 'service_code is sent twice',
      fields: () => valid([['service_code', 'other']]),
      status: 400,
      text: 'Das Feld service_code darf nur einmal gesendet werden.',
    },
    {
      name: 'the body is JSON',
      fields: () => valid(),
      contentType: 'application/json',
      status: 400,
      text: 'Anfragen müssen als application/x-www-form-urlencoded gesendet werden.',
    },
    {
      name: 'the body is XML',
      fields: () => valid(),
      contentType: 'text/xml',
      status: 400,
      text: 'Anfragen müssen als application/x-www-form-urlencoded gesendet werden.',
    },
  ]

  for (const e of ERRORS) {
    it(`should answer ${e.status} in both formats and store nothing when ${e.name}`, async () => {
      const before = await complaintCount()
      for (const format of ['xml', 'json'] as const) {
        const res = await post(format, e.fields(), e.contentType)
        const body = await res.text()
        expect(res.status, body).toBe(e.status)
        if (format === 'xml') {
          const doc = parseXml(body)
          expect(doc.name).toBe('errors')
          expect(doc.children.map((c) => childText(c, 'code'))).toContain(String(e.status))
          expect(doc.children.map((c) => childText(c, 'description') ?? '').join('|')).toContain(e.text)
        } else {
          const list = JSON.parse(body) as Json[]
          expect(list[0]?.code).toBe(String(e.status))
          expect(list.map((x) => String(x.description)).join('|')).toContain(e.text)
        }
      }
      expect(await complaintCount()).toBe(before)
    })
  }

  it('should answer 400 and store nothing for malformed UTF-8 and malformed JSON bodies', async () => {
    const before = await complaintCount()
    const bad = await http.request(`${BASE}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([
        Buffer.from(`api_key=${apiKey}&service_code=other&address_string=`),
        Buffer.from([0xc3, 0x28]),
      ]),
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual([
      { code: '400', description: 'Die Anfrage ist nicht in UTF-8 kodiert.' },
    ])
    const malformed = await http.request(`${BASE}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"api_key": ',
    })
    expect(malformed.status).toBe(400)
    expect(await complaintCount()).toBe(before)
  })

  it('should refuse a revoked key with 403', async () => {
    const revoked = await createApiKey(server.ctx.db, null, 'Alt', null)
    await server.ctx.db
      .updateTable('open311_api_key')
      .set({ revoked_at: new Date() })
      .where('id', '=', revoked.id)
      .execute()
    const res = await post('json', [['api_key', revoked.key], ...valid().slice(1)])
    expect(res.status).toBe(403)
  })
})

describe('GET requests', () => {
  let recent: string
  let old: string
  let closed: string

  beforeAll(async () => {
    recent = await createdId(valid())
    old = await createdId(valid())
    closed = await createdId([
      ['api_key', apiKey],
      ['service_code', 'accessibility'],
      ['address_string', 'Rathaus'],
      ['attribute[place]', 'Rampe'],
    ])
    const db = server.ctx.db
    await db
      .updateTable('complaint')
      .set({ received_at: new Date(Date.now() - 120 * 86_400_000) })
      .where('reference', '=', old)
      .execute()
    await db
      .updateTable('complaint')
      .set({ status: 'closed', closed_at: new Date() })
      .where('reference', '=', closed)
      .execute()
  })

  it('should list the last 90 days by default, newest first, in XML and JSON', async () => {
    const list = await json('/requests.json')
    const ids = list.map((r) => r.service_request_id)
    expect(ids).toContain(recent)
    expect(ids).not.toContain(old)
    expect(list.length).toBeLessThanOrEqual(1000)
    const doc = await xml('/requests.xml')
    expect(doc.name).toBe('service_requests')
    expect(doc.children.map((r) => childText(r, 'service_request_id'))).toEqual(ids)
  })

  it('should let service_request_id override every other filter', async () => {
    const list = await json(
      `/requests.json?service_request_id=${old},${closed}&status=open&service_code=other&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z`,
    )
    expect(list.map((r) => r.service_request_id).sort()).toEqual([old, closed].sort())
  })

  it('should filter by a service_code list and by status', async () => {
    const byCode = await json('/requests.json?service_code=accessibility,reachability')
    expect(byCode.length).toBeGreaterThan(0)
    expect(new Set(byCode.map((r) => r.service_code))).toEqual(new Set(['accessibility', 'reachability']))
    const closedOnly = await json('/requests.json?status=closed')
    expect(closedOnly.map((r) => r.service_request_id)).toEqual([closed])
    expect(closedOnly[0]).toMatchObject({ status: 'closed', status_notes: 'Abgeschlossen' })
    const open = await json('/requests.json?status=open')
    expect(open.every((r) => r.status === 'open')).toBe(true)
    expect((await json('/requests.json?status=open,closed')).length).toBe(open.length + 1)
  })

  it('should filter by start_date and end_date', async () => {
    const start = new Date(Date.now() - 130 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const end = new Date(Date.now() - 100 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const list = await json(`/requests.json?start_date=${start}&end_date=${end}`)
    expect(list.map((r) => r.service_request_id)).toEqual([old])
    const onlyStart = await json(`/requests.json?start_date=${start}`)
    expect(onlyStart.map((r) => r.service_request_id)).toEqual([old])
  })

  it.each([
    [
      'a range over 90 days',
      '?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z',
      'Der Zeitraum darf höchstens 90 Tage umfassen.',
    ],
    [
      'a date without time zone',
      '?start_date=2026-01-01T00:00:00',
      'start_date und end_date müssen W3C-Datumsangaben mit Zeitzone sein, z. B. 2026-01-01T00:00:00Z.',
    ],
    [
      'start after end',
      '?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      'start_date liegt nach end_date.',
    ],
    ['an unknown status', '?status=pending', 'status erlaubt nur open und closed.'],
  ])('should answer 400 for %s', async (_name, query, text) => {
    expect(await json(`/requests.json${query}`, 400)).toEqual([{ code: '400', description: text }])
    const doc = await xml(`/requests.xml${query}`, 400)
    expect(childText(doc.children[0] as XmlElement, 'description')).toBe(text)
  })

  it('should show one request with status, notes, agency, notice and ISO dates with zone', async () => {
    const [r] = await json(`/requests/${recent}.json`)
    expect(r).toMatchObject({
      service_request_id: recent,
      status: 'open',
      status_notes: 'Eingegangen',
      service_code: 'processing_time',
      service_name: 'Bearbeitungsdauer',
      agency_responsible: 'Beschwerdemanagement',
    })
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      expect(String(r?.[field])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
    }
    expect(String(r?.expected_datetime)).toMatch(/T23:59:59/)
    expect(typeof r?.service_request_id).toBe('string')
    const doc = await xml(`/requests/${recent}.xml`)
    expect(childText(doc.children[0] as XmlElement, 'status')).toBe('open')
    expect(await json(`/requests/BS-1999-000001.json`, 404)).toEqual([
      { code: '404', description: 'Die Anfrage „BS-1999-000001“ gibt es nicht.' },
    ])
  })
})

describe('oversize bodies (last: the server closes the connection after refusing)', () => {
  it('should answer 400 in the GeoReport format and store nothing', async () => {
    const before = await complaintCount()
    const big = await post('xml', valid([['filler', 'x'.repeat(300 * 1024)]]))
    expect(big.status).toBe(400)
    expect(await big.text()).toContain('<description>Die gesendeten Daten sind zu groß.</description>')
    expect(await complaintCount()).toBe(before)
  })
})
