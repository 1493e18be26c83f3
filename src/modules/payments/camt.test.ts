// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { camt053, SYNTHETIC_IBAN } from '../../../test/support/camt.js'
import { CamtFileError, parseAmountCents, parseCamt053, returnReasonLabel } from './camt.js'

const E2E_A = '0f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b'
const E2E_B = '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'

function problemOf(xml: string): { problem: string; message: string } {
  try {
    parseCamt053(xml)
  } catch (error) {
    if (error instanceof CamtFileError) {
      return { problem: error.problem, message: error.germanMessage }
    }
    throw error
  }
  throw new Error('expected a CamtFileError')
}

describe('parseCamt053', () => {
  it('should read a batch debit of camt.053.001.08 with its transactions in cents', () => {
    const s = parseCamt053(
      camt053({
        entries: [
          {
            ref: 'E1',
            amount: '1283.50',
            indicator: 'DBIT',
            bookingDate: '2026-11-30',
            txs: [
              { endToEndId: E2E_A, amount: '983.5' },
              { endToEndId: E2E_B, amount: '300.00' },
            ],
          },
        ],
      }),
    )
    expect(s).toMatchObject({
      version: '001.08',
      statementId: 'STMT-2026-001',
      messageId: 'MSG-STMT-2026-001',
      iban: SYNTHETIC_IBAN,
    })
    expect(s.entries).toEqual([
      {
        reference: 'E1',
        amountCents: 128_350,
        direction: 'debit',
        reversal: false,
        status: 'BOOK',
        bookingDate: '2026-11-30',
        transactions: [
          {
            index: 0,
            endToEndId: E2E_A,
            amountCents: 98_350,
            direction: 'debit',
            returnReason: null,
            returnInfo: null,
          },
          {
            index: 1,
            endToEndId: E2E_B,
            amountCents: 30_000,
            direction: 'debit',
            returnReason: null,
            returnInfo: null,
          },
        ],
      },
    ])
  })

  it('should read a return with its reason code and a reversal indicator', () => {
    const s = parseCamt053(
      camt053({
        entries: [
          {
            ref: 'R1',
            amount: '983.50',
            indicator: 'CRDT',
            txs: [{ endToEndId: E2E_A, returnReason: 'AC04', returnInfo: 'KONTO ERLOSCHEN' }],
          },
          { ref: 'S1', amount: '300.00', indicator: 'CRDT', reversal: true, txs: [{ endToEndId: E2E_B }] },
        ],
      }),
    )
    expect(s.entries[0]?.transactions[0]).toMatchObject({
      endToEndId: E2E_A,
      amountCents: 98_350,
      direction: 'credit',
      returnReason: 'AC04',
      returnInfo: 'KONTO ERLOSCHEN',
    })
    expect(s.entries[1]).toMatchObject({ reversal: true, direction: 'credit', amountCents: 30_000 })
    expect(s.entries[1]?.transactions[0]?.amountCents).toBe(30_000)
  })

  it('should read camt.053.001.02 (Sts as text, AmtDtls/TxAmt)', () => {
    const s = parseCamt053(
      camt053({
        version: '02',
        entries: [
          { ref: 'E1', amount: '10.00', indicator: 'DBIT', txs: [{ endToEndId: E2E_A, amount: '10.00' }] },
          { amount: '5.00', indicator: 'DBIT', status: 'PDNG' },
        ],
      }),
    )
    expect(s.version).toBe('001.02')
    expect(s.entries.map((e) => [e.reference, e.status, e.amountCents])).toEqual([
      ['E1', 'BOOK', 1_000],
      ['BANKREF-X', 'PDNG', 500],
    ])
    expect(s.entries[0]?.transactions[0]?.amountCents).toBe(1_000)
  })

  it('should read a namespace prefix and a byte order mark', () => {
    const xml = camt053({ entries: [] })
      .replace('<Document xmlns=', '<c:Document xmlns:c=')
      .replace('</Document>', '</c:Document>')
    expect(parseCamt053(`\uFEFF${xml}`).entries).toEqual([])
  })

  it('should parse amounts exactly, never through floats', () => {
    expect(parseAmountCents('0.1', 'x')).toBe(10)
    expect(parseAmountCents('1234567890.29', 'x')).toBe(123_456_789_029)
    expect(parseAmountCents('4.35', 'x')).toBe(435)
    for (const bad of ['1,50', '-5.00', '1.234', '1e3', '', '.5']) {
      expect(() => parseAmountCents(bad, 'Ntry[1]/Amt')).toThrow(CamtFileError)
    }
  })

  it('should refuse what is not XML, with a German message', () => {
    expect(problemOf('%PDF-1.4 kein XML')).toMatchObject({
      problem: 'not_xml',
      message: expect.stringContaining('kein lesbarer XML-Kontoauszug'),
    })
    expect(problemOf('<Document><unclosed></Document>').problem).toBe('not_xml')
    expect(problemOf('   ').problem).toBe('empty')
  })

  it('should refuse a DOCTYPE (no entity expansion)', () => {
    const xml = camt053({ entries: [] }).replace(
      '<Document',
      '<!DOCTYPE Document [<!ENTITY x "xxxxxxxx">]>\n<Document',
    )
    expect(problemOf(xml).problem).toBe('doctype')
  })

  it('should refuse another message type or version by its namespace', () => {
    const pain = camt053({ entries: [] }).replace('camt.053.001.08', 'pain.001.001.09')
    expect(problemOf(pain)).toEqual({
      problem: 'wrong_namespace',
      message:
        'Die Datei ist kein Kontoauszug im Format camt.053.001.08 oder camt.053.001.02 (Namensraum: urn:iso:std:iso:20022:tech:xsd:pain.001.001.09).',
    })
    expect(problemOf(camt053({ entries: [] }).replace('camt.053.001.08', 'camt.052.001.08')).problem).toBe(
      'wrong_namespace',
    )
  })

  it('should name the missing mandatory part', () => {
    expect(problemOf(camt053({ entries: [] }).replace(/<Id><IBAN>.*<\/IBAN><\/Id>/, '<Id></Id>'))).toEqual({
      problem: 'missing',
      message: 'Im Kontoauszug fehlt die Pflichtangabe Stmt/Acct/Id/IBAN.',
    })
    expect(problemOf(camt053({ entries: [] }).replace(/<Id>STMT-2026-001<\/Id>/, '')).message).toContain(
      'Stmt/Id',
    )
    const noDate = camt053({ entries: [{ amount: '1.00', indicator: 'DBIT' }] }).replace(
      /<BookgDt>.*<\/BookgDt>/,
      '',
    )
    expect(problemOf(noDate).message).toBe('Im Kontoauszug fehlt die Pflichtangabe Ntry[1]/BookgDt.')
  })

  it('should refuse bad amounts, currencies, indicators and dates with the place', () => {
    expect(problemOf(camt053({ entries: [{ amount: '12,50', indicator: 'DBIT' }] })).message).toBe(
      'Der Betrag in Ntry[1]/Amt ist ungültig: „12,50“. Erwartet wird ein Betrag wie 983.50.',
    )
    const usd = camt053({ entries: [{ amount: '1.00', indicator: 'DBIT' }] }).replace(
      '<Amt Ccy="EUR">1.00',
      '<Amt Ccy="USD">1.00',
    )
    expect(problemOf(usd).problem).toBe('bad_currency')
    expect(problemOf(camt053({ entries: [{ amount: '1.00', indicator: 'XXXX' as 'DBIT' }] })).problem).toBe(
      'bad_indicator',
    )
    expect(
      problemOf(camt053({ entries: [{ amount: '1.00', indicator: 'DBIT', bookingDate: '2026-02-30' }] }))
        .problem,
    ).toBe('bad_date')
  })

  it('should give the German meaning of common return reasons', () => {
    expect(returnReasonLabel('AC04')).toBe('AC04 – Konto erloschen')
    expect(returnReasonLabel('MD07')).toBe('MD07 – Kontoinhaber verstorben')
    expect(returnReasonLabel('ZZ99')).toBe('ZZ99')
    expect(returnReasonLabel(null)).toBe('ohne Rückgabegrund')
  })
})
