// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildAbsence, buildOrgUnit } from '../../../test/factories/organisation.factory.js'
import { buildFinalDecision, buildStatusChange } from '../../../test/factories/reports.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { TestClient } from '../../../test/support/test-client.js'
import { OrgReviewRefusedError } from './org-review.errors.js'
import type { OrgReviewExport, TaskRow } from './org-review.js'
import { buildExport, exportCsv, exportJson } from './org-review.service.js'
import * as recording from './time-recording.service.js'

const NORM = { min: 150, max: 180 }
const PERIOD = { periodFrom: '2026-10-01', periodTo: '2027-09-30', monthlyCents: 50_000 }
const at = (iso: string) => new Date(iso)
/** Any instant after October 2026, so that the month can be exported. */
const NOW = at('2026-11-20T10:00:00Z')

let ctx: TestContext
let lead: StaffWithPost
let first: StaffWithPost
let second: StaffWithPost
let teamUnitId: string
let october: OrgReviewExport

function row(data: OrgReviewExport, taskType: string, statutory = true): TaskRow | undefined {
  return data.tasks.find((r) => r.month === '2026-10' && r.taskType === taskType && r.statutory === statutory)
}

async function touch(applicationId: string, action: string, iso: string, actorId: string) {
  await ctx.db
    .insertInto('audit_event')
    .values({
      occurred_at: at(iso),
      actor_type: 'staff',
      actor_id: actorId,
      action,
      subject_type: 'application',
      subject_id: applicationId,
      details: '{}',
    })
    .execute()
}

/**
 * A small known dataset: one department with a team (lead + two caseworkers, the second absent at the end of
 * October). Cases with known dates, one voluntary (Seniorenberatung), an objection, audited touches, and a
 * self-recording window in October.
 */
beforeAll(async () => {
  ctx = await freshTestContext()
  const { db } = ctx
  const division = await buildOrgUnit(db, { kind: 'division', name: 'Soziale Sicherung', shortCode: 'B1' })
  const department = await buildOrgUnit(db, {
    kind: 'department',
    parentId: division.id,
    name: 'Materielle Hilfen',
    shortCode: 'B1.3',
  })
  const team = await buildTeam(db, { parentId: department.id, caseworkers: 2 })
  teamUnitId = team.unitId
  lead = team.lead
  first = team.caseworkers[0] as StaffWithPost
  second = team.caseworkers[1] as StaffWithPost
  await buildAbsence(db, second.personId, at('2026-10-20T00:00:00Z'), at('2026-11-15T00:00:00Z'))
  const post = first.postId

  // New applications: c1 opened and closed in October (10 days), c2 opened in September and closed in
  // October (40 days), c3 opened in October and still open. c4 is a voluntary task, 10 days.
  const c1 = await buildCase(db, { postId: post, submittedAt: at('2026-10-05T08:00:00Z'), surname: 'Yılmaz' })
  await buildFinalDecision(db, c1.applicationId, first.id, {
    outcome: 'granted',
    finalAt: at('2026-10-15T08:00:00Z'),
    ...PERIOD,
  })
  await buildStatusChange(db, c1.applicationId, 'decided', at('2026-10-15T08:00:00Z'))
  const c2 = await buildCase(db, {
    postId: post,
    submittedAt: at('2026-09-10T08:00:00Z'),
    surname: 'Schmidt',
  })
  await buildFinalDecision(db, c2.applicationId, first.id, {
    outcome: 'refused',
    finalAt: at('2026-10-20T08:00:00Z'),
  })
  await buildStatusChange(db, c2.applicationId, 'decided', at('2026-10-20T08:00:00Z'))
  await buildCase(db, { postId: post, submittedAt: at('2026-10-20T08:00:00Z'), surname: 'Al-Hassan' })
  const c4 = await buildCase(db, {
    postId: post,
    submittedAt: at('2026-10-02T08:00:00Z'),
    benefitType: 'seniorenberatung',
    surname: 'Kowalski',
  })
  await buildFinalDecision(db, c4.applicationId, first.id, {
    outcome: 'granted',
    finalAt: at('2026-10-12T08:00:00Z'),
    ...PERIOD,
  })
  await buildStatusChange(db, c4.applicationId, 'decided', at('2026-10-12T08:00:00Z'))
  // An objection received on 3 October, decided on 25 October (22 days), against a decision of February.
  const c7 = await buildCase(db, { postId: post, submittedAt: at('2026-01-10T08:00:00Z'), surname: 'Öztürk' })
  await buildFinalDecision(db, c7.applicationId, first.id, {
    outcome: 'granted',
    finalAt: at('2026-02-01T08:00:00Z'),
    ...PERIOD,
  })
  await buildStatusChange(db, c7.applicationId, 'decided', at('2026-02-01T08:00:00Z'))
  await db
    .updateTable('application')
    .set({ objection_received_at: at('2026-10-03T08:00:00Z') })
    .where('id', '=', c7.applicationId)
    .execute()
  await buildFinalDecision(db, c7.applicationId, first.id, {
    kind: 'objection',
    outcome: 'refused',
    finalAt: at('2026-10-25T08:00:00Z'),
  })

  // Touches: two changes on c1 (the read is not a touch), one on c7 while the objection is open.
  await touch(c1.applicationId, 'case.note_add', '2026-10-06T09:00:00Z', first.id)
  await touch(c1.applicationId, 'application.status_change', '2026-10-07T09:00:00Z', first.id)
  await touch(c1.applicationId, 'application.view', '2026-10-07T10:00:00Z', first.id)
  await touch(c7.applicationId, 'case.note_add', '2026-10-10T09:00:00Z', first.id)

  // Self-recording in October: three people record a new application, two record advice.
  await recording.openWindow(
    db,
    { type: 'staff', id: lead.id },
    { unitId: teamUnitId, von: '01.10.2026', bis: '28.10.2026' },
    at('2026-09-30T10:00:00Z'),
  )
  const inWindow = at('2026-10-14T10:00:00Z')
  for (const [who, minutes] of [
    [lead, '30'],
    [first, '60'],
    [second, '90'],
  ] as const) {
    await recording.record(
      db,
      { type: 'staff', id: who.id },
      { taskType: 'new_application', minutes },
      inWindow,
    )
  }
  await recording.record(db, { type: 'staff', id: first.id }, { taskType: 'advice', minutes: '20' }, inWindow)
  await recording.record(
    db,
    { type: 'staff', id: second.id },
    { taskType: 'advice', minutes: '40' },
    inWindow,
  )

  october = await buildExport(db, '2026-10', '2026-10', NORM, NOW)
})

afterAll(async () => {
  await ctx.close()
})

describe('organisational-review export: figures', () => {
  it('should count new applications opened and closed in the month with lead times in days', () => {
    const r = row(october, 'new_application')
    expect(r).toMatchObject({
      departmentCode: 'B1.3',
      departmentName: 'Materielle Hilfen',
      opened: 2,
      closed: 2,
    })
    expect(r?.leadTime).toEqual({ count: 2, mean: 25, median: 25, p90: 40 })
  })

  it('should put a voluntary benefit type (priority rules: seniorenberatung) in a voluntary row', () => {
    const r = row(october, 'new_application', false)
    expect(r).toMatchObject({ opened: 1, closed: 1, statutory: false })
    expect(r?.leadTime.mean).toBe(10)
  })

  it('should count an objection from receipt to its decision', () => {
    expect(row(october, 'objection')).toMatchObject({ opened: 1, closed: 1, touches: 1 })
    expect(row(october, 'objection')?.leadTime.median).toBe(22)
  })

  it('should count audited changes on the case as touches, not reads', () => {
    expect(row(october, 'new_application')?.touches).toBe(2)
  })

  it('should give task types without case data in Lotse empty counts, not zero', () => {
    expect(row(october, 'recovery')).toMatchObject({ opened: null, closed: null, touches: null })
    expect(row(october, 'voluntary_service', false)).toMatchObject({ opened: null, statutory: false })
  })

  it('should feed self-recorded minutes into the mean, and only with at least three people', () => {
    expect(row(october, 'new_application')).toMatchObject({ recordedEntries: 3, recordedMinutesMean: 60 })
    expect(row(october, 'advice')).toMatchObject({ recordedEntries: 2, recordedMinutesMean: null })
  })

  it('should give the FTE planned, filled and present at the end of the month', () => {
    expect(row(october, 'new_application')).toMatchObject({ ftePlanned: 3, fteFilled: 3, ftePresent: 2 })
  })

  it('should give the active caseload per caseworker pseudonym (heads of unit left out)', () => {
    const rows = october.caseloads.filter((c) => c.month === '2026-10')
    expect(rows.map((c) => c.openCases).sort()).toEqual([0, 1])
    for (const c of rows) {
      expect(c.pseudonym).toMatch(/^P-[0-9a-f]{16}$/)
    }
  })

  it('should use a fresh key per export, so that pseudonyms of two exports cannot be linked', async () => {
    const again = await buildExport(ctx.db, '2026-10', '2026-10', NORM, NOW)
    const before = new Set(october.caseloads.map((c) => c.pseudonym))
    expect(again.caseloads.some((c) => before.has(c.pseudonym))).toBe(false)
    expect(again.tasks).toEqual(october.tasks)
  })

  it('should refuse a period in the future, reversed, or longer than 24 months', async () => {
    for (const [from, to] of [
      ['2026-10', '2026-12'],
      ['2026-10', '2026-09'],
      ['2024-01', '2026-01'],
    ] as const) {
      await expect(buildExport(ctx.db, from, to, NORM, NOW)).rejects.toBeInstanceOf(OrgReviewRefusedError)
    }
  })
})

describe('organisational-review export: nothing personal leaves', () => {
  it('should contain no name, surname, id of a person, post or case, and no reference', async () => {
    const { db } = ctx
    const [people, staff, cases, posts] = await Promise.all([
      db.selectFrom('person').select(['id', 'display_name']).execute(),
      db.selectFrom('staff_user').select(['id', 'display_name', 'username']).execute(),
      db
        .selectFrom('application')
        .select(['id', 'reference', 'applicant_surname', 'applicant_given_name'])
        .execute(),
      db.selectFrom('post').select(['id', 'title']).execute(),
    ])
    const forbidden = [
      ...people.flatMap((p) => [p.id, p.display_name]),
      ...staff.flatMap((s) => [s.id, s.display_name, s.username]),
      ...cases.flatMap((c) => [c.id, c.reference, c.applicant_surname, c.applicant_given_name]),
      ...posts.map((p) => p.id),
    ]
    expect(cases.map((c) => c.applicant_surname)).toContain('Yılmaz')
    const outputs = [exportCsv(october, 'aufgaben'), exportCsv(october, 'fallbestand'), exportJson(october)]
    for (const output of outputs) {
      for (const value of forbidden) {
        expect(output.includes(value), `${value} leaked`).toBe(false)
      }
    }
  })
})

describe('self-recording rules', () => {
  it('should refuse recording outside a window', async () => {
    await expect(
      recording.record(
        ctx.db,
        { type: 'staff', id: first.id },
        { taskType: 'advice', minutes: '10' },
        at('2026-11-05T10:00:00Z'),
      ),
    ).rejects.toMatchObject({ refusal: 'no_open_window' })
  })

  it('should refuse windows shorter than 4 or longer than 8 weeks, and a caseworker opening one', async () => {
    const now = at('2026-11-20T10:00:00Z')
    const open = (who: string, von: string, bis: string) =>
      recording.openWindow(ctx.db, { type: 'staff', id: who }, { unitId: teamUnitId, von, bis }, now)
    await expect(open(lead.id, '01.12.2026', '27.12.2026')).rejects.toMatchObject({
      refusal: 'window_length',
    })
    await expect(open(lead.id, '01.12.2026', '26.01.2027')).rejects.toMatchObject({
      refusal: 'window_length',
    })
    await expect(open(lead.id, '01.11.2026', '10.12.2026')).rejects.toMatchObject({
      refusal: 'window_in_past',
    })
    await expect(open(first.id, '01.12.2026', '28.12.2026')).rejects.toMatchObject({
      refusal: 'not_lead_of_unit',
    })
    const windows = await ctx.db.selectFrom('time_recording_window').select('id').execute()
    expect(windows).toHaveLength(1)
    // 8 weeks exactly is accepted.
    await open(lead.id, '01.12.2030', '25.01.2031')
    await expect(open(lead.id, '20.01.2031', '20.02.2031')).rejects.toMatchObject({
      refusal: 'window_overlaps',
    })
  })

  it('should refuse an unknown task type and minutes out of range, storing nothing', async () => {
    const inWindow = at('2026-10-15T10:00:00Z')
    const actor = { type: 'staff' as const, id: first.id }
    await expect(
      recording.record(ctx.db, actor, { taskType: 'x', minutes: '10' }, inWindow),
    ).rejects.toMatchObject({
      refusal: 'invalid_task_type',
    })
    for (const minutes of ['0', '601', '1,5', 'zehn', '']) {
      await expect(
        recording.record(ctx.db, actor, { taskType: 'advice', minutes }, inWindow),
      ).rejects.toMatchObject({ refusal: 'invalid_minutes' })
    }
    const rows = await ctx.db.selectFrom('time_recording').select('id').execute()
    expect(rows).toHaveLength(5)
  })

  it('should show a lead aggregates of at least three people only', async () => {
    const view = await recording.overview(ctx.db, lead.id, at('2026-10-15T10:00:00Z'))
    const october = view.windows.find((w) => w.startsOn === '2026-10-01')
    expect(october?.tasks.find((x) => x.code === 'new_application')).toMatchObject({
      entries: 3,
      people: 3,
      mean: 60,
    })
    expect(october?.tasks.find((x) => x.code === 'advice')).toMatchObject({
      entries: null,
      people: null,
      mean: null,
    })
    const caseworkerView = await recording.overview(ctx.db, first.id, at('2026-10-15T10:00:00Z'))
    expect(caseworkerView.windows).toHaveLength(0)
    expect(caseworkerView.current?.startsOn).toBe('2026-10-01')
  })

  it('should audit opening a window and each recording', async () => {
    const rows = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('action', 'in', ['time_recording.window_open', 'time_recording.record'])
      .execute()
    expect(rows.filter((r) => r.action === 'time_recording.window_open')).toHaveLength(2)
    expect(rows.filter((r) => r.action === 'time_recording.record')).toHaveLength(5)
    expect(JSON.stringify(rows)).not.toContain('"minutes"')
  })
})

describe('organisational-review routes', () => {
  it('should let a department head download the CSV, audited, and refuse caseworkers', async () => {
    const headUser = await buildStaffUser(ctx.db, { role: 'department_head' })
    const head = await signIn(ctx.app, headUser)
    const res = await head.get('/organisationsuntersuchung/export?von=10.2026&bis=10.2026&tabelle=aufgaben')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const csv = await res.text()
    expect(csv).toContain('Monat;Abteilung;Bezeichnung;Aufgabenart')
    expect(csv).toContain(
      '2026-10;B1.3;Materielle Hilfen;new_application;Erstantrag;Pflichtaufgabe;2;2;25;25;40;2;3;60;3;3;2',
    )
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['actor_id', 'details'])
      .where('action', '=', 'report.org_review_export')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.actor_id).toBe(headUser.id)
    expect(audit[0]?.details).toMatchObject({
      from: '2026-10',
      to: '2026-10',
      table: 'aufgaben',
      format: 'csv',
    })

    const json = await head.get('/organisationsuntersuchung/export?von=2026-10&bis=2026-10&tabelle=alle')
    expect(json.status).toBe(200)
    expect(JSON.parse(await json.text()).caseloads).toHaveLength(2)

    const caseworker = await signIn(ctx.app, first)
    expect((await caseworker.get('/organisationsuntersuchung')).status).toBe(403)
    expect(
      (await caseworker.get('/organisationsuntersuchung/export?von=10.2026&bis=10.2026&tabelle=alle')).status,
    ).toBe(403)
    expect((await new TestClient(ctx.app).get('/organisationsuntersuchung')).status).toBe(303)
  })

  it('should answer a bad period with 422 and a German message, without an audit entry', async () => {
    const head = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'division_head' }))
    const page = await head.get('/organisationsuntersuchung')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Export für die Organisationsuntersuchung')
    const bad = await head.get('/organisationsuntersuchung/export?von=Oktober&bis=10.2026&tabelle=aufgaben')
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie den Monat als Monat und Jahr ein')
    const long = await head.get('/organisationsuntersuchung/export?von=01.2020&bis=10.2026&tabelle=aufgaben')
    expect(long.status).toBe(422)
    expect(await long.text()).toContain('höchstens 24 Monate')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'report.org_review_export')
      .execute()
    // Only the two downloads of the test before (CSV and JSON).
    expect(audit).toHaveLength(2)
  })

  it('should refuse recording outside a window with 422 and keep nothing', async () => {
    const caseworker = await signIn(ctx.app, second)
    const page = await caseworker.get('/zeiterfassung')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Für Ihre Einheit läuft zurzeit keine Selbstaufschreibung.')
    const res = await caseworker.post('/zeiterfassung/eintrag', { aufgabe: 'advice', minuten: '15' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Minuten können nur in einem eröffneten Zeitraum erfasst werden')
    expect(await ctx.db.selectFrom('time_recording').select('id').execute()).toHaveLength(5)
    expect(
      (await caseworker.post('/zeiterfassung/fenster', { einheit: teamUnitId, von: '', bis: '' })).status,
    ).toBe(403)
  })

  it('should let a lead open a window through the form and refuse a too short one with 422', async () => {
    const client = await signIn(ctx.app, lead)
    const short = await client.post('/zeiterfassung/fenster', {
      einheit: teamUnitId,
      von: '01.03.2030',
      bis: '10.03.2030',
    })
    expect(short.status).toBe(422)
    expect(await short.text()).toContain('mindestens 4 und höchstens 8 Wochen')
    const ok = await client.post('/zeiterfassung/fenster', {
      einheit: teamUnitId,
      von: '01.03.2030',
      bis: '28.03.2030',
    })
    expect(ok.status).toBe(303)
    expect(await ctx.db.selectFrom('time_recording_window').select('id').execute()).toHaveLength(3)
  })
})
