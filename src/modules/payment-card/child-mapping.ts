// SPDX-License-Identifier: EUPL-1.2
/**
 * Pure rules of the dated child-to-card mapping (ADR 0030): on whose card a child's benefits are booked in a
 * month or on a day, and which adult's card receives a household's payment.
 * @module
 */

/** One dated change: from `validFrom` ('YYYY-MM-DD') on, the child is booked on `holderId`'s card. */
export interface MappingChange {
  childId: string
  holderId: string
  validFrom: string
}

/** A child with its first mapping (household_member.card_holder_member_id). */
export interface MappedChild {
  id: string
  initialHolderId: string | null
}

function latest(changes: readonly MappingChange[], admits: (validFrom: string) => boolean) {
  let best: MappingChange | undefined
  for (const c of changes) {
    if (admits(c.validFrom) && (!best || c.validFrom > best.validFrom)) {
      best = c
    }
  }
  return best
}

/**
 * The adult a child is booked on for the service month `month` ('YYYY-MM'): a change counts for the whole month
 * it starts in ("from the valid-from month"), so a run for that month already pays to the new card.
 */
export function holderInMonth(
  child: MappedChild,
  changes: readonly MappingChange[],
  month: string,
): string | null {
  const own = changes.filter((c) => c.childId === child.id)
  return latest(own, (from) => from.slice(0, 7) <= month)?.holderId ?? child.initialHolderId
}

/** The adult a child is booked on on `day` ('YYYY-MM-DD'), e.g. today for the case page. */
export function holderOnDay(
  child: MappedChild,
  changes: readonly MappingChange[],
  day: string,
): string | null {
  const own = changes.filter((c) => c.childId === child.id)
  return latest(own, (from) => from <= day)?.holderId ?? child.initialHolderId
}

/**
 * The adult whose card receives the household's payment for `month`: the adult most of the children are booked
 * on in that month, ties to the adult entered first; without children (or mapped to nobody), the first adult.
 * Only adults in `adultsInOrder` (household order) count.
 */
export function bookingAdult(
  adultsInOrder: readonly string[],
  children: readonly MappedChild[],
  changes: readonly MappingChange[],
  month: string,
): string | null {
  const counts = new Map<string, number>()
  for (const child of children) {
    const holder = holderInMonth(child, changes, month)
    if (holder !== null && adultsInOrder.includes(holder)) {
      counts.set(holder, (counts.get(holder) ?? 0) + 1)
    }
  }
  let best: string | null = adultsInOrder[0] ?? null
  let bestCount = best === null ? 0 : (counts.get(best) ?? 0)
  for (const adult of adultsInOrder) {
    const n = counts.get(adult) ?? 0
    if (n > bestCount) {
      best = adult
      bestCount = n
    }
  }
  return best
}
