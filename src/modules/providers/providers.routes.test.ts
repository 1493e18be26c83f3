// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildContract, buildProvider } from '../../../test/factories/providers.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'
import { todayIso } from '../../shared/dates.js'
import { addDays } from './providers.rules.js'
import * as service from './providers.service.js'

/** Amounts as the pages print them (Intl puts a no-break space before the euro sign). */
const euro = (amount: string) => `${amount}\u00a0€`

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

let ctx: TestContext
let lead: TestClient
let head: TestClient
let auditor: TestClient
let caseworker: TestClient
let admin: TestClient

beforeAll(async () => {
  ctx = await freshTestContext()
  lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'team_lead' }))
  head = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'department_head' }))
  auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
  caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
})
afterAll(async () => {
  await ctx.close()
})

const auditCount = async (action: string) =>
  (await ctx.db.selectFrom('audit_event').select('id').where('action', '=', action).execute()).length

describe('provider register: roles', () => {
  it.each([
    ['team lead', () => lead],
    ['department head', () => head],
    ['auditor', () => auditor],
  ])('should show the overview to the %s with 200', async (_name, client) => {
    const res = await client().get('/traeger')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Träger und Budgetverträge')
  })

  it.each([
    ['caseworker', () => caseworker],
    ['administrator', () => admin],
  ])('should refuse the overview to the %s with 403', async (_name, client) => {
    expect((await client().get('/traeger')).status).toBe(403)
  })

  it('should refuse changes by the auditor with 403 and store nothing', async () => {
    const before = (await ctx.db.selectFrom('provider').select('id').execute()).length
    const res = await auditor.post('/traeger/neu', { name: 'Prüfträger e.V.', address: 'Weg 1, 12345 Ort' })
    expect(res.status).toBe(403)
    expect((await ctx.db.selectFrom('provider').select('id').execute()).length).toBe(before)
    expect(await (await auditor.get('/traeger')).text()).not.toContain('Träger erfassen')
  })

  it('should refuse changes by a caseworker with 403', async () => {
    expect(
      (await caseworker.post('/traeger/neu', { name: 'X e.V.', address: 'Weg 1, 12345 Ort' })).status,
    ).toBe(403)
  })

  it('should send a browser without a session to the sign-in page', async () => {
    const res = await ctx.app.request('/traeger')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('/anmelden')
  })
})

describe('provider register: providers and contracts', () => {
  it('should register a provider, audit it and show it', async () => {
    const res = await lead.post('/traeger/neu', {
      name: 'Diakonie Musterstadt e.V.',
      legalForm: 'e.V.',
      address: 'Kirchplatz 2, 12345 Musterstadt',
      contactRole: 'Vertragsmanagement',
      contactEmail: 'vertraege@diakonie.example',
    })
    expect(res.status).toBe(303)
    const page = await lead.get(redirectTarget(res))
    const html = await page.text()
    expect(html).toContain('Diakonie Musterstadt e.V.')
    expect(html).toContain('Der Träger wurde erfasst.')
    expect(await auditCount('provider.create')).toBe(1)
  })

  it('should refuse an incomplete provider with 422, German errors and nothing stored', async () => {
    const before = (await ctx.db.selectFrom('provider').select('id').execute()).length
    const res = await lead.post('/traeger/neu', { name: '', address: 'x', contactEmail: 'keine-adresse' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.')
    expect(html).toContain('Bitte geben Sie 5 bis 500 Zeichen ein.')
    expect(html).toContain('Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.')
    expect((await ctx.db.selectFrom('provider').select('id').execute()).length).toBe(before)
  })

  it('should refuse a second provider with the same name with 422', async () => {
    const existing = await buildProvider(ctx.db)
    const res = await lead.post('/traeger/neu', { name: existing.name, address: 'Weg 1, 12345 Ort' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Ein Träger mit diesem Namen ist bereits erfasst.')
  })

  it('should record a budget contract with its notice deadline and full remaining budget', async () => {
    const provider = await buildProvider(ctx.db)
    const res = await lead.post(`/traeger/${provider.id}/vertraege/neu`, {
      kind: 'budget',
      title: 'Migrationsberatung',
      reference: 'BV-2026-001',
      validFrom: '01.01.2026',
      validTo: '31.12.2027',
      noticeMonths: '3',
      reminderLeadDays: '60',
      annualBudget: '250.000,00',
    })
    expect(res.status).toBe(303)
    const html = await (await lead.get(redirectTarget(res))).text()
    expect(html).toContain('BV-2026-001')
    expect(html).toContain('30.09.2027')
    expect(html).toContain(euro('250.000,00'))
    const row = await ctx.db
      .selectFrom('provider_contract')
      .selectAll()
      .where('reference', '=', 'BV-2026-001')
      .executeTakeFirstOrThrow()
    expect(row.annual_budget_cents).toBe(25_000_000)
    expect(await auditCount('provider_contract.create')).toBeGreaterThanOrEqual(1)
  })

  it('should refuse a contract ending before it starts and a budget contract without budget with 422', async () => {
    const provider = await buildProvider(ctx.db)
    const res = await lead.post(`/traeger/${provider.id}/vertraege/neu`, {
      kind: 'budget',
      title: 'Falsch',
      reference: 'BV-FALSCH',
      validFrom: '01.01.2027',
      validTo: '31.12.2026',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Das Vertragsende darf nicht vor dem Vertragsbeginn liegen.')
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.')
    expect(
      await ctx.db
        .selectFrom('provider_contract')
        .select('id')
        .where('reference', '=', 'BV-FALSCH')
        .execute(),
    ).toEqual([])
  })

  it('should refuse an operator contract without a site with 422', async () => {
    const provider = await buildProvider(ctx.db)
    const res = await lead.post(`/traeger/${provider.id}/vertraege/neu`, {
      kind: 'operator',
      title: 'Betrieb',
      reference: 'BT-OHNE',
      validFrom: '01.01.2027',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Bitte wählen Sie die Unterkunft aus')
  })

  it('should book payments and show the remaining budget of the contract year', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id, { annualBudgetCents: 100_000_00 })
    const res = await head.post(`/traeger/vertraege/${contract.id}/zahlungen`, {
      paidOn: '15.02.2026',
      amount: '12.500,50',
      reference: 'Abschlag Februar',
    })
    expect(res.status).toBe(303)
    const html = await (await head.get(`/traeger/vertraege/${contract.id}`)).text()
    expect(html).toContain(euro('12.500,50'))
    expect(html).toContain(euro('87.499,50'))
    expect(await auditCount('provider_payment.book')).toBe(1)
  })

  it('should refuse a payment of zero or outside the term with 422 and book nothing', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    const zero = await head.post(`/traeger/vertraege/${contract.id}/zahlungen`, {
      paidOn: '15.02.2026',
      amount: '0',
      reference: 'Null',
    })
    expect(zero.status).toBe(422)
    expect(await zero.text()).toContain('Bitte geben Sie einen Betrag in Euro ein')
    const outside = await head.post(`/traeger/vertraege/${contract.id}/zahlungen`, {
      paidOn: '15.02.2030',
      amount: '10,00',
      reference: 'Zu spät',
    })
    expect(outside.status).toBe(422)
    expect(await outside.text()).toContain('Das Zahlungsdatum liegt außerhalb der Vertragslaufzeit.')
    expect(
      await ctx.db
        .selectFrom('provider_payment')
        .select('id')
        .where('contract_id', '=', contract.id)
        .execute(),
    ).toEqual([])
  })

  it('should refuse a payment by the auditor with 403', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    const res = await auditor.post(`/traeger/vertraege/${contract.id}/zahlungen`, {
      paidOn: '15.02.2026',
      amount: '10,00',
      reference: 'Prüfer',
    })
    expect(res.status).toBe(403)
  })

  it('should store a contract document encrypted and hand it out again, audited', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    const res = await lead.upload(`/traeger/vertraege/${contract.id}/dokumente`, {
      name: 'Vertrag.pdf',
      bytes: PDF,
    })
    expect(res.status).toBe(303)
    const doc = await ctx.db
      .selectFrom('provider_contract_document')
      .selectAll()
      .where('contract_id', '=', contract.id)
      .executeTakeFirstOrThrow()
    expect(doc.media_type).toBe('application/pdf')
    const download = await auditor.get(`/traeger/vertraege/${contract.id}/dokumente/${doc.id}`)
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF)
    expect(await auditCount('provider_contract.document_view')).toBe(1)
  })

  it('should refuse a document that is not PDF, JPEG or PNG with 422', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    const res = await lead.upload(`/traeger/vertraege/${contract.id}/dokumente`, {
      name: 'Vertrag.pdf',
      bytes: new TextEncoder().encode('kein pdf'),
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Die Datei muss ein PDF, JPEG oder PNG sein.')
  })

  it('should renegotiate a contract once and show the chain with the budget change', async () => {
    const provider = await buildProvider(ctx.db)
    const first = await buildContract(ctx.db, provider.id, {
      reference: 'BV-KETTE-1',
      validFrom: '2024-01-01',
      validTo: '2025-12-31',
      annualBudgetCents: 100_000_00,
    })
    const res = await lead.post(`/traeger/vertraege/${first.id}/neuverhandeln`, {
      title: 'Fortsetzung',
      reference: 'BV-KETTE-2',
      validFrom: '01.01.2026',
      validTo: '31.12.2027',
      annualBudget: '110.000,00',
    })
    expect(res.status).toBe(303)
    const second = await ctx.db
      .selectFrom('provider_contract')
      .selectAll()
      .where('reference', '=', 'BV-KETTE-2')
      .executeTakeFirstOrThrow()
    expect(second.predecessor_id).toBe(first.id)
    expect(second.kind).toBe('budget')
    const history = await (await auditor.get(`/traeger/vertraege/${first.id}/verlauf`)).text()
    expect(history).toContain('BV-KETTE-1')
    expect(history).toContain('BV-KETTE-2')
    expect(history).toContain(euro('+10.000,00'))
    const again = await lead.post(`/traeger/vertraege/${first.id}/neuverhandeln`, {
      title: 'Noch einmal',
      reference: 'BV-KETTE-3',
      validFrom: '01.01.2027',
      annualBudget: '1,00',
    })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('Dieser Vertrag wurde bereits neu verhandelt.')
    expect(await auditCount('provider_contract.renegotiate')).toBe(1)
  })

  it('should list a contract whose notice deadline lies within its lead time as due soon', async () => {
    const provider = await buildProvider(ctx.db, { name: 'Fristträger e.V.' })
    // Ends in 100 days with 3 months' notice: the notice deadline lies about 10 days ahead.
    await buildContract(ctx.db, provider.id, {
      reference: 'BV-BALD',
      validFrom: '2025-01-01',
      validTo: addDays(todayIso(), 100),
    })
    const html = await (await head.get('/traeger')).text()
    expect(html).toContain('BV-BALD (Fristträger e.V.)')
    expect(html).toMatch(/Kündigungsfrist endet \(in \d+ Tagen\)/)
  })

  it('should answer 404 for an unknown contract', async () => {
    expect((await lead.get('/traeger/vertraege/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('provider register: concurrent renegotiation', () => {
  it('should accept one of two simultaneous renegotiations of a contract and refuse the other with a field error', async () => {
    const user = await buildStaffUser(ctx.db, { role: 'team_lead' })
    const staff = { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
    const provider = await buildProvider(ctx.db)
    const first = await buildContract(ctx.db, provider.id, { validFrom: '2024-01-01', validTo: '2025-12-31' })
    const attempt = (reference: string) =>
      service.createContract(
        ctx.db,
        staff,
        provider.id,
        { title: 'Fortsetzung', reference, validFrom: '01.01.2026', annualBudget: '1.000,00' },
        null,
        first.id,
      )
    const results = await Promise.all([attempt('BV-PARALLEL-A'), attempt('BV-PARALLEL-B')])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, errors: { reference: 'Dieser Vertrag wurde bereits neu verhandelt.' } },
    ])
    expect(
      await ctx.db
        .selectFrom('provider_contract')
        .select('id')
        .where('predecessor_id', '=', first.id)
        .execute(),
    ).toHaveLength(1)
  })
})

describe('provider register: reminder settings', () => {
  it('should change the renegotiation date and lead time, audited, and put the contract on the due-soon list', async () => {
    const provider = await buildProvider(ctx.db, { name: 'Erinnerungsträger e.V.' })
    const contract = await buildContract(ctx.db, provider.id, {
      reference: 'BV-ERINNERUNG',
      validFrom: '2025-01-01',
      validTo: '2030-12-31',
    })
    const soon = addDays(todayIso(), 20)
    const res = await lead.post(`/traeger/vertraege/${contract.id}/erinnerung`, {
      renegotiationOn: soon,
      reminderLeadDays: '30',
    })
    expect(res.status).toBe(303)
    const row = await ctx.db
      .selectFrom('provider_contract')
      .select(['renegotiation_on', 'reminder_lead_days'])
      .where('id', '=', contract.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ renegotiation_on: soon, reminder_lead_days: 30 })
    expect(await (await head.get('/traeger')).text()).toContain('BV-ERINNERUNG (Erinnerungsträger e.V.)')
    expect(await auditCount('provider_contract.reminders_change')).toBe(1)
  })

  it('should refuse a lead time outside 1 to 365 days with 422 and change nothing', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    const res = await lead.post(`/traeger/vertraege/${contract.id}/erinnerung`, { reminderLeadDays: '0' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Bitte geben Sie eine ganze Zahl von 1 bis 365 ein.')
    const row = await ctx.db
      .selectFrom('provider_contract')
      .select('reminder_lead_days')
      .where('id', '=', contract.id)
      .executeTakeFirstOrThrow()
    expect(row.reminder_lead_days).toBe(60)
  })

  it('should refuse the auditor with 403', async () => {
    const provider = await buildProvider(ctx.db)
    const contract = await buildContract(ctx.db, provider.id)
    expect(
      (await auditor.post(`/traeger/vertraege/${contract.id}/erinnerung`, { reminderLeadDays: '10' })).status,
    ).toBe(403)
  })
})

describe('provider register: editing master data', () => {
  it('should change a provider, audit old and new values, and refuse bad input with 422 and nothing stored', async () => {
    const provider = await buildProvider(ctx.db, { name: 'Alter Name e.V.' })
    const form = await lead.get(`/traeger/${provider.id}/bearbeiten`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('Alter Name e.V.')

    const bad = await lead.post(`/traeger/${provider.id}/bearbeiten`, {
      name: 'X',
      address: provider.address,
      contactEmail: 'keine-adresse',
    })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Bitte geben Sie 2 bis 200 Zeichen ein.')
    const unchanged = await ctx.db
      .selectFrom('provider')
      .selectAll()
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow()
    expect(unchanged.name).toBe('Alter Name e.V.')

    const ok = await lead.post(`/traeger/${provider.id}/bearbeiten`, {
      name: 'Neuer Name e.V.',
      legalForm: provider.legal_form ?? '',
      address: provider.address,
      contactRole: provider.contact_role ?? '',
      contactEmail: provider.contact_email ?? '',
    })
    expect(ok.status).toBe(303)
    const page = await lead.get(`/traeger/${provider.id}?erledigt=provider_updated`)
    const html = await page.text()
    expect(html).toContain('Neuer Name e.V.')
    expect(html).toContain('Die Stammdaten des Trägers wurden gespeichert.')
    const [audit] = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'provider.update')
      .where('subject_id', '=', provider.id)
      .execute()
    expect(audit?.details).toEqual({
      before: { name: 'Alter Name e.V.' },
      after: { name: 'Neuer Name e.V.' },
    })
  })

  it('should refuse a name another provider has, and refuse auditors and caseworkers with 403', async () => {
    const one = await buildProvider(ctx.db, { name: 'Erster Träger e.V.' })
    await buildProvider(ctx.db, { name: 'Zweiter Träger e.V.' })
    const taken = await lead.post(`/traeger/${one.id}/bearbeiten`, {
      name: 'Zweiter Träger e.V.',
      address: one.address,
    })
    expect(taken.status).toBe(422)
    expect((await auditor.get(`/traeger/${one.id}/bearbeiten`)).status).toBe(403)
    expect(
      (await caseworker.post(`/traeger/${one.id}/bearbeiten`, { name: 'Y e.V.', address: one.address }))
        .status,
    ).toBe(403)
    const row = await ctx.db
      .selectFrom('provider')
      .select('name')
      .where('id', '=', one.id)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('Erster Träger e.V.')
  })
})
