// SPDX-License-Identifier: EUPL-1.2
/**
 * Key rotation for sealed card IBANs (ADR 0030): `npm run keys:rotate` re-seals every card IBAN that is not yet
 * under the current document master key, so that the old key can be retired. Row by row, each in its own short
 * transaction with the row locked; a box that does not open (tampered, or its key no longer configured) is
 * reported and left as it is. Safe to repeat and safe while the app runs with both keys configured.
 * @module
 */
import type { Db } from '../../db/database.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { recordAuditEvent } from '../audit/index.js'
import { openIban, sealIban } from './card-iban.js'

/** What a re-seal run did. */
export interface CardResealReport {
  /** Cards whose IBAN was re-sealed under the current key. */
  resealed: number
  /** Cards already under the current key (not opened). */
  current: number
  /** Cards that could not be re-sealed, with the reason; left untouched. */
  failed: Array<{ cardId: string; reason: string }>
}

/**
 * Re-seals every card IBAN sealed under an earlier master key with `keyring.current` (card id stays the
 * associated data). One audit entry for the run, with counts and no IBAN.
 */
export async function resealCardIbans(db: Db, keyring: DocumentKeyring): Promise<CardResealReport> {
  const report: CardResealReport = { resealed: 0, current: 0, failed: [] }
  const counted = await db
    .selectFrom('payment_card')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('iban_key_id', '=', keyring.current.id)
    .executeTakeFirstOrThrow()
  report.current = Number(counted.n)
  const stale = await db
    .selectFrom('payment_card')
    .select('id')
    .where('iban_key_id', '<>', keyring.current.id)
    .orderBy('id')
    .execute()
  for (const { id } of stale) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('payment_card')
          .select(['iban_enc', 'iban_key_id'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
        if (!row || row.iban_key_id === keyring.current.id) {
          return false
        }
        const iban = openIban(keyring, id, { ibanEnc: row.iban_enc, keyId: row.iban_key_id })
        const sealed = sealIban(keyring, id, iban)
        await trx
          .updateTable('payment_card')
          .set({ iban_enc: sealed.ibanEnc, iban_key_id: sealed.keyId })
          .where('id', '=', id)
          .execute()
        return true
      })
      if (done) {
        report.resealed += 1
      } else {
        report.current += 1
      }
    } catch (error) {
      report.failed.push({ cardId: id, reason: error instanceof Error ? error.message : String(error) })
    }
  }
  await db.transaction().execute(async (trx) => {
    await recordAuditEvent(trx, {
      actor: { type: 'system', id: null },
      action: 'payment_card.ibans_resealed',
      subject: { type: 'payment_card_register', id: 'all' },
      requestId: null,
      details: {
        keyId: keyring.current.id,
        resealed: report.resealed,
        current: report.current,
        failed: report.failed.map((f) => f.cardId),
      },
    })
  })
  return report
}
