// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import {
  approvalDueOn,
  CARD_TRANSITIONS,
  canTransition,
  checkIban,
  decisionTimeStats,
  isOverdue,
  parseTransfer,
  parseTravel,
} from './payment-card.domain.js'
import type { CardStatus } from './payment-card.table.js'

const VALID_IBAN = 'DE02120300000000202051'

describe('card lifecycle', () => {
  it('should allow ordered → active → blocked → active → replaced and nothing out of replaced or closed', () => {
    expect(canTransition('ordered', 'active')).toBe(true)
    expect(canTransition('active', 'blocked')).toBe(true)
    expect(canTransition('blocked', 'active')).toBe(true)
    expect(canTransition('blocked', 'replaced')).toBe(true)
    expect(canTransition('active', 'closed')).toBe(true)
    expect(canTransition('ordered', 'blocked')).toBe(false)
    expect(canTransition('ordered', 'replaced')).toBe(false)
    expect(canTransition('active', 'ordered')).toBe(false)
    for (const from of ['replaced', 'closed'] as CardStatus[]) {
      for (const to of Object.keys(CARD_TRANSITIONS) as CardStatus[]) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(false)
      }
    }
  })
})

describe('checkIban', () => {
  it('should accept an IBAN typed with spaces and lower case and return its electronic format', () => {
    expect(checkIban(' de02 1203 0000 0000 2020 51 ')).toEqual({ iban: VALID_IBAN })
  })

  it('should explain each kind of mistake in German', () => {
    expect(checkIban('')).toEqual({ error: 'Geben Sie die IBAN ein.' })
    expect(checkIban('DE02-1203')).toEqual({ error: expect.stringContaining('nur Buchstaben, Ziffern') })
    expect(checkIban('DE03120300000000202051')).toEqual({ error: expect.stringContaining('Prüfziffer') })
    expect(checkIban('DE0212030000000020205')).toEqual({ error: expect.stringContaining('22 Zeichen') })
    expect(checkIban('QQ02120300000000202051')).toEqual({ error: expect.stringContaining('Ländercode') })
  })
})

describe('parseTransfer', () => {
  const valid = {
    empfaenger: 'Wohnungsbau Lübeck GmbH',
    iban: 'DE02 1203 0000 0000 2020 51',
    zweck: 'Miete Dezember',
    betrag: '412,50',
    dauerauftrag: 'ja',
  }

  it('should read a valid standing order in integer cents', () => {
    expect(parseTransfer(valid)).toEqual({
      ok: true,
      value: {
        payeeName: 'Wohnungsbau Lübeck GmbH',
        payeeIban: VALID_IBAN,
        purpose: 'Miete Dezember',
        amountCents: 41250,
        standing: true,
      },
    })
    expect(parseTransfer({ ...valid, dauerauftrag: '' })).toMatchObject({
      ok: true,
      value: { standing: false },
    })
  })

  it('should name every wrong field with its own message', () => {
    const result = parseTransfer({
      empfaenger: ' ',
      iban: 'DE03120300000000202051',
      zweck: '',
      betrag: '12,345',
    })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors).toEqual({
      empfaenger: 'Geben Sie an, an wen überwiesen werden soll.',
      iban: expect.stringContaining('Prüfziffer'),
      zweck: expect.stringContaining('Verwendungszweck'),
      betrag: 'Geben Sie den Betrag in Euro ein, zum Beispiel 120,50.',
    })
    expect(parseTransfer({ ...valid, betrag: '0' })).toMatchObject({
      ok: false,
      errors: { betrag: expect.stringContaining('größer als 0') },
    })
    expect(parseTransfer({ ...valid, betrag: '10.000,01' })).toMatchObject({ ok: false })
    expect(parseTransfer({ ...valid, zweck: 'x'.repeat(141) })).toMatchObject({
      ok: false,
      errors: { zweck: expect.stringContaining('140') },
    })
    expect(parseTransfer({ ...valid, empfaenger: 'A\u0007B' })).toMatchObject({
      ok: false,
      errors: { empfaenger: expect.stringContaining('Zeichen') },
    })
  })
})

describe('parseTravel', () => {
  const today = '2026-11-26'

  it('should read a period in German dates', () => {
    expect(
      parseTravel({ von: '1.12.2026', bis: '05.12.2026', grund: 'Arzttermin in Hamburg' }, today),
    ).toEqual({
      ok: true,
      value: { from: '2026-12-01', to: '2026-12-05', reason: 'Arzttermin in Hamburg' },
    })
  })

  it('should refuse a start in the past, an end before the start, a too long period and a missing reason', () => {
    expect(parseTravel({ von: '25.11.2026', bis: '26.11.2026', grund: 'x' }, today)).toMatchObject({
      ok: false,
      errors: { von: expect.stringContaining('Vergangenheit') },
    })
    expect(parseTravel({ von: '02.12.2026', bis: '01.12.2026', grund: 'x' }, today)).toMatchObject({
      ok: false,
      errors: { bis: expect.stringContaining('nicht vor dem Beginn') },
    })
    expect(parseTravel({ von: '01.12.2026', bis: '01.04.2027', grund: 'x' }, today)).toMatchObject({
      ok: false,
      errors: { bis: expect.stringContaining('92 Tage') },
    })
    expect(parseTravel({ von: '31.11.2026', bis: '', grund: '' }, today)).toEqual({
      ok: false,
      errors: {
        von: expect.stringContaining('gültiges Datum'),
        bis: expect.stringContaining('bis wann'),
        grund: expect.stringContaining('Grund'),
      },
    })
  })
})

describe('deadlines', () => {
  it('should count working days past weekends and Schleswig-Holstein holidays', () => {
    // Thursday 26.11.2026 + 5 working days = Thursday 03.12.2026.
    expect(approvalDueOn('2026-11-26', 5)).toBe('2026-12-03')
    // Wednesday 23.12.2026 + 3: 24.12. (Thu), skip 25./26. (holidays) and the weekend → 28., 29.
    expect(approvalDueOn('2026-12-23', 3)).toBe('2026-12-29')
  })

  it('should count the deadline day itself as in time', () => {
    expect(isOverdue('2026-12-03', '2026-12-03')).toBe(false)
    expect(isOverdue('2026-12-03', '2026-12-04')).toBe(true)
  })
})

describe('decisionTimeStats', () => {
  it('should give nulls for no decisions and interpolate like percentile_cont', () => {
    expect(decisionTimeStats([])).toEqual({ median: null, p90: null })
    expect(decisionTimeStats([10])).toEqual({ median: 10, p90: 10 })
    expect(decisionTimeStats([40, 10, 20, 30])).toEqual({ median: 25, p90: 37 })
  })
})
