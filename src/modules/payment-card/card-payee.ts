// SPDX-License-Identifier: EUPL-1.2
/**
 * The one question the payment run asks the card register: onto which card do this household's benefits go
 * on that date?
 * @module
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { isUuid } from '../../shared/ids.js'
import { openIban, registeredCardKeyring } from './card-iban.js'

/** Where a card household's benefits are paid. */
export interface CardPayee {
  /** The card's IBAN, electronic format (no spaces). */
  iban: string
  /** The cardholder's name, as the credit transfer names the creditor. */
  holderName: string
  cardId: string
}

/**
 * The active card onto which the household's benefits go at `at`, or null when the household has no card
 * active at that instant (then the bank account of the decision is used).
 *
 * Which card: the card whose dated status history (`payment_card_status_change`) says "aktiv" at `at`, of the
 * household's adult members; when several adults hold active cards, the one entered first in the household
 * (the household's first adult, normally the applicant) — children's benefits are booked on their mapped
 * adult's card, which the run can split per person later. Blocked, ordered, replaced and closed cards never
 * receive money.
 *
 * Not audited per call (the payment run reads thousands of households and audits its run); the IBAN is
 * opened with the registered document keyring (main.ts) unless one is given.
 * @throws Error when no keyring is registered, or a stored IBAN does not authenticate (tampering)
 * @example const payee = await cardPayeeFor(db, applicationId, new Date('2026-12-01T00:00:00+01:00'))
 */
export async function cardPayeeFor(
  db: Kysely<Database>,
  applicationId: string,
  at: Date,
  keyring?: DocumentKeyring,
): Promise<CardPayee | null> {
  if (!isUuid(applicationId)) {
    return null
  }
  const row = await db
    .selectFrom('payment_card as c')
    .innerJoin('household_member as m', 'm.id', 'c.member_id')
    .select(['c.id', 'c.iban_enc', 'c.iban_key_id', 'm.given_name', 'm.surname'])
    .where('c.application_id', '=', applicationId)
    .where('m.role', '=', 'adult')
    .where(
      sql<string>`(select s.to_status from payment_card_status_change s
        where s.card_id = c.id and s.changed_at <= ${at}
        order by s.changed_at desc, s.id desc limit 1)`,
      '=',
      'active',
    )
    .orderBy('m.created_at')
    .orderBy('m.id')
    .orderBy('c.created_at')
    .limit(1)
    .executeTakeFirst()
  if (!row) {
    return null
  }
  const iban = openIban(keyring ?? registeredCardKeyring(), row.id, {
    ibanEnc: row.iban_enc,
    keyId: row.iban_key_id,
  })
  return { iban, holderName: `${row.given_name} ${row.surname}`, cardId: row.id }
}
