// SPDX-License-Identifier: EUPL-1.2
/** Hand-written camt.053 statements for tests (synthetic accounts: bank code 02300000 belongs to no bank). */

export const SYNTHETIC_IBAN = 'DE89023000000000451001'

export interface SampleTx {
  endToEndId?: string
  amount?: string
  returnReason?: string
  returnInfo?: string
}

export interface SampleEntry {
  ref?: string
  amount: string
  indicator: 'CRDT' | 'DBIT'
  reversal?: boolean
  status?: string
  bookingDate?: string
  txs?: SampleTx[]
}

function tx08(t: SampleTx, indicator: string): string {
  return `<TxDtls>
          <Refs>${t.endToEndId ? `<EndToEndId>${t.endToEndId}</EndToEndId>` : ''}</Refs>
          ${t.amount ? `<Amt Ccy="EUR">${t.amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd>` : ''}
          ${
            t.returnReason
              ? `<RtrInf><Rsn><Cd>${t.returnReason}</Cd></Rsn>${t.returnInfo ? `<AddtlInf>${t.returnInfo}</AddtlInf>` : ''}</RtrInf>`
              : ''
          }
        </TxDtls>`
}

function tx02(t: SampleTx): string {
  return `<TxDtls>
          <Refs>${t.endToEndId ? `<EndToEndId>${t.endToEndId}</EndToEndId>` : ''}</Refs>
          ${t.amount ? `<AmtDtls><TxAmt><Amt Ccy="EUR">${t.amount}</Amt></TxAmt></AmtDtls>` : ''}
          ${t.returnReason ? `<RtrInf><Rsn><Cd>${t.returnReason}</Cd></Rsn></RtrInf>` : ''}
        </TxDtls>`
}

/** A camt.053.001.08 (default) or .001.02 statement with the given entries. */
export function camt053(options: {
  statementId?: string
  iban?: string
  entries: SampleEntry[]
  version?: '08' | '02'
}): string {
  const version = options.version ?? '08'
  const entries = options.entries
    .map(
      (e) => `<Ntry>
      ${e.ref ? `<NtryRef>${e.ref}</NtryRef>` : ''}
      <Amt Ccy="EUR">${e.amount}</Amt>
      <CdtDbtInd>${e.indicator}</CdtDbtInd>
      ${e.reversal ? '<RvslInd>true</RvslInd>' : ''}
      ${version === '08' ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`}
      <BookgDt><Dt>${e.bookingDate ?? '2026-12-01'}</Dt></BookgDt>
      <ValDt><Dt>${e.bookingDate ?? '2026-12-01'}</Dt></ValDt>
      <AcctSvcrRef>BANKREF-${e.ref ?? 'X'}</AcctSvcrRef>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      ${
        e.txs && e.txs.length > 0
          ? `<NtryDtls>${e.txs.map((t) => (version === '08' ? tx08(t, e.indicator) : tx02(t))).join('')}</NtryDtls>`
          : ''
      }
    </Ntry>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${options.statementId ?? 'STMT-2026-001'}</MsgId><CreDtTm>2026-12-02T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${options.statementId ?? 'STMT-2026-001'}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>2026-12-02T06:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>${options.iban ?? SYNTHETIC_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>
      ${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`
}
