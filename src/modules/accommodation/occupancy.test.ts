// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication } from '../../../test/factories/applications.factory.js'
import { buildSite, buildStay } from '../../../test/factories/providers.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { formatRate, monthsBetween, occupancyAt, occupancyByMonth, occupancyRate } from './occupancy.js'
import { protectOccupancy } from './views/OccupancyReportSection.js'

describe('occupancy rate (pure)', () => {
  it('should divide occupied places by capacity', () => {
    expect(occupancyRate(45, 60)).toBe(0.75)
    expect(occupancyRate(0, 10)).toBe(0)
  })

  it('should give no rate without capacity', () => {
    expect(occupancyRate(3, 0)).toBeNull()
  })

  it('should format a rate as German percent with one decimal', () => {
    expect(formatRate(0.755)).toBe('75,5 %')
    expect(formatRate(1)).toBe('100,0 %')
    expect(formatRate(null)).toBe('–')
  })

  it('should list the months of a period across a year boundary', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsBetween('2026-03', '2026-02')).toEqual([])
  })
})

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

/** The PostgreSQL error a write fails with (code and constraint), or null when it succeeds. */
async function refusal(write: Promise<unknown>): Promise<{ code: string; constraint?: string } | null> {
  try {
    await write
    return null
  } catch (error) {
    const e = error as { code?: string; constraint?: string }
    return { code: e.code ?? '', constraint: e.constraint }
  }
}

describe('database constraints of the accommodation', () => {
  it('should refuse a second stay in the same place for overlapping dates (no double booking)', async () => {
    const site = await buildSite(ctx.db, { capacity: 2 })
    const place = site.places[0]?.id ?? ''
    const a = (await buildApplication(ctx.db)).applicationId
    const b = (await buildApplication(ctx.db)).applicationId
    await buildStay(ctx.db, site, place, a, '2026-01-01', '2026-03-01')
    expect(await refusal(buildStay(ctx.db, site, place, b, '2026-02-15', null))).toEqual({
      code: '23P01',
      constraint: 'accommodation_stay_no_double_booking',
    })
    // The move-out day is free again: a stay may begin on it.
    expect(await refusal(buildStay(ctx.db, site, place, b, '2026-03-01', null))).toBeNull()
  })

  it('should refuse a person living in two places at once', async () => {
    const site = await buildSite(ctx.db, { capacity: 2 })
    const a = (await buildApplication(ctx.db)).applicationId
    await buildStay(ctx.db, site, site.places[0]?.id ?? '', a, '2026-01-01', null)
    expect(await refusal(buildStay(ctx.db, site, site.places[1]?.id ?? '', a, '2026-06-01', null))).toEqual({
      code: '23P01',
      constraint: 'accommodation_stay_one_place_per_person',
    })
  })

  it('should refuse more places than the capacity, and a capacity changed past its dated versions', async () => {
    const site = await buildSite(ctx.db, { capacity: 2 })
    expect(
      await refusal(
        ctx.db.insertInto('accommodation_place').values({ site_id: site.id, label: 'P3' }).execute(),
      ),
    ).toEqual({ code: '23514', constraint: 'accommodation_capacity' })
    expect(
      await refusal(
        ctx.db.updateTable('accommodation_site').set({ capacity: 1 }).where('id', '=', site.id).execute(),
      ),
    ).toEqual({ code: '23514', constraint: 'accommodation_capacity_dated' })
    const places = await ctx.db
      .selectFrom('accommodation_place')
      .select('id')
      .where('site_id', '=', site.id)
      .execute()
    expect(places).toHaveLength(2)
  })

  it('should refuse a stay whose move-out is not after its move-in', async () => {
    const site = await buildSite(ctx.db, { capacity: 1 })
    const a = (await buildApplication(ctx.db)).applicationId
    expect(
      (await refusal(buildStay(ctx.db, site, site.places[0]?.id ?? '', a, '2026-05-01', '2026-05-01')))?.code,
    ).toBe('23514')
  })

  it('should refuse a stay in a place of another site', async () => {
    const one = await buildSite(ctx.db, { capacity: 1 })
    const other = await buildSite(ctx.db, { capacity: 1 })
    const a = (await buildApplication(ctx.db)).applicationId
    expect((await refusal(buildStay(ctx.db, one, other.places[0]?.id ?? '', a, '2026-05-01')))?.code).toBe(
      '23503',
    )
  })
})

describe('dated capacity (ADR 0031)', () => {
  const version = (siteId: string, validFrom: string, capacity: number) =>
    ctx.db
      .insertInto('accommodation_capacity')
      .values({ site_id: siteId, valid_from: validFrom, capacity })
      .execute()

  it('should refuse a stay that exceeds the capacity valid on its dates, and allow it where capacity is higher', async () => {
    const site = await buildSite(ctx.db, { capacity: 3 })
    // From 1.3.2031 only two people may live there (e.g. a fire-safety order); the places stay.
    await version(site.id, '2031-03-01', 2)
    const [p1, p2, p3] = site.places.map((p) => p.id ?? '')
    const cases = await Promise.all([1, 2, 3].map(async () => (await buildApplication(ctx.db)).applicationId))
    await buildStay(ctx.db, site, p1 ?? '', cases[0] ?? '', '2031-01-01')
    await buildStay(ctx.db, site, p2 ?? '', cases[1] ?? '', '2031-01-01')
    // A third resident up to the end of February fits (capacity 3 then) …
    expect(
      await refusal(buildStay(ctx.db, site, p3 ?? '', cases[2] ?? '', '2031-01-15', '2031-03-01')),
    ).toBeNull()
    // … but staying into March does not.
    const extra = (await buildApplication(ctx.db)).applicationId
    await ctx.db
      .deleteFrom('accommodation_stay')
      .where('application_id', '=', cases[2] ?? '')
      .execute()
    expect(await refusal(buildStay(ctx.db, site, p3 ?? '', extra, '2031-02-01', null))).toEqual({
      code: '23514',
      constraint: 'accommodation_occupancy',
    })
  })

  it('should refuse a capacity version below the residents of its dates and keep the mirror on the latest', async () => {
    const site = await buildSite(ctx.db, { capacity: 3 })
    const [p1, p2] = site.places.map((p) => p.id ?? '')
    await buildStay(ctx.db, site, p1 ?? '', (await buildApplication(ctx.db)).applicationId, '2032-01-01')
    await buildStay(
      ctx.db,
      site,
      p2 ?? '',
      (await buildApplication(ctx.db)).applicationId,
      '2032-01-01',
      '2032-06-01',
    )
    expect(await refusal(version(site.id, '2032-05-01', 1))).toEqual({
      code: '23514',
      constraint: 'accommodation_occupancy',
    })
    // From June one resident is left: capacity 1 fits.
    expect(await refusal(version(site.id, '2032-06-01', 1))).toBeNull()
    const row = await ctx.db
      .selectFrom('accommodation_site')
      .select('capacity')
      .where('id', '=', site.id)
      .executeTakeFirstOrThrow()
    expect(row.capacity).toBe(1)
  })

  it('should compute the monthly rate with the capacity valid at each reporting date', async () => {
    const site = await buildSite(ctx.db, { capacity: 4 })
    await version(site.id, '2033-02-15', 2)
    await buildStay(
      ctx.db,
      site,
      site.places[0]?.id ?? '',
      (await buildApplication(ctx.db)).applicationId,
      '2033-01-01',
    )
    const series = await occupancyByMonth(ctx.db, '2033-01', '2033-02', site.id)
    expect(series.map((m) => [m.month, m.occupied, m.capacity, m.rate])).toEqual([
      ['2033-01', 1, 4, 0.25],
      ['2033-02', 1, 2, 0.5],
    ])
  })
})

describe('occupancyByMonth', () => {
  it('should count stays at the last day of each month against capacity, for one site and for all', async () => {
    const site = await buildSite(ctx.db, { capacity: 4 })
    const [p1, p2, p3] = site.places.map((p) => p.id)
    const cases = await Promise.all([1, 2, 3].map(async () => (await buildApplication(ctx.db)).applicationId))
    await buildStay(ctx.db, site, p1 ?? '', cases[0] ?? '', '2030-01-10', '2030-03-01')
    await buildStay(ctx.db, site, p2 ?? '', cases[1] ?? '', '2030-02-28', null)
    // Moves out on the last day of February: that day the place is free again.
    await buildStay(ctx.db, site, p3 ?? '', cases[2] ?? '', '2030-01-01', '2030-02-28')
    const series = await occupancyByMonth(ctx.db, '2030-01', '2030-03', site.id)
    expect(series).toEqual([
      { month: '2030-01', reportingDate: '2030-01-31', occupied: 2, capacity: 4, rate: 0.5 },
      { month: '2030-02', reportingDate: '2030-02-28', occupied: 2, capacity: 4, rate: 0.5 },
      { month: '2030-03', reportingDate: '2030-03-31', occupied: 1, capacity: 4, rate: 0.25 },
    ])
    const all = await occupancyByMonth(ctx.db, '2030-03', '2030-03')
    const atEnd = [...(await occupancyAt(ctx.db, '2030-03-31')).values()].reduce((a, b) => a + b, 0)
    expect(all[0]?.occupied).toBe(atEnd)
    expect(all[0]?.capacity).toBeGreaterThanOrEqual(4)
    expect((await occupancyAt(ctx.db, '2030-02-15')).get(site.id)).toBe(2)
  })
})

describe('occupancy in the public committee report (ADR 0022)', () => {
  const month = (occupied: number, capacity: number) => ({
    month: '2026-10',
    reportingDate: '2026-10-31',
    occupied,
    capacity,
    rate: occupancyRate(occupied, capacity),
  })

  it('should keep one or two occupied places and their rate secret', () => {
    expect(protectOccupancy([month(2, 40), month(1, 40)])).toEqual([
      { month: '2026-10', occupied: '.', capacity: '40', rate: '.' },
      { month: '2026-10', occupied: '.', capacity: '40', rate: '.' },
    ])
  })

  it('should publish zero and three or more occupied places with their rate', () => {
    expect(protectOccupancy([month(0, 40), month(3, 40), month(1200, 1500)])).toEqual([
      { month: '2026-10', occupied: '0', capacity: '40', rate: '0,0 %' },
      { month: '2026-10', occupied: '3', capacity: '40', rate: '7,5 %' },
      { month: '2026-10', occupied: '1.200', capacity: '1.500', rate: '80,0 %' },
    ])
  })
})
