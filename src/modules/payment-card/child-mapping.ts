// SPDX-License-Identifier: EUPL-1.2
/**
 * Pure rules of the dated child-to-card mapping (ADR 0030): on whose card a child's benefits are booked in a
 * month or on a day, and which adult's card receives a household's payment.
 * @module
 */
import { parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'

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

/** What the re-map form yields, or its field errors (German, for a 422). */
export type RemapParse =
  | { ok: true; value: { holderId: string; validFrom: string; reason: string } }
  | { ok: false; errors: Record<string, string> }

function addYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`
}

/**
 * Reads the re-map form (fields karte_von, gueltig_ab, grund). The date lies between the first of the current
 * month (a month already paid is not re-booked) and one year from `today`.
 */
export function parseRemap(form: Record<string, string>, today: string): RemapParse {
  const errors: Record<string, string> = {}
  const holderId = (form.karte_von ?? '').trim()
  if (holderId === '') {
    errors.karte_von = t('payment_card.remap_holder_required')
  }
  const dateText = (form.gueltig_ab ?? '').trim()
  const validFrom = dateText === '' ? null : parseGermanDate(dateText)
  if (dateText === '') {
    errors.gueltig_ab = t('payment_card.remap_valid_from_required')
  } else if (!validFrom) {
    errors.gueltig_ab = t('payment_card.date_format')
  } else if (validFrom < `${today.slice(0, 7)}-01` || validFrom > addYears(today, 1)) {
    errors.gueltig_ab = t('payment_card.remap_valid_from_range')
  }
  const reason = (form.grund ?? '').trim()
  if (reason === '') {
    errors.grund = t('payment_card.remap_reason_required')
  } else if (reason.length > 2000) {
    errors.grund = t('payment_card.too_long', { max: 2000 })
  } else if (/[^\P{Cc}\t\n\r]/u.test(reason)) {
    errors.grund = t('payment_card.control_characters')
  }
  if (Object.keys(errors).length > 0 || !validFrom) {
    return { ok: false, errors }
  }
  return { ok: true, value: { holderId, validFrom, reason } }
}
