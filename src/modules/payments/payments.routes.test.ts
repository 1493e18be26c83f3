// SPDX-License-Identifier: EUPL-1.2
import { parse as parseCsv } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildOrgUnit } from '../../../test/factories/organisation.factory.js'
import { buildGrantedCase, buildPaymentDecision } from '../../../test/factories/payments.factory.js'
import { expectValidPain001 } from '../../../test/support/pain001.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { berlinDay } from '../organisation/index.js'
import { addMonths } from './money-rules.js'
import { defaultExecutionDate } from './payments.service.js'

let ctx: TestContext
let lead: TestClient
let head: TestClient
let otherHead: TestClient
let caseworker: TestClient
let admin: TestClient
let anonymous: TestClient
let headUserId = ''

const today = berlinDay(new Date())
const thisMonth = today.slice(0, 7)
const target = addMonths(thisMonth, 1)
const previous = thisMonth
let grantedId = ''
let laterId = ''

beforeAll(async () => {
  ctx = await freshTestContext()
  const { db } = ctx
  const division = await buildOrgUnit(db, { kind: 'division', parentId: null, name: 'Soziale Sicherung' })
  const divisionHead = await buildStaffWithPost(db, {
    unitId: division.id,
    role: 'division_head',
    isHeadOfUnit: true,
    title: 'Bereichsleitung Soziale Sicherung',
  })
  headUserId = divisionHead.id
  const leadUser = await buildStaffUser(db, { role: 'team_lead', displayName: 'Teamleitung Zahlungen' })
  // A case granted from the first of this month: this month comes as arrears, next month as ongoing benefit.
  grantedId = (await buildGrantedCase(db, leadUser.id, { periodFrom: `${previous}-01` })).applicationId
  // A case granted from the 16th of next month: prorated.
  laterId = (
    await buildGrantedCase(db, leadUser.id, {
      periodFrom: `${target}-16`,
      components: [{ label: 'Regelbedarf (Regelbedarfsstufe 1)', cents: 60_000 }],
      surname: 'Albers',
    })
  ).applicationId
  lead = await signIn(ctx.app, leadUser)
  head = await signIn(ctx.app, divisionHead)
  otherHead = await signIn(ctx.app, await buildStaffUser(db, { role: 'department_head' }))
  caseworker = await signIn(ctx.app, await buildStaffUser(db, { role: 'caseworker' }))
  admin = await signIn(ctx.app, await buildStaffUser(db, { role: 'administrator' }))
  anonymous = new TestClient(ctx.app)
})

afterAll(async () => {
  await ctx.close()
})

const monthInput = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`

describe('payment runs', () => {
  let runId = ''

  it('should refuse caseworkers and administrators (403) and send the anonymous to sign in', async () => {
    expect((await caseworker.get('/zahlungen')).status).toBe(403)
    expect((await admin.get('/zahlungen')).status).toBe(403)
    expect((await admin.post('/zahlungen/neu', { monat: monthInput(target) })).status).toBe(403)
    const res = await anonymous.get('/zahlungen')
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toContain('/anmelden')
  })

  it('should refuse a month in the wrong form with 422, a German message and nothing stored', async () => {
    const res = await lead.post('/zahlungen/neu', { monat: 'Dezember' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Geben Sie den Leistungsmonat als Monat und Jahr ein')
    const bad = await lead.post('/zahlungen/neu', { monat: monthInput(target), ausfuehrung: '31.02.2026' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie als Ausführungsdatum einen Werktag')
    expect(await ctx.db.selectFrom('payment_run').select('id').execute()).toHaveLength(0)
  })

  it('should compute a preview with arrears, ongoing and prorated lines, each tracing to its decision', async () => {
    const res = await lead.post('/zahlungen/neu', { monat: monthInput(target) })
    expect(res.status).toBe(303)
    runId = redirectTarget(res).split('/')[2]?.split('?')[0] ?? ''
    const run = await ctx.db
      .selectFrom('payment_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'preview', target_month: target, item_count: 2 })
    expect(run.execution_date).toBe(defaultExecutionDate(target, today))
    // 2 × 983,50 € for the first case (this month as arrears + next month), 300,00 € (15/30 of 600,00 €).
    expect(run.total_cents).toBe(2 * 98_350 + 30_000)
    const lines = await ctx.db
      .selectFrom('payment_line')
      .innerJoin('decision', 'decision.id', 'payment_line.decision_id')
      .select([
        'payment_line.application_id',
        'decision.application_id as decision_case',
        'payment_line.kind',
        'service_month',
        'amount_cents',
        'rule',
        'benefit_days',
      ])
      .orderBy('payment_line.id')
      .execute()
    expect(lines).toHaveLength(5)
    expect(lines.every((l) => l.decision_case === l.application_id)).toBe(true)
    expect(lines.filter((l) => l.application_id === grantedId).map((l) => [l.kind, l.service_month])).toEqual(
      [
        ['arrears', previous],
        ['arrears', previous],
        ['ongoing', target],
        ['ongoing', target],
      ],
    )
    expect(lines.filter((l) => l.application_id === laterId)).toMatchObject([
      { kind: 'ongoing', amount_cents: 30_000, rule: 'prorated_30', benefit_days: 15 },
    ])
    const page = await lead.get(redirectTarget(res))
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Die Vorschau wurde berechnet')
    expect(html).toContain('anteilig 15/30')
    expect(html).toContain('2.267,00')
    expect(html).toContain('Sie haben diesen Zahllauf berechnet')
    expect(html).not.toContain('DE02120300000000202051')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', runId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['payment.run_preview', 'payment.run_view'])
  })

  it('should refuse a second preview while one is open (422, German message)', async () => {
    const res = await lead.post('/zahlungen/neu', { monat: monthInput(target) })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Es gibt bereits eine Vorschau')
    expect(await ctx.db.selectFrom('payment_run').select('id').execute()).toHaveLength(1)
  })

  it('should not offer files before release (404)', async () => {
    const res = await head.get(`/zahlungen/${runId}/pain001.xml`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Die Zahlungsdateien entstehen erst mit der Freigabe')
  })

  it('should refuse the release by someone not acting for the approving post (403)', async () => {
    const res = await otherHead.post(`/zahlungen/${runId}/freigeben`, {})
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Freigeben kann nur, wer gerade für die anordnende Stelle handelt')
    const run = await ctx.db
      .selectFrom('payment_run')
      .select('status')
      .where('id', '=', runId)
      .executeTakeFirst()
    expect(run?.status).toBe('preview')
  })

  it('should let the division head release, write a valid pain.001 and the cash office CSV', async () => {
    const page = await head.get(`/zahlungen/${runId}`)
    expect(await page.text()).toContain('Zahllauf freigeben')
    const res = await head.post(`/zahlungen/${runId}/freigeben`, {})
    expect(res.status).toBe(303)
    const run = await ctx.db
      .selectFrom('payment_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'released', released_by: headUserId, released_acting_kind: 'holder' })
    const xml = await head.get(`/zahlungen/${runId}/pain001.xml`)
    expect(xml.status).toBe(200)
    expect(xml.headers.get('content-disposition')).toContain('.pain.001.001.09.xml')
    const body = await xml.text()
    expectValidPain001(body)
    const items = await ctx.db.selectFrom('payment_item').select(['end_to_end_id', 'amount_cents']).execute()
    for (const item of items) {
      expect(body).toContain(`<EndToEndId>${item.end_to_end_id}</EndToEndId>`)
    }
    expect(body).toContain('<CtrlSum>2267.00</CtrlSum>')
    const csv = await head.get(`/zahlungen/${runId}/zahlungsanordnung.csv`)
    const rows: string[][] = parseCsv((await csv.text()).replace(/^\uFEFF/, ''), { delimiter: ';' })
    expect(rows).toHaveLength(4)
    expect(rows[3]?.[7]).toBe('2267,00')
    const actions = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', runId)
      .where('action', 'in', ['payment.run_release', 'payment.file_download'])
      .execute()
    expect(actions.map((a) => a.action).sort()).toEqual([
      'payment.file_download',
      'payment.file_download',
      'payment.run_release',
    ])
  })

  it('should keep a released run, its items and lines immutable in the database', async () => {
    await expect(
      ctx.db.updateTable('payment_run').set({ total_cents: 1 }).where('id', '=', runId).execute(),
    ).rejects.toThrow('immutable')
    await expect(ctx.db.deleteFrom('payment_run').where('id', '=', runId).execute()).rejects.toThrow(
      'immutable',
    )
    await expect(
      ctx.db.updateTable('payment_item').set({ amount_cents: 1 }).where('run_id', '=', runId).execute(),
    ).rejects.toThrow('immutable')
    await expect(
      sql`update payment_line set amount_cents = 1 where application_id = ${grantedId}`.execute(ctx.db),
    ).rejects.toThrow('immutable')
    await expect(sql`delete from payment_line`.execute(ctx.db)).rejects.toThrow('immutable')
    const item = await ctx.db.selectFrom('payment_item').select('id').limit(1).executeTakeFirstOrThrow()
    await expect(
      ctx.db
        .insertInto('payment_line')
        .values({
          item_id: item.id,
          application_id: grantedId,
          kind: 'arrears',
          service_month: previous,
          amount_cents: 100,
          decision_id: null,
          one_off_id: null,
          component: 'x',
          legal_basis: 'x',
          covered_from: `${previous}-01`,
          covered_to: `${previous}-01`,
          benefit_days: 0,
          rule: 'difference',
        })
        .execute(),
    ).rejects.toThrow('immutable')
    const released = await head.post(`/zahlungen/${runId}/freigeben`, {})
    expect(released.status).toBe(409)
    expect(await released.text()).toContain('bereits freigegeben')
  })

  it('should find nothing due when the same month is run again (no double payment)', async () => {
    const res = await lead.post('/zahlungen/neu', { monat: monthInput(target) })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Für diesen Monat ist nichts zu zahlen')
  })

  it('should refuse the release by the person who computed the run, even when acting for the post', async () => {
    // A raise from the first of the target month: the difference is due.
    await buildGrantedCaseRaise()
    const res = await head.post('/zahlungen/neu', { monat: monthInput(target) })
    expect(res.status).toBe(303)
    const id = redirectTarget(res).split('/')[2]?.split('?')[0] ?? ''
    const release = await head.post(`/zahlungen/${id}/freigeben`, {})
    expect(release.status).toBe(403)
    expect(await release.text()).toContain('nicht selbst freigeben')
    const lines = await ctx.db
      .selectFrom('payment_line as l')
      .innerJoin('payment_item as i', 'i.id', 'l.item_id')
      .select(['l.kind', 'l.amount_cents'])
      .where('i.run_id', '=', id)
      .execute()
    expect(lines).toEqual([{ kind: 'difference', amount_cents: 1_650 }])
    const discard = await head.post(`/zahlungen/${id}/verwerfen`, {})
    expect(discard.status).toBe(303)
    expect(await ctx.db.selectFrom('payment_run').select('id').where('id', '=', id).execute()).toHaveLength(0)
  })

  it('should answer 404 for an unknown run', async () => {
    expect((await head.get('/zahlungen/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await head.get('/zahlungen/kein-lauf')).status).toBe(404)
  })
})

async function buildGrantedCaseRaise() {
  await buildPaymentDecision(ctx.db, grantedId, headUserId, {
    periodFrom: `${target}-01`,
    components: [
      { label: 'Regelbedarf (Regelbedarfsstufe 1)', cents: 57_950 },
      { label: 'Kosten der Unterkunft und Heizung', cents: 42_050 },
    ],
    finalAt: new Date(),
  })
}
