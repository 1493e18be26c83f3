// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildAbsence, buildOrgUnit, SYSTEM_ACTOR } from '../../../test/factories/organisation.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { buildGrantedCase } from '../../../test/factories/payments.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { organisationService } from '../organisation/index.js'
import { cardKeyringFor } from '../payment-card/index.js'
import { PaymentRefusedError } from './payments.errors.js'
import { computeRun, createPreview, releaseRun } from './payments.service.js'

let ctx: TestContext
let head: StaffWithPost
let deputy: StaffWithPost
let lead: StaffPrincipal

// A fixed clock: the run is computed on 20 November 2026 for December.
const at = new Date('2026-11-20T09:00:00Z')
const debtor = { name: 'Stadt', iban: 'DE89023000000000451001', bic: null }

function principal(user: {
  id: string
  username: string
  displayName: string
  role: StaffPrincipal['role']
}) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const division = await buildOrgUnit(ctx.db, { kind: 'division', parentId: null })
  head = await buildStaffWithPost(ctx.db, { unitId: division.id, role: 'division_head', isHeadOfUnit: true })
  deputy = await buildStaffWithPost(ctx.db, { unitId: division.id, role: 'department_head' })
  await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
    postId: head.postId,
    deputyPostId: deputy.postId,
    kind: 'permanent',
    validFrom: new Date('2020-01-01T00:00:00Z'),
    validTo: null,
  })
  lead = principal(await buildStaffUser(ctx.db, { role: 'team_lead' }))
})

afterAll(async () => {
  await ctx.close()
})

describe('computeRun over stored cases', () => {
  it('should skip a case without a valid account, hold a suspended one, stop a closed one and pay a one-off', async () => {
    const noAccount = await buildGrantedCase(ctx.db, lead.id, {
      periodFrom: '2026-12-01',
      surname: 'Ohnekonto',
    })
    await sql`update application set answers = jsonb_set(answers, '{bankAccount,iban}', '"DE00123"')
      where id = ${noAccount.applicationId}`.execute(ctx.db)
    const held = await buildGrantedCase(ctx.db, lead.id, { periodFrom: '2026-12-01', surname: 'Angehalten' })
    await ctx.db
      .insertInto('payment_suspension')
      .values({
        application_id: held.applicationId,
        valid_from: '2026-11-01',
        valid_to: null,
        reason: 'Unzustellbar',
      })
      .execute()
    const closed = await buildGrantedCase(ctx.db, lead.id, {
      periodFrom: '2026-11-01',
      surname: 'Geschlossen',
      components: [{ label: 'Regelbedarf', cents: 60_000 }],
    })
    await ctx.db
      .updateTable('application')
      .set({ status: 'closed', status_changed_at: new Date('2026-11-15T10:00:00Z') })
      .where('id', '=', closed.applicationId)
      .execute()
    const oneOff = await buildGrantedCase(ctx.db, lead.id, { periodFrom: '2026-12-01', surname: 'Einmal' })
    await ctx.db
      .insertInto('payment_one_off')
      .values({
        application_id: oneOff.applicationId,
        decision_id: oneOff.decisionId,
        label: 'Erstausstattung',
        amount_cents: 85_000,
        due_on: '2026-12-01',
        legal_basis: '§ 31 SGB XII',
      })
      .execute()

    const run = await computeRun(ctx.db, '2026-12', at)
    expect(run.skipped).toEqual(
      expect.arrayContaining([
        {
          applicationId: noAccount.applicationId,
          reference: noAccount.reference,
          reason: 'no_account',
          cents: 98_350,
        },
        { applicationId: held.applicationId, reference: held.reference, reason: 'held', cents: 98_350 },
      ]),
    )
    const byCase = new Map(run.payments.map((p) => [p.applicationId, p]))
    // Closed on 15 November: half of November as arrears, nothing for December.
    expect(byCase.get(closed.applicationId)?.lines.map((l) => [l.kind, l.serviceMonth, l.cents])).toEqual([
      ['arrears', '2026-11', 30_000],
    ])
    expect(byCase.get(oneOff.applicationId)?.cents).toBe(98_350 + 85_000)
    expect(byCase.get(oneOff.applicationId)?.payee).toMatchObject({
      source: 'application',
      iban: 'DE02120300000000202051',
      address: {
        street: 'Große Burgstraße',
        buildingNumber: '12',
        postalCode: '23552',
        town: 'Lübeck',
        country: 'DE',
      },
    })
  })
})

describe('payee of a card household', () => {
  it('should pay to the active card and fall back to the bank account once the card is blocked', async () => {
    const keyring = await cardKeyringFor(ctx.deps.config)
    const onCard = await buildGrantedCase(ctx.db, lead.id, {
      periodFrom: '2026-12-01',
      surname: 'Kartenhalter',
    })
    const adult = await buildMember(ctx.db, onCard.applicationId, { surname: 'Kartenhalter' })
    const card = await buildCard(ctx.db, keyring, onCard.applicationId, adult.id, {
      iban: 'DE75512108001245126199',
      history: [
        { status: 'ordered', at: new Date('2026-10-01T00:00:00Z') },
        { status: 'active', at: new Date('2026-10-05T00:00:00Z') },
        { status: 'blocked', at: new Date('2026-11-25T00:00:00Z') },
      ],
    })

    const whileActive = await computeRun(ctx.db, '2026-12', at)
    expect(whileActive.payments.find((p) => p.applicationId === onCard.applicationId)?.payee).toMatchObject({
      source: 'card',
      sourceRef: card.id,
      iban: 'DE75512108001245126199',
      name: 'Amira Kartenhalter',
      address: null,
    })

    const afterBlocking = await computeRun(ctx.db, '2026-12', new Date('2026-11-26T09:00:00Z'))
    expect(afterBlocking.payments.find((p) => p.applicationId === onCard.applicationId)?.payee).toMatchObject(
      {
        source: 'application',
        sourceRef: null,
        iban: 'DE02120300000000202051',
      },
    )
  })
})

describe('four-eyes release', () => {
  it('should let the permanent deputy release i.V. while the division head is absent, and not the head', async () => {
    await buildAbsence(
      ctx.db,
      head.personId,
      new Date('2026-11-19T00:00:00Z'),
      new Date('2026-11-30T00:00:00Z'),
    )
    const id = await createPreview(ctx.db, lead, { targetMonth: '2026-12', executionDate: '2026-11-30' }, at)
    await expect(releaseRun(ctx.db, debtor, principal(head), id, at)).rejects.toMatchObject({
      refusal: 'not_acting_for_approval_post',
    })
    await releaseRun(ctx.db, debtor, principal(deputy), id, at)
    const run = await ctx.db
      .selectFrom('payment_run')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(run).toMatchObject({
      status: 'released',
      released_by: deputy.id,
      released_acting_kind: 'deputy',
      released_via_post_id: deputy.postId,
    })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', id)
      .where('action', '=', 'payment.run_release')
      .executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ targetMonth: '2026-12', actingFor: head.postId })
  })

  it('should refuse a target month too far ahead and an execution date on a weekend', async () => {
    await expect(
      createPreview(ctx.db, lead, { targetMonth: '2027-06', executionDate: '2026-11-30' }, at),
    ).rejects.toBeInstanceOf(PaymentRefusedError)
    await expect(
      createPreview(ctx.db, lead, { targetMonth: '2027-01', executionDate: '2026-11-28' }, at),
    ).rejects.toMatchObject({ refusal: 'invalid_execution_date' })
  })
})
