// SPDX-License-Identifier: EUPL-1.2
/**
 * Which post a new case goes to — pure. Rules are asked by ascending position; the first rule whose benefit
 * type (null = any) and surname letter range match wins (Buchstabenzuständigkeit). No match: the case goes
 * to the fallback queue (assigned post null), where leads assign it by hand.
 *
 * The same matching runs inside the submission statement (applications.repository.ts) so that a submission
 * stays one atomic statement; `matchRoutingRule` is the reference the tests hold the SQL to.
 * @module
 */

/** Letters that Unicode does not split into base letter and mark, spelled as German filing rules do. */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
}

/**
 * The surname as letter-range routing compares it (DIN 5007-1, "dictionary order"): upper case, umlauts as
 * their base letter (Ä = A), ß as SS, other diacritics removed, everything but A–Z dropped.
 * @example surnameKey('Öztürk-Meyer') // 'OZTURKMEYER'
 * @example surnameKey('Strauß') // 'STRAUSS'
 */
export function surnameKey(surname: string): string {
  return surname
    .replace(/ß/g, 'ss')
    .replace(/ẞ/g, 'SS')
    .replace(/[ŁłØøĐđÆæŒœ]/g, (c) => LETTERS_WITHOUT_DECOMPOSITION[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
}

export interface RoutingRuleInput {
  id: string
  position: number
  benefitType: string | null
  /** Inclusive lower bound, 1–3 letters; null = from A. */
  surnameFrom: string | null
  /** Inclusive upper bound compared as a prefix ('K' covers 'KZZ…'); null = to Z. */
  surnameTo: string | null
  targetPostId: string
}

/** True when the surname key lies in the rule's letter range. */
export function inLetterRange(key: string, from: string | null, to: string | null): boolean {
  if (from !== null && key < from) {
    return false
  }
  return to === null || key.slice(0, to.length) <= to
}

/** The first matching rule, or undefined (fallback queue). `rules` may come in any order. */
export function matchRoutingRule(
  rules: readonly RoutingRuleInput[],
  benefitType: string,
  key: string,
): RoutingRuleInput | undefined {
  return [...rules]
    .sort((a, b) => a.position - b.position)
    .find(
      (r) =>
        (r.benefitType === null || r.benefitType === benefitType) &&
        inLetterRange(key, r.surnameFrom, r.surnameTo),
    )
}
