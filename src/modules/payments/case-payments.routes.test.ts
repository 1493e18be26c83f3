// SPDX-License-Identifier: EUPL-1.2
/** The caseworker's payment screens on a case: one-off grants, suspending and resuming payments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildGrantedCase } from '../../../test/factories/payments.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'
import { computeRun } from './payments.service.js'

let ctx: TestContext
let worker: TestClient
let stranger: TestClient
let auditor: TestClient
let admin: TestClient
let applicationId = ''
let page = ''

const GRANT = {
  betrag: '1.250,50',
  zweck: 'Erstausstattung der Wohnung',
  rechtsgrundlage: '§ 31 Abs. 1 Nr. 1 SGB XII',
  monat: '12.2026',
}

async function audits(action: string) {
  return ctx.db
    .selectFrom('audit_event')
    .select('details')
    .where('action', '=', action)
    .where('subject_id', '=', applicationId)
    .execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const caseworker = await buildStaffWithPost(ctx.db, { role: 'caseworker' })
  const granted = await buildGrantedCase(ctx.db, caseworker.id, {
    periodFrom: '2026-12-01',
    surname: 'Einmalig',
    postId: caseworker.postId,
  })
  applicationId = granted.applicationId
  page = `/sachbearbeitung/antraege/${applicationId}/zahlungen`
  worker = await signIn(ctx.app, caseworker)
  stranger = await signIn(ctx.app, await buildStaffWithPost(ctx.db, { role: 'caseworker' }))
  auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
})

afterAll(async () => {
  await ctx.close()
})

describe('payment screens of a case', () => {
  it('should link the payment page from the case page and show it only to those who may see the case', async () => {
    const casePage = await (await worker.get(`/sachbearbeitung/antraege/${applicationId}`)).text()
    expect(casePage).toContain(`href="${page}"`)
    const res = await worker.get(page)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Einmalige Leistung erfassen')
    expect(html).toContain('Die Zahlung ist nicht eingestellt.')
    expect(await audits('payment.case_view')).toHaveLength(1)
    expect((await stranger.get(page)).status).toBe(404)
    expect((await admin.get(page)).status).toBe(403)
    expect((await stranger.post(`${page}/einmalige-leistung`, GRANT)).status).toBe(404)
    expect((await auditor.post(`${page}/einmalige-leistung`, GRANT)).status).toBe(403)
    const readOnly = await (await auditor.get(page)).text()
    expect(readOnly).not.toContain('Einmalige Leistung erfassen')
    expect(await ctx.db.selectFrom('payment_one_off').select('id').execute()).toHaveLength(0)
  })

  it('should refuse a bad one-off grant with 422, German messages, the values kept and nothing stored', async () => {
    const res = await worker.post(`${page}/einmalige-leistung`, {
      ...GRANT,
      betrag: '12,345',
      monat: '2026/12',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Geben Sie einen Betrag in Euro über 0 und bis 100.000,00 ein')
    expect(html).toContain('Geben Sie den Fälligkeitsmonat als Monat und Jahr ein')
    expect(html).toContain('value="Erstausstattung der Wohnung"')
    expect(await ctx.db.selectFrom('payment_one_off').select('id').execute()).toHaveLength(0)
  })

  it('should record a one-off grant, note it in the timeline, audit it and let the next run pay it', async () => {
    const res = await worker.post(`${page}/einmalige-leistung`, GRANT)
    expect(res.status).toBe(303)
    const row = await ctx.db
      .selectFrom('payment_one_off')
      .select(['id', 'amount_cents', 'due_on', 'label', 'legal_basis', 'decision_id'])
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      amount_cents: 125_050,
      due_on: '2026-12-01',
      label: 'Erstausstattung der Wohnung',
      legal_basis: '§ 31 Abs. 1 Nr. 1 SGB XII',
    })
    expect(row.decision_id).not.toBeNull()
    expect(await audits('payment.one_off_recorded')).toHaveLength(1)
    const casePage = await (await worker.get(`/sachbearbeitung/antraege/${applicationId}`)).text()
    expect(casePage).toContain('Einmalige Leistung erfasst: 1.250,50')
    const listed = await (await worker.get(`${page}?hinweis=einmalig`)).text()
    expect(listed).toContain('Die einmalige Leistung ist erfasst.')
    expect(listed).toContain('mit dem nächsten Zahllauf')
    const run = await computeRun(ctx.db, '2026-12', new Date('2026-11-20T09:00:00Z'))
    const payment = run.payments.find((p) => p.applicationId === applicationId)
    expect(payment?.lines.find((l) => l.kind === 'one_off')).toMatchObject({
      oneOffId: row.id,
      cents: 125_050,
    })
  })

  it('should hold the next run for a suspension that starts with its target month', async () => {
    const res = await worker.post(`${page}/einstellen`, { ab: '01.12.2026', grund: 'Aufenthalt unbekannt' })
    expect(res.status).toBe(303)
    const run = await computeRun(ctx.db, '2026-12', new Date('2026-11-20T09:00:00Z'))
    expect(run.skipped.find((s) => s.applicationId === applicationId)?.reason).toBe('held')
    // Withdrawn for the test that follows: the row goes, as the case file would be corrected.
    await ctx.db.deleteFrom('payment_suspension').where('application_id', '=', applicationId).execute()
  })

  it('should suspend payments from a date (held by the next run) and refuse a second suspension', async () => {
    const bad = await worker.post(`${page}/einstellen`, { ab: '31.11.2026', grund: 'x' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Geben Sie ein gültiges Datum ein')
    expect(badHtml).toContain('Geben Sie einen Grund ein (3 bis 1000 Zeichen).')
    const res = await worker.post(`${page}/einstellen`, {
      ab: '01.11.2026',
      grund: 'Post kommt unzustellbar zurück',
    })
    expect(res.status).toBe(303)
    const again = await worker.post(`${page}/einstellen`, { ab: '15.11.2026', grund: 'Noch einmal' })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('Die Zahlung ist für diesen Zeitraum bereits eingestellt.')
    expect(await ctx.db.selectFrom('payment_suspension').select('id').execute()).toHaveLength(1)
    expect(await audits('payment.suspended')).toHaveLength(2)
    const html = await (await worker.get(page)).text()
    expect(html).toContain('Die Zahlung ist eingestellt ab 01.11.2026. Grund: Post kommt unzustellbar zurück')
    expect(html).toContain('Zahlung wieder aufnehmen')
    const casePage = await (await worker.get(`/sachbearbeitung/antraege/${applicationId}`)).text()
    expect(casePage).toContain('Zahlung eingestellt ab 01.11.2026.')
    const run = await computeRun(ctx.db, '2026-12', new Date('2026-11-20T09:00:00Z'))
    expect(run.payments.find((p) => p.applicationId === applicationId)).toBeUndefined()
    expect(run.skipped.find((s) => s.applicationId === applicationId)).toMatchObject({
      reason: 'held',
      cents: 98_350 + 125_050,
    })
  })

  it('should resume payments from a later date and pay the held money with the next run after it', async () => {
    const early = await worker.post(`${page}/fortsetzen`, {
      ab: '01.11.2026',
      grund: 'Neue Anschrift bekannt',
    })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('frühestens am Tag nach dem Beginn der Einstellung (01.11.2026)')
    const res = await worker.post(`${page}/fortsetzen`, { ab: '01.12.2026', grund: 'Neue Anschrift bekannt' })
    expect(res.status).toBe(303)
    const row = await ctx.db
      .selectFrom('payment_suspension')
      .select(['valid_from', 'valid_to', 'end_reason', 'ended_by'])
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      valid_from: '2026-11-01',
      valid_to: '2026-11-30',
      end_reason: 'Neue Anschrift bekannt',
    })
    expect(row.ended_by).not.toBeNull()
    expect(await audits('payment.resumed')).toHaveLength(1)
    const again = await worker.post(`${page}/fortsetzen`, { ab: '02.12.2026', grund: 'Noch einmal' })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('Die Zahlung ist nicht eingestellt.')
    // Paid in advance: the December run computed in November pays, because payments resume on 1 December.
    const december = await computeRun(ctx.db, '2026-12', new Date('2026-11-25T09:00:00Z'))
    expect(december.payments.find((p) => p.applicationId === applicationId)?.cents).toBe(98_350 + 125_050)
    const casePage = await (await worker.get(`/sachbearbeitung/antraege/${applicationId}`)).text()
    expect(casePage).toContain('Zahlung wieder aufgenommen ab 01.12.2026.')
  })
})
