// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildCard, buildMember } from '../../../test/factories/payment-card.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { openIban } from './card-iban.js'
import { resealCardIbans } from './card-iban-rotation.js'
import { cardPayeeFor } from './card-payee.js'

let ctx: TestContext
const oldKey = { id: 'k2025', key: randomBytes(32) }
const newKey = { id: 'k2026', key: randomBytes(32) }
/** Before the rotation: the old key writes. */
const before: DocumentKeyring = { current: oldKey, previous: [] }
/** During the rotation: the new key writes, the old one still reads. */
const during: DocumentKeyring = { current: newKey, previous: [oldKey] }
/** After the old key is retired (dropped from the configuration). */
const after: DocumentKeyring = { current: newKey, previous: [] }

async function sealedOf(cardId: string) {
  const row = await ctx.db
    .selectFrom('payment_card')
    .select(['iban_enc', 'iban_key_id'])
    .where('id', '=', cardId)
    .executeTakeFirstOrThrow()
  return { ibanEnc: row.iban_enc, keyId: row.iban_key_id }
}

beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

describe('resealCardIbans (npm run keys:rotate)', () => {
  it('should re-seal every card IBAN so that each opens after the old master key is retired, and detect a tampered one', async () => {
    const { applicationId } = await buildCase(ctx.db, { benefitType: 'asylblg' })
    const first = await buildMember(ctx.db, applicationId, { givenName: 'Amal' })
    const second = await buildMember(ctx.db, applicationId, { givenName: 'Karim' })
    const a = await buildCard(ctx.db, before, applicationId, first.id, { iban: 'DE89370400440532013000' })
    const b = await buildCard(ctx.db, before, applicationId, second.id, { iban: 'DE02120300000000202051' })
    // Tamper with b's sealed IBAN before the rotation: one flipped bit in the ciphertext.
    const tampered = Buffer.from((await sealedOf(b.id)).ibanEnc)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1
    await ctx.db.updateTable('payment_card').set({ iban_enc: tampered }).where('id', '=', b.id).execute()
    // Without the rotation, retiring the old key would make the IBAN unreadable.
    expect(() => openIban(after, a.id, { ibanEnc: Buffer.alloc(0), keyId: 'k2025' })).toThrow(
      /unknown master key/,
    )

    const report = await resealCardIbans(ctx.db, during)
    expect(report.resealed).toBe(1)
    expect(report.failed.map((f) => f.cardId)).toEqual([b.id])
    expect((await sealedOf(a.id)).keyId).toBe('k2026')
    // The tampered row is left as it was, not re-sealed (that would launder the tampering).
    expect(await sealedOf(b.id)).toEqual({ ibanEnc: tampered, keyId: 'k2025' })

    // Old key retired: the re-sealed IBAN still opens, also for the payment run.
    expect(openIban(after, a.id, await sealedOf(a.id))).toBe('DE89370400440532013000')
    expect((await cardPayeeFor(ctx.db, applicationId, new Date('2026-06-01T12:00:00Z'), after))?.iban).toBe(
      'DE89370400440532013000',
    )
    // A re-sealed box tampered with afterwards is detected as well.
    const resealed = Buffer.from((await sealedOf(a.id)).ibanEnc)
    resealed[20] = (resealed[20] as number) ^ 0x40
    expect(() => openIban(after, a.id, { ibanEnc: resealed, keyId: 'k2026' })).toThrow()
    // A box copied onto another card does not open either (card id is the associated data).
    const boxOfA = await sealedOf(a.id)
    expect(() => openIban(after, b.id, boxOfA)).toThrow()

    // Repeating is a no-op; the run is audited without any IBAN.
    const again = await resealCardIbans(ctx.db, during)
    expect(again).toMatchObject({ resealed: 0, current: 1 })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['actor_type', 'details'])
      .where('action', '=', 'payment_card.ibans_resealed')
      .orderBy('id')
      .execute()
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({
      actor_type: 'system',
      details: { keyId: 'k2026', resealed: 1, failed: [b.id] },
    })
    expect(JSON.stringify(audit)).not.toContain('532013000')
  })
})
