// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { occupancyByMonth } from '../modules/accommodation/occupancy.js'
import { casesService } from '../modules/cases/index.js'
import type { MonthFigures } from '../modules/reports/key-figures.js'
import { createLogger } from '../shared/logger.js'
import { loadDemoData } from './demo-data.js'
import type { DemoLogin } from './demo-staff.js'

let ctx: TestContext
let logins: DemoLogin[]
beforeAll(async () => {
  ctx = await freshTestContext()
  const key = ctx.deps.config.mfaSecretKey as Buffer
  logins = await loadDemoData(ctx.db, ctx.deps.fileStore, ctx.dataDir, createLogger('silent'), key)
  // A second start changes nothing.
  await loadDemoData(ctx.db, ctx.deps.fileStore, ctx.dataDir, createLogger('silent'), key)
}, 120_000)
afterAll(async () => {
  await ctx.close()
})

async function principal(username: string) {
  const row = await ctx.db
    .selectFrom('staff_user')
    .select(['id', 'username', 'display_name', 'role'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}

describe('demo data', () => {
  it('should write the demo logins to the data directory, not the repository', async () => {
    const file = JSON.parse(await readFile(path.join(ctx.dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[]
    expect(file.map((l) => l.username).sort()).toEqual(logins.map((l) => l.username).sort())
  })

  it('should give the demo caseworker an inbox with her own cases and, i.V., those of an absent colleague', async () => {
    const caseworker = await principal('sachbearbeitung')
    const page = await casesService.listInbox(ctx.db, caseworker, { view: 'mine' }, null)
    // Her own post, plus at least the absent colleague's (the generated chains may add vacant posts).
    expect(page.scope.inboxPosts.filter((p) => p.via === 'holder')).toHaveLength(1)
    expect(page.scope.inboxPosts.filter((p) => p.via === 'deputy').length).toBeGreaterThanOrEqual(1)
    expect(page.rows.length).toBeGreaterThan(0)
    const covered = page.scope.inboxPosts.find((p) => p.via === 'deputy')?.postId
    expect(page.rows.some((r) => r.assigned_post_id === covered)).toBe(true)
    // Every demo case sits on a post of the demo team: none is lost in the fallback queue.
    const unassigned = await ctx.db
      .selectFrom('application')
      .select('id')
      .where('assigned_post_id', 'is', null)
      .execute()
    expect(unassigned).toEqual([])
  })

  it('should make the demo lead the head of the demo team, who sees the whole team', async () => {
    const lead = await principal('teamleitung')
    const page = await casesService.listInbox(ctx.db, lead, { view: 'unit' }, null)
    expect(page.scope.ledUnitIds.length).toBeGreaterThan(0)
    expect(page.rows.length).toBeGreaterThan(0)
  })
  it('should store the demo accommodation occupancy in the demo report snapshots', async () => {
    const rows = await ctx.db
      .selectFrom('report_snapshot')
      .select(['month', 'figures'])
      .orderBy('month', 'desc')
      .execute()
    const last = rows[0]?.figures as MonthFigures
    const sites = await ctx.db.selectFrom('accommodation_site').select(['capacity']).execute()
    expect(last.occupancy?.sites).toHaveLength(sites.length)
    expect(last.occupancy?.capacity).toBe(sites.reduce((n, s) => n + s.capacity, 0))
    const [live] = await occupancyByMonth(ctx.db, rows[0]?.month ?? '', rows[0]?.month ?? '')
    expect(last.occupancy?.occupied).toBe(live?.occupied)
    expect(live?.occupied).toBeGreaterThan(0)
  })
})
