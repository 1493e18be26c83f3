// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import type { RouterRoute } from 'hono/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildInterimPlan, PLAN, SYSTEM_ACTOR } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { policyOf } from '../auth/index.js'
import { organisationService as org } from './index.js'

const BASE = '/verwaltung/organisation'
const NBSP_FREE = (html: string) => html.replace(/\s+/g, ' ')

let ctx: TestContext
let plan: Awaited<ReturnType<typeof buildInterimPlan>>
let admin: TestClient
let caseworker: TestClient
let lead: TestClient
let leadPersonId: string
let leadTeamMemberId: string
let adminId: string

beforeAll(async () => {
  ctx = await freshTestContext()
  plan = await buildInterimPlan(ctx.db)
  const adminUser = await buildStaffUser(ctx.db, { role: 'administrator' })
  adminId = adminUser.id
  admin = await signIn(ctx.app, adminUser)
  caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
  // A team lead with a sign-in account who heads team 2.500.11 from now on.
  const leadUser = await buildStaffUser(ctx.db, { role: 'team_lead' })
  const leadPerson = await org.createPerson(ctx.db, SYSTEM_ACTOR, {
    displayName: 'Teamleitung mit Konto',
    staffUserId: leadUser.id,
  })
  leadPersonId = leadPerson.id
  const grusiLeadHolding = await ctx.db
    .selectFrom('post_holding')
    .select('id')
    .where('post_id', '=', plan.posts.grusiLead.id)
    .executeTakeFirstOrThrow()
  const handover = new Date(Date.now() - 86_400_000)
  await org.endRecord(ctx.db, SYSTEM_ACTOR, 'post_holding', grusiLeadHolding.id, handover)
  await org.assignPostHolder(ctx.db, SYSTEM_ACTOR, {
    postId: plan.posts.grusiLead.id,
    personId: leadPersonId,
    validFrom: handover,
  })
  leadTeamMemberId = plan.people.caseworkerA?.id ?? ''
  lead = await signIn(ctx.app, leadUser)
})

afterAll(async () => {
  await ctx?.close()
})

function orgRoutes() {
  const seen = new Map<string, unknown>()
  for (const route of ctx.app.routes as RouterRoute[]) {
    const key = `${route.method} ${route.path}`
    if (route.method !== 'ALL' && route.path.startsWith(BASE) && !seen.has(key)) {
      seen.set(key, route.handler)
    }
  }
  return [...seen].map(([key, handler]) => {
    const [method = '', path = ''] = key.split(' ')
    return { method, path, policy: policyOf(handler) }
  })
}

function urlFor(path: string): string {
  return path
    .replace(':type', 'stellen')
    .replace(/:id/, plan.units.grusiTeam.id)
    .replace(/:(\w+)/g, () => randomUUID())
}

describe('organisation admin: route policies', () => {
  it('should declare a staff policy on every route that leaves caseworkers out, structure for administrators only', () => {
    const routes = orgRoutes()
    expect(routes.length).toBeGreaterThanOrEqual(20)
    for (const route of routes) {
      expect(route.policy?.kind, `${route.method} ${route.path}`).toBe('staff')
      const roles = route.policy?.kind === 'staff' ? route.policy.roles : []
      expect(roles, route.path).not.toContain('caseworker')
      if (route.path === `${BASE}/stellen` || route.path === `${BASE}/stellen.csv`) {
        expect(roles).toEqual(['team_lead', 'department_head', 'division_head'])
        continue
      }
      expect(roles, route.path).toContain('administrator')
      const leadsToo =
        route.method === 'GET' && (route.path === BASE || route.path === `${BASE}/einheiten/:id`)
      if (
        leadsToo ||
        route.path.includes('abwesenheiten') ||
        (route.path.startsWith(`${BASE}/stellen`) && roles.length > 1)
      ) {
        continue
      }
      if (route.path === `${BASE}/stellen` || route.path.endsWith('.csv')) {
        continue
      }
      expect(roles, `${route.method} ${route.path}`).toEqual(['administrator'])
    }
  })

  it('should answer 403 to a caseworker on every organisation route and change nothing', async () => {
    const before = await ctx.db.selectFrom('org_unit').select('id').execute()
    for (const route of orgRoutes()) {
      const url = urlFor(route.path)
      const res =
        route.method === 'POST'
          ? await caseworker.post(url, { name: 'X', kind: 'team', shortCode: 'X', validFrom: '01.01.2027' })
          : await caseworker.get(url)
      expect(res.status, `${route.method} ${url}`).toBe(403)
      expect(await res.text()).toContain('Sie haben keine Berechtigung für diese Seite.')
    }
    expect(await ctx.db.selectFrom('org_unit').select('id').execute()).toHaveLength(before.length)
  })

  it('should send an anonymous visitor to the sign-in page and refuse an anonymous POST with 401', async () => {
    const anonymous = new TestClient(ctx.app)
    const res = await anonymous.get(BASE)
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`/anmelden?weiter=${encodeURIComponent(BASE)}`)
    expect((await anonymous.post(`${BASE}/personen/neu`, { displayName: 'X' })).status).toBe(401)
  })

  it('should refuse a form without the CSRF token with 403', async () => {
    const res = await admin.post(`${BASE}/personen/neu`, { displayName: 'Ohne Token' }, false)
    expect(res.status).toBe(403)
    expect(
      await ctx.db.selectFrom('person').where('display_name', '=', 'Ohne Token').select('id').execute(),
    ).toEqual([])
  })

  it('should give a team lead 403 on structure forms and on absences outside their team', async () => {
    expect((await lead.get(`${BASE}/einheiten/neu`)).status).toBe(403)
    expect((await lead.get(`${BASE}/einheiten/${plan.units.hluTeam.id}/abwesenheiten/neu`)).status).toBe(403)
    const res = await lead.post(`${BASE}/einheiten/${plan.units.hluTeam.id}/abwesenheiten/neu`, {
      personId: plan.people.hluHead?.id ?? '',
      validFrom: '01.03.2027',
    })
    expect(res.status).toBe(403)
  })
})

describe('organisation admin: pages', () => {
  it('should show the unit tree, the posts nobody can act for and the cycles at a past date', async () => {
    const res = await admin.get(`${BASE}?stand=2026-09-15`)
    expect(res.status).toBe(200)
    const html = NBSP_FREE(await res.text())
    expect(html).toContain('Sie sehen den Stand vom 15.09.2026.')
    expect(html).toContain('Bereich 2.500 Soziale Sicherung')
    expect(html).not.toContain('Grundsicherung L–Z (aufgelöst)')
    expect(html).toContain('Stellen, für die niemand handeln kann (2)')
    expect(html).toContain('Bereichsleitung (2.500)')
    expect(html).toContain('Stellv. Bereichsleitung (2.500)')

    const june = NBSP_FREE(await (await admin.get(`${BASE}?stand=2026-06-15`)).text())
    expect(june).toContain('Team 2.500.12 Grundsicherung L–Z (aufgelöst)')
    const today = NBSP_FREE(await (await admin.get(BASE)).text())
    expect(today).not.toContain('Grundsicherung L–Z (aufgelöst)')
    expect(today).toContain('Stellen, für die niemand handeln kann (0)')
  })

  it('should show a unit with its posts, "vakant", the deputy chain and who acts i.V. with the path', async () => {
    const res = await admin.get(`${BASE}/einheiten/${plan.units.grusiTeam.id}?stand=2026-12-22`)
    expect(res.status).toBe(200)
    const html = NBSP_FREE(await res.text())
    expect(html).toContain('Team 2.500.11 Grundsicherung A–K')
    expect(html).toContain('<strong>vakant</strong>')
    // B is absent over Christmas: A acts for B.
    expect(html).toContain('i.V. Sachbearbeitung A')
    expect(html).toContain('über die Vertretungsregelung: ')
    expect(html).toMatch(/Sachbearbeitung \d+ \(2\.500\.11\) → Sachbearbeitung \d+ \(2\.500\.11\)/)
    expect(html).toContain('Sachbearbeitung B: gültig vom 20.12.2026, 00:00 UTC bis 04.01.2027, 00:00 UTC')

    const division = NBSP_FREE(
      await (await admin.get(`${BASE}/einheiten/${plan.units.division.id}?stand=2026-12-05`)).text(),
    )
    expect(division).toContain('i.V. Abteilungsleitung Grundsicherung')
    expect(division).toContain(
      'nach Interimsregelung: Bereichsleitung (2.500) → Abteilungsleitung 2.500.1 (2.500.1)',
    )
  })

  it('should answer 404 for a unit that does not exist at the date', async () => {
    expect((await admin.get(`${BASE}/einheiten/${randomUUID()}`)).status).toBe(404)
    expect((await admin.get(`${BASE}/einheiten/${plan.units.oldTeam.id}`)).status).toBe(404)
    expect((await admin.get(`${BASE}/einheiten/${plan.units.oldTeam.id}?stand=2026-06-15`)).status).toBe(200)
  })
})

describe('organisation admin: forms', () => {
  it('should re-show a unit form with 422 and German errors, store nothing, and create the unit when valid', async () => {
    const bad = await admin.post(`${BASE}/einheiten/neu`, {
      kind: '',
      name: '',
      shortCode: '2.500.99',
      validFrom: '31.02.2027',
    })
    expect(bad.status).toBe(422)
    const html = NBSP_FREE(await bad.text())
    expect(html).toContain('Es gibt ein Problem')
    expect(html).toContain('Wählen Sie „Art der Einheit“ aus.')
    expect(html).toContain('Geben Sie „Name“ an.')
    expect(html).toContain('Geben Sie „Gültig ab“ als Datum ein, zum Beispiel 01.10.2026.')
    expect(html).toContain('value="2.500.99"')
    expect(
      await ctx.db.selectFrom('org_unit').where('short_code', '=', '2.500.99').select('id').execute(),
    ).toEqual([])

    const ok = await admin.post(`${BASE}/einheiten/neu`, {
      kind: 'team',
      name: 'Bildung und Teilhabe',
      shortCode: '2.500.99',
      parentId: plan.units.grusiDept.id,
      validFrom: '01.01.2027',
    })
    expect(ok.status).toBe(303)
    const unit = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('short_code', '=', '2.500.99')
      .executeTakeFirstOrThrow()
    expect(redirectTarget(ok)).toBe(`${BASE}/einheiten/${unit.id}?gespeichert=1`)
    expect(unit).toMatchObject({
      parent_id: plan.units.grusiDept.id,
      valid_from: new Date('2026-12-31T23:00:00Z'),
    })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', unit.id)
      .execute()
    expect(audit).toMatchObject([{ action: 'organisation.unit_create', actor_id: adminId }])

    // The same short code again in an overlapping period: refused with the overlap message, 422.
    const dup = await admin.post(`${BASE}/einheiten/neu`, {
      kind: 'team',
      name: 'Doppelt',
      shortCode: '2.500.99',
      validFrom: '01.02.2027',
    })
    expect(dup.status).toBe(422)
    expect(await dup.text()).toContain('überschneidet sich zeitlich')
  })

  it('should create a post, record an absence so the deputy acts i.V., and end it again', async () => {
    const unitId = plan.units.grusiTeam.id
    const created = await admin.post(`${BASE}/einheiten/${unitId}/stellen/neu`, {
      title: 'Sachbearbeitung BuT',
      fte: '0,5',
      taskArea: 'Bildung und Teilhabe',
      signingLevel: 'team',
      signingLimit: '2.500,00',
      validFrom: '01.01.2026',
    })
    expect(created.status).toBe(303)
    const post = await ctx.db
      .selectFrom('post')
      .selectAll()
      .where('title', '=', 'Sachbearbeitung BuT')
      .executeTakeFirstOrThrow()
    expect(post).toMatchObject({
      fte: '0.50',
      signing_level: 'team',
      signing_limit_cents: 250_000,
      task_area: 'Bildung und Teilhabe',
    })

    const holderA = plan.people.caseworkerA?.id ?? ''
    const recorded = await admin.post(`${BASE}/einheiten/${unitId}/abwesenheiten/neu`, {
      personId: plan.people.caseworkerB?.id ?? '',
      validFrom: '01.01.2026',
    })
    expect(recorded.status).toBe(303)
    const page = NBSP_FREE(await (await admin.get(`${BASE}/einheiten/${unitId}`)).text())
    expect(page).toContain('i.V. Sachbearbeitung A')
    const absence = await ctx.db
      .selectFrom('absence')
      .selectAll()
      .where('person_id', '=', plan.people.caseworkerB?.id ?? '')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow()
    expect(holderA).not.toBe('')
    const endBad = await admin.post(`${BASE}/abwesenheiten/${absence.id}/beenden`, { validTo: '01.01.2025' })
    expect(endBad.status).toBe(422)
    expect(await endBad.text()).toContain('Der Eintrag gilt an diesem Datum nicht')
    const ended = await admin.post(`${BASE}/abwesenheiten/${absence.id}/beenden`, {
      validTo: '02.01.2026',
      zurueck: 'https://example.org/phish',
    })
    expect(ended.status).toBe(303)
    // A foreign address is never a target.
    expect(redirectTarget(ended)).toBe(`${BASE}?gespeichert=1`)
  })

  it('should change a post from a date and end a holding through the forms', async () => {
    const post = plan.posts.caseworkerA
    const changed = await admin.post(`${BASE}/stellen/${post.id}/aendern`, {
      title: 'Sachbearbeitung A (halbe Stelle)',
      fte: '0,5',
      signingLevel: 'none',
      validFrom: '01.03.2027',
    })
    expect(changed.status).toBe(303)
    const later = NBSP_FREE(
      await (await admin.get(`${BASE}/einheiten/${plan.units.grusiTeam.id}?stand=2027-03-01`)).text(),
    )
    expect(later).toContain('Sachbearbeitung A (halbe Stelle)')
    const earlier = NBSP_FREE(
      await (await admin.get(`${BASE}/einheiten/${plan.units.grusiTeam.id}?stand=2027-02-28`)).text(),
    )
    expect(earlier).not.toContain('Sachbearbeitung A (halbe Stelle)')

    const holding = await ctx.db
      .selectFrom('post_holding')
      .selectAll()
      .where('post_id', '=', post.id)
      .executeTakeFirstOrThrow()
    const res = await admin.post(`${BASE}/besetzungen/${holding.id}/beenden`, {
      validTo: '01.04.2027',
      zurueck: `${BASE}/einheiten/${plan.units.grusiTeam.id}`,
    })
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${BASE}/einheiten/${plan.units.grusiTeam.id}?gespeichert=1`)
    const after = await ctx.db
      .selectFrom('post_holding')
      .selectAll()
      .where('id', '=', holding.id)
      .executeTakeFirstOrThrow()
    expect(after.valid_to).toEqual(new Date('2027-03-31T22:00:00Z'))
  })

  it('should let a team lead record an absence for a person of their team', async () => {
    const res = await lead.post(`${BASE}/einheiten/${plan.units.grusiTeam.id}/abwesenheiten/neu`, {
      personId: leadTeamMemberId,
      validFrom: '01.06.2027',
      validTo: '15.06.2027',
    })
    expect(res.status).toBe(303)
    const rows = await ctx.db
      .selectFrom('absence')
      .selectAll()
      .where('person_id', '=', leadTeamMemberId)
      .where('valid_from', '=', new Date('2027-05-31T22:00:00Z'))
      .execute()
    expect(rows).toHaveLength(1)
    const bad = await lead.post(`${BASE}/einheiten/${plan.units.grusiTeam.id}/abwesenheiten/neu`, {
      personId: leadTeamMemberId,
      validFrom: '15.06.2027',
      validTo: '01.06.2027',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Das Ende muss nach dem Beginn liegen.')
    expect(leadPersonId).not.toBe('')
    expect(PLAN.handover).toBeInstanceOf(Date)
  })
})
