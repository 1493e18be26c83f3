// SPDX-License-Identifier: EUPL-1.2
import { parse as parseCsv } from 'csv-parse/sync'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { expectValidPain001 } from '../../../test/support/pain001.js'
import {
  buildOrderCsv,
  buildPain001,
  ORDER_CSV_COLUMNS,
  PaymentFileError,
  type RunFileInput,
  sepaText,
  splitStreet,
  type Transfer,
  xmlAmount,
} from './sepa.js'

function transfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    endToEndId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    amountCents: 98_350,
    payeeName: 'Erika Mustermann-Öztürk',
    iban: 'DE89 0230 0000 0000 4510 01',
    bic: null,
    address: {
      street: 'Große Burgstraße',
      buildingNumber: '12',
      postalCode: '23552',
      town: 'Lübeck',
      country: 'DE',
    },
    remittance: 'Leistung 12/2026 Az. GS-2026-0000001',
    caseReference: 'GS-2026-0000001',
    serviceMonths: ['2026-12'],
    ...overrides,
  }
}

function input(transfers: Transfer[] = [transfer()]): RunFileInput {
  return {
    messageId: 'LOTSE-ZL-2026-12-01',
    reference: 'ZL-2026-12-01',
    createdAt: new Date('2026-11-27T09:30:00.123Z'),
    executionDate: '2026-11-30',
    debtor: {
      name: 'Hansestadt Lübeck Soziale Sicherung',
      iban: 'DE89023000000000451001',
      bic: 'LOTSDEH1XXX',
    },
    transfers,
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false })

describe('pain.001.001.09', () => {
  it('should carry every mandatory element with the run totals and the payment id as EndToEndId', () => {
    const xml = buildPain001(
      input([transfer(), transfer({ endToEndId: 'second', amountCents: 1_650, address: null })]),
    )
    expectValidPain001(xml)
    const doc = parser.parse(xml)
    expect(doc.Document['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09')
    const root = doc.Document.CstmrCdtTrfInitn
    expect(root.GrpHdr).toMatchObject({
      MsgId: 'LOTSE-ZL-2026-12-01',
      CreDtTm: '2026-11-27T09:30:00Z',
      NbOfTxs: '2',
      CtrlSum: '1000.00',
      InitgPty: { Nm: 'Hansestadt Luebeck Soziale Sicherung' },
    })
    expect(root.PmtInf).toMatchObject({
      PmtMtd: 'TRF',
      NbOfTxs: '2',
      CtrlSum: '1000.00',
      PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
      ReqdExctnDt: { Dt: '2026-11-30' },
      DbtrAcct: { Id: { IBAN: 'DE89023000000000451001' } },
      DbtrAgt: { FinInstnId: { BICFI: 'LOTSDEH1XXX' } },
      ChrgBr: 'SLEV',
    })
    const [first, second] = root.PmtInf.CdtTrfTxInf
    expect(first.PmtId.EndToEndId).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90')
    expect(first.Amt.InstdAmt).toEqual({ '#text': '983.50', '@_Ccy': 'EUR' })
    expect(first.CdtrAcct.Id.IBAN).toBe('DE89023000000000451001')
    expect(first.Purp.Cd).toBe('SSBE')
    expect(second.PmtId.EndToEndId).toBe('second')
    expect(second.Cdtr.PstlAdr).toBeUndefined()
  })

  it('should write a structured address with town and country as separate fields', () => {
    const doc = parser.parse(buildPain001(input()))
    expect(doc.Document.CstmrCdtTrfInitn.PmtInf.CdtTrfTxInf.Cdtr).toEqual({
      Nm: 'Erika Mustermann-Oeztuerk',
      PstlAdr: { StrtNm: 'Grosse Burgstrasse', BldgNb: '12', PstCd: '23552', TwnNm: 'Luebeck', Ctry: 'DE' },
    })
    expect(buildPain001(input())).not.toContain('<AdrLine>')
  })

  it('should leave the address out when town or country is missing (no unstructured address)', () => {
    const xml = buildPain001(
      input([
        transfer({
          address: {
            street: 'Am Markt',
            buildingNumber: '1',
            postalCode: '23552',
            town: 'Lübeck',
            country: null,
          },
        }),
      ]),
    )
    expect(xml).not.toContain('<PstlAdr>')
    expectValidPain001(xml)
  })

  it('should write NOTPROVIDED for a debtor without BIC and the creditor BIC only when known', () => {
    const xml = buildPain001({
      ...input([transfer({ bic: 'BYLADEM1001' })]),
      debtor: { name: 'Stadt', iban: 'DE89023000000000451001', bic: null },
    })
    const doc = parser.parse(xml)
    expect(doc.Document.CstmrCdtTrfInitn.PmtInf.DbtrAgt).toEqual({
      FinInstnId: { Othr: { Id: 'NOTPROVIDED' } },
    })
    expect(doc.Document.CstmrCdtTrfInitn.PmtInf.CdtTrfTxInf.CdtrAgt).toEqual({
      FinInstnId: { BICFI: 'BYLADEM1001' },
    })
    expectValidPain001(xml)
  })

  it('should refuse an invalid IBAN, an invalid BIC, a non-positive amount and an empty run', () => {
    expect(() => buildPain001(input([transfer({ iban: 'DE00 1234 5678 9012 3456 78' })]))).toThrow(
      PaymentFileError,
    )
    expect(() => buildPain001(input([transfer({ bic: 'NOPE' })]))).toThrow('invalid BIC')
    expect(() => buildPain001(input([transfer({ amountCents: 0 })]))).toThrow('positive')
    expect(() => buildPain001(input([]))).toThrow('at least one')
    expect(() => buildPain001(input([transfer({ endToEndId: 'x'.repeat(36) })]))).toThrow('EndToEndId')
  })

  it('should escape XML and keep only the SEPA character set in names and remittance', () => {
    const xml = buildPain001(
      input([transfer({ payeeName: 'A&B <Test> "Zoë" Ñandú', remittance: 'x'.repeat(200) })]),
    )
    const doc = parser.parse(xml)
    const tx = doc.Document.CstmrCdtTrfInitn.PmtInf.CdtTrfTxInf
    expect(tx.Cdtr.Nm).toBe('A B Test Zoe Nandu')
    expect(tx.RmtInf.Ustrd).toHaveLength(140)
    expectValidPain001(xml)
  })
})

describe('the pain.001 checker itself', () => {
  it('should reject a file with an element out of order, a missing mandatory element or a bad value', () => {
    const xml = buildPain001(input())
    const swapped = xml.replace(
      /(<NbOfTxs>1<\/NbOfTxs>\s*)(<CtrlSum>983.50<\/CtrlSum>)/,
      (_m, a: string, b: string) => `${b}${a}`,
    )
    expect(swapped).not.toBe(xml)
    expect(() => expectValidPain001(swapped)).toThrow()
    expect(() => expectValidPain001(xml.replace(/<ReqdExctnDt>[\s\S]*?<\/ReqdExctnDt>/, ''))).toThrow()
    expect(() => expectValidPain001(xml.replace('<Ctry>DE</Ctry>', '<Ctry>Deutschland</Ctry>'))).toThrow()
    expect(() =>
      expectValidPain001(xml.replace('<CtrlSum>983.50</CtrlSum>', '<CtrlSum>983.51</CtrlSum>')),
    ).toThrow()
  })
})

describe('helpers', () => {
  it('should format cents exactly', () => {
    expect(xmlAmount(5)).toBe('0.05')
    expect(xmlAmount(123_456_789)).toBe('1234567.89')
  })

  it('should split house numbers off the street', () => {
    expect(splitStreet('Große Burgstraße 12')).toEqual({ street: 'Große Burgstraße', number: '12' })
    expect(splitStreet('Am Markt 3a')).toEqual({ street: 'Am Markt', number: '3a' })
    expect(splitStreet('Mühlenstraße 10-12')).toEqual({ street: 'Mühlenstraße', number: '10-12' })
    expect(splitStreet('Postfach')).toEqual({ street: 'Postfach', number: null })
  })

  it('should transliterate German letters', () => {
    expect(sepaText('Jörg Weiß', 70)).toBe('Joerg Weiss')
  })
})

describe('cash office CSV', () => {
  it('should list each payment and a total row with the documented columns', () => {
    const csv = buildOrderCsv(input([transfer(), transfer({ endToEndId: 'second', amountCents: 1_650 })]))
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const rows: string[][] = parseCsv(csv.slice(1), { delimiter: ';' })
    expect(rows[0]).toEqual([...ORDER_CSV_COLUMNS])
    expect(rows[1]).toEqual([
      'ZL-2026-12-01',
      '30.11.2026',
      'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      'GS-2026-0000001',
      'Erika Mustermann-Oeztuerk',
      'DE89023000000000451001',
      '',
      '983,50',
      'EUR',
      '12/2026',
      'Leistung 12/2026 Az. GS-2026-0000001',
    ])
    expect(rows[3]?.[4]).toBe('Summe')
    expect(rows[3]?.[7]).toBe('1000,00')
    expect(csv).toContain('\r\n')
  })
})
