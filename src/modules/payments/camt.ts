// SPDX-License-Identifier: EUPL-1.2
/**
 * Pure reader of bank statements in ISO 20022 camt.053 (BankToCustomerStatement): version .001.08, which
 * German banks deliver under the DK rules since November 2025, and the older .001.02. Returns what the
 * payment import needs — statement id, account, and per booked entry the amount in integer cents, credit or
 * debit, reversal, booking date and the transaction details with EndToEndId and return reason. Amounts are
 * read from the decimal string, never through a float. Every malformed file gives a specific German message.
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { AppError } from '../../shared/errors.js'
import { type MessageKey, t } from '../../shared/i18n.js'

export type CamtVersion = '001.08' | '001.02'

const NAMESPACES: Record<string, CamtVersion> = {
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08': '001.08',
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02': '001.02',
}

export interface CamtTransaction {
  /** Position within the entry (0-based); with the entry reference the transaction's key. */
  index: number
  endToEndId: string | null
  amountCents: number
  direction: 'credit' | 'debit'
  /** ISO external return reason code (RtrInf/Rsn/Cd), e.g. AC04. */
  returnReason: string | null
  returnInfo: string | null
}

export interface CamtEntry {
  /** NtryRef, else AcctSvcrRef, else the entry's position ("#3"). */
  reference: string
  amountCents: number
  direction: 'credit' | 'debit'
  reversal: boolean
  /** BOOK, PDNG, INFO … */
  status: string
  /** 'YYYY-MM-DD' */
  bookingDate: string
  transactions: CamtTransaction[]
}

export interface CamtStatement {
  version: CamtVersion
  messageId: string
  statementId: string
  iban: string
  entries: CamtEntry[]
}

export type CamtProblem =
  | 'empty'
  | 'not_xml'
  | 'doctype'
  | 'wrong_namespace'
  | 'missing'
  | 'bad_amount'
  | 'bad_currency'
  | 'bad_indicator'
  | 'bad_date'
  | 'several_statements'
  | 'too_large'
  | 'wrong_account'

/** A statement file that cannot be read; the message says what is wrong and where. */
export class CamtFileError extends AppError {
  readonly code = 'payment.camt_invalid'
  readonly status = 422 as const
  readonly messageKey: MessageKey

  constructor(
    readonly problem: CamtProblem,
    readonly params: Record<string, string> = {},
  ) {
    super(`camt: ${problem} ${JSON.stringify(params)}`)
    this.messageKey = `payments.camt.error_${problem}`
  }

  /** The German text for the form. */
  get germanMessage(): string {
    return t(this.messageKey, this.params)
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the parsed XML tree is untyped; every access is checked below
type Node = any

const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls'])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
})

function text(node: Node): string | null {
  if (node === undefined || node === null) {
    return null
  }
  if (typeof node === 'string') {
    return node.trim() === '' ? null : node.trim()
  }
  if (typeof node === 'object' && typeof node['#text'] === 'string') {
    return node['#text'].trim() === '' ? null : node['#text'].trim()
  }
  return null
}

function required(node: Node, element: string): string {
  const value = text(node)
  if (value === null) {
    throw new CamtFileError('missing', { element })
  }
  return value
}

/** "1234.5" → 123450; at most two decimals, no sign, no exponent. */
export function parseAmountCents(value: string, element: string): number {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(value.trim())
  if (!m) {
    throw new CamtFileError('bad_amount', { element, value: value.slice(0, 40) })
  }
  const cents = Number.parseInt(m[1] ?? '0', 10) * 100 + Number.parseInt((m[2] ?? '0').padEnd(2, '0'), 10)
  if (!Number.isSafeInteger(cents)) {
    throw new CamtFileError('bad_amount', { element, value: value.slice(0, 40) })
  }
  return cents
}

function amount(node: Node, element: string): number {
  const value = required(node, element)
  const currency = typeof node === 'object' ? node['@_Ccy'] : undefined
  if (currency !== undefined && currency !== 'EUR') {
    throw new CamtFileError('bad_currency', { element, value: String(currency).slice(0, 10) })
  }
  return parseAmountCents(value, element)
}

function direction(node: Node, element: string): 'credit' | 'debit' {
  const value = required(node, element)
  if (value === 'CRDT') {
    return 'credit'
  }
  if (value === 'DBIT') {
    return 'debit'
  }
  throw new CamtFileError('bad_indicator', { element, value: value.slice(0, 10) })
}

function isoDate(node: Node, element: string): string {
  const value = text(node?.Dt) ?? text(node?.DtTm)
  if (value === null) {
    throw new CamtFileError('missing', { element })
  }
  const day = value.slice(0, 10)
  const d = new Date(`${day}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new CamtFileError('bad_date', { element, value: value.slice(0, 30) })
  }
  return day
}

function versionOf(xml: string): CamtVersion {
  const root = /<(?:([A-Za-z_][\w.-]*):)?Document\b([^>]*)>/.exec(xml)
  if (!root) {
    throw new CamtFileError('wrong_namespace', { namespace: '–' })
  }
  const prefix = root[1]
  const attrName = prefix ? `xmlns:${prefix}` : 'xmlns'
  const ns = new RegExp(`\\s${attrName.replace('.', '\\.')}\\s*=\\s*["']([^"']*)["']`).exec(root[2] ?? '')
  const namespace = ns?.[1] ?? ''
  const version = NAMESPACES[namespace]
  if (!version) {
    throw new CamtFileError('wrong_namespace', { namespace: namespace === '' ? '–' : namespace.slice(0, 80) })
  }
  return version
}

function transactionsOf(
  ntry: Node,
  entry: { element: string; amountCents: number; direction: 'credit' | 'debit' },
) {
  const details: Node[] = (ntry.NtryDtls ?? []).flatMap((d: Node) => d?.TxDtls ?? [])
  return details.map((tx: Node, index): CamtTransaction => {
    const element = `${entry.element}/NtryDtls/TxDtls[${index + 1}]`
    // .08: TxDtls/Amt; .02: TxDtls/AmtDtls/TxAmt/Amt. A single transaction may leave both out.
    const amountNode = tx?.Amt ?? tx?.AmtDtls?.TxAmt?.Amt
    let amountCents: number
    if (amountNode !== undefined) {
      amountCents = amount(amountNode, `${element}/Amt`)
    } else if (details.length === 1) {
      amountCents = entry.amountCents
    } else {
      throw new CamtFileError('missing', { element: `${element}/Amt` })
    }
    const endToEndId = text(tx?.Refs?.EndToEndId)
    const rtr = tx?.RtrInf
    const info = rtr?.AddtlInf
    return {
      index,
      endToEndId: endToEndId === 'NOTPROVIDED' ? null : endToEndId,
      amountCents,
      direction:
        tx?.CdtDbtInd !== undefined ? direction(tx.CdtDbtInd, `${element}/CdtDbtInd`) : entry.direction,
      returnReason: text(rtr?.Rsn?.Cd) ?? text(rtr?.Rsn?.Prtry),
      returnInfo: Array.isArray(info) ? info.map(text).filter(Boolean).join(' ') : text(info),
    }
  })
}

/**
 * Reads one camt.053 file holding one statement.
 * @throws CamtFileError when the file is not XML, not camt.053 .001.08/.001.02, or lacks a mandatory part
 */
export function parseCamt053(input: string | Uint8Array): CamtStatement {
  const xml = (typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)).replace(
    /^\uFEFF/,
    '',
  )
  if (xml.trim() === '') {
    throw new CamtFileError('empty')
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw new CamtFileError('doctype')
  }
  if (!xml.trimStart().startsWith('<') || XMLValidator.validate(xml) !== true) {
    throw new CamtFileError('not_xml')
  }
  const version = versionOf(xml)
  const doc: Node = parser.parse(xml)
  const root = doc?.Document?.BkToCstmrStmt
  if (!root || typeof root !== 'object') {
    throw new CamtFileError('missing', { element: 'BkToCstmrStmt' })
  }
  const messageId = required(root.GrpHdr?.MsgId, 'GrpHdr/MsgId')
  const statements: Node[] = root.Stmt ?? []
  if (statements.length === 0) {
    throw new CamtFileError('missing', { element: 'Stmt' })
  }
  if (statements.length > 1) {
    throw new CamtFileError('several_statements', { count: String(statements.length) })
  }
  const stmt = statements[0]
  const statementId = required(stmt?.Id, 'Stmt/Id')
  const iban = required(stmt?.Acct?.Id?.IBAN, 'Stmt/Acct/Id/IBAN').replace(/\s+/g, '').toUpperCase()
  const entries = ((stmt?.Ntry ?? []) as Node[]).map((ntry: Node, i): CamtEntry => {
    const element = `Ntry[${i + 1}]`
    const amountCents = amount(ntry?.Amt, `${element}/Amt`)
    const dir = direction(ntry?.CdtDbtInd, `${element}/CdtDbtInd`)
    // .08: Sts/Cd; .02: Sts as text.
    const status = text(ntry?.Sts?.Cd) ?? text(ntry?.Sts)
    if (status === null) {
      throw new CamtFileError('missing', { element: `${element}/Sts` })
    }
    if (ntry?.BookgDt === undefined) {
      throw new CamtFileError('missing', { element: `${element}/BookgDt` })
    }
    return {
      reference: text(ntry?.NtryRef) ?? text(ntry?.AcctSvcrRef) ?? `#${i + 1}`,
      amountCents,
      direction: dir,
      reversal: text(ntry?.RvslInd) === 'true',
      status,
      bookingDate: isoDate(ntry.BookgDt, `${element}/BookgDt`),
      transactions: transactionsOf(ntry, { element, amountCents, direction: dir }),
    }
  })
  return { version, messageId, statementId, iban, entries }
}

/** German names of the ISO external return reason codes banks use for returned credit transfers. */
export const RETURN_REASONS = [
  'AC01',
  'AC04',
  'AC06',
  'AC13',
  'AG01',
  'AG02',
  'AM05',
  'BE04',
  'FOCR',
  'MD07',
  'MS02',
  'MS03',
  'RC01',
  'RR01',
  'RR02',
  'RR03',
  'RR04',
] as const

/** "AC04 – Konto erloschen"; unknown codes are shown as they are. */
export function returnReasonLabel(code: string | null): string {
  if (code === null) {
    return t('payments.camt.reason_none')
  }
  return (RETURN_REASONS as readonly string[]).includes(code)
    ? `${code} – ${t(`payments.camt.reason_${code as (typeof RETURN_REASONS)[number]}`)}`
    : code
}
