// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/db/database.js'
import { sealIban } from '../../src/modules/payment-card/card-iban.js'
import type { CardStatus, MemberRole } from '../../src/modules/payment-card/payment-card.table.js'
import type { DocumentKeyring } from '../../src/shared/document-keys.js'

/** A household member of a case, persisted. */
export async function buildMember(
  db: Db,
  applicationId: string,
  overrides: {
    givenName?: string
    surname?: string
    role?: MemberRole
    cardHolderMemberId?: string | null
  } = {},
) {
  return db
    .insertInto('household_member')
    .values({
      application_id: applicationId,
      given_name: overrides.givenName ?? 'Amira',
      surname: overrides.surname ?? 'Haddad',
      role: overrides.role ?? 'adult',
      card_holder_member_id: overrides.cardHolderMemberId ?? null,
      created_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * A card with its sealed IBAN and a dated status history: each entry of `history` is a status from an instant on
 * (the first is normally 'ordered').
 */
export async function buildCard(
  db: Db,
  keyring: DocumentKeyring,
  applicationId: string,
  memberId: string,
  options: {
    iban?: string
    history?: Array<{ status: CardStatus; at: Date }>
    replacesCardId?: string | null
  } = {},
) {
  const id = randomUUID()
  const iban = options.iban ?? 'DE02120300000000202051'
  const history = options.history ?? [
    { status: 'ordered', at: new Date('2026-01-01T00:00:00Z') },
    { status: 'active', at: new Date('2026-01-05T00:00:00Z') },
  ]
  const sealed = sealIban(keyring, id, iban)
  const last = history[history.length - 1]
  await db
    .insertInto('payment_card')
    .values({
      id,
      application_id: applicationId,
      member_id: memberId,
      iban_enc: sealed.ibanEnc,
      iban_key_id: sealed.keyId,
      iban_last4: iban.slice(-4),
      status: last?.status ?? 'ordered',
      cash_limit_cents: 5000,
      replaces_card_id: options.replacesCardId ?? null,
      created_by: null,
    })
    .execute()
  let previous: CardStatus | null = null
  for (const step of history) {
    await db
      .insertInto('payment_card_status_change')
      .values({
        card_id: id,
        from_status: previous,
        to_status: step.status,
        changed_at: step.at,
        changed_by: null,
      })
      .execute()
    previous = step.status
  }
  return { id, iban }
}

/** An open transfer request of a case (as a cardholder would make it online). */
export async function buildApproval(
  db: Db,
  applicationId: string,
  cardId: string | null,
  overrides: { dueOn?: string; requestedAt?: Date } = {},
) {
  return db
    .insertInto('card_approval')
    .values({
      application_id: applicationId,
      card_id: cardId,
      kind: 'transfer',
      payee_name: 'Wohnbau GmbH',
      payee_iban: 'DE02120300000000202051',
      purpose: 'Miete',
      amount_cents: 40000,
      standing: false,
      travel_from: null,
      travel_to: null,
      reason: null,
      requested_via: 'citizen',
      requested_by: null,
      requested_at: overrides.requestedAt ?? new Date(),
      responsible_post_id: null,
      due_on: overrides.dueOn ?? '2099-01-01',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
