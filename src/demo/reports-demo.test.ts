// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildInterimPlan } from '../../test/factories/organisation.factory.js'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import type { MonthFigures } from '../modules/reports/key-figures.js'
import * as reportsService from '../modules/reports/reports.service.js'
import { createLogger } from '../shared/logger.js'
import { loadReportsDemo } from './reports-demo.js'

const NORM = { min: 150, max: 180 }
const NOW = new Date('2026-11-20T10:00:00Z')

let ctx: TestContext

beforeAll(async () => {
  ctx = await freshTestContext()
  await buildInterimPlan(ctx.db)
  await buildStaffUser(ctx.db, { role: 'division_head' })
  await loadReportsDemo(ctx.db, createLogger('silent'), NORM, NOW)
})

afterAll(async () => {
  await ctx.close()
})

describe('reports demo', () => {
  it('should store twelve past monthly snapshots with Lübeck-size synthetic figures', async () => {
    const rows = await ctx.db
      .selectFrom('report_snapshot')
      .select(['month', 'figures'])
      .orderBy('month')
      .execute()
    expect(rows.map((r) => r.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ])
    const first = rows[0]?.figures as MonthFigures
    const livelihood = first.benefitTypes
      .filter((b) => ['grusi', 'hlu', 'asylblg'].includes(b.benefitType))
      .reduce((n, b) => n + b.cases, 0)
    expect(livelihood).toBeGreaterThan(8500)
    expect(livelihood).toBeLessThan(9500)
    // The departments of the organisation, with their real staffing.
    expect(first.departments.map((d) => d.shortCode)).toEqual(['2.500.1', '2.500.2'])
    expect(first.total.cases).toBe(first.benefitTypes.reduce((n, b) => n + b.cases, 0))
  })

  it('should draft a report of the last complete month that renders from the snapshots', async () => {
    const reports = await reportsService.listReports(ctx.db)
    expect(reports).toHaveLength(1)
    expect(reports[0]?.month).toBe('2026-10')
    const { model } = await reportsService.loadReport(ctx.db, reports[0]?.id ?? '')
    expect(model.tables.length).toBeGreaterThan(0)
    expect(JSON.stringify(model)).toContain('Demodaten')
    // No further snapshot was taken: the report uses the twelve demo months.
    expect(await ctx.db.selectFrom('report_snapshot').select('id').execute()).toHaveLength(12)
  })

  it('should do nothing on a second start', async () => {
    await loadReportsDemo(ctx.db, createLogger('silent'), NORM, NOW)
    expect(await ctx.db.selectFrom('report_snapshot').select('id').execute()).toHaveLength(12)
    expect(await reportsService.listReports(ctx.db)).toHaveLength(1)
  })
})
