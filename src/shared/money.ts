// SPDX-License-Identifier: EUPL-1.2
/**
 * Parses a euro amount as people type it in Germany ("1.234,56", "1234,5", "1234", "12,00 €") into
 * integer cents. Returns null for anything else, including negative values and more than two decimals.
 * @example parseEuroToCents('1.234,56') // 123456
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/\s|€|EUR/gi, '')
  if (!/^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/.test(s)) {
    return null
  }
  const [whole = '0', fraction = ''] = s.replace(/\./g, '').split(',')
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' })

/** Formats integer cents as "1.234,56 €". */
export function formatCents(cents: number): string {
  return euro.format(cents / 100)
}

/** Formats integer cents for an input field: "1234,56". */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',')
}
