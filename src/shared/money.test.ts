// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { centsToInput, formatCents, parseEuroToCents } from './money.js'

// Intl puts a no-break space between the amount and the euro sign.
const NBSP = '\u00a0'

describe('parseEuroToCents', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234,5', 123450],
    ['1234', 123400],
    ['0', 0],
    ['0,05', 5],
    ['1.234', 123400],
    ['1.234.567,89', 123456789],
    ['12,00 €', 1200],
    ['12,00€', 1200],
    ['12 EUR', 1200],
    ['12 eur', 1200],
    ['1 234,56', 123456],
    [' 7,5 ', 750],
    ['007', 700],
  ])('should read %j as %i cents', (input, cents) => {
    expect(parseEuroToCents(input)).toBe(cents)
  })

  it.each([
    ['12,345', 'three decimals'],
    ['-5', 'a negative amount'],
    ['-5,00', 'a negative amount with decimals'],
    ['5-', 'a trailing minus'],
    ['12.5', 'a decimal point instead of a comma'],
    ['1.23', 'a thousands point followed by fewer than three digits'],
    ['1234.567,00', 'a thousands point in the wrong place'],
    ['1,234.56', 'English notation'],
    [',50', 'no whole part'],
    ['1,', 'a comma without decimals'],
    ['', 'nothing'],
    ['€', 'only the currency sign'],
    ['abc', 'letters'],
    ['1e3', 'exponent notation'],
    ['0x10', 'hex notation'],
    ['99999999999999999999', 'an amount beyond safe integers'],
  ])('should refuse %j (%s)', (input) => {
    expect(parseEuroToCents(input)).toBeNull()
  })
})

describe('formatCents', () => {
  it.each([
    [123456, `1.234,56${NBSP}€`],
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [100, `1,00${NBSP}€`],
    [123456789, `1.234.567,89${NBSP}€`],
  ])('should show %i cents as %j', (cents, text) => {
    expect(formatCents(cents)).toBe(text)
  })
})

describe('centsToInput', () => {
  it.each([
    [123450, '1234,50'],
    [5, '0,05'],
    [0, '0,00'],
    [73412, '734,12'],
  ])('should put %i cents into a field as %j', (cents, text) => {
    expect(centsToInput(cents)).toBe(text)
  })

  it('should give back what parseEuroToCents reads, for every cent value up to 1.000 €', () => {
    for (let cents = 0; cents <= 100_000; cents += 1) {
      if (parseEuroToCents(centsToInput(cents)) !== cents) {
        throw new Error(`round trip failed for ${cents}: ${centsToInput(cents)}`)
      }
    }
  })
})
