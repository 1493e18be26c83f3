// SPDX-License-Identifier: EUPL-1.2
/**
 * Who a case's money goes to. THE single place that decides the payee of a case in a payment run.
 * @module
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import type { Db } from '../../db/database.js'
import { cardPayeeFor } from '../payment-card/index.js'
import type { PayeeSource } from './payments.table.js'
import { splitStreet } from './sepa.js'

/** The account a case is paid to, and where that account came from. */
export interface Payee {
  name: string
  /** Electronic form, checked with ibantools. */
  iban: string
  bic: string | null
  source: PayeeSource
  /** The card id for a card payee; null for the application's account. */
  sourceRef: string | null
  /** Structured postal address of the payee, or null (a card account has none). */
  address: {
    street: string | null
    buildingNumber: string | null
    postalCode: string | null
    town: string | null
    country: string | null
  } | null
}

/** A bank account a caseworker recorded for the case (payment_account, the latest one). */
export interface RecordedAccount {
  account_holder: string
  iban: string
  bic: string | null
}

/** The part of a case `resolvePayee` reads. */
export interface PayeeCase {
  id: string
  answers: Record<string, unknown>
  /** The latest account a caseworker recorded (e.g. after a returned payment); replaces the form's account. */
  recordedAccount?: RecordedAccount | null
}

function text(step: unknown, key: string): string | null {
  if (typeof step !== 'object' || step === null) {
    return null
  }
  const value = (step as Record<string, unknown>)[key]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/**
 * The applicant's bank account as the application form stored it (step `bankAccount`: accountHolder, iban,
 * bic) with the address of step `person`; null when there is no valid IBAN.
 */
export function applicationPayee(app: PayeeCase): Payee | null {
  const bank = app.answers.bankAccount
  const person = app.answers.person
  const iban = electronicFormatIBAN(text(bank, 'iban') ?? '') ?? ''
  if (!isValidIBAN(iban)) {
    return null
  }
  const bic = text(bank, 'bic')
  const holder =
    text(bank, 'accountHolder') ??
    [text(person, 'givenName'), text(person, 'surname')].filter((s) => s !== null).join(' ')
  if (holder === '') {
    return null
  }
  const street = text(person, 'street')
  const split = street ? splitStreet(street) : null
  const town = text(person, 'city')
  return {
    name: holder,
    iban,
    bic: bic && isValidBIC(bic) ? bic : null,
    source: 'application',
    sourceRef: null,
    // The form asks for an address in Germany (postcode of five digits).
    address: town
      ? {
          street: split?.street ?? null,
          buildingNumber: split?.number ?? null,
          postalCode: text(person, 'postalCode'),
          town,
          country: 'DE',
        }
      : null,
  }
}

/**
 * The account a caseworker recorded, with the address of the application form (the postal address does not
 * change with the account); null when the recorded IBAN is not valid.
 */
export function recordedPayee(app: PayeeCase): Payee | null {
  const account = app.recordedAccount
  if (!account || !isValidIBAN(account.iban)) {
    return null
  }
  const fromForm = applicationPayee({ id: app.id, answers: app.answers })
  return {
    name: account.account_holder,
    iban: account.iban,
    bic: account.bic && isValidBIC(account.bic) ? account.bic : null,
    source: 'application',
    sourceRef: null,
    address: fromForm?.address ?? null,
  }
}

/**
 * The payee of a case on `at`: the household's active payment card when it has one (issue 8: "Benefits of card
 * households go to the card IBAN automatically"), else the latest account a caseworker recorded (after a
 * returned payment), else the applicant's bank account from the application.
 *
 * @param db the database (the card register lookup needs it)
 * @param app the case with its stored answers
 * @param at the instant the run is computed (which card is active)
 * @param month the service month paid, 'YYYY-MM' (whose card the household is booked on, ADR 0030); default:
 *   the month of `at`
 * @param cardHouseholds when given, the applications that have any card (`applicationsWithCards`); the card
 *   register is then asked only for those (a payment run over 10,000 cases would otherwise ask 10,000 times)
 * @returns the payee, or null when the case has no usable account (the run lists it as "no account")
 */
export async function resolvePayee(
  db: Db,
  app: PayeeCase,
  at: Date,
  month?: string,
  cardHouseholds?: ReadonlySet<string>,
): Promise<Payee | null> {
  const card =
    cardHouseholds && !cardHouseholds.has(app.id)
      ? null
      : await cardPayeeFor(db, app.id, at, undefined, month)
  if (card) {
    return {
      name: card.holderName,
      iban: card.iban,
      bic: null,
      source: 'card',
      sourceRef: card.cardId,
      address: null,
    }
  }
  return recordedPayee(app) ?? applicationPayee(app)
}
