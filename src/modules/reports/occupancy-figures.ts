// SPDX-License-Identifier: EUPL-1.2
/**
 * Occupancy of the shared accommodation as part of a monthly snapshot (issue 8, ADR 0025): each site's
 * capacity and occupied places at the month's last day, and their totals. Counts only — no names, no case
 * ids. Stored with the snapshot when it is taken, so a later move in or out never changes a report that was
 * built from it. A stay counts as in `occupancyByMonth` (accommodation/occupancy.ts): moved in on or before
 * the reporting date and not moved out by then (the move-out day is free again).
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { lastDayOf } from './key-figures.js'

type Q = Kysely<Database> | Transaction<Database>

/** One site at the reporting date, with the capacity valid then (ADR 0031). No personal data. */
export interface SiteOccupancy {
  siteId: string
  name: string
  capacity: number
  occupied: number
}

/** The occupancy part of a snapshot (`MonthFigures.occupancy`). */
export interface OccupancyFigures {
  /** Last day of the month, `YYYY-MM-DD`. */
  reportingDate: string
  /** Sum of the sites' capacity valid at the reporting date (ADR 0031). */
  capacity: number
  occupied: number
  /** Share occupied, 0..1; null without capacity. */
  rate: number | null
  /** Sites by name. */
  sites: SiteOccupancy[]
}

/**
 * The occupancy of every site at the last day of `month`, from one query.
 * @example await loadOccupancyFigures(db, '2026-10') // { reportingDate: '2026-10-31', capacity: 60, … }
 */
export async function loadOccupancyFigures(db: Q, month: string): Promise<OccupancyFigures> {
  const day = lastDayOf(month)
  const rows = await sql<{ id: string; name: string; capacity: number; occupied: number }>`
    select a.id, a.name, accommodation_capacity_on(a.id, ${day}::date) as capacity,
      (select count(*)::int from accommodation_stay s
        where s.site_id = a.id and s.moved_in <= ${day}::date
          and (s.moved_out is null or s.moved_out > ${day}::date)) as occupied
    from accommodation_site a
    order by a.name, a.id`.execute(db)
  const sites = rows.rows.map((r) => ({
    siteId: r.id,
    name: r.name,
    capacity: Number(r.capacity),
    occupied: Number(r.occupied),
  }))
  const capacity = sites.reduce((a, s) => a + s.capacity, 0)
  const occupied = sites.reduce((a, s) => a + s.occupied, 0)
  return { reportingDate: day, capacity, occupied, rate: capacity > 0 ? occupied / capacity : null, sites }
}
