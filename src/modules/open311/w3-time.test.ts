// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { endOfBerlinDay, formatW3, parseW3 } from './w3-time.js'

describe('w3 time', () => {
  it('should write Berlin time with the winter and summer offsets', () => {
    expect(formatW3(new Date('2026-11-26T09:15:00Z'))).toBe('2026-11-26T10:15:00+01:00')
    expect(formatW3(new Date('2026-07-01T22:30:05Z'))).toBe('2026-07-02T00:30:05+02:00')
  })

  it('should put the end of a Berlin day at 23:59:59 local time', () => {
    expect(endOfBerlinDay('2026-12-15').toISOString()).toBe('2026-12-15T22:59:59.000Z')
    expect(endOfBerlinDay('2026-06-15').toISOString()).toBe('2026-06-15T21:59:59.000Z')
  })

  it('should read W3 date-times with a zone and refuse everything else', () => {
    expect(parseW3('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z')
    expect(parseW3('2010-04-14T06:37:38-08:00')?.toISOString()).toBe('2010-04-14T14:37:38.000Z')
    for (const bad of [
      '2010-01-01',
      '2010-01-01T00:00:00',
      '2026-02-30T00:00:00Z',
      'gestern',
      '2010-13-01T00:00Z',
    ]) {
      expect(parseW3(bad), bad).toBeUndefined()
    }
  })
})
