// SPDX-License-Identifier: EUPL-1.2
/**
 * The one question the payment run asks the card register: onto which card do this household's benefits go
 * on that date?
 * @module
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.js'
import { todayIso } from '../../shared/dates.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { isUuid } from '../../shared/ids.js'
import { openIban, registeredCardKeyring } from './card-iban.js'
import { bookingAdult } from './child-mapping.js'

/** Where a card household's benefits are paid. */
export interface CardPayee {
  /** The card's IBAN, electronic format (no spaces). */
  iban: string
  /** The cardholder's name, as the credit transfer names the creditor. */
  holderName: string
  cardId: string
}

/**
 * Which of these applications have any card on record (active or not). A payment run asks once for all its
 * cases, so that `cardPayeeFor` runs only for card households instead of once per case.
 */
export async function applicationsWithCards(
  db: Kysely<Database>,
  applicationIds: string[],
): Promise<Set<string>> {
  if (applicationIds.length === 0) {
    return new Set()
  }
  const rows = await db
    .selectFrom('payment_card')
    .select('application_id')
    .distinct()
    .where(sql<boolean>`application_id = any(${applicationIds}::uuid[])`)
    .execute()
  return new Set(rows.map((r) => r.application_id))
}

/**
 * The active card onto which the household's benefits go at `at`, or null when the household has no card
 * active at that instant (then the bank account of the decision is used).
 *
 * Which card (ADR 0024, ADR 0030): among the cards whose dated status history (`payment_card_status_change`)
 * says "aktiv" at `at`, the card of the household's **booking adult** for the service month `month` — the adult
 * most children are booked on in that month by the dated child mapping (`household_child_card`; a change counts
 * from the month it starts in), ties and households without children to the adult entered first. When that
 * adult has no active card, the first adult (in household order) who has one. Blocked, ordered, replaced and
 * closed cards never receive money.
 *
 * Not audited per call (the payment run reads thousands of households and audits its run); the IBAN is
 * opened with the registered document keyring (main.ts) unless one is given.
 * @param month the service month paid ('YYYY-MM'); default: the month of `at` in Berlin
 * @throws Error when no keyring is registered, or a stored IBAN does not authenticate (tampering)
 * @example const payee = await cardPayeeFor(db, applicationId, new Date('2026-12-01T00:00:00+01:00'))
 */
export async function cardPayeeFor(
  db: Kysely<Database>,
  applicationId: string,
  at: Date,
  keyring?: DocumentKeyring,
  month: string = todayIso(at).slice(0, 7),
): Promise<CardPayee | null> {
  if (!isUuid(applicationId)) {
    return null
  }
  const active = await db
    .selectFrom('payment_card as c')
    .innerJoin('household_member as m', 'm.id', 'c.member_id')
    .select(['c.id', 'c.member_id', 'c.iban_enc', 'c.iban_key_id', 'm.given_name', 'm.surname'])
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
    .execute()
  if (active.length === 0) {
    return null
  }
  const members = await db
    .selectFrom('household_member')
    .select(['id', 'role', 'card_holder_member_id'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const children = members.filter((m) => m.role === 'child')
  const changes =
    children.length === 0
      ? []
      : await db
          .selectFrom('household_child_card')
          .select(['child_member_id', 'holder_member_id', 'valid_from'])
          .where('application_id', '=', applicationId)
          .execute()
  const booking = bookingAdult(
    members.filter((m) => m.role === 'adult').map((m) => m.id),
    children.map((c) => ({ id: c.id, initialHolderId: c.card_holder_member_id })),
    changes.map((c) => ({
      childId: c.child_member_id,
      holderId: c.holder_member_id,
      validFrom: c.valid_from,
    })),
    month,
  )
  const row = active.find((c) => c.member_id === booking) ?? (active[0] as (typeof active)[number])
  const iban = openIban(keyring ?? registeredCardKeyring(), row.id, {
    ibanEnc: row.iban_enc,
    keyId: row.iban_key_id,
  })
  return { iban, holderName: `${row.given_name} ${row.surname}`, cardId: row.id }
}
