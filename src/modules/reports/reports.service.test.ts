// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import { linkStaffAccount } from '../../../test/factories/complaints.factory.js'
import {
  buildAbsence,
  buildHeldPost,
  buildInterimPlan,
  buildOrgUnit,
} from '../../../test/factories/organisation.factory.js'
import { buildFinalDecision, buildStatusChange } from '../../../test/factories/reports.factory.js'
import { pdftotext } from '../../../test/support/pdf-text.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { MonthFigures } from './key-figures.js'
import { ReportRefusedError } from './reports.errors.js'
import * as service from './reports.service.js'
import { computeMonths, takeSnapshot } from './snapshots.service.js'

const NORM = { min: 150, max: 180 }
const at = (iso: string) => new Date(iso)

let ctx: TestContext
let october: MonthFigures
let departmentId: string
let deciderId: string

/**
 * A small known dataset in October 2026: one department with a team (lead + two caseworkers, one absent at
 * the month's end, one leaver), seven cases with known dates, decisions and an objection.
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
  departmentId = department.id
  const team = await buildTeam(db, { parentId: department.id, caseworkers: 2 })
  const [first, second] = team.caseworkers
  if (!first || !second) {
    throw new Error('team without caseworkers')
  }
  deciderId = first.id
  await buildAbsence(db, second.personId, at('2026-10-20T00:00:00Z'), at('2026-11-15T00:00:00Z'))
  await buildHeldPost(db, team.unitId, { validTo: at('2026-10-15T00:00:00Z'), holderName: 'Geht im Oktober' })

  const post = first.postId
  const c1 = await buildCase(db, { postId: post, submittedAt: at('2026-10-05T08:00:00Z') })
  await buildFinalDecision(db, c1.applicationId, deciderId, {
    outcome: 'granted',
    finalAt: at('2026-10-15T08:00:00Z'),
    periodFrom: '2026-10-01',
    periodTo: '2027-09-30',
    monthlyCents: 50_000,
  })
  await buildStatusChange(db, c1.applicationId, 'decided', at('2026-10-15T08:00:00Z'))
  const c2 = await buildCase(db, { postId: post, submittedAt: at('2026-09-10T08:00:00Z') })
  await buildFinalDecision(db, c2.applicationId, deciderId, {
    outcome: 'refused',
    finalAt: at('2026-10-20T08:00:00Z'),
  })
  await buildStatusChange(db, c2.applicationId, 'decided', at('2026-10-20T08:00:00Z'))
  await buildCase(db, { postId: post, submittedAt: at('2026-03-01T08:00:00Z') })
  await buildCase(db, { postId: post, submittedAt: at('2026-08-15T08:00:00Z') })
  await buildCase(db, { postId: post, submittedAt: at('2026-10-20T08:00:00Z') })
  await buildCase(db, { postId: post, submittedAt: at('2026-06-10T08:00:00Z'), benefitType: 'hlu' })
  const c7 = await buildCase(db, { postId: post, submittedAt: at('2026-01-10T08:00:00Z') })
  await buildFinalDecision(db, c7.applicationId, deciderId, {
    outcome: 'granted',
    finalAt: at('2026-02-01T08:00:00Z'),
    periodFrom: '2026-02-01',
    periodTo: '2027-01-31',
    monthlyCents: 30_000,
  })
  await buildStatusChange(db, c7.applicationId, 'decided', at('2026-02-01T08:00:00Z'))
  await db
    .updateTable('application')
    .set({ objection_received_at: at('2026-10-03T08:00:00Z') })
    .where('id', '=', c7.applicationId)
    .execute()
  await buildStatusChange(db, c7.applicationId, 'objection', at('2026-10-03T08:00:00Z'))
  await buildFinalDecision(db, c7.applicationId, deciderId, {
    kind: 'objection',
    outcome: 'partly_granted',
    finalAt: at('2026-10-25T08:00:00Z'),
    periodFrom: '2026-02-01',
    periodTo: '2027-01-31',
    monthlyCents: 35_000,
  })
  await buildStatusChange(db, c7.applicationId, 'decided', at('2026-10-25T08:00:00Z'))

  const [figures] = await computeMonths(db, ['2026-10'], NORM)
  if (!figures) {
    throw new Error('no figures')
  }
  october = figures
})

afterAll(async () => {
  await ctx.close()
})

describe('key figures per benefit type', () => {
  it('should count cases and persons in payment on the reference day, with the density per 1,000 inhabitants', () => {
    const grusi = october.benefitTypes.find((b) => b.benefitType === 'grusi')
    expect(october.referenceDay).toBe('2026-10-31')
    expect(grusi?.cases).toBe(2)
    // The applicant plus the one household member of the factory's application, twice.
    expect(grusi?.persons).toBe(4)
    expect(october.population).toBe(219500)
    expect(grusi?.density).toBe(0.02)
    expect(grusi?.monthlyAmountCents).toBe(85_000)
  })

  it('should count new applications and decisions of the month by outcome', () => {
    const grusi = october.benefitTypes.find((b) => b.benefitType === 'grusi')
    expect(grusi?.newApplications).toBe(2)
    expect(grusi?.decisions).toEqual({ granted: 1, refused: 1, other: 0 })
  })

  it('should bucket pending applications by age, with those over six months apart', () => {
    const grusi = october.benefitTypes.find((b) => b.benefitType === 'grusi')
    const hlu = october.benefitTypes.find((b) => b.benefitType === 'hlu')
    expect(grusi?.pending).toEqual({ total: 3, under1: 1, from1to3: 1, from3to6: 0, over6: 1 })
    expect(hlu?.pending).toEqual({ total: 1, under1: 0, from1to3: 0, from3to6: 1, over6: 0 })
    expect(october.total.pending.total).toBe(4)
  })

  it('should measure processing time from application to decision: mean, median and 90th percentile', () => {
    const grusi = october.benefitTypes.find((b) => b.benefitType === 'grusi')
    expect(grusi?.processing).toEqual({ count: 2, mean: 25, median: 25, p90: 40 })
  })

  it('should count objections received, decided and upheld in the month', () => {
    const grusi = october.benefitTypes.find((b) => b.benefitType === 'grusi')
    expect(grusi?.objections).toEqual({ received: 1, decided: 1, upheld: 1 })
  })
})

describe('key figures per department', () => {
  it('should give posts, FTE, presence, leavers and cases per FTE against the norm', () => {
    const dept = october.departments.find((d) => d.unitId === departmentId)
    expect(dept).toMatchObject({
      postsPlanned: 3,
      postsFilled: 3,
      postsVacant: 0,
      ftePlanned: 3,
      fteFilled: 3,
      ftePresent: 2,
      staff: 3,
      absentPeople: 1,
      leavers: 1,
      openCases: 4,
      casesPerFte: 2,
      band: 'below',
    })
    expect(dept?.pending.total).toBe(4)
    expect(dept?.pending.over6).toBe(1)
  })

  it('should set the traffic light from the thresholds: backlog and presence red, so red overall', () => {
    const dept = october.departments.find((d) => d.unitId === departmentId)
    expect(dept?.light).toEqual({
      overall: 'red',
      processing: 'green',
      backlog: 'red',
      caseload: 'green',
      presence: 'red',
    })
  })
})

describe('snapshots', () => {
  it('should store a snapshot once and refuse to change or delete it', async () => {
    const actor = { type: 'system' as const, id: null }
    const first = await takeSnapshot(ctx.db, actor, { month: '2026-10', norm: NORM })
    expect(first.sequence).toBe(1)
    await expect(
      sql`update report_snapshot set note = 'geändert' where id = ${first.id}`.execute(ctx.db),
    ).rejects.toThrow('immutable')
    await expect(sql`delete from report_snapshot where id = ${first.id}`.execute(ctx.db)).rejects.toThrow(
      'immutable',
    )
  })

  it('should need a note for a correction and keep the first snapshot as it was', async () => {
    const actor = { type: 'system' as const, id: null }
    await expect(takeSnapshot(ctx.db, actor, { month: '2026-10', norm: NORM })).rejects.toThrow(
      ReportRefusedError,
    )
    const before = await ctx.db
      .selectFrom('report_snapshot')
      .select(['figures'])
      .where('month', '=', '2026-10')
      .where('sequence', '=', 1)
      .executeTakeFirstOrThrow()
    // Data corrected later: one more case in October.
    await buildCase(ctx.db, { submittedAt: at('2026-10-21T08:00:00Z') })
    const correction = await takeSnapshot(ctx.db, actor, {
      month: '2026-10',
      note: 'Nachgetragener Antrag vom 21.10.',
      norm: NORM,
    })
    expect(correction.sequence).toBe(2)
    expect(correction.figures.total.newApplications).toBe(3)
    const after = await ctx.db
      .selectFrom('report_snapshot')
      .select(['figures'])
      .where('month', '=', '2026-10')
      .where('sequence', '=', 1)
      .executeTakeFirstOrThrow()
    expect(after.figures).toEqual(before.figures)
    expect((after.figures as MonthFigures).total.newApplications).toBe(2)
  })

  it('should refuse a month in the future or in the wrong form', async () => {
    const actor = { type: 'system' as const, id: null }
    await expect(
      takeSnapshot(ctx.db, actor, { month: '2026-12', norm: NORM }, at('2026-11-26T10:00:00Z')),
    ).rejects.toMatchObject({ refusal: 'invalid_month' })
    await expect(takeSnapshot(ctx.db, actor, { month: '10.2026', norm: NORM })).rejects.toMatchObject({
      refusal: 'invalid_month',
    })
  })
})

describe('report lifecycle', () => {
  it('should render a month without any case: the total rows show zeros', async () => {
    const office = await buildStaffUser(ctx.db, { role: 'division_head' })
    // The dataset's first case arrives in January 2026, so December 2025 has no benefit type at all.
    const draft = await service.createDraft(ctx.db, office, '2025-12', NORM, at('2026-11-26T10:00:00Z'))
    const { pdf } = await service.reportPdf(ctx.db, draft.id)
    const text = await pdftotext(pdf)
    expect(text).toContain('Dezember 2025')
  })

  it('should let the deputy acting for the division head release i.V., then refuse every change', async () => {
    const { db } = ctx
    const plan = await buildInterimPlan(db)
    const office = await buildStaffUser(db, { role: 'division_head', displayName: 'Büro Bereichsleitung' })
    const deputy = await buildStaffUser(db, {
      role: 'department_head',
      displayName: 'Abteilungsleitung Grundsicherung',
    })
    await linkStaffAccount(db, plan.people.grusiHead.id, deputy.id)
    const now = at('2026-11-26T10:00:00Z')

    const draft = await service.createDraft(db, office, '2026-10', NORM, now)
    expect(draft.status).toBe('draft')
    await service.saveTexts(db, office, draft.id, {
      situation: 'Die Lage ist angespannt.',
      outlook: 'Stabilisierung des Personalkörpers.',
      unknown: 'wird verworfen',
    })
    await expect(service.release(db, office, draft.id, now)).rejects.toMatchObject({
      refusal: 'not_acting_for_division_head',
    })
    await service.submitForReview(db, office, draft.id, now)
    await expect(service.saveTexts(db, office, draft.id, { situation: 'x' })).rejects.toMatchObject({
      refusal: 'invalid_transition',
    })

    const released = await service.release(db, deputy, draft.id, now)
    expect(released.status).toBe('released')
    expect(released.released_by_name).toBe('Abteilungsleitung Grundsicherung')
    expect(released.released_acting_kind).toBe('interim')
    expect(released.released_for_post_id).toBe(plan.posts.divisionHead.id)
    expect(Object.keys(released.snapshot_ids ?? {})).toHaveLength(12)

    const text = await pdftotext(released.pdf ?? new Uint8Array())
    expect(text).toContain('Aktuelle Situation im Bereich')
    expect(text).toContain('zur Kenntnisnahme')
    expect(text).toContain('i.V. Abteilungsleitung Grundsicherung')
    expect(text).toContain('Die Lage ist angespannt.')
    expect(text).not.toContain('wird verworfen')

    await expect(service.saveTexts(db, office, draft.id, { situation: 'neu' })).rejects.toMatchObject({
      refusal: 'released_immutable',
    })
    await expect(
      sql`update committee_report set texts = '{}'::jsonb where id = ${draft.id}`.execute(db),
    ).rejects.toThrow('immutable')

    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', draft.id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'report.create',
      'report.texts_save',
      'report.submit',
      'report.release',
    ])
    expect(audit[3]?.details).toMatchObject({ actingKind: 'interim', onBehalf: true })
  })

  it('should show the difference to the previous released report in the next one', async () => {
    const { db } = ctx
    const office = await buildStaffUser(db, { role: 'division_head' })
    const next = await service.createDraft(db, office, '2026-11', NORM, at('2026-11-26T10:00:00Z'))
    const { model } = await service.loadReport(db, next.id)
    expect(model.diff?.title).toBe('Veränderungen gegenüber dem Bericht Oktober 2026, Fassung 1')
    expect(model.diff?.rows[0]?.label).toBe('Fälle')
  })
})
