// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildAbsence, buildHeldPost, buildOrgUnit } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { staffingAt } from './organisation.staffing.js'

let ctx: TestContext
let units: Record<'division' | 't1' | 't2', { id: string }>

/** A case of a post in the given status (the routing module will assign for real; here we set it). */
async function caseOf(postId: string, status: 'in_review' | 'decided' | 'closed' = 'in_review') {
  const { applicationId } = await buildApplication(ctx.db)
  await ctx.db
    .updateTable('application')
    .set({ assigned_post_id: postId, status })
    .where('id', '=', applicationId)
    .execute()
}

beforeAll(async () => {
  // A tiny norm so that a handful of cases crosses it.
  ctx = await freshTestContext({ caseloadNorm: { min: 1, max: 2 } })
  const division = await buildOrgUnit(ctx.db, { kind: 'division', name: 'Bereich Test', shortCode: '8.000' })
  const t1 = await buildOrgUnit(ctx.db, { parentId: division.id, name: 'Team Eins', shortCode: '8.010' })
  const t2 = await buildOrgUnit(ctx.db, { parentId: division.id, name: 'Team Zwei', shortCode: '8.020' })
  units = { division, t1, t2 }
  await buildHeldPost(ctx.db, division.id, { isHeadOfUnit: true })
  const lead = await buildHeldPost(ctx.db, t1.id, { isHeadOfUnit: true })
  const full = await buildHeldPost(ctx.db, t1.id)
  const half = await buildHeldPost(ctx.db, t1.id)
  await ctx.db.updateTable('post').set({ fte: '0.50' }).where('id', '=', half.post.id).execute()
  const vacant = await buildHeldPost(ctx.db, t1.id, { vacant: true })
  await buildAbsence(ctx.db, half.holder?.id ?? '', new Date('2020-06-01T00:00:00Z'), null)
  const other = await buildHeldPost(ctx.db, t2.id)
  for (const postId of [full.post.id, full.post.id, half.post.id, vacant.post.id]) {
    await caseOf(postId)
  }
  await caseOf(lead.post.id, 'decided')
  await caseOf(full.post.id, 'closed')
  await caseOf(other.post.id)
})

afterAll(async () => {
  await ctx?.close()
})

describe('staffing view', () => {
  it('should count posts, FTE, absences and open cases per unit and roll them up the tree', async () => {
    const staffing = await staffingAt(ctx.db, new Date(), { min: 1, max: 2 })
    const row = (id: string) => staffing.rows.find((r) => r.unit.id === id)
    expect(staffing.rows.map((r) => [r.unit.shortCode, r.depth])).toEqual([
      ['8.000', 0],
      ['8.010', 1],
      ['8.020', 1],
    ])
    expect(row(units.t1.id)?.total).toEqual({
      postsPlanned: 4,
      postsFilled: 3,
      postsVacant: 1,
      ftePlanned: 3.5,
      fteFilled: 2.5,
      absentPeople: 1,
      ftePresent: 2,
      fteCaseload: 1.5,
      openCases: 4,
      casesPerFte: 2.7,
      band: 'above',
    })
    expect(row(units.t2.id)?.total).toMatchObject({
      openCases: 1,
      fteCaseload: 1,
      casesPerFte: 1,
      band: 'within',
    })
    expect(row(units.division.id)?.own).toMatchObject({ postsPlanned: 1, openCases: 0, band: 'no_staff' })
    expect(row(units.division.id)?.total).toMatchObject({
      postsPlanned: 6,
      postsFilled: 5,
      postsVacant: 1,
      ftePlanned: 5.5,
      absentPeople: 1,
      ftePresent: 4,
      fteCaseload: 2.5,
      openCases: 5,
      casesPerFte: 2,
      band: 'within',
    })
  })

  it('should show the figures with the band in words to leads, offer a CSV, and refuse administrators and caseworkers', async () => {
    const lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'division_head' }))
    const res = await lead.get('/verwaltung/organisation/stellen')
    expect(res.status).toBe(200)
    const html = (await res.text()).replace(/\s+/g, ' ')
    expect(html).toContain('Team 8.010 Team Eins')
    expect(html).toContain('<strong>über der Norm (1–2)</strong>')
    expect(html).toContain('<td class="kern-table__cell">2,7</td>')
    const csv = await lead.get('/verwaltung/organisation/stellen.csv')
    expect(csv.status).toBe(200)
    const bytes = new Uint8Array(await csv.arrayBuffer())
    // UTF-8 with BOM, as German Excel expects it.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('kuerzel;einheit;art;stellen')).toBe(true)
    expect(text).toContain('8.010;Team Eins;Team;4;3;1;3,5;2,5;1;2;4;2,7;über der Norm (1–2)\r\n')
    for (const role of ['administrator', 'caseworker'] as const) {
      const other = await signIn(ctx.app, await buildStaffUser(ctx.db, { role }))
      expect((await other.get('/verwaltung/organisation/stellen')).status).toBe(403)
      expect((await other.get('/verwaltung/organisation/stellen.csv')).status).toBe(403)
    }
  })
})
