// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { signWebhook } from '../../src/modules/open311/webhooks.js'
import { TEST_MFA_SECRET_KEY } from '../support/mfa-key.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'

/** Complaints sent by another system as signed JSON to /webhooks/beschwerden/<source>. */

const SECRET = 'anliegen-geheimnis-0123456789'
const URL = '/webhooks/beschwerden/anliegenmelder'
let ctx: TestContext

beforeAll(async () => {
  const open311 = loadConfig({
    NODE_ENV: 'test',
    MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
    WEBHOOK_SOURCES: JSON.stringify([{ name: 'anliegenmelder', secret: SECRET }]),
  }).open311
  ctx = await freshTestContext({ open311 })
})

afterAll(async () => {
  await ctx.close()
})

let counter = 0
beforeEach(() => {
  counter += 1
})

const now = () => Math.floor(Date.now() / 1000)

function payload(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `evt-${counter}`,
    category: 'other',
    description: 'Seit Wochen keine Antwort auf meinen Antrag.',
    contact: { name: 'Erika Beispiel', email: 'erika@example.org' },
    ...overrides,
  })
}

async function post(
  body: string,
  options: { secret?: string; at?: number; signature?: string | null; type?: string; url?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' }
  const signature =
    options.signature === undefined
      ? signWebhook(options.secret ?? SECRET, options.at ?? now(), body)
      : options.signature
  if (signature !== null) {
    headers['lotse-webhook-signature'] = signature
  }
  return ctx.app.request(options.url ?? URL, { method: 'POST', headers, body })
}

async function stored() {
  return {
    complaints: await ctx.db.selectFrom('complaint').select(['id']).execute(),
    events: await ctx.db.selectFrom('complaint_event').select(['id']).execute(),
  }
}

async function lastAudit() {
  return ctx.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
}

describe('inbound complaint webhook', () => {
  it('should create a complaint on channel webhook and answer 201 with its reference, audited', async () => {
    const res = await post(payload({ caseReference: 'GS-2026-0000001' }))
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const { reference } = (await res.json()) as { reference: string }
    expect(reference).toMatch(/^BS-\d{4}-/)
    const row = await ctx.db
      .selectFrom('complaint')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    expect(row.channel).toBe('webhook')
    expect(row.external_id).toBe(`webhook:anliegenmelder:evt-${counter}`)
    expect(row.contact_email).toBe('erika@example.org')
    expect(row.case_reference).toBe('GS-2026-0000001')
    const audit = await lastAudit()
    expect(audit.action).toBe('complaint.webhook_received')
    expect(audit.subject_id).toBe(row.id)
    expect(audit.details).toMatchObject({ source: 'anliegenmelder', reference, created: true })
    expect(JSON.stringify(audit.details)).not.toContain('Erika')
  })

  it('should answer 200 with the same reference when the event is delivered again (new signature)', async () => {
    const body = payload()
    const first = await post(body, { at: now() - 10 })
    expect(first.status).toBe(201)
    const before = await stored()
    const again = await post(body)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(await first.json())
    expect(await stored()).toEqual(before)
    expect((await lastAudit()).details).toMatchObject({ created: false })
  })

  it('should refuse the very same signed request a second time with 409 and store nothing', async () => {
    const body = payload()
    const signature = signWebhook(SECRET, now(), body)
    expect((await post(body, { signature })).status).toBe(201)
    const before = await stored()
    const replay = await post(body, { signature })
    expect(replay.status).toBe(409)
    expect(((await replay.json()) as { error: string }).error).toContain('schon empfangen')
    expect(await stored()).toEqual(before)
    const audit = await lastAudit()
    expect(audit.action).toBe('complaint.webhook_refused')
    expect(audit.outcome).toBe('denied')
    expect(audit.details).toMatchObject({ source: 'anliegenmelder', status: 409, reason: 'replay' })
  })

  const refusals: Array<{
    what: string
    send: () => Promise<Response>
    status: number
    reason: string
    text: string
    source?: string
  }> = [
    {
      what: 'the source is unknown',
      send: () => post(payload(), { url: '/webhooks/beschwerden/fremd' }),
      status: 404,
      reason: 'unknown_source',
      text: 'nicht eingerichtet',
      source: 'fremd',
    },
    {
      what: 'the content type is not JSON',
      send: () => post(payload(), { type: 'application/x-www-form-urlencoded' }),
      status: 415,
      reason: 'content_type',
      text: 'application/json',
    },
    {
      what: 'the signature is missing',
      send: () => post(payload(), { signature: null }),
      status: 401,
      reason: 'signature_missing',
      text: 'Signatur fehlt',
    },
    {
      what: 'the signature is made with another secret',
      send: () => post(payload(), { secret: 'ein-ganz-anderes-geheimnis' }),
      status: 401,
      reason: 'signature_invalid',
      text: 'ungültig',
    },
    {
      what: 'the signature does not cover this body',
      send: () => post(payload(), { signature: signWebhook(SECRET, now(), payload({ id: 'x' })) }),
      status: 401,
      reason: 'signature_invalid',
      text: 'ungültig',
    },
    {
      what: 'the timestamp is older than five minutes',
      send: () => post(payload(), { at: now() - 301 }),
      status: 401,
      reason: 'signature_invalid',
      text: 'zu alt',
    },
    {
      what: 'the body is malformed JSON',
      send: () => post('{"id": "1", "category": '),
      status: 400,
      reason: 'malformed_json',
      text: 'kein gültiges JSON',
    },
    {
      what: 'required fields are missing or of the wrong type',
      send: () => post(JSON.stringify({ id: 7, category: 'other' })),
      status: 400,
      reason: 'schema',
      text: 'Aufbau',
    },
    {
      what: 'the category is unknown to the office',
      send: () => post(payload({ category: 'schlagloch' })),
      status: 400,
      reason: 'rejected',
      text: 'nicht angenommen',
    },
    {
      what: 'the body is over 256 kB',
      send: () => post(payload({ description: 'x'.repeat(300 * 1024) })),
      status: 413,
      reason: 'too_large',
      text: 'zu groß',
    },
  ]

  for (const r of refusals) {
    it(`should answer ${r.status} in JSON, store nothing and audit the refusal when ${r.what}`, async () => {
      const before = await stored()
      const res = await r.send()
      expect(res.status).toBe(r.status)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      const answer = (await res.json()) as { error: string }
      expect(answer.error).toContain(r.text)
      expect(await stored()).toEqual(before)
      const audit = await lastAudit()
      expect(audit.action).toBe('complaint.webhook_refused')
      expect(audit.outcome).toBe('denied')
      expect(audit.subject_id).toBe(r.source ?? 'anliegenmelder')
      expect(audit.details).toEqual({
        source: r.source ?? 'anliegenmelder',
        status: r.status,
        reason: r.reason,
      })
    })
  }

  it('should list every problem of a body that does not fit the schema', async () => {
    const res = await post(JSON.stringify({ id: '', description: 5, contact: { email: 3 } }))
    expect(res.status).toBe(400)
    const { problems } = (await res.json()) as { problems: Array<{ field: string; message: string }> }
    expect(problems.map((p) => p.field).sort()).toEqual(['category', 'contact.email', 'description', 'id'])
    expect(problems.find((p) => p.field === 'category')?.message).toBe('Angabe fehlt.')
  })

  it('should name the field the complaints service refused (an invalid e-mail address)', async () => {
    const res = await post(payload({ contact: { email: 'keine-adresse' } }))
    expect(res.status).toBe(400)
    const { problems } = (await res.json()) as { problems: Array<{ field: string }> }
    expect(problems.map((p) => p.field)).toEqual(['contactEmail'])
  })

  it('should accept the corrected body after a refusal with the same event id', async () => {
    const bad = await post(payload({ category: 'schlagloch' }))
    expect(bad.status).toBe(400)
    const good = await post(payload())
    expect(good.status).toBe(201)
  })
})

describe('WEBHOOK_SOURCES', () => {
  it('should refuse a secret shorter than 16 characters and JSON that is none', () => {
    const base = { NODE_ENV: 'test', MFA_SECRET_KEY: TEST_MFA_SECRET_KEY }
    expect(() =>
      loadConfig({ ...base, WEBHOOK_SOURCES: JSON.stringify([{ name: 'a', secret: 'kurz' }]) }),
    ).toThrow(/WEBHOOK_SOURCES/)
    expect(() => loadConfig({ ...base, WEBHOOK_SOURCES: '[{' })).toThrow(/WEBHOOK_SOURCES is not JSON/)
    expect(loadConfig(base).open311.inboundSources).toEqual([])
  })
})
