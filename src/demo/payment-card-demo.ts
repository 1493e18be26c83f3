// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import { composeIBAN } from 'ibantools'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { cardKeyringIfRegistered, sealIban } from '../modules/payment-card/card-iban.js'
import { approvalDueOn } from '../modules/payment-card/payment-card.domain.js'
import type { CardStatus } from '../modules/payment-card/payment-card.table.js'
import { todayIso } from '../shared/dates.js'

const DAY = 86_400_000

/** A synthetic German IBAN (valid check digits, invented bank code and account). */
function demoIban(n: number): string {
  return (
    composeIBAN({ countryCode: 'DE', bban: `23050000${String(4_000_000_000 + n).padStart(10, '0')}` }) ?? ''
  )
}

/** Invented household members added to the demo AsylbLG cases (the applicant of the case comes first). */
const HOUSEHOLDS: Array<{ partner?: [string, string]; children: Array<[string, string]> }> = [
  {
    partner: ['Samir', '1988-03-14'],
    children: [
      ['Lina', '2016-07-02'],
      ['Omar', '2019-11-23'],
    ],
  },
  { children: [['Yara', '2021-02-11']] },
  { partner: ['Nadia', '1992-09-30'], children: [] },
  { children: [] },
]

/**
 * Synthetic payment-card households on demo AsylbLG cases: members (children mapped onto an adult's card),
 * cards with a dated history (one replaced), and open, overdue and decided approval requests. IBANs are sealed
 * with the registered document keyring (main.ts). Idempotent: does nothing once any household member exists.
 */
export async function loadPaymentCardDemo(db: Db, logger: Logger, now = new Date()): Promise<void> {
  if (await db.selectFrom('household_member').select('id').limit(1).executeTakeFirst()) {
    return
  }
  const cases = await db
    .selectFrom('application')
    .select(['id', 'applicant_given_name', 'applicant_surname', 'assigned_post_id'])
    .where('benefit_type', '=', 'asylblg')
    .orderBy('reference')
    .limit(HOUSEHOLDS.length)
    .execute()
  if (cases.length === 0) {
    return
  }
  const keyring = cardKeyringIfRegistered()
  if (!keyring) {
    logger.warn('demo payment cards skipped: no card keyring registered (main.ts registers it)')
    return
  }
  let ibanNo = 1
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of cases.entries()) {
      const plan = HOUSEHOLDS[i] ?? { children: [] }
      const adults: string[] = []
      const insertMember = async (
        given: string,
        birth: string | null,
        role: 'adult' | 'child',
        holder: string | null,
      ) => {
        const row = await trx
          .insertInto('household_member')
          .values({
            application_id: c.id,
            given_name: given,
            surname: c.applicant_surname,
            birth_date: birth,
            role,
            card_holder_member_id: holder,
            created_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        return row.id
      }
      adults.push(await insertMember(c.applicant_given_name, null, 'adult', null))
      if (plan.partner) {
        adults.push(await insertMember(plan.partner[0], plan.partner[1], 'adult', null))
      }
      for (const [given, birth] of plan.children) {
        await insertMember(given, birth, 'child', adults[0] ?? null)
      }
      const insertCard = async (
        memberId: string,
        history: Array<[CardStatus, number]>,
        replaces: string | null,
      ) => {
        const id = randomUUID()
        const iban = demoIban(ibanNo++)
        const sealed = sealIban(keyring, id, iban)
        const last = history[history.length - 1]?.[0] ?? 'ordered'
        await trx
          .insertInto('payment_card')
          .values({
            id,
            application_id: c.id,
            member_id: memberId,
            iban_enc: sealed.ibanEnc,
            iban_key_id: sealed.keyId,
            iban_last4: iban.slice(-4),
            status: last,
            cash_limit_cents: 5000,
            replaces_card_id: replaces,
            created_by: null,
          })
          .execute()
        let from: CardStatus | null = null
        for (const [status, daysAgo] of history) {
          await trx
            .insertInto('payment_card_status_change')
            .values({
              card_id: id,
              from_status: from,
              to_status: status,
              changed_at: at(daysAgo),
              changed_by: null,
            })
            .execute()
          from = status
        }
        return id
      }
      const first = adults[0] as string
      let card: string
      if (i === 1) {
        // A lost card, blocked and replaced; the new card is active again.
        const old = await insertCard(
          first,
          [
            ['ordered', 60],
            ['active', 55],
            ['blocked', 20],
            ['replaced', 19],
          ],
          null,
        )
        card = await insertCard(
          first,
          [
            ['ordered', 19],
            ['active', 12],
          ],
          old,
        )
      } else if (i === 3) {
        // Ordered, not yet handed over: benefits still go to the bank account.
        card = await insertCard(first, [['ordered', 3]], null)
      } else {
        card = await insertCard(
          first,
          [
            ['ordered', 45],
            ['active', 40],
          ],
          null,
        )
      }
      if (adults[1]) {
        await insertCard(
          adults[1],
          [
            ['ordered', 45],
            ['active', 40],
          ],
          null,
        )
      }
      const request = (
        daysAgo: number,
        values: {
          kind: 'transfer' | 'travel'
          payee_name?: string
          payee_iban?: string
          purpose?: string
          amount_cents?: number
          standing?: boolean
          travel_from?: string
          travel_to?: string
          reason?: string
          decided?: {
            status: 'approved' | 'refused'
            reason: string | null
            portal: boolean
            afterHours: number
          }
        },
      ) => {
        const requestedAt = at(daysAgo)
        const decided = values.decided
        return trx
          .insertInto('card_approval')
          .values({
            application_id: c.id,
            card_id: card,
            kind: values.kind,
            payee_name: values.payee_name ?? null,
            payee_iban: values.payee_iban ?? null,
            purpose: values.purpose ?? null,
            amount_cents: values.amount_cents ?? null,
            standing: values.standing ?? false,
            travel_from: values.travel_from ?? null,
            travel_to: values.travel_to ?? null,
            reason: values.reason ?? null,
            requested_via: 'citizen',
            requested_by: null,
            requested_at: requestedAt,
            responsible_post_id: c.assigned_post_id,
            due_on: approvalDueOn(todayIso(requestedAt), 5),
            status: decided?.status ?? 'open',
            decided_at: decided ? new Date(requestedAt.getTime() + decided.afterHours * 3_600_000) : null,
            decision_reason: decided?.reason ?? null,
            portal_entered_at: decided?.portal
              ? new Date(requestedAt.getTime() + (decided.afterHours + 2) * 3_600_000)
              : null,
          })
          .execute()
      }
      if (i === 0) {
        await request(1, {
          kind: 'transfer',
          payee_name: 'Trave-Wohnbau GmbH (fiktiv)',
          payee_iban: demoIban(900),
          purpose: 'Miete Wohnung Musterweg 3',
          amount_cents: 61200,
          standing: true,
        })
        await request(12, {
          kind: 'travel',
          travel_from: todayIso(at(-5)),
          travel_to: todayIso(at(-8)),
          reason: 'Termin beim Facharzt in Hamburg',
        })
        await request(20, {
          kind: 'transfer',
          payee_name: 'Kanzlei Beispiel & Partner (fiktiv)',
          payee_iban: demoIban(901),
          purpose: 'Anwaltskosten Az. 12/26',
          amount_cents: 15000,
          decided: { status: 'approved', reason: null, portal: true, afterHours: 30 },
        })
      } else if (i === 1) {
        await request(6, {
          kind: 'transfer',
          payee_name: 'Stadtwerke Musterstadt (fiktiv)',
          payee_iban: demoIban(902),
          purpose: 'Abschlag Strom',
          amount_cents: 4500,
          standing: true,
          decided: { status: 'approved', reason: null, portal: false, afterHours: 70 },
        })
        await request(9, {
          kind: 'transfer',
          payee_name: 'Elektro-Versand (fiktiv)',
          payee_iban: demoIban(903),
          purpose: 'Bestellung 4711',
          amount_cents: 29900,
          decided: {
            status: 'refused',
            reason: 'Nicht zum notwendigen Bedarf; bitte mit der Sachbearbeitung besprechen.',
            portal: true,
            afterHours: 96,
          },
        })
      }
    }
  })
  logger.info({ households: cases.length }, 'demo payment cards created')
}
