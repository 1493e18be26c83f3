// SPDX-License-Identifier: EUPL-1.2
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../e2e/support/server.js'
import type { Open311Config } from '../../src/config/config.js'
import { createApiKey } from '../../src/modules/open311/index.js'
import { runImport } from '../../src/modules/open311/open311.client.js'
import {
  dispatchStatusChanges,
  MAX_WEBHOOK_ATTEMPTS,
  sendDueWebhooks,
  signWebhook,
  verifyWebhookSignature,
} from '../../src/modules/open311/webhooks.js'
import { buildStaffUser } from '../factories/applications.factory.js'
import { buildComplaint } from '../factories/complaints.factory.js'
import { signIn } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'

/**
 * The client imports from a second Lotse instance (a real GeoReport v2 server on loopback); webhooks go to
 * a receiver on loopback that checks every signature.
 */

const SECRET = 'ein-geheimnis-mit-mindestens-16-zeichen'
let external: TestServer
let ctx: TestContext
let externalKey: string
let receiver: Server
let receiverUrl: string
const received: Array<{ body: string; valid: boolean; tampered: boolean; replayed: boolean }> = []
let failNext = 0

function open311(overrides: Partial<Open311Config>): Open311Config {
  return { ...ctx.deps.config.open311, ...overrides }
}

async function postExternal(fields: Record<string, string>) {
  const res = await fetch(`${external.baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: externalKey, ...fields }).toString(),
  })
  expect(res.status).toBe(200)
  const [body] = (await res.json()) as Array<{ service_request_id: string }>
  return body?.service_request_id ?? ''
}

function importDeps(format: 'xml' | 'json', url = `${external.baseUrl}/open311/v2`) {
  return {
    ...ctx.deps,
    config: {
      ...ctx.deps.config,
      open311: open311({
        import: {
          url,
          serviceCodes: { accessibility: 'accessibility', reachability: 'reachability' },
          jurisdictionId: 'lotse.invalid',
          format,
          intervalSeconds: 60,
        },
      }),
    },
  }
}

async function importedCount() {
  const row = await ctx.db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('external_id', 'like', 'import:%')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

beforeAll(async () => {
  external = await startTestServer()
  externalKey = (await createApiKey(external.ctx.db, null, 'Lotse-Import', null)).key
  ctx = await freshTestContext()
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const header = req.headers['lotse-webhook-signature']
      const sig = typeof header === 'string' ? header : undefined
      received.push({
        body,
        valid: verifyWebhookSignature(SECRET, sig, body),
        tampered: verifyWebhookSignature(SECRET, sig, body.replace('status', 'Status')),
        replayed: verifyWebhookSignature(SECRET, sig, body, Math.floor(Date.now() / 1000) + 3600),
      })
      if (failNext > 0) {
        failNext--
        res.writeHead(503).end()
      } else {
        res.writeHead(204).end()
      }
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})

afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()))
  await ctx?.close()
  await external?.close()
})

describe('Open311 client (import)', () => {
  it('should import new requests of the configured services once, in XML and JSON, and record its state', async () => {
    const a = await postExternal({
      service_code: 'accessibility',
      address_string: 'Rathaus',
      'attribute[place]': 'Tür',
      description: 'Tür klemmt',
    })
    const b = await postExternal({
      service_code: 'reachability',
      address_string: 'Amt',
      'attribute[contact_way]': 'phone',
    })
    await postExternal({
      service_code: 'processing_time',
      address_string: 'Amt',
      description: 'nicht für uns',
    })
    expect(await runImport(importDeps('xml'))).toEqual({ created: 2, seen: 2 })
    const rows = await ctx.db
      .selectFrom('complaint')
      .select(['external_id', 'channel', 'description'])
      .where('external_id', 'like', 'import:%')
      .execute()
    expect(rows.map((r) => r.external_id).sort()).toEqual([`import:${a}`, `import:${b}`].sort())
    expect(rows.every((r) => r.channel === 'open311')).toBe(true)
    expect(rows.find((r) => r.external_id === `import:${a}`)?.description).toContain('Tür klemmt')
    // Again, and in the other format: nothing twice (restart-safe: state is in the database only).
    expect(await runImport(importDeps('xml'))).toEqual({ created: 0, seen: 2 })
    expect(await runImport(importDeps('json'))).toEqual({ created: 0, seen: 2 })
    const c = await postExternal({
      service_code: 'accessibility',
      address_string: 'Bad',
      'attribute[place]': 'WC',
    })
    expect(await runImport(importDeps('json'))).toEqual({ created: 1, seen: 3 })
    expect(await importedCount()).toBe(3)
    expect(c).toMatch(/^BS-/)
    const state = await ctx.db.selectFrom('open311_import_state').selectAll().executeTakeFirstOrThrow()
    expect(state).toMatchObject({ imported_total: 3, last_error: null })
    expect(state.last_success_at).toBeInstanceOf(Date)
  })

  it('should log an unreachable endpoint, keep its cursor, and show both on the admin page', async () => {
    const dead = `http://127.0.0.1:1/open311/v2`
    expect(await runImport(importDeps('xml', dead))).toEqual({ created: 0, seen: 0 })
    const state = await ctx.db
      .selectFrom('open311_import_state')
      .selectAll()
      .where('source', '=', dead)
      .executeTakeFirstOrThrow()
    expect(state.last_error).toMatch(/^endpoint not reachable/)
    expect(state.cursor).toBeNull()
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    const deps = importDeps('xml', dead)
    ctx.deps.config = deps.config
    const res = await admin.get('/verwaltung/open311')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('Übernahme aus dem Anliegenmelder')
    expect(html).toContain('gestört: endpoint not reachable')
    expect(html).toContain('Fehler')
  })

  it('should refuse a response that is not a GeoReport list and change nothing', async () => {
    const before = await importedCount()
    // The discovery document is well-formed XML but no service_requests list.
    const deps = importDeps('xml', `${external.baseUrl}/open311/v2/discovery.xml?x=`)
    await runImport(deps)
    expect(await importedCount()).toBe(before)
  })
})

describe('outbound webhooks', () => {
  it('should sign every status change so that the receiver can verify it and detect tampering and replays', async () => {
    const cfg = open311({ webhooks: [{ name: 'anliegen', url: receiverUrl, secret: SECRET }] })
    await dispatchStatusChanges(ctx.db, cfg)
    await sendDueWebhooks(ctx.db, cfg, undefined)
    received.length = 0
    const complaint = await buildComplaint(ctx.deps)
    expect(await dispatchStatusChanges(ctx.db, cfg)).toBe(1)
    await ctx.db
      .updateTable('complaint')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', complaint.id)
      .execute()
    expect(await dispatchStatusChanges(ctx.db, cfg)).toBe(1)
    expect(await dispatchStatusChanges(ctx.db, cfg)).toBe(0)
    expect(await sendDueWebhooks(ctx.db, cfg, undefined)).toEqual({ sent: 2, failed: 0 })
    expect(received).toHaveLength(2)
    expect(received.every((r) => r.valid && !r.tampered && !r.replayed)).toBe(true)
    const bodies = received.map((r) => JSON.parse(r.body) as Record<string, unknown>)
    expect(bodies.map((b) => [b.service_request_id, b.status])).toEqual([
      [complaint.reference, 'open'],
      [complaint.reference, 'closed'],
    ])
    expect(received[0]?.body).not.toContain('Ich warte')
    expect(
      verifyWebhookSignature(
        SECRET,
        signWebhook('anderes-geheimnis-1234', Math.floor(Date.now() / 1000), 'x'),
        'x',
      ),
    ).toBe(false)
  })

  it('should retry with backoff, give up into the dead letters after the last attempt, and retry from the admin page', async () => {
    const cfg = open311({ webhooks: [{ name: 'anliegen', url: receiverUrl, secret: SECRET }] })
    const complaint = await buildComplaint(ctx.deps)
    await dispatchStatusChanges(ctx.db, cfg)
    failNext = MAX_WEBHOOK_ATTEMPTS
    let now = Date.now()
    for (let i = 0; i < MAX_WEBHOOK_ATTEMPTS; i++) {
      expect(await sendDueWebhooks(ctx.db, cfg, undefined, new Date(now))).toEqual({ sent: 0, failed: 1 })
      const row = await ctx.db
        .selectFrom('webhook_delivery')
        .selectAll()
        .where('status', '!=', 'sent')
        .executeTakeFirstOrThrow()
      expect(row.attempts).toBe(i + 1)
      // Not due again before its backoff has passed.
      expect(await sendDueWebhooks(ctx.db, cfg, undefined, new Date(now))).toEqual({ sent: 0, failed: 0 })
      now = row.next_attempt_at.getTime() + 1000
    }
    const dead = await ctx.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('status', '=', 'dead')
      .executeTakeFirstOrThrow()
    expect(dead).toMatchObject({ attempts: MAX_WEBHOOK_ATTEMPTS, last_error: 'HTTP 503' })

    ctx.deps.config = { ...ctx.deps.config, open311: cfg }
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    const page = await (await admin.get('/verwaltung/open311')).text()
    expect(page).toContain('Nicht zustellbare Meldungen')
    expect(page).toContain(complaint.reference)
    const res = await admin.post(`/verwaltung/open311/zustellungen/${dead.id}/erneut`, {})
    expect(res.status).toBe(303)
    expect(await sendDueWebhooks(ctx.db, cfg, undefined)).toEqual({ sent: 1, failed: 0 })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', dead.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['webhook.retry'])
  })
})

describe('API key administration', () => {
  it('should create a key shown once and stored hashed, and revoke it', async () => {
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    const res = await admin.post('/verwaltung/open311/schluessel', { name: 'Anliegenmelder' })
    const html = await res.text()
    expect(res.status).toBe(200)
    const key = /<code>(o311_[A-Za-z0-9_-]{43})<\/code>/.exec(html)?.[1] ?? ''
    expect(key).not.toBe('')
    const row = await ctx.db
      .selectFrom('open311_api_key')
      .selectAll()
      .where('name', '=', 'Anliegenmelder')
      .executeTakeFirstOrThrow()
    expect(row.key_hash.toString('hex')).not.toContain(Buffer.from(key).toString('hex'))
    expect(await (await admin.get('/verwaltung/open311')).text()).not.toContain(key)
    const post = () =>
      ctx.app.request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: 'other', address_string: 'Amt' }).toString(),
      })
    expect((await post()).status).toBe(200)
    expect((await admin.post(`/verwaltung/open311/schluessel/${row.id}/widerrufen`, {})).status).toBe(303)
    expect((await post()).status).toBe(403)
    const caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
    expect((await caseworker.get('/verwaltung/open311')).status).toBe(403)
  })

  it('should limit POSTs per key and answer 429 in the GeoReport format', async () => {
    ctx.deps.config = { ...ctx.deps.config, open311: open311({ rateLimitPerMinute: 2 }) }
    const { key } = await createApiKey(ctx.db, null, 'Eilig', null)
    const statuses: number[] = []
    let last = ''
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.request('/open311/v2/requests.xml', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: 'other', address_string: 'Amt' }).toString(),
      })
      statuses.push(res.status)
      last = await res.text()
    }
    expect(statuses).toEqual([200, 200, 429])
    expect(last).toContain('<code>429</code>')
  })
})
