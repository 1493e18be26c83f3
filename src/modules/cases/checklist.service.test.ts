// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import {
  addPublishedVersion,
  buildMappedStandard,
  checklistSteps,
} from '../../../test/factories/checklists.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import * as cases from './cases.service.js'
import { ChecklistRefusedError } from './checklist.errors.js'
import * as checklist from './checklist.service.js'
import * as decisions from './decisions.service.js'
import { deadlinesOf, type PriorityRules } from './priority-rules.js'

const DAY = 86_400_000
let ctx: TestContext
let me: StaffWithPost
let actor: StaffPrincipal

beforeAll(async () => {
  ctx = await freshTestContext()
  me = await buildStaffWithPost(ctx.db)
  actor = { id: me.id, username: me.username, displayName: me.displayName, role: me.role }
})
afterAll(async () => {
  await ctx?.close()
})

const GRANT: decisions.DecisionInput = {
  outcome: 'granted',
  components: [{ label: 'Regelbedarf', cents: 56_300 }],
  periodFrom: '2026-12-01',
  periodTo: '2027-11-30',
  legalBasis: '§§ 41 ff. SGB XII',
  reasons: 'Die Voraussetzungen liegen vor.',
}

function caseRow(id: string) {
  return ctx.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

function audits(action: string, id: string) {
  return ctx.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', id)
    .execute()
}

async function readyCase(benefitType: string, submittedAt = new Date()) {
  const c = await buildCase(ctx.db, { postId: me.postId, benefitType, submittedAt })
  await ctx.db
    .updateTable('application')
    .set({ status: 'ready_for_decision' })
    .where('id', '=', c.applicationId)
    .execute()
  return c.applicationId
}

const tick = (id: string, stepKey: string, index: number) =>
  checklist.markItem(ctx.db, actor, id, { stepKey, index, action: 'done' }, null)

describe('checklist: the version in force when the case started', () => {
  let benefitType: string
  let standardId: string

  beforeAll(async () => {
    const s = await buildMappedStandard(ctx.db, [
      {
        version: 1,
        validFrom: '2026-01-01',
        publishedAt: new Date('2025-12-15T10:00:00Z'),
        steps: checklistSteps(),
      },
      {
        version: 2,
        validFrom: '2026-06-01',
        publishedAt: new Date('2026-05-20T10:00:00Z'),
        steps: checklistSteps({ eingangTitle: 'Eingang erfassen (neu)' }),
      },
    ])
    benefitType = s.benefitType
    standardId = s.standardId
  })

  it('should pin version 1 for a case started in March and version 2 for one started in July', async () => {
    const march = await buildCase(ctx.db, {
      postId: me.postId,
      benefitType,
      submittedAt: new Date('2026-03-01T09:00:00Z'),
    })
    const july = await buildCase(ctx.db, {
      postId: me.postId,
      benefitType,
      submittedAt: new Date('2026-07-01T09:00:00Z'),
    })
    const a = await cases.getCase(ctx.db, actor, march.applicationId, null)
    const b = await cases.getCase(ctx.db, actor, july.applicationId, null)
    expect(a.checklist?.version).toBe(1)
    expect(a.checklist?.steps.map((s) => s.title)).toEqual(['Eingang erfassen', 'Voraussetzungen prüfen'])
    expect(a.checklist?.steps.map((s) => s.dueOn)).toEqual(['2026-03-04', '2026-03-15'])
    expect(b.checklist?.version).toBe(2)
    expect(b.checklist?.steps[0]?.title).toBe('Eingang erfassen (neu)')
  })

  it('should not let a version published later the same day reach back to a case started before it', async () => {
    const started = new Date(Date.now() - 60_000)
    const c = await buildCase(ctx.db, { postId: me.postId, benefitType, submittedAt: started })
    await addPublishedVersion(ctx.db, standardId, {
      version: 3,
      validFrom: new Date().toISOString().slice(0, 10),
      publishedAt: new Date(),
      steps: checklistSteps({ eingangTitle: 'Eingang erfassen (v3)' }),
    })
    const seen = await cases.getCase(ctx.db, actor, c.applicationId, null)
    expect(seen.checklist?.version).toBe(2)
    expect(seen.checklist?.newerVersion?.version).toBe(3)
  })

  it('should keep an open case on its version until a newer one is adopted explicitly, then audit it', async () => {
    const id = await readyCase(benefitType, new Date('2026-03-02T09:00:00Z'))
    await tick(id, 'eingang', 1)
    // Still version 1 however often the case is read, although versions 2 and 3 are in force now.
    await cases.getCase(ctx.db, actor, id, null)
    const before = await cases.getCase(ctx.db, actor, id, null)
    expect(before.checklist?.version).toBe(1)
    expect(before.checklist?.newerVersion?.version).toBe(3)

    const adopted = await checklist.adoptNewerVersion(ctx.db, actor, id, null)
    expect(adopted).toBe(3)
    const after = await cases.getCase(ctx.db, actor, id, null)
    expect(after.checklist?.version).toBe(3)
    expect(after.checklist?.newerVersion).toBeNull()
    expect(after.checklist?.adoptedAt).toBeInstanceOf(Date)
    // The tick carried over (same step, same text); the case start (and the due dates) stayed.
    expect(after.checklist?.steps[0]?.items[1]?.state).toBe('done')
    expect(after.checklist?.steps[0]?.dueOn).toBe('2026-03-05')
    const [audit] = await audits('case.checklist_adopt', id)
    expect(audit?.details).toMatchObject({ fromVersion: 1, toVersion: 3 })
    expect(after.timeline.map((e) => e.kind)).toContain('checklist')
    await expect(checklist.adoptNewerVersion(ctx.db, actor, id, null)).rejects.toMatchObject({
      refusal: 'nothing_to_adopt',
      status: 409,
    })
  })
})

describe('checklist: mandatory items block the decision', () => {
  let benefitType: string

  beforeAll(async () => {
    const s = await buildMappedStandard(ctx.db, [
      {
        version: 1,
        validFrom: '2026-01-01',
        publishedAt: new Date('2025-12-15T10:00:00Z'),
        steps: checklistSteps(),
      },
    ])
    benefitType = s.benefitType
  })

  it('should refuse decide() with a German error naming the open mandatory items and store nothing', async () => {
    const id = await readyCase(benefitType)
    await tick(id, 'eingang', 0)
    const error = await decisions.decide(ctx.deps, actor, id, GRANT, null).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChecklistRefusedError)
    const refused = error as ChecklistRefusedError
    expect(refused.status).toBe(409)
    const text = t(refused.messageKey, refused.messageParams)
    expect(text).toBe(
      'Der Bescheid kann noch nicht erlassen werden. Diese Pflichtpunkte der Checkliste sind weder erledigt noch mit Begründung verzichtet: „Örtliche Zuständigkeit geprüft“, „Altersgrenze geprüft“.',
    )
    // The optional item stays open without blocking; nothing of the decision was stored.
    expect(text).not.toContain('Eingangsbestätigung')
    expect(
      await ctx.db.selectFrom('decision').selectAll().where('application_id', '=', id).execute(),
    ).toEqual([])
    expect((await caseRow(id)).status).toBe('ready_for_decision')
    expect(await audits('case.decide', id)).toEqual([])
  })

  it('should decide once the open mandatory items are done or waived with a reason', async () => {
    const id = await readyCase(benefitType)
    await tick(id, 'eingang', 0)
    await tick(id, 'eingang', 1)
    await checklist.markItem(
      ctx.db,
      actor,
      id,
      { stepKey: 'pruefung', index: 0, action: 'waive', reason: 'Erwerbsminderung ist festgestellt.' },
      null,
    )
    const result = await decisions.decide(ctx.deps, actor, id, GRANT, null)
    expect(result.awaitingApproval).toBe(false)
    expect((await caseRow(id)).status).toBe('decided')
  })

  it('should refuse a waiver without a reason and store nothing', async () => {
    const id = await readyCase(benefitType)
    await expect(
      checklist.markItem(
        ctx.db,
        actor,
        id,
        { stepKey: 'eingang', index: 0, action: 'waive', reason: '   ' },
        null,
      ),
    ).rejects.toMatchObject({ refusal: 'reason_required', status: 422 })
    expect(await ctx.db.selectFrom('case_checklist_mark').selectAll().execute()).not.toContainEqual(
      expect.objectContaining({ step_key: 'eingang', reason: '   ' }),
    )
    expect(
      await ctx.db.selectFrom('case_checklist_event').selectAll().where('application_id', '=', id).execute(),
    ).toEqual([])
    expect(await audits('case.checklist_waived', id)).toEqual([])
  })

  it('should refuse an item the version does not have', async () => {
    const id = await readyCase(benefitType)
    await expect(tick(id, 'eingang', 7)).rejects.toMatchObject({ refusal: 'unknown_item', status: 422 })
    await expect(tick(id, 'gibt-es-nicht', 0)).rejects.toMatchObject({ refusal: 'unknown_item' })
  })

  it('should put who ticked, waived and reopened what and when into the timeline and the audit', async () => {
    const id = await readyCase(benefitType)
    await tick(id, 'eingang', 0)
    await checklist.markItem(
      ctx.db,
      actor,
      id,
      { stepKey: 'eingang', index: 2, action: 'waive', reason: 'Antrag persönlich abgegeben.' },
      null,
    )
    await checklist.markItem(ctx.db, actor, id, { stepKey: 'eingang', index: 0, action: 'reopen' }, null)
    const seen = await cases.getCase(ctx.db, actor, id, null)
    const entries = seen.timeline.filter((e) => e.kind === 'checklist')
    expect(entries.map((e) => checklist.checklistTimelineText(e.params))).toEqual([
      'Checkliste: „Antragsdatum festgehalten“ erledigt',
      'Checkliste: auf „Eingangsbestätigung versandt“ verzichtet. Begründung: Antrag persönlich abgegeben.',
      'Checkliste: „Antragsdatum festgehalten“ wieder geöffnet',
    ])
    expect(entries.every((e) => e.by === me.displayName)).toBe(true)
    expect(seen.checklist?.steps[0]?.items.map((i) => i.state)).toEqual(['open', 'open', 'waived'])
    const [done] = await audits('case.checklist_done', id)
    expect(done).toMatchObject({ actor_id: me.id })
    expect(done?.details).toMatchObject({ step: 'eingang', item: 0, mandatory: true, version: 1 })
    const [waived] = await audits('case.checklist_waived', id)
    expect(waived?.details).toMatchObject({ reason: 'Antrag persönlich abgegeben.' })
    expect(await audits('case.checklist_reopened', id)).toHaveLength(1)
  })

  it("should answer another team's caseworker with NotFound and store nothing", async () => {
    const id = await readyCase(benefitType)
    const other = await buildStaffWithPost(ctx.db)
    const stranger: StaffPrincipal = {
      id: other.id,
      username: other.username,
      displayName: other.displayName,
      role: 'caseworker',
    }
    await expect(
      checklist.markItem(ctx.db, stranger, id, { stepKey: 'eingang', index: 0, action: 'done' }, null),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(checklist.adoptNewerVersion(ctx.db, stranger, id, null)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    expect(
      await ctx.db.selectFrom('case_checklist_event').selectAll().where('application_id', '=', id).execute(),
    ).toEqual([])
  })

  it('should leave a case without a configured standard undecorated and undecided by nothing', async () => {
    const id = await readyCase('seniorenberatung')
    const seen = await cases.getCase(ctx.db, actor, id, null)
    expect(seen.checklist).toBeNull()
    await decisions.decide(ctx.deps, actor, id, GRANT, null)
    expect((await caseRow(id)).status).toBe('decided')
  })
})

describe('checklist: overdue steps feed the workbench priority', () => {
  const rules: PriorityRules = {
    benefitTypes: {},
    unknownBenefitType: { livelihood: true, statutory: true },
    undecidedAfterMonths: 6,
    objectionAfterMonths: 3,
    periodEndingWithinWeeks: 4,
    riskWithinDays: 14,
  }

  it('deadlinesOf should add step_overdue for open steps of an undecided case only', () => {
    const facts = {
      benefitType: 'grusi',
      status: 'in_review' as const,
      submittedAt: new Date('2026-03-01T09:00:00Z'),
      objectionReceivedAt: null,
      benefitPeriodEnd: null,
      openDocumentRequestsDue: [],
      openStepsDue: ['2026-03-04'],
    }
    expect(deadlinesOf(facts, rules)[0]).toEqual({
      kind: 'step_overdue',
      at: new Date('2026-03-04T00:00:00Z'),
    })
    expect(deadlinesOf({ ...facts, status: 'decided' }, rules).map((d) => d.kind)).not.toContain(
      'step_overdue',
    )
    expect(deadlinesOf({ ...facts, openStepsDue: undefined }, rules).map((d) => d.kind)).toEqual([
      'undecided',
    ])
  })

  it('should make an unopened case with an overdue step rank by it, and drop it when the steps are done', async () => {
    const s = await buildMappedStandard(ctx.db, [
      {
        version: 1,
        validFrom: '2026-01-01',
        publishedAt: new Date('2025-12-15T10:00:00Z'),
        steps: checklistSteps(),
      },
    ])
    const started = new Date(Date.now() - 30 * DAY)
    const c = await buildCase(ctx.db, { postId: me.postId, benefitType: s.benefitType, submittedAt: started })
    expect((await caseRow(c.applicationId)).next_deadline_kind).toBe('undecided')
    // Nobody opened the case: the maintenance job pins its checklist and the step deadline reaches the inbox.
    expect(await checklist.pinMissingChecklists(ctx.db)).toBeGreaterThanOrEqual(1)
    const pinned = await caseRow(c.applicationId)
    expect(pinned.next_deadline_kind).toBe('step_overdue')
    const firstDue = new Date(`${new Date(started.getTime() + 3 * DAY).toISOString().slice(0, 10)}T00:00:00Z`)
    expect(Math.abs((pinned.next_deadline_at?.getTime() ?? 0) - firstDue.getTime())).toBeLessThanOrEqual(DAY)
    expect(await checklist.pinMissingChecklists(ctx.db)).toBe(0)

    for (const [step, index] of [
      ['eingang', 0],
      ['eingang', 1],
      ['eingang', 2],
      ['pruefung', 0],
    ] as const) {
      await tick(c.applicationId, step, index)
    }
    expect((await caseRow(c.applicationId)).next_deadline_kind).toBe('undecided')
  })
})
