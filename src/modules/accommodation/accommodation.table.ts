// SPDX-License-Identifier: EUPL-1.2
import type { Generated, Selectable } from 'kysely'

/** A shared accommodation site (Gemeinschaftsunterkunft). No personal data. */
export interface AccommodationSiteTable {
  id: Generated<string>
  name: string
  address: string
  /**
   * The latest capacity version's figure, kept by a trigger for readers that want one number; written only
   * on insert (it becomes the first version). Dated figures come from `accommodation_capacity` (ADR 0031).
   */
  capacity: number
  created_at: Generated<Date>
}

/** A bookable place of a site; never more places than capacity (database trigger). */
export interface AccommodationPlaceTable {
  id: Generated<string>
  site_id: string
  label: string
}

/**
 * Personal data: who lived in which place, linked to a case (`application`). `moved_out` is exclusive and
 * null while the person still lives there. No overlapping stays per place or per person (exclusion
 * constraints).
 */
export interface AccommodationStayTable {
  id: Generated<string>
  site_id: string
  place_id: string
  application_id: string
  moved_in: string
  moved_out: string | null
  created_by: string | null
  created_at: Generated<Date>
}

/**
 * A site's capacity from `valid_from` until the next version (ADR 0031); the first version also stands for
 * the time before it. No personal data.
 */
export interface AccommodationCapacityTable {
  id: Generated<string>
  site_id: string
  valid_from: string
  capacity: number
  recorded_by: string | null
  recorded_at: Generated<Date>
}

export type AccommodationCapacityRow = Selectable<AccommodationCapacityTable>
export type AccommodationSiteRow = Selectable<AccommodationSiteTable>
export type AccommodationPlaceRow = Selectable<AccommodationPlaceTable>
export type AccommodationStayRow = Selectable<AccommodationStayTable>
