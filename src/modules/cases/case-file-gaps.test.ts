// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { type CaseGapFacts, caseFileGaps } from './case-file-gaps.js'

const complete: CaseGapFacts = {
  today: '2026-03-01',
  documentCount: 2,
  requests: [{ description: 'Mietvertrag', dueOn: '2026-02-01', fulfilled: true, cancelled: false }],
  decisions: [
    { decidedOn: '2026-02-16', status: 'final', approvalRequired: true, approved: true, hasLetter: true },
  ],
}

describe('case file gaps', () => {
  it('should report nothing for a complete case', () => {
    expect(caseFileGaps(complete)).toEqual([])
  })

  it('should report a case without any document as missing evidence', () => {
    expect(caseFileGaps({ ...complete, documentCount: 0 })).toEqual([
      { kind: 'missing_evidence', description: 'Es liegen keine Unterlagen vor.' },
    ])
  })

  it('should report open requests, saying which are overdue, and ignore fulfilled and cancelled ones', () => {
    const gaps = caseFileGaps({
      ...complete,
      requests: [
        { description: 'Kontoauszüge', dueOn: '2026-02-28', fulfilled: false, cancelled: false },
        { description: 'Rentenbescheid', dueOn: '2026-03-01', fulfilled: false, cancelled: false },
        { description: 'Mietvertrag', dueOn: '2026-01-01', fulfilled: false, cancelled: true },
        { description: 'Heizkosten', dueOn: '2026-01-01', fulfilled: true, cancelled: false },
      ],
    })
    expect(gaps).toEqual([
      {
        kind: 'missing_evidence',
        description: 'Angeforderte Unterlagen fehlen, Frist 28.02.2026 abgelaufen: Kontoauszüge',
      },
      {
        kind: 'missing_evidence',
        description: 'Angeforderte Unterlagen stehen noch aus (Frist 01.03.2026): Rentenbescheid',
      },
    ])
  })

  it('should report a decision over the four-eyes threshold without approval, final or waiting', () => {
    const gaps = caseFileGaps({
      ...complete,
      decisions: [
        {
          decidedOn: '2026-02-10',
          status: 'awaiting_approval',
          approvalRequired: true,
          approved: false,
          hasLetter: false,
        },
        {
          decidedOn: '2026-02-16',
          status: 'final',
          approvalRequired: true,
          approved: false,
          hasLetter: true,
        },
      ],
    })
    expect(gaps).toEqual([
      { kind: 'missing_approval', description: 'Vier-Augen-Freigabe der Entscheidung vom 10.02.2026 fehlt.' },
      { kind: 'missing_approval', description: 'Vier-Augen-Freigabe der Entscheidung vom 16.02.2026 fehlt.' },
    ])
  })

  it('should report a final decision without a stored letter, but not a returned or waiting one', () => {
    const gaps = caseFileGaps({
      ...complete,
      decisions: [
        {
          decidedOn: '2026-02-01',
          status: 'returned',
          approvalRequired: true,
          approved: false,
          hasLetter: false,
        },
        {
          decidedOn: '2026-02-16',
          status: 'final',
          approvalRequired: false,
          approved: false,
          hasLetter: false,
        },
      ],
    })
    expect(gaps).toEqual([
      { kind: 'other', description: 'Zur Entscheidung vom 16.02.2026 ist kein Bescheid gespeichert.' },
    ])
  })

  it('should list all gaps together in a fixed order: documents, requests, approvals, letters', () => {
    const gaps = caseFileGaps({
      today: '2026-03-01',
      documentCount: 0,
      requests: [{ description: 'Kontoauszüge', dueOn: '2026-02-01', fulfilled: false, cancelled: false }],
      decisions: [
        {
          decidedOn: '2026-02-16',
          status: 'final',
          approvalRequired: true,
          approved: false,
          hasLetter: false,
        },
      ],
    })
    expect(gaps.map((g) => g.kind)).toEqual([
      'missing_evidence',
      'missing_evidence',
      'missing_approval',
      'other',
    ])
  })
})
