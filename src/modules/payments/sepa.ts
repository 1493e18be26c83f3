// SPDX-License-Identifier: EUPL-1.2
/**
 * The files of a released payment run, as pure functions: a SEPA credit transfer initiation (ISO 20022
 * pain.001.001.09, the version German banks accept since November 2025) and a CSV payment order for a
 * municipal cash office (Stadtkasse). Both list the same payments in the same order; the EndToEndId of each
 * transfer is the payment id, so that bank statements (camt.053) can be matched back.
 * @module
 */
import { stringify } from 'csv-stringify/sync'
import { XMLBuilder } from 'fast-xml-parser'
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'

/** The account payments are made from. */
export interface Debtor {
  name: string
  iban: string
  bic: string | null
}

/** One credit transfer. */
export interface Transfer {
  endToEndId: string
  amountCents: number
  payeeName: string
  iban: string
  bic: string | null
  /** Structured postal address; left out when town or country is missing. */
  address: {
    street: string | null
    buildingNumber: string | null
    postalCode: string | null
    town: string | null
    country: string | null
  } | null
  remittance: string
  caseReference: string
  /** Service months the amount is for ('YYYY-MM'), for the CSV. */
  serviceMonths: string[]
}

export interface RunFileInput {
  /** MsgId, at most 35 characters. */
  messageId: string
  /** The run's reference (Zahllauf), e.g. "ZL-2026-12-01". */
  reference: string
  createdAt: Date
  /** 'YYYY-MM-DD' */
  executionDate: string
  debtor: Debtor
  transfers: readonly Transfer[]
}

/** A value that cannot go into a payment file (wrong IBAN/BIC, too long, amount not positive). */
export class PaymentFileError extends Error {}

const GERMAN: Record<string, string> = { Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' }

/**
 * Text as the SEPA basic Latin character set allows (EPC: a–z A–Z 0–9 / - ? : ( ) . , ' + space):
 * German umlauts and ß are transliterated (Ö → Oe), other accents dropped, anything else becomes a space;
 * then trimmed to `max` characters. Every bank in the SEPA area accepts this set.
 * @example sepaText('Mustermann-Öztürk', 70) // 'Mustermann-Oeztuerk'
 */
export function sepaText(value: string, max: number): string {
  const transliterated = value
    .replace(/[ÄÖÜäöüß]/g, (c) => GERMAN[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return transliterated.slice(0, max).trim()
}

/** 98350 → "983.50" (the XML decimal of ActiveOrHistoricCurrencyAndAmount). */
export function xmlAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/** 98350 → "983,50" (German decimal comma, no thousands separator) for the cash office CSV. */
export function germanAmount(cents: number): string {
  return xmlAmount(cents).replace('.', ',')
}

/**
 * "Große Burgstraße 12a" → street "Grosse Burgstrasse", number "12a"; no number found: the whole text is the
 * street. (StrtNm and BldgNb are separate fields of a structured address.)
 */
export function splitStreet(value: string): { street: string; number: string | null } {
  const match = /^(.*?\D)\s*(\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)$/.exec(value.trim())
  if (!match?.[1] || !match[2]) {
    return { street: value.trim(), number: null }
  }
  return { street: match[1].trim(), number: match[2].replace(/\s+/g, '') }
}

function checkAccount(iban: string, bic: string | null, who: string): { iban: string; bic: string | null } {
  const electronic = electronicFormatIBAN(iban) ?? ''
  if (!isValidIBAN(electronic)) {
    throw new PaymentFileError(`${who}: invalid IBAN`)
  }
  if (bic !== null && bic !== '' && !isValidBIC(bic)) {
    throw new PaymentFileError(`${who}: invalid BIC`)
  }
  return { iban: electronic, bic: bic === '' ? null : bic }
}

function agent(bic: string | null) {
  return { FinInstnId: bic ? { BICFI: bic } : { Othr: { Id: 'NOTPROVIDED' } } }
}

function postalAddress(address: Transfer['address']) {
  const town = address?.town ? sepaText(address.town, 35) : ''
  const country = address?.country ?? ''
  if (!address || town === '' || !/^[A-Z]{2}$/.test(country)) {
    // Unstructured addresses are no longer accepted; without town and country the address is left out.
    return undefined
  }
  const street = address.street ? sepaText(address.street, 70) : ''
  const number = address.buildingNumber ? sepaText(address.buildingNumber, 16) : ''
  const postalCode = address.postalCode ? sepaText(address.postalCode, 16) : ''
  return {
    ...(street ? { StrtNm: street } : {}),
    ...(number ? { BldgNb: number } : {}),
    ...(postalCode ? { PstCd: postalCode } : {}),
    TwnNm: town,
    Ctry: country,
  }
}

/**
 * The pain.001.001.09 document of a run: one payment information block (SEPA service level, execution date,
 * the debtor) with one transaction per transfer. Purpose code SSBE (social security benefit).
 * @throws PaymentFileError for an invalid IBAN or BIC, an id over 35 characters or an amount that is not positive
 */
export function buildPain001(input: RunFileInput): string {
  if (input.messageId.length > 35 || input.messageId.length === 0) {
    throw new PaymentFileError('MsgId must have 1 to 35 characters')
  }
  if (input.transfers.length === 0) {
    throw new PaymentFileError('a payment file needs at least one transfer')
  }
  const debtor = checkAccount(input.debtor.iban, input.debtor.bic, 'debtor')
  const total = input.transfers.reduce((n, tr) => n + tr.amountCents, 0)
  const transactions = input.transfers.map((tr) => {
    if (!Number.isInteger(tr.amountCents) || tr.amountCents <= 0 || tr.amountCents > 99_999_999_999) {
      throw new PaymentFileError(`${tr.endToEndId}: amount must be a positive number of cents`)
    }
    if (!/^[A-Za-z0-9-]{1,35}$/.test(tr.endToEndId)) {
      throw new PaymentFileError('EndToEndId must have 1 to 35 letters, digits or hyphens')
    }
    const account = checkAccount(tr.iban, tr.bic, tr.endToEndId)
    const address = postalAddress(tr.address)
    return {
      PmtId: { EndToEndId: tr.endToEndId },
      Amt: { InstdAmt: { '@_Ccy': 'EUR', '#text': xmlAmount(tr.amountCents) } },
      ...(account.bic ? { CdtrAgt: agent(account.bic) } : {}),
      Cdtr: { Nm: sepaText(tr.payeeName, 70), ...(address ? { PstlAdr: address } : {}) },
      CdtrAcct: { Id: { IBAN: account.iban } },
      Purp: { Cd: 'SSBE' },
      RmtInf: { Ustrd: sepaText(tr.remittance, 140) },
    }
  })
  const debtorName = sepaText(input.debtor.name, 70)
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Document: {
      '@_xmlns': PAIN001_NAMESPACE,
      CstmrCdtTrfInitn: {
        GrpHdr: {
          MsgId: input.messageId,
          CreDtTm: input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          NbOfTxs: String(input.transfers.length),
          CtrlSum: xmlAmount(total),
          InitgPty: { Nm: debtorName },
        },
        PmtInf: {
          PmtInfId: `${input.messageId.slice(0, 33)}-1`,
          PmtMtd: 'TRF',
          BtchBookg: 'true',
          NbOfTxs: String(input.transfers.length),
          CtrlSum: xmlAmount(total),
          PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
          ReqdExctnDt: { Dt: input.executionDate },
          Dbtr: { Nm: debtorName },
          DbtrAcct: { Id: { IBAN: debtor.iban } },
          DbtrAgt: agent(debtor.bic),
          ChrgBr: 'SLEV',
          CdtTrfTxInf: transactions,
        },
      },
    },
  }
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  })
  return builder.build(document)
}

/** Columns of the cash office CSV, in order (docs/payments.md describes each). */
export const ORDER_CSV_COLUMNS = [
  'Zahllauf',
  'Ausfuehrungsdatum',
  'Zahlungs-ID',
  'Aktenzeichen',
  'Empfaenger',
  'IBAN',
  'BIC',
  'Betrag',
  'Waehrung',
  'Leistungsmonate',
  'Verwendungszweck',
] as const

/**
 * The payment order for the cash office: semicolon-separated, UTF-8 with BOM, CRLF, German decimal comma,
 * dates as DD.MM.YYYY, one header row; the last row is the total ("Summe", empty id columns).
 */
export function buildOrderCsv(input: RunFileInput): string {
  const [y, m, d] = input.executionDate.split('-')
  const date = `${d}.${m}.${y}`
  const rows = input.transfers.map((tr) => [
    input.reference,
    date,
    tr.endToEndId,
    tr.caseReference,
    sepaText(tr.payeeName, 70),
    electronicFormatIBAN(tr.iban) ?? tr.iban,
    tr.bic ?? '',
    germanAmount(tr.amountCents),
    'EUR',
    tr.serviceMonths.map((s) => `${s.slice(5, 7)}/${s.slice(0, 4)}`).join(' '),
    sepaText(tr.remittance, 140),
  ])
  const total = input.transfers.reduce((n, tr) => n + tr.amountCents, 0)
  const sumRow = [input.reference, date, '', '', 'Summe', '', '', germanAmount(total), 'EUR', '', '']
  return `\uFEFF${stringify([[...ORDER_CSV_COLUMNS], ...rows, sumRow], { delimiter: ';', record_delimiter: '\r\n' })}`
}
