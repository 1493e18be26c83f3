// SPDX-License-Identifier: EUPL-1.2
/**
 * Which post a new case goes to — pure. Rules are asked by ascending position; the first rule whose benefit
 * type (null = any) and surname letter range match wins (Buchstabenzuständigkeit). No match: the case goes
 * to the fallback queue (assigned post null), where leads assign it by hand.
 *
 * Two stages (ADR 0029): the office-wide rules (no `withinUnitId`) name a post or a team. For a team, the
 * team's own rules (`withinUnitId` = the team) pick the post the same way; when none matches, the case
 * waits in the team's queue (Teameingang) for a team member to take it or the lead to assign it.
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
  /** Exactly one of targetPostId and targetUnitId. */
  targetPostId: string | null
  /** A team: the case goes on to the team's own rules, else to its queue. */
  targetUnitId?: string | null
  /** A team's own rule: asked only for cases routed to this team. */
  withinUnitId?: string | null
}

/** Where routing puts a new case: a post, a team queue, or (both null) the global fallback queue. */
export interface RouteResult {
  postId: string | null
  queueUnitId: string | null
  /** The rule that decided (the team's rule when one matched, else the office-wide one); null = none. */
  ruleId: string | null
}

/** True when the surname key lies in the rule's letter range. */
export function inLetterRange(key: string, from: string | null, to: string | null): boolean {
  if (from !== null && key < from) {
    return false
  }
  return to === null || key.slice(0, to.length) <= to
}

/**
 * The first matching rule of one stage, or undefined. `withinUnitId` null asks the office-wide rules, a unit
 * id that team's own rules. `rules` may come in any order.
 */
export function matchRoutingRule(
  rules: readonly RoutingRuleInput[],
  benefitType: string,
  key: string,
  withinUnitId: string | null = null,
): RoutingRuleInput | undefined {
  return [...rules]
    .sort((a, b) => a.position - b.position)
    .find(
      (r) =>
        (r.withinUnitId ?? null) === withinUnitId &&
        (r.benefitType === null || r.benefitType === benefitType) &&
        inLetterRange(key, r.surnameFrom, r.surnameTo),
    )
}

/**
 * Both stages: the office-wide rule, then — when it names a team — the team's own rule; no team rule
 * matching leaves the case in the team's queue. The reference for the submission statement's SQL.
 * @example routeCase(rules, 'grusi', surnameKey('Ahrens')) // { postId: null, queueUnitId: 'team-1', ruleId: 'r1' }
 */
export function routeCase(rules: readonly RoutingRuleInput[], benefitType: string, key: string): RouteResult {
  const first = matchRoutingRule(rules, benefitType, key)
  if (!first) {
    return { postId: null, queueUnitId: null, ruleId: null }
  }
  const team = first.targetUnitId ?? null
  if (team === null) {
    return { postId: first.targetPostId, queueUnitId: null, ruleId: first.id }
  }
  const inTeam = matchRoutingRule(rules, benefitType, key, team)
  return inTeam
    ? { postId: inTeam.targetPostId, queueUnitId: null, ruleId: inTeam.id }
    : { postId: null, queueUnitId: team, ruleId: first.id }
}
