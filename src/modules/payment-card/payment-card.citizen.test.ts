// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { cardKeyringFor } from './card-iban.js'

let ctx: TestContext
let holder: TestClient
let holderCase: { applicationId: string; reference: string; accessCode: string }
let noCard: TestClient

/** A citizen who looked up her status with reference and access code (as on the status page). */
async function citizenFor(c: { reference: string; accessCode: string }): Promise<TestClient> {
  const client = new TestClient(ctx.app)
  const res = await client.post('/antrag/status', { reference: c.reference, accessCode: c.accessCode })
  expect(res.status).toBe(200)
  return client
}

async function approvalsOf(applicationId: string) {
  return ctx.db.selectFrom('card_approval').selectAll().where('application_id', '=', applicationId).execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const keyring = await cardKeyringFor(ctx.deps.config)
  holderCase = await buildCase(ctx.db, { benefitType: 'asylblg' })
  const adult = await buildMember(ctx.db, holderCase.applicationId)
  await buildCard(ctx.db, keyring, holderCase.applicationId, adult.id, { iban: 'DE89370400440532013000' })
  holder = await citizenFor(holderCase)
  noCard = await citizenFor(await buildCase(ctx.db, { benefitType: 'asylblg' }))
})
afterAll(async () => {
  await ctx.close()
})

describe('citizen card requests', () => {
  it('should link the card page from the status page', async () => {
    const html = await (await holder.get('/antrag/status/ansicht')).text()
    expect(html).toContain('href="/antrag/bezahlkarte"')
  })

  it('should answer 404 without the status cookie', async () => {
    const res = await new TestClient(ctx.app).get('/antrag/bezahlkarte')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Die Eingangsbestätigung ist nicht mehr verfügbar.')
  })

  it('should show both forms to a cardholder, never the card IBAN, and audit the view', async () => {
    const res = await holder.get('/antrag/bezahlkarte')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Überweisung beantragen')
    expect(html).toContain('Nutzung außerhalb Schleswig-Holsteins beantragen')
    expect(html).toContain('Sie haben noch keine Freigabe beantragt.')
    expect(html).not.toContain('0532 0130')
    expect(html).not.toContain('532013000')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_type'])
      .where('subject_id', '=', holderCase.applicationId)
      .where('action', '=', 'payment_card.citizen_view')
      .execute()
    expect(audit).toEqual([{ action: 'payment_card.citizen_view', actor_type: 'citizen' }])
  })

  it('should refuse a bad transfer request with specific German errors (422) and store nothing', async () => {
    const res = await holder.post('/antrag/bezahlkarte', {
      art: 'ueberweisung',
      empfaenger: '',
      iban: 'DE02 1203 0000 0000 2020 52',
      zweck: 'Strom',
      betrag: 'viel',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Es gibt ein Problem')
    expect(html).toContain('Geben Sie an, an wen überwiesen werden soll.')
    expect(html).toContain('Die Prüfziffer der IBAN stimmt nicht.')
    expect(html).toContain('Geben Sie den Betrag in Euro ein, zum Beispiel 120,50.')
    expect(html).toContain('value="Strom"')
    expect(await approvalsOf(holderCase.applicationId)).toEqual([])
  })

  it('should refuse a travel request in the past (422) and store nothing', async () => {
    const res = await holder.post('/antrag/bezahlkarte', {
      art: 'reise',
      von: '01.01.2020',
      bis: '02.01.2020',
      grund: 'Besuch',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Der Beginn darf nicht in der Vergangenheit liegen.')
    expect(await approvalsOf(holderCase.applicationId)).toEqual([])
  })

  it('should store a valid transfer request and show it as open with its deadline', async () => {
    const res = await holder.post('/antrag/bezahlkarte', {
      art: 'ueberweisung',
      empfaenger: 'Stadtwerke Lübeck',
      iban: 'DE02 1203 0000 0000 2020 51',
      zweck: 'Abschlag Strom',
      betrag: '45',
    })
    expect(redirectTarget(res)).toBe('/antrag/bezahlkarte?gespeichert=1')
    const [row] = await approvalsOf(holderCase.applicationId)
    expect(row).toMatchObject({
      kind: 'transfer',
      requested_via: 'citizen',
      amount_cents: 4500,
      standing: false,
      status: 'open',
    })
    const html = await (await holder.get('/antrag/bezahlkarte?gespeichert=1')).text()
    expect(html).toContain('Der Antrag wurde gespeichert.')
    expect(html).toContain('Stadtwerke Lübeck')
    expect(html).toMatch(/offen – Entscheidung bis \d{2}\.\d{2}\.\d{4}/)
  })

  it('should show a refusal with its reason once staff decided', async () => {
    await ctx.db
      .updateTable('card_approval')
      .set({ status: 'refused', decided_at: new Date(), decision_reason: 'Bitte Rechnung vorlegen.' })
      .where('application_id', '=', holderCase.applicationId)
      .execute()
    const html = await (await holder.get('/antrag/bezahlkarte')).text()
    expect(html).toContain('abgelehnt am')
    expect(html).toContain('Bitte Rechnung vorlegen.')
  })

  it('should tell a household without a card so, show no forms, and refuse a request (409) without storing it', async () => {
    const html = await (await noCard.get('/antrag/bezahlkarte')).text()
    expect(html).toContain('Für Ihren Antrag ist keine Bezahlkarte ausgegeben.')
    expect(html).not.toContain('Überweisung beantragen')
    const before = await ctx.db.selectFrom('card_approval').select('id').execute()
    const res = await noCard.post('/antrag/bezahlkarte', {
      art: 'reise',
      von: '01.01.2099',
      bis: '02.01.2099',
      grund: 'Besuch',
    })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Für diesen Haushalt ist keine Bezahlkarte ausgegeben.')
    expect(await ctx.db.selectFrom('card_approval').select('id').execute()).toEqual(before)
  })
})
