// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/modules/open311/index.js'
import { buildComplaint } from '../factories/complaints.factory.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'

/** Public GET answers never carry personal data, and nothing of requests in services marked private. */

let ctx: TestContext
const PERSONAL = [
  'Maria',
  'Musterfrau',
  'maria@example.org',
  '0451 987654',
  'konto-42',
  'geraet-9',
  'Erika Beispiel',
  'Hans Beschwerdeführer',
  'hans@example.org',
]
const references: string[] = []

async function post(fields: Record<string, string>) {
  const res = await ctx.app.request('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
  const [body] = (await res.json()) as Array<{ service_request_id: string }>
  expect(res.status).toBe(200)
  return body?.service_request_id ?? ''
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const { key } = await createApiKey(ctx.db, null, 'Datenschutztest', null)
  const person = {
    api_key: key,
    first_name: 'Maria',
    last_name: 'Musterfrau',
    email: 'maria@example.org',
    phone: '0451 987654',
    account_id: 'konto-42',
    device_id: 'geraet-9',
  }
  references.push(
    await post({
      ...person,
      service_code: 'processing_time',
      address_string: 'Wohnung Gartenweg 3',
      description: 'Geheimer Text über meine Lage',
    }),
    await post({
      ...person,
      service_code: 'accessibility',
      lat: '53.87',
      long: '10.68',
      description: 'Die Rampe ist zu steil',
      'attribute[place]': 'Haus B',
    }),
  )
  const web = await buildComplaint(ctx.deps, {
    contactName: 'Hans Beschwerdeführer',
    contactEmail: 'hans@example.org',
  })
  references.push(web.reference)
  // Routing names the person acting for the post: that must not leak either.
  await ctx.db
    .updateTable('complaint')
    .set({
      routing: JSON.stringify({
        reason: 'category',
        at: new Date().toISOString(),
        unitId: null,
        unitName: 'Abteilung Grundsicherung',
        postId: null,
        postTitle: 'Leitung',
        actingName: 'Erika Beispiel',
        actingKind: 'deputy',
      }),
    })
    .execute()
})

afterAll(async () => {
  await ctx?.close()
})

describe('privacy of public Open311 answers', () => {
  const paths = () => [
    '/open311/v2/requests.xml',
    '/open311/v2/requests.json',
    `/open311/v2/requests.json?service_request_id=${references.join(',')}`,
    ...references.flatMap((r) => [`/open311/v2/requests/${r}.xml`, `/open311/v2/requests/${r}.json`]),
  ]

  it('should never show name, e-mail, phone, account or device id, or the acting person', async () => {
    for (const path of paths()) {
      const res = await ctx.app.request(path)
      const body = await res.text()
      expect(res.status, path).toBe(200)
      expect(body).toMatch(/BS-\d{4}-\d{6}/)
      for (const value of PERSONAL) {
        expect(body, `${path} contains ${value}`).not.toContain(value)
      }
      expect(body).toContain('Abteilung Grundsicherung')
    }
  })

  it('should show neither description nor location of a private service, but both of a public one', async () => {
    const res = await ctx.app.request(`/open311/v2/requests.json?service_request_id=${references.join(',')}`)
    const list = (await res.json()) as Array<Record<string, unknown>>
    const byId = new Map(list.map((r) => [r.service_request_id, r]))
    expect(byId.get(references[0])).toMatchObject({ description: null, address: null, lat: null, long: null })
    expect(byId.get(references[2])).toMatchObject({ description: null })
    expect(byId.get(references[1])).toMatchObject({
      description: 'Die Rampe ist zu steil',
      lat: 53.87,
      long: 10.68,
    })
    const xml = await (await ctx.app.request('/open311/v2/requests.xml')).text()
    expect(xml).not.toContain('Geheimer Text')
    expect(xml).not.toContain('Gartenweg')
    expect(xml).toContain('<description>Die Rampe ist zu steil</description>')
  })

  it('should still give staff the contact details on the complaint itself', async () => {
    const row = await ctx.db
      .selectFrom('complaint')
      .selectAll()
      .where('reference', '=', references[0] ?? '')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ contact_name: 'Maria Musterfrau', contact_email: 'maria@example.org' })
    expect(row.description).toContain('Wohnung Gartenweg 3')
  })
})
