// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { createApiKey } from '../../src/modules/open311/index.js'
import { signWebhook } from '../../src/modules/open311/webhooks.js'
import { t } from '../../src/shared/i18n.js'
import { TEST_MFA_SECRET_KEY } from '../support/mfa-key.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'

/**
 * Intake through Open311 and through the inbound webhook is one transaction: complaint, timeline, the
 * Open311 request row and the audit entries commit together. A failure injected after the complaint's
 * insert (a trigger that refuses the next row of the same transaction) must leave none of them behind.
 */

const SECRET = 'atomar-geheimnis-0123456789'
let ctx: TestContext
let apiKey: string

beforeAll(async () => {
  const open311 = loadConfig({
    NODE_ENV: 'test',
    MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
    WEBHOOK_SOURCES: JSON.stringify([{ name: 'anliegenmelder', secret: SECRET }]),
  }).open311
  ctx = await freshTestContext({ open311 })
  apiKey = (await createApiKey(ctx.db, null, 'Atomar', null)).key
  await sql`
    create function test_inject_failure() returns trigger language plpgsql as $$
    begin
      raise exception 'injected failure';
    end $$`.execute(ctx.db)
})

afterEach(async () => {
  await sql`drop trigger if exists test_fail_request on open311_request`.execute(ctx.db)
  await sql`drop trigger if exists test_fail_audit on audit_event`.execute(ctx.db)
})

afterAll(async () => {
  await ctx?.close()
})

async function counts() {
  const count = async (table: 'complaint' | 'complaint_event' | 'open311_request') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const audits = await ctx.db
    .selectFrom('audit_event')
    .select('action')
    .where('action', 'in', ['complaint.create', 'open311.request_create', 'complaint.webhook_received'])
    .execute()
  return {
    complaints: await count('complaint'),
    events: await count('complaint_event'),
    requests: await count('open311_request'),
    audits: audits.length,
  }
}

function postOpen311(description: string) {
  return ctx.app.request('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: apiKey,
      service_code: 'other',
      address_string: 'Rathausplatz 1',
      description,
    }).toString(),
  })
}

function postWebhook(id: string) {
  const body = JSON.stringify({ id, category: 'other', description: 'Keine Rückmeldung seit Wochen.' })
  return ctx.app.request('/webhooks/beschwerden/anliegenmelder', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'lotse-webhook-signature': signWebhook(SECRET, Math.floor(Date.now() / 1000), body),
    },
    body,
  })
}

describe('atomic intake through Open311', () => {
  it('should store complaint, Open311 row and both audit entries together', async () => {
    const before = await counts()
    const res = await postOpen311('Niemand geht ans Telefon.')
    expect(res.status).toBe(200)
    const [body] = (await res.json()) as Array<{ service_request_id: string }>
    const row = await ctx.db
      .selectFrom('complaint as k')
      .innerJoin('open311_request as r', 'r.complaint_id', 'k.id')
      .select(['k.channel', 'r.public_description'])
      .where('k.reference', '=', body?.service_request_id ?? '')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ channel: 'open311', public_description: 'Niemand geht ans Telefon.' })
    const after = await counts()
    expect(after.complaints - before.complaints).toBe(1)
    expect(after.requests - before.requests).toBe(1)
    expect(after.audits - before.audits).toBe(2)
  })

  it('should leave neither complaint nor Open311 row when writing the Open311 row fails', async () => {
    await sql`
      create trigger test_fail_request before insert on open311_request
      for each row execute function test_inject_failure()`.execute(ctx.db)
    const before = await counts()
    const res = await postOpen311('Dieser Eingang scheitert mittendrin.')
    // The specification knows 400/403/404 only: an unexpected failure is a general 400 in its format.
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual([{ code: '400', description: t('open311.error.general') }])
    expect(await counts()).toEqual(before)
    const left = await ctx.db
      .selectFrom('complaint')
      .select('id')
      .where('description', 'like', 'Dieser Eingang scheitert%')
      .execute()
    expect(left).toEqual([])
  })

  it('should leave nothing when the Open311 audit entry fails after both rows are written', async () => {
    await sql`
      create trigger test_fail_audit before insert on audit_event
      for each row when (new.action = 'open311.request_create') execute function test_inject_failure()`.execute(
      ctx.db,
    )
    const before = await counts()
    expect((await postOpen311('Auch das Protokoll scheitert.')).status).toBe(400)
    expect(await counts()).toEqual(before)
  })
})

describe('atomic intake through the inbound webhook', () => {
  it('should leave no complaint when the receipt cannot be audited, and accept the event once it can', async () => {
    await sql`
      create trigger test_fail_audit before insert on audit_event
      for each row when (new.action = 'complaint.webhook_received') execute function test_inject_failure()`.execute(
      ctx.db,
    )
    const before = await counts()
    const failed = await postWebhook('evt-atomar')
    expect(failed.status).toBe(500)
    expect(await counts()).toEqual(before)

    await sql`drop trigger test_fail_audit on audit_event`.execute(ctx.db)
    // The sender retries the same event (new signature): now it is created, once.
    const retried = await postWebhook('evt-atomar')
    expect(retried.status).toBe(201)
    const after = await counts()
    expect(after.complaints - before.complaints).toBe(1)
    expect(after.audits - before.audits).toBe(2)
  })
})
