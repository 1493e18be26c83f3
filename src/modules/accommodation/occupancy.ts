// SPDX-License-Identifier: EUPL-1.2
/**
 * Occupancy figures of the shared accommodation: a pure rate and the SQL that counts occupied places per
 * month (at the last day of each month, the reporting date). Counts only: no names, no case ids, so the
 * figures may feed the committee report.
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'

type Conn = Kysely<Database> | Transaction<Database>

/**
 * Share of the capacity that is occupied, 0..1; null without capacity.
 * @example occupancyRate(45, 60) // 0.75
 */
export function occupancyRate(occupied: number, capacity: number): number | null {
  if (capacity <= 0) {
    return null
  }
  return occupied / capacity
}

/** A rate as German percent text, one decimal: 0.755 → "75,5 %"; null → "–". */
export function formatRate(rate: number | null): string {
  if (rate === null) {
    return '–'
  }
  return `${(Math.round(rate * 1000) / 10).toLocaleString('de-DE', { minimumFractionDigits: 1 })} %`
}

/** Months `YYYY-MM` from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}

/** Occupancy of one month at its reporting date (the month's last day). */
export interface MonthOccupancy {
  month: string
  /** Last day of the month, `YYYY-MM-DD`. */
  reportingDate: string
  occupied: number
  capacity: number
  rate: number | null
}

/**
 * Occupied places and capacity per month from `from` to `to` (`YYYY-MM`), at the last day of each month,
 * over all sites, or one site when `siteId` is given. A stay counts on a day when it began on or before it
 * and ended after it (the move-out day is free again). Capacity is each site's capacity valid at the
 * reporting date (dated versions, ADR 0031), so a later change of capacity leaves past rates as they were.
 * @example await occupancyByMonth(db, '2026-01', '2026-12')
 */
export async function occupancyByMonth(
  db: Conn,
  from: string,
  to: string,
  siteId?: string,
): Promise<MonthOccupancy[]> {
  const months = monthsBetween(from, to)
  if (months.length === 0) {
    return []
  }
  const site = siteId ?? null
  const rows = await sql<{ month: string; reporting_date: string; occupied: number; capacity: number }>`
    with m as (
      select to_char(d, 'YYYY-MM') as month, (d + interval '1 month' - interval '1 day')::date as day
      from generate_series(${`${months[0]}-01`}::date, ${`${months[months.length - 1]}-01`}::date,
        interval '1 month') as d
    )
    select m.month, to_char(m.day, 'YYYY-MM-DD') as reporting_date,
      (select count(*)::int from accommodation_stay s
        where s.moved_in <= m.day and (s.moved_out is null or s.moved_out > m.day)
          and (${site}::uuid is null or s.site_id = ${site}::uuid)) as occupied,
      (select coalesce(sum(accommodation_capacity_on(a.id, m.day)), 0)::int from accommodation_site a
        where ${site}::uuid is null or a.id = ${site}::uuid) as capacity
    from m order by m.month`.execute(db)
  return rows.rows.map((r) => ({
    month: r.month,
    reportingDate: r.reporting_date,
    occupied: r.occupied,
    capacity: r.capacity,
    rate: occupancyRate(r.occupied, r.capacity),
  }))
}

/** Each site's capacity valid at `day` (ADR 0031). */
export async function capacityAt(db: Conn, day: string): Promise<Map<string, number>> {
  const rows = await sql<{ id: string; capacity: number }>`
    select id, accommodation_capacity_on(id, ${day}::date) as capacity from accommodation_site`.execute(db)
  return new Map(rows.rows.map((r) => [r.id, Number(r.capacity)]))
}

/** Occupied places per site at `day`. */
export async function occupancyAt(db: Conn, day: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('accommodation_stay')
    .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('moved_in', '<=', day)
    .where((eb) => eb.or([eb('moved_out', 'is', null), eb('moved_out', '>', day)]))
    .groupBy('site_id')
    .execute()
  return new Map(rows.map((r) => [r.site_id, Number(r.n)]))
}
