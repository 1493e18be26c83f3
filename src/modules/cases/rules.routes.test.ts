// SPDX-License-Identifier: EUPL-1.2
import type { RouterRoute } from 'hono/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildApplication,
  buildStaffUser,
  grundsicherungAnswers,
} from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import { germanDay } from '../../../test/support/dates.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'
import { policyOf } from '../auth/index.js'
import { berlinDay } from '../organisation/organisation.dates.js'
import { recomputeOutdatedUrgency } from './urgency.service.js'

const BASE = '/verwaltung/regeln'

let ctx: TestContext
let team: Awaited<ReturnType<typeof buildTeam>>
let otherTeam: Awaited<ReturnType<typeof buildTeam>>
let admin: TestClient
let caseworker: TestClient
let teamLead: TestClient
let departmentHead: TestClient
let divisionHead: TestClient

const flat = (html: string) => html.replace(/\s+/g, ' ')

async function count(table: 'routing_rule' | 'approval_rule' | 'priority_config'): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function auditCount(action: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

beforeAll(async () => {
  ctx = await freshTestContext()
  team = await buildTeam(ctx.db, { caseworkers: 2 })
  otherTeam = await buildTeam(ctx.db, { caseworkers: 1 })
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
  caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
  teamLead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'team_lead' }))
  departmentHead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'department_head' }))
  divisionHead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'division_head' }))
})

afterAll(async () => {
  await ctx?.close()
})

describe('rule screens: policies', () => {
  it('should declare a staff policy on every rule route, never for caseworkers, priority and four-eyes for heads only', () => {
    const seen = new Map<string, RouterRoute>()
    for (const r of ctx.app.routes as RouterRoute[]) {
      if (r.method !== 'ALL' && r.path.startsWith(BASE) && !seen.has(`${r.method} ${r.path}`)) {
        seen.set(`${r.method} ${r.path}`, r)
      }
    }
    const routes = [...seen.values()]
    expect(routes.length).toBe(17)
    for (const route of routes) {
      const policy = policyOf(route.handler)
      expect(policy?.kind, `${route.method} ${route.path}`).toBe('staff')
      const roles = policy?.kind === 'staff' ? policy.roles : []
      expect(roles, route.path).not.toContain('caseworker')
      if (route.path.includes('/prioritaet') || route.path.includes('/vier-augen')) {
        expect([...roles].sort(), route.path).toEqual(['department_head', 'division_head'])
      }
      if (route.path.includes('/zustaendigkeit')) {
        expect([...roles].sort(), route.path).toEqual(['administrator', 'department_head', 'division_head'])
      }
    }
  })

  it('should show the rules to leads and administrators and refuse caseworkers', async () => {
    for (const client of [teamLead, admin, departmentHead]) {
      const res = await client.get(BASE)
      expect(res.status).toBe(200)
      const html = flat(await res.text())
      expect(html).toContain('Zuständigkeit (Buchstabenzuständigkeit)')
      expect(html).toContain('Fassung ab 01.01.2026 (gilt jetzt)')
      expect(html).toContain('Vier-Augen-Prinzip')
    }
    expect((await caseworker.get(BASE)).status).toBe(403)
  })

  it('should offer each lead only the changes her role may make', async () => {
    const lead = await (await teamLead.get(BASE)).text()
    expect(lead).not.toContain(`${BASE}/zustaendigkeit/neu`)
    expect(lead).not.toContain(`${BASE}/prioritaet/neu`)
    const adminPage = await (await admin.get(BASE)).text()
    expect(adminPage).toContain(`${BASE}/zustaendigkeit/neu`)
    expect(adminPage).not.toContain(`${BASE}/prioritaet/neu`)
    expect(adminPage).not.toContain(`${BASE}/vier-augen/neu`)
    const head = await (await divisionHead.get(BASE)).text()
    expect(head).toContain(`${BASE}/prioritaet/neu`)
    expect(head).toContain(`${BASE}/vier-augen/neu`)
  })

  it('should refuse a team lead who posts a routing rule and an administrator who posts priority rules, storing nothing', async () => {
    const before = [await count('routing_rule'), await count('priority_config'), await count('approval_rule')]
    const routing = await teamLead.post(`${BASE}/zustaendigkeit/neu`, {
      position: '5',
      benefitType: '',
      targetPostId: team.caseworkers[0]?.postId ?? '',
      validFrom: germanDay(0),
    })
    expect(routing.status).toBe(403)
    const priority = await admin.post(`${BASE}/prioritaet/neu`, { validFrom: germanDay(3) })
    expect(priority.status).toBe(403)
    const approval = await admin.post(`${BASE}/vier-augen/neu`, { minMonthly: '0', validFrom: germanDay(3) })
    expect(approval.status).toBe(403)
    expect([
      await count('routing_rule'),
      await count('priority_config'),
      await count('approval_rule'),
    ]).toEqual(before)
  })
})

describe('rule screens: routing rules', () => {
  it('should route a newly submitted application to the post of a rule added through the screen', async () => {
    const target = team.caseworkers[1]?.postId ?? ''
    const res = await departmentHead.post(`${BASE}/zustaendigkeit/neu`, {
      position: '10',
      benefitType: 'grusi',
      surnameFrom: 'Ma',
      surnameTo: 'Mü',
      targetPostId: target,
      validFrom: germanDay(0),
      validTo: '',
    })
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${BASE}?gespeichert=1`)
    const rule = await ctx.db
      .selectFrom('routing_rule')
      .selectAll()
      .where('position', '=', 10)
      .executeTakeFirstOrThrow()
    expect(rule).toMatchObject({
      benefit_type: 'grusi',
      surname_from: 'MA',
      surname_to: 'MU',
      target_post_id: target,
    })
    expect(await auditCount('rules.routing_create')).toBe(1)

    const inRange = await buildApplication(ctx.db, grundsicherungAnswers({ person: { surname: 'Müller' } }))
    const outOfRange = await buildApplication(
      ctx.db,
      grundsicherungAnswers({ person: { surname: 'Schulz' } }),
    )
    const routed = await ctx.db
      .selectFrom('application')
      .select(['id', 'reference', 'assigned_post_id'])
      .where('reference', 'in', [inRange.reference, outOfRange.reference])
      .execute()
    const routedIn = routed.find((r) => r.reference === inRange.reference)
    expect(routedIn?.assigned_post_id).toBe(target)
    expect(routed.find((r) => r.reference === outOfRange.reference)?.assigned_post_id).toBeNull()
    const assignment = await ctx.db
      .selectFrom('case_assignment')
      .select('rule_id')
      .where('application_id', '=', routedIn?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(assignment.rule_id).toBe(rule.id)

    const page = flat(await (await departmentHead.get(`${BASE}?gespeichert=1`)).text())
    expect(page).toContain('Die Regel wurde gespeichert.')
    expect(page).toContain('MA – MU')
  })

  it('should refuse invalid and overlapping routing rules with German messages at the fields and store nothing', async () => {
    const before = await count('routing_rule')
    const target = otherTeam.caseworkers[0]?.postId ?? ''
    const cases: Array<{ fields: Record<string, string>; message: string }> = [
      {
        fields: { position: '0', targetPostId: target, validFrom: germanDay(1) },
        message: 'Geben Sie den Rang als ganze Zahl ab 1 ein',
      },
      {
        fields: { position: '11', surnameFrom: 'M1', targetPostId: target, validFrom: germanDay(1) },
        message: 'Geben Sie 1 bis 3 Buchstaben ein',
      },
      {
        fields: {
          position: '11',
          surnameFrom: 'S',
          surnameTo: 'D',
          targetPostId: target,
          validFrom: germanDay(1),
        },
        message: 'Der Bereich „bis“ muss im Alphabet nach oder bei „von“ liegen.',
      },
      {
        fields: { position: '11', targetPostId: 'not-a-post', validFrom: germanDay(1) },
        message: 'Wählen Sie eine Stelle aus der Liste.',
      },
      {
        fields: { position: '11', targetPostId: target, validFrom: germanDay(-1) },
        message: 'Das Datum liegt in der Vergangenheit.',
      },
      {
        fields: { position: '11', targetPostId: target, validFrom: '31.02.2027' },
        message: 'Geben Sie das Datum im Format TT.MM.JJJJ ein',
      },
      {
        fields: { position: '11', targetPostId: target, validFrom: germanDay(5), validTo: germanDay(2) },
        message: 'Das Ende muss nach dem Beginn liegen.',
      },
      {
        fields: { position: '10', targetPostId: target, validFrom: germanDay(1) },
        message: 'Rang 10 ist in diesem Zeitraum schon vergeben.',
      },
      {
        fields: {
          position: '12',
          benefitType: 'grusi',
          surnameFrom: 'Mo',
          surnameTo: 'N',
          targetPostId: target,
          validFrom: germanDay(1),
        },
        message: 'Die Nachnamen überschneiden sich mit der Regel auf Rang 10 (MA–MU)',
      },
    ]
    for (const { fields, message } of cases) {
      const res = await departmentHead.post(`${BASE}/zustaendigkeit/neu`, fields)
      const html = flat(await res.text())
      expect(res.status, message).toBe(422)
      expect(html, message).toContain('<title>Fehler:')
      expect(html, message).toContain(message)
    }
    expect(await count('routing_rule')).toBe(before)
  })

  it('should end a routing rule from a later day, keep it as history and refuse to lengthen it', async () => {
    const rule = await ctx.db
      .selectFrom('routing_rule')
      .select(['id', 'valid_from'])
      .where('position', '=', 10)
      .executeTakeFirstOrThrow()
    const form = await divisionHead.get(`${BASE}/zustaendigkeit/${rule.id}/beenden`)
    expect(form.status).toBe(200)
    const ended = await divisionHead.post(`${BASE}/zustaendigkeit/${rule.id}/beenden`, {
      validTo: germanDay(7),
    })
    expect(ended.status).toBe(303)
    const after = await ctx.db
      .selectFrom('routing_rule')
      .selectAll()
      .where('id', '=', rule.id)
      .executeTakeFirstOrThrow()
    expect(after.valid_from).toEqual(rule.valid_from)
    expect(berlinDay(after.valid_to ?? new Date(0))).toBe(germanDay(7).split('.').reverse().join('-'))
    const longer = await divisionHead.post(`${BASE}/zustaendigkeit/${rule.id}/beenden`, {
      validTo: germanDay(9),
    })
    expect(longer.status).toBe(422)
    expect(flat(await longer.text())).toContain('Eine Regel kann nur verkürzt, nicht verlängert werden.')
    expect(await auditCount('rules.routing_end')).toBe(1)

    // A new rule on the same position is accepted from the day the old one ends.
    const successor = await divisionHead.post(`${BASE}/zustaendigkeit/neu`, {
      position: '10',
      benefitType: 'grusi',
      surnameFrom: 'M',
      surnameTo: 'M',
      targetPostId: otherTeam.caseworkers[0]?.postId ?? '',
      validFrom: germanDay(7),
    })
    expect(successor.status).toBe(303)
    expect(
      await ctx.db.selectFrom('routing_rule').select('id').where('position', '=', 10).execute(),
    ).toHaveLength(2)
    expect(flat(await (await teamLead.get(BASE)).text())).toContain('gilt künftig')

    expect(
      (await divisionHead.get(`${BASE}/zustaendigkeit/00000000-0000-4000-8000-000000000000/beenden`)).status,
    ).toBe(404)
  })
})

describe('rule screens: priority rules', () => {
  it('should show the form filled with the latest version and store a new dated version, keeping the old one', async () => {
    const form = flat(await (await departmentHead.get(`${BASE}/prioritaet/neu`)).text())
    expect(form).toContain('Grundsicherung im Alter und bei Erwerbsminderung: sichert den Lebensunterhalt')
    expect(form).toMatch(/name="undecidedAfterMonths"[^>]*value="6"/)

    const before = await ctx.db.selectFrom('priority_config').selectAll().execute()
    const res = await departmentHead.post(`${BASE}/prioritaet/neu`, [
      ['bt_grusi_livelihood', 'ja'],
      ['bt_hlu_livelihood', 'ja'],
      ['bt_asylblg_livelihood', 'ja'],
      ['bt_eingliederungshilfe_statutory', 'ja'],
      ['bt_hilfe_zur_pflege_statutory', 'ja'],
      ['bt_bildung_teilhabe_statutory', 'ja'],
      ['unknown_statutory', 'ja'],
      ['newType', 'wohngeld_zuschuss'],
      ['newType_statutory', 'ja'],
      ['undecidedAfterMonths', '5'],
      ['objectionAfterMonths', '3'],
      ['periodEndingWithinWeeks', '6'],
      ['riskWithinDays', '21'],
      ['validFrom', germanDay(30)],
    ])
    expect(res.status).toBe(303)
    const after = await ctx.db.selectFrom('priority_config').selectAll().orderBy('valid_from').execute()
    expect(after).toHaveLength(before.length + 1)
    expect(after[0]?.rules).toEqual(before[0]?.rules)
    const latest = after.at(-1)
    expect(latest?.rules).toMatchObject({
      undecidedAfterMonths: 5,
      periodEndingWithinWeeks: 6,
      riskWithinDays: 21,
      benefitTypes: {
        grusi: { livelihood: true, statutory: true },
        seniorenberatung: { livelihood: false, statutory: false },
        wohngeld_zuschuss: { livelihood: false, statutory: true },
      },
    })
    expect(await auditCount('rules.priority_create')).toBe(1)
    const page = flat(await (await teamLead.get(BASE)).text())
    expect(page).toContain(`Fassung ab ${germanDay(30)} (gilt künftig)`)
    expect(page).toContain('Fassung ab 01.01.2026 (gilt jetzt)')
  })

  it('should refuse numbers outside the schema, a bad new type and a second version on the same day', async () => {
    const before = await count('priority_config')
    const bad = await divisionHead.post(`${BASE}/prioritaet/neu`, {
      undecidedAfterMonths: '30',
      objectionAfterMonths: 'drei',
      periodEndingWithinWeeks: '4',
      riskWithinDays: '28',
      newType: 'Wohngeld!',
      validFrom: germanDay(40),
    })
    expect(bad.status).toBe(422)
    const html = flat(await bad.text())
    expect(html).toContain(
      'Frist für unbeschiedene Anträge in Monaten (§ 88 SGG): Geben Sie eine ganze Zahl von 1 bis 24 ein.',
    )
    expect(html).toContain(
      'Frist für unbeschiedene Widersprüche in Monaten: Geben Sie eine ganze Zahl von 1 bis 24 ein.',
    )
    expect(html).toContain('Der Schlüssel darf nur Kleinbuchstaben')
    expect(html).toContain('value="Wohngeld!"')
    const sameDay = await divisionHead.post(`${BASE}/prioritaet/neu`, {
      undecidedAfterMonths: '6',
      objectionAfterMonths: '3',
      periodEndingWithinWeeks: '4',
      riskWithinDays: '28',
      validFrom: germanDay(30),
    })
    expect(sameDay.status).toBe(422)
    expect(flat(await sameDay.text())).toContain(
      'An diesem Tag beginnt schon eine Fassung der Prioritätsregeln.',
    )
    expect(await count('priority_config')).toBe(before)
  })
})

describe('rule screens: priority rules take effect', () => {
  it('should reorder an open case once a version saved from today is in force and urgency is recomputed', async () => {
    const { applicationId } = await buildCase(ctx.db, {
      benefitType: 'seniorenberatung',
      surname: 'Prio-Fall',
    })
    const classOf = async () =>
      (
        await ctx.db
          .selectFrom('application')
          .select('priority_class')
          .where('id', '=', applicationId)
          .executeTakeFirstOrThrow()
      ).priority_class
    expect(await classOf()).toBe(2)
    const res = await divisionHead.post(`${BASE}/prioritaet/neu`, [
      ['bt_grusi_livelihood', 'ja'],
      ['bt_hlu_livelihood', 'ja'],
      ['bt_asylblg_livelihood', 'ja'],
      ['bt_seniorenberatung_livelihood', 'ja'],
      ['unknown_statutory', 'ja'],
      ['undecidedAfterMonths', '6'],
      ['objectionAfterMonths', '3'],
      ['periodEndingWithinWeeks', '4'],
      ['riskWithinDays', '28'],
      ['validFrom', germanDay(0)],
    ])
    expect(res.status).toBe(303)
    expect(await recomputeOutdatedUrgency(ctx.db)).toBeGreaterThan(0)
    expect(await classOf()).toBe(0)
  })
})

describe('rule screens: four-eyes rules', () => {
  it('should add a four-eyes rule, refuse the same threshold twice and end it', async () => {
    const res = await divisionHead.post(`${BASE}/vier-augen/neu`, {
      benefitType: 'hlu',
      minMonthly: '1.500,00',
      approvingPostId: '',
      validFrom: germanDay(0),
    })
    expect(res.status).toBe(303)
    const rule = await ctx.db.selectFrom('approval_rule').selectAll().executeTakeFirstOrThrow()
    expect(rule).toMatchObject({ benefit_type: 'hlu', min_monthly_cents: 150000, approving_post_id: null })
    expect(await auditCount('rules.approval_create')).toBe(1)

    const twice = await departmentHead.post(`${BASE}/vier-augen/neu`, {
      benefitType: 'hlu',
      minMonthly: '1500',
      approvingPostId: team.lead.postId,
      validFrom: germanDay(3),
    })
    expect(twice.status).toBe(422)
    expect(flat(await twice.text())).toContain(
      'Für diese Leistungsart gibt es im selben Zeitraum schon eine Vier-Augen-Regel',
    )
    const badAmount = await departmentHead.post(`${BASE}/vier-augen/neu`, {
      benefitType: 'unbekannt',
      minMonthly: '-5',
      validFrom: germanDay(3),
    })
    expect(badAmount.status).toBe(422)
    const html = flat(await badAmount.text())
    expect(html).toContain('Geben Sie den Betrag in Euro ein')
    expect(html).toContain('Wählen Sie eine Leistungsart aus der Liste.')
    expect(await count('approval_rule')).toBe(1)

    const page = flat(await (await teamLead.get(BASE)).text())
    expect(page).toContain('Leitung der Einheit des Falls')
    expect(page).toContain('1.500,00')

    const ended = await departmentHead.post(`${BASE}/vier-augen/${rule.id}/beenden`, {
      validTo: germanDay(2),
    })
    expect(ended.status).toBe(303)
    const after = await ctx.db.selectFrom('approval_rule').selectAll().executeTakeFirstOrThrow()
    expect(after.valid_to).not.toBeNull()
    expect(await auditCount('rules.approval_end')).toBe(1)
  })
})
