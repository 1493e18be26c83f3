// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { resolvePayee } from '../payments/payee.js'
import { cardKeyringFor, registeredCardKeyring } from './card-iban.js'
import { cardPayeeFor } from './card-payee.js'

let ctx: TestContext
let keyring: DocumentKeyring

beforeAll(async () => {
  ctx = await freshTestContext()
  keyring = await cardKeyringFor(ctx.deps.config)
})
afterAll(async () => {
  await ctx.close()
})

const d = (iso: string) => new Date(`${iso}T12:00:00Z`)

describe('cardPayeeFor', () => {
  it('should answer null for a household without any card, and for an id that is no uuid', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    await buildMember(ctx.db, applicationId)
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-06-01'))).toBeNull()
    expect(await cardPayeeFor(ctx.db, 'nope', d('2026-06-01'))).toBeNull()
  })

  it('should answer the decrypted IBAN and holder of the card active at that date, and null before activation and while blocked', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const adult = await buildMember(ctx.db, applicationId, { givenName: 'Samir', surname: 'Nouri' })
    await buildMember(ctx.db, applicationId, {
      givenName: 'Lina',
      role: 'child',
      cardHolderMemberId: adult.id,
    })
    const card = await buildCard(ctx.db, keyring, applicationId, adult.id, {
      iban: 'DE89370400440532013000',
      history: [
        { status: 'ordered', at: d('2026-02-01') },
        { status: 'active', at: d('2026-02-10') },
        { status: 'blocked', at: d('2026-04-01') },
        { status: 'active', at: d('2026-04-15') },
      ],
    })
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-02-05'))).toBeNull()
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-03-01'))).toEqual({
      iban: 'DE89370400440532013000',
      holderName: 'Samir Nouri',
      cardId: card.id,
    })
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-04-10'))).toBeNull()
    expect((await cardPayeeFor(ctx.db, applicationId, d('2026-05-01')))?.cardId).toBe(card.id)
  })

  it('should move to the replacement card from its activation on, and pay nothing in between', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const adult = await buildMember(ctx.db, applicationId)
    const old = await buildCard(ctx.db, keyring, applicationId, adult.id, {
      iban: 'DE02120300000000202051',
      history: [
        { status: 'ordered', at: d('2026-01-01') },
        { status: 'active', at: d('2026-01-02') },
        { status: 'replaced', at: d('2026-03-01') },
      ],
    })
    const fresh = await buildCard(ctx.db, keyring, applicationId, adult.id, {
      iban: 'DE89370400440532013000',
      replacesCardId: old.id,
      history: [
        { status: 'ordered', at: d('2026-03-01') },
        { status: 'active', at: d('2026-03-08') },
      ],
    })
    expect((await cardPayeeFor(ctx.db, applicationId, d('2026-02-01')))?.iban).toBe('DE02120300000000202051')
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-03-05'))).toBeNull()
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-03-10'))).toMatchObject({
      cardId: fresh.id,
      iban: 'DE89370400440532013000',
    })
  })

  it('should choose the first adult of the household when two adults hold active cards', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const first = await buildMember(ctx.db, applicationId, { givenName: 'Erste' })
    const second = await buildMember(ctx.db, applicationId, { givenName: 'Zweite' })
    await buildCard(ctx.db, keyring, applicationId, second.id, { iban: 'DE89370400440532013000' })
    const firstCard = await buildCard(ctx.db, keyring, applicationId, first.id)
    expect(await cardPayeeFor(ctx.db, applicationId, d('2026-06-01'))).toMatchObject({
      cardId: firstCard.id,
      holderName: 'Erste Haddad',
    })
  })

  it('should use the registered keyring when none is passed, and refuse a box copied onto another card', async () => {
    expect(registeredCardKeyring()).toBe(keyring)
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const adult = await buildMember(ctx.db, applicationId)
    const a = await buildCard(ctx.db, keyring, applicationId, adult.id)
    const other = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const otherAdult = await buildMember(ctx.db, other.applicationId)
    const b = await buildCard(ctx.db, keyring, other.applicationId, otherAdult.id, {
      iban: 'DE89370400440532013000',
    })
    const stolen = await ctx.db
      .selectFrom('payment_card')
      .select('iban_enc')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    await ctx.db
      .updateTable('payment_card')
      .set({ iban_enc: stolen.iban_enc })
      .where('id', '=', b.id)
      .execute()
    await expect(cardPayeeFor(ctx.db, other.applicationId, d('2026-06-01'))).rejects.toThrow()
    const stored = await ctx.db
      .selectFrom('payment_card')
      .select('iban_enc')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(stored.iban_enc.toString('latin1')).not.toContain('DE02120300000000202051')
  })

  it('should pay a household to the card its children are booked on in the paid month: a child moved mid-year goes to the new card from the valid-from month', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const mother = await buildMember(ctx.db, applicationId, { givenName: 'Amal', surname: 'Haddad' })
    const father = await buildMember(ctx.db, applicationId, { givenName: 'Karim', surname: 'Haddad' })
    const child = await buildMember(ctx.db, applicationId, { role: 'child', cardHolderMemberId: mother.id })
    const motherCard = await buildCard(ctx.db, keyring, applicationId, mother.id, {
      iban: 'DE89370400440532013000',
    })
    const fatherCard = await buildCard(ctx.db, keyring, applicationId, father.id, {
      iban: 'DE02120300000000202051',
    })
    await ctx.db
      .insertInto('household_child_card')
      .values({
        application_id: applicationId,
        child_member_id: child.id,
        holder_member_id: father.id,
        valid_from: '2026-07-15',
        reason: 'Umzug in andere Unterkunft',
      })
      .execute()
    const at = d('2026-06-25')
    expect((await cardPayeeFor(ctx.db, applicationId, at, undefined, '2026-06'))?.cardId).toBe(motherCard.id)
    expect(await cardPayeeFor(ctx.db, applicationId, at, undefined, '2026-07')).toEqual({
      iban: 'DE02120300000000202051',
      holderName: 'Karim Haddad',
      cardId: fatherCard.id,
    })
    expect((await cardPayeeFor(ctx.db, applicationId, at, undefined, '2026-11'))?.cardId).toBe(fatherCard.id)
    // Without a month: the month of `at`.
    expect((await cardPayeeFor(ctx.db, applicationId, d('2026-08-01')))?.cardId).toBe(fatherCard.id)
    // The payment run's payee follows the same mapping.
    const app = { id: applicationId, answers: {} }
    expect((await resolvePayee(ctx.db, app, at, '2026-06'))?.sourceRef).toBe(motherCard.id)
    expect((await resolvePayee(ctx.db, app, at, '2026-07'))?.sourceRef).toBe(fatherCard.id)
    // A blocked card of the booking adult receives nothing: the other adult's active card is used.
    await ctx.db
      .insertInto('payment_card_status_change')
      .values({
        card_id: fatherCard.id,
        from_status: 'active',
        to_status: 'blocked',
        changed_at: d('2026-06-20'),
      })
      .execute()
    expect((await cardPayeeFor(ctx.db, applicationId, at, undefined, '2026-07'))?.cardId).toBe(motherCard.id)
  })
})
