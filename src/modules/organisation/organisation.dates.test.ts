// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { berlinDayStart, isBerlinDayStart, standInstant } from './organisation.dates.js'

describe('organisation dates', () => {
  it('should take the start of a Berlin day in winter and in summer time', () => {
    expect(berlinDayStart('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z')
    expect(berlinDayStart('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z')
    // The days of the switches themselves.
    expect(berlinDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(berlinDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z')
  })

  it('should recognise a day start and read "Stand am" or fall back to now for bad input', () => {
    expect(isBerlinDayStart(new Date('2026-11-30T23:00:00Z'))).toBe(true)
    expect(isBerlinDayStart(new Date('2026-12-01T00:00:00Z'))).toBe(false)
    const now = new Date('2026-11-26T10:00:00Z')
    expect(standInstant('2026-06-15', now)).toEqual({
      at: new Date('2026-06-14T22:00:00Z'),
      day: '2026-06-15',
      given: true,
    })
    expect(standInstant('2026-02-30', now)).toEqual({ at: now, day: '2026-11-26', given: false })
    expect(standInstant('gestern', now)).toEqual({ at: now, day: '2026-11-26', given: false })
  })
})
