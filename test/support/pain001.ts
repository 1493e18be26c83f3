// SPDX-License-Identifier: EUPL-1.2
/**
 * Checks a generated pain.001.001.09 file. When the official ISO 20022 schema is present at
 * schemas/pain.001.001.09.xsd (see schemas/README.md), `xmllint --noout --schema` must accept the file. Always,
 * whether the schema is there or not: every element Lotse writes is checked against the message definition —
 * the sequence order and cardinality of each element's children, every mandatory element, and the facets of
 * the leaf values (lengths, patterns, decimals) — plus the SEPA rules of the EPC rulebook and the German banks
 * (service level SEPA, charge bearer SLEV, EUR, creditor name and account, one unstructured remittance line of
 * at most 140 characters, a postal address only with town and country).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { expect } from 'vitest'

export const PAIN001_XSD = path.resolve(import.meta.dirname, '../../schemas/pain.001.001.09.xsd')

/** One child in a sequence: name, minimum and maximum occurrences (Infinity = unbounded). */
type Child = [name: string, min: number, max: number]
/** A complex element: its children in schema order, or a choice of exactly one of them. */
type Complex = { sequence: Child[] } | { choice: string[] }

const OPT = 0
const ONE = 1
const MANY = Number.POSITIVE_INFINITY

const party: Complex = {
  sequence: [
    ['Nm', OPT, 1],
    ['PstlAdr', OPT, 1],
    ['Id', OPT, 1],
    ['CtryOfRes', OPT, 1],
    ['CtctDtls', OPT, 1],
  ],
}
const account: Complex = {
  sequence: [
    ['Id', ONE, 1],
    ['Tp', OPT, 1],
    ['Ccy', OPT, 1],
    ['Nm', OPT, 1],
    ['Prxy', OPT, 1],
  ],
}
const agent: Complex = { sequence: [['FinInstnId', ONE, 1]] }

/** The structure of pain.001.001.09 for the elements Lotse writes (CustomerCreditTransferInitiationV09). */
const STRUCTURE: Record<string, Complex> = {
  Document: { sequence: [['CstmrCdtTrfInitn', ONE, 1]] },
  CstmrCdtTrfInitn: {
    sequence: [
      ['GrpHdr', ONE, 1],
      ['PmtInf', ONE, MANY],
      ['SplmtryData', OPT, MANY],
    ],
  },
  GrpHdr: {
    sequence: [
      ['MsgId', ONE, 1],
      ['CreDtTm', ONE, 1],
      ['Authstn', OPT, 2],
      ['NbOfTxs', ONE, 1],
      ['CtrlSum', OPT, 1],
      ['InitgPty', ONE, 1],
      ['FwdgAgt', OPT, 1],
    ],
  },
  PmtInf: {
    sequence: [
      ['PmtInfId', ONE, 1],
      ['PmtMtd', ONE, 1],
      ['BtchBookg', OPT, 1],
      ['NbOfTxs', OPT, 1],
      ['CtrlSum', OPT, 1],
      ['PmtTpInf', OPT, 1],
      ['ReqdExctnDt', ONE, 1],
      ['PoolgAdjstmntDt', OPT, 1],
      ['Dbtr', ONE, 1],
      ['DbtrAcct', ONE, 1],
      ['DbtrAgt', ONE, 1],
      ['DbtrAgtAcct', OPT, 1],
      ['InstrForDbtrAgt', OPT, 1],
      ['UltmtDbtr', OPT, 1],
      ['ChrgBr', OPT, 1],
      ['ChrgsAcct', OPT, 1],
      ['ChrgsAcctAgt', OPT, 1],
      ['CdtTrfTxInf', ONE, MANY],
    ],
  },
  PmtTpInf: {
    sequence: [
      ['InstrPrty', OPT, 1],
      ['SvcLvl', OPT, MANY],
      ['LclInstrm', OPT, 1],
      ['CtgyPurp', OPT, 1],
    ],
  },
  SvcLvl: { choice: ['Cd', 'Prtry'] },
  ReqdExctnDt: { choice: ['Dt', 'DtTm'] },
  InitgPty: party,
  Dbtr: party,
  Cdtr: party,
  DbtrAcct: account,
  CdtrAcct: account,
  Id: { choice: ['IBAN', 'Othr'] },
  DbtrAgt: agent,
  CdtrAgt: agent,
  FinInstnId: {
    sequence: [
      ['BICFI', OPT, 1],
      ['ClrSysMmbId', OPT, 1],
      ['LEI', OPT, 1],
      ['Nm', OPT, 1],
      ['PstlAdr', OPT, 1],
      ['Othr', OPT, 1],
    ],
  },
  Othr: {
    sequence: [
      ['Id', ONE, 1],
      ['SchmeNm', OPT, 1],
      ['Issr', OPT, 1],
    ],
  },
  CdtTrfTxInf: {
    sequence: [
      ['PmtId', ONE, 1],
      ['PmtTpInf', OPT, 1],
      ['Amt', ONE, 1],
      ['XchgRateInf', OPT, 1],
      ['ChrgBr', OPT, 1],
      ['ChqInstr', OPT, 1],
      ['UltmtDbtr', OPT, 1],
      ['IntrmyAgt1', OPT, 1],
      ['IntrmyAgt1Acct', OPT, 1],
      ['IntrmyAgt2', OPT, 1],
      ['IntrmyAgt2Acct', OPT, 1],
      ['IntrmyAgt3', OPT, 1],
      ['IntrmyAgt3Acct', OPT, 1],
      ['CdtrAgt', OPT, 1],
      ['CdtrAgtAcct', OPT, 1],
      ['Cdtr', OPT, 1],
      ['CdtrAcct', OPT, 1],
      ['UltmtCdtr', OPT, 1],
      ['InstrForCdtrAgt', OPT, MANY],
      ['InstrForDbtrAgt', OPT, 1],
      ['Purp', OPT, 1],
      ['RgltryRptg', OPT, 10],
      ['Tax', OPT, 1],
      ['RltdRmtInf', OPT, 10],
      ['RmtInf', OPT, 1],
      ['SplmtryData', OPT, MANY],
    ],
  },
  PmtId: {
    sequence: [
      ['InstrId', OPT, 1],
      ['EndToEndId', ONE, 1],
      ['UETR', OPT, 1],
    ],
  },
  Amt: { choice: ['InstdAmt', 'EqvtAmt'] },
  Purp: { choice: ['Cd', 'Prtry'] },
  RmtInf: {
    sequence: [
      ['Ustrd', OPT, MANY],
      ['Strd', OPT, MANY],
    ],
  },
  PstlAdr: {
    sequence: [
      ['AdrTp', OPT, 1],
      ['Dept', OPT, 1],
      ['SubDept', OPT, 1],
      ['StrtNm', OPT, 1],
      ['BldgNb', OPT, 1],
      ['BldgNm', OPT, 1],
      ['Flr', OPT, 1],
      ['PstBx', OPT, 1],
      ['Room', OPT, 1],
      ['PstCd', OPT, 1],
      ['TwnNm', OPT, 1],
      ['TwnLctnNm', OPT, 1],
      ['DstrctNm', OPT, 1],
      ['CtrySubDvsn', OPT, 1],
      ['Ctry', OPT, 1],
      ['AdrLine', OPT, 7],
    ],
  },
}

const maxText = (n: number) => new RegExp(`^[\\s\\S]{1,${n}}$`)
const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/

/** Facets of the leaf values, by the element's path suffix. */
const LEAVES: Array<[suffix: string, pattern: RegExp]> = [
  ['GrpHdr/MsgId', maxText(35)],
  ['GrpHdr/CreDtTm', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/],
  ['NbOfTxs', /^[0-9]{1,15}$/],
  ['CtrlSum', DECIMAL],
  ['PmtInfId', maxText(35)],
  ['PmtMtd', /^(CHK|TRF|TRA)$/],
  ['BtchBookg', /^(true|false)$/],
  ['SvcLvl/Cd', /^[\s\S]{1,4}$/],
  ['ReqdExctnDt/Dt', /^\d{4}-\d{2}-\d{2}$/],
  ['Nm', maxText(140)],
  ['IBAN', /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/],
  ['BICFI', /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/],
  ['FinInstnId/Othr/Id', maxText(35)],
  ['ChrgBr', /^(DEBT|CRED|SHAR|SLEV)$/],
  ['EndToEndId', maxText(35)],
  ['InstdAmt', DECIMAL],
  ['Purp/Cd', /^[\s\S]{1,4}$/],
  ['Ustrd', maxText(140)],
  ['StrtNm', maxText(70)],
  ['BldgNb', maxText(16)],
  ['PstCd', maxText(16)],
  ['TwnNm', maxText(35)],
  ['Ctry', /^[A-Z]{2}$/],
  ['AdrLine', maxText(70)],
]

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> }

function tagOf(node: OrderedNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? ''
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const value = node[tagOf(node)]
  return Array.isArray(value) ? (value as OrderedNode[]) : []
}

function textOf(node: OrderedNode): string | undefined {
  const kids = childrenOf(node)
  const text = kids.find((k) => '#text' in k)
  return text ? String(text['#text']) : kids.length === 0 ? '' : undefined
}

/** Structural problems of one element and its subtree, as readable strings. */
function check(node: OrderedNode, trail: string, problems: string[]): void {
  const tag = tagOf(node)
  const here = `${trail}/${tag}`
  // Othr/Id is a text (Max35Text); every other Id is an account identification choice.
  const spec = here.endsWith('/Othr/Id') ? undefined : STRUCTURE[tag]
  const elements = childrenOf(node).filter((k) => !('#text' in k))
  if (!spec) {
    const text = textOf(node)
    if (text === undefined || elements.length > 0) {
      problems.push(`${here}: unexpected element with children`)
      return
    }
    const rule = LEAVES.find(([suffix]) => here.endsWith(`/${suffix}`))
    if (!rule) {
      problems.push(`${here}: element not expected by the checker`)
    } else if (!rule[1].test(text)) {
      problems.push(`${here}: value "${text}" does not match ${rule[1]}`)
    }
    return
  }
  const names = elements.map(tagOf)
  if ('choice' in spec) {
    if (names.length !== 1 || !spec.choice.includes(names[0] as string)) {
      problems.push(`${here}: must hold exactly one of ${spec.choice.join(', ')}, has ${names.join(', ')}`)
    }
  } else {
    let i = 0
    for (const [name, min, max] of spec.sequence) {
      let count = 0
      while (names[i] === name) {
        count++
        i++
      }
      if (count < min || count > max) {
        problems.push(`${here}: ${name} occurs ${count} times (allowed ${min}..${max})`)
      }
    }
    if (i < names.length) {
      problems.push(`${here}: ${names[i]} is out of order or not allowed`)
    }
  }
  for (const child of elements) {
    check(child, here, problems)
  }
}

function runXmllint(xml: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotse-pain001-'))
  try {
    const file = path.join(dir, 'pain001.xml')
    writeFileSync(file, xml)
    execFileSync('xmllint', ['--noout', '--schema', PAIN001_XSD, file], { stdio: 'pipe' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Whether the official schema is in the repository (then every check also runs xmllint against it). */
export const hasOfficialSchema = existsSync(PAIN001_XSD)

/**
 * Asserts that `xml` is a valid pain.001.001.09 SEPA credit transfer as described in the module comment.
 */
export function expectValidPain001(xml: string): void {
  if (hasOfficialSchema) {
    runXmllint(xml)
  }
  const ordered = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: true,
  }).parse(xml) as OrderedNode[]
  const document = ordered.find((n) => tagOf(n) === 'Document')
  expect(document?.[':@']?.xmlns).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09')
  const problems: string[] = []
  check(document as OrderedNode, '', problems)
  expect(problems).toEqual([])

  // SEPA rules on top of the schema.
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
  }).parse(xml)
  const root = doc.Document.CstmrCdtTrfInitn
  const blocks = [root.PmtInf].flat()
  let count = 0
  let sum = 0
  for (const block of blocks) {
    expect(block.PmtMtd).toBe('TRF')
    expect(block.PmtTpInf?.SvcLvl?.Cd).toBe('SEPA')
    expect(block.ChrgBr).toBe('SLEV')
    let blockSum = 0
    const txs = [block.CdtTrfTxInf].flat()
    for (const tx of txs) {
      expect(tx.Amt.InstdAmt['@_Ccy']).toBe('EUR')
      const cents = Math.round(Number(tx.Amt.InstdAmt['#text']) * 100)
      expect(cents).toBeGreaterThan(0)
      blockSum += cents
      expect(typeof tx.Cdtr?.Nm).toBe('string')
      expect(tx.Cdtr.Nm.length).toBeLessThanOrEqual(70)
      expect(tx.CdtrAcct?.Id?.IBAN).toBeTruthy()
      expect([tx.RmtInf?.Ustrd ?? []].flat().length).toBeLessThanOrEqual(1)
      if (tx.Cdtr.PstlAdr) {
        expect(tx.Cdtr.PstlAdr.TwnNm).toBeTruthy()
        expect(tx.Cdtr.PstlAdr.Ctry).toMatch(/^[A-Z]{2}$/)
        expect([tx.Cdtr.PstlAdr.AdrLine ?? []].flat().length).toBeLessThanOrEqual(2)
      }
    }
    expect(Number(block.NbOfTxs)).toBe(txs.length)
    expect(Math.round(Number(block.CtrlSum) * 100)).toBe(blockSum)
    count += txs.length
    sum += blockSum
  }
  expect(Number(root.GrpHdr.NbOfTxs)).toBe(count)
  expect(Math.round(Number(root.GrpHdr.CtrlSum) * 100)).toBe(sum)
}
