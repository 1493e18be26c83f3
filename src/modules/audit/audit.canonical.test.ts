// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, canonicalJsonFast } from './audit.chain.js'

/** canonicalJson's outcome as a value: the text, or the error it throws. */
function outcome(f: (v: unknown) => string, v: unknown): string {
  try {
    return `ok:${f(v)}`
  } catch (error) {
    return `error:${error instanceof TypeError}`
  }
}

describe('canonicalJsonFast', () => {
  it('should give exactly canonicalJson’s text for any JSON value, keys in any order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Parsed back from text like the verifier's input, and once as built (keys unsorted).
        const parsed: unknown = JSON.parse(JSON.stringify(value))
        expect(canonicalJsonFast(parsed)).toBe(canonicalJson(parsed))
        expect(canonicalJsonFast(value)).toBe(canonicalJson(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('should sort unsorted and integer-like keys and fall back for values JSON.stringify would write differently', () => {
    expect(canonicalJsonFast({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    )
    // JavaScript lists integer-like keys first; canonical order compares them as text.
    expect(canonicalJsonFast({ '10': 1, '2': 2, a: 3 })).toBe('{"10":1,"2":2,"a":3}')
    expect(canonicalJsonFast({ a: undefined, b: 1 })).toBe('{"b":1}')
    const odd: unknown[] = [
      new Date(0),
      { toJSON: () => 'x' },
      [1, undefined],
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point
      [1, , 2],
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      Object.create({ inherited: 1 }),
    ]
    for (const value of odd) {
      expect(outcome(canonicalJsonFast, value)).toBe(outcome(canonicalJson, value))
    }
  })
})
