// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocument, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { loadRetentionConfig } from '../../config/retention.js'
import { applicationsService, grundsicherungForm } from '../applications/index.js'
import {
  planRetention,
  RETENTION_CATEGORIES,
  type RetentionCategory,
  releaseRetention,
  runRetention,
} from './retention.service.js'

let ctx: TestContext
const config = loadRetentionConfig({})
/** The run's instant: 2040, so that a case closed in 2028 is past 10 years after the end of its year. */
const NOW = new Date('2040-03-01T10:00:00Z')
const LONG_AGO = new Date('2028-06-30T12:00:00Z')
const RECENTLY = new Date('2035-06-30T12:00:00Z')

let dueCase: { applicationId: string; reference: string }
let keptCase: { applicationId: string; reference: string }
let openCase: { applicationId: string; reference: string }
let dueComplaintId: string
let leaver: Awaited<ReturnType<typeof buildStaffUser>>
let idleLeaver: Awaited<ReturnType<typeof buildStaffUser>>
let dpo: Awaited<ReturnType<typeof buildStaffUser>>

async function closeCase(applicationId: string, at: Date): Promise<void> {
  await ctx.db
    .updateTable('application')
    .set({ status: 'closed', status_changed_at: at })
    .where('id', '=', applicationId)
    .execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
  dueCase = await buildCase(ctx.db, { surname: 'Altakte', givenName: 'Greta', postId: null })
  keptCase = await buildCase(ctx.db, { surname: 'Jungakte', givenName: 'Paul', postId: null })
  openCase = await buildCase(ctx.db, { surname: 'Offen', givenName: 'Olga', postId: null })
  await closeCase(dueCase.applicationId, LONG_AGO)
  await closeCase(keptCase.applicationId, RECENTLY)
  await buildDocument(ctx.db, ctx.deps.fileStore, { applicationId: dueCase.applicationId })

  // A disabled caseworker whose only trace is a note on the case that is due: anonymised once it is gone.
  leaver = await buildStaffUser(ctx.db, { displayName: 'Berta Weggang' })
  await ctx.db
    .insertInto('case_note')
    .values({ application_id: dueCase.applicationId, author_id: leaver.id, body: 'Rückruf am Montag' })
    .execute()
  // An old emergency access to the due case: its grant and notification go with the case file.
  const grant = await ctx.db
    .insertInto('break_glass_grant')
    .values({
      application_id: dueCase.applicationId,
      staff_user_id: dpo.id,
      reason: 'Notfall am Schalter, Akte dringend benötigt',
      granted_at: LONG_AGO,
      expires_at: new Date(LONG_AGO.getTime() + 30 * 60_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await ctx.db
    .insertInto('break_glass_notification')
    .values({ grant_id: grant.id, created_at: LONG_AGO })
    .execute()
  // A disabled account that never touched a case: anonymised in the first run.
  idleLeaver = await buildStaffUser(ctx.db, { displayName: 'Ida Nieda' })
  await ctx.db
    .updateTable('staff_user')
    .set({ disabled_at: new Date('2039-01-01T00:00:00Z') })
    .where('id', 'in', [leaver.id, idleLeaver.id])
    .execute()

  // A complaint about the due case, closed long ago: its own rule, released like case files.
  const complaint = await buildComplaint(ctx.deps, {
    contactName: 'Greta Altakte',
    contactEmail: 'greta.altakte@example.org',
    caseReference: dueCase.reference,
  })
  dueComplaintId = complaint.id
  await ctx.db
    .updateTable('complaint')
    .set({ status: 'closed', closed_at: LONG_AGO, application_id: dueCase.applicationId })
    .where('id', '=', dueComplaintId)
    .execute()
  await ctx.db
    .updateTable('complaint_mail')
    .set({ status: 'sent', sent_at: LONG_AGO })
    .where('complaint_id', '=', dueComplaintId)
    .execute()

  // An expired draft, an expired session, an old rate-limit counter.
  const { draft } = await applicationsService.startDraft(ctx.db, grundsicherungForm, 30)
  await ctx.db
    .updateTable('application_draft')
    .set({ expires_at: new Date('2039-12-01T00:00:00Z') })
    .where('id', '=', draft.id)
    .execute()
  await ctx.db
    .insertInto('staff_session')
    .values({
      id_hash: randomBytes(32),
      staff_user_id: dpo.id,
      expires_at: new Date('2039-12-01T00:00:00Z'),
      pending_secret_enc: null,
      user_agent: null,
      address_prefix: null,
    })
    .execute()
  await ctx.db
    .insertInto('rate_limit')
    .values({
      bucket: 'test',
      key_hash: randomBytes(32),
      window_start: new Date('2039-12-01T00:00:00Z'),
      hits: 3,
    })
    .execute()
})

afterAll(async () => {
  await ctx.close()
})

function idsOf(plan: Awaited<ReturnType<typeof planRetention>>, category: RetentionCategory): string[] {
  return plan.categories.find((c) => c.category === category)?.items.map((i) => i.id) ?? []
}

describe('retention', () => {
  it('should plan exactly what is due: the old closed case, not the recent or open one', async () => {
    const plan = await planRetention(ctx.db, config, NOW)
    expect(idsOf(plan, 'case_file')).toEqual([dueCase.applicationId])
    expect(plan.categories.find((c) => c.category === 'case_file')?.items[0]?.reference).toBe(
      dueCase.reference,
    )
    expect(idsOf(plan, 'complaint')).toEqual([dueComplaintId])
    expect(idsOf(plan, 'draft')).toHaveLength(1)
    expect(idsOf(plan, 'staff_session')).toHaveLength(1)
    expect(plan.categories.find((c) => c.category === 'rate_limit')?.count).toBe(1)
    // The leaver still has a note on a case file that exists: not yet.
    expect(idsOf(plan, 'staff_name')).toEqual([idleLeaver.id])
    expect(plan.categories.find((c) => c.category === 'case_file')?.rule).toBe(
      'Abgeschlossene Fallakten: 10 Jahre nach Ende des Jahres der Schließung',
    )
  })

  it('should delete nothing of case files and complaints before the DPO has released them', async () => {
    const before = await planRetention(ctx.db, config, NOW)
    const result = await runRetention(ctx.db, config, { now: NOW })
    expect(result).not.toBeNull()
    expect(result?.done.case_file).toEqual([])
    expect(result?.done.complaint).toEqual([])
    const cases = await ctx.db.selectFrom('application').select('id').orderBy('id').execute()
    expect(cases.map((c) => c.id).sort()).toEqual(
      [dueCase.applicationId, keptCase.applicationId, openCase.applicationId].sort(),
    )
    expect(await ctx.db.selectFrom('complaint').select('id').execute()).toHaveLength(1)
    // The automatic categories went exactly as planned.
    for (const category of ['draft', 'complaint_mail', 'staff_session', 'staff_name'] as const) {
      expect(result?.done[category].sort()).toEqual(idsOf(before, category).sort())
    }
    expect(result?.counts.rate_limit).toBe(1)
    const anonymised = await ctx.db
      .selectFrom('staff_user')
      .select(['display_name', 'username', 'password_hash'])
      .where('id', '=', idleLeaver.id)
      .executeTakeFirstOrThrow()
    expect(anonymised.display_name).toBe(`Ehemalige Beschäftigte ${idleLeaver.id.slice(0, 8)}`)
    expect(anonymised.username).toBe(`anonymisiert-${idleLeaver.id}`)
    expect(anonymised.password_hash).toBeNull()
  })

  it('should delete, after release, exactly what the dry run showed, keep audit rows and log no content', async () => {
    const auditBefore = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', dueCase.applicationId)
      .executeTakeFirstOrThrow()
    expect(Number(auditBefore.n)).toBeGreaterThan(0)

    const plan = await planRetention(ctx.db, config, NOW)
    await expect(
      releaseRetention(ctx.db, config, { type: 'staff', id: dpo.id }, 'not-the-fingerprint', null, NOW),
    ).rejects.toThrow('changed')
    expect(
      await releaseRetention(ctx.db, config, { type: 'staff', id: dpo.id }, plan.fingerprint, null, NOW),
    ).toBe(2)

    const result = await runRetention(ctx.db, config, { now: NOW })
    for (const category of RETENTION_CATEGORIES) {
      if (category !== 'rate_limit') {
        expect(result?.done[category].sort(), category).toEqual(idsOf(plan, category).sort())
      }
    }
    expect(
      await ctx.db.selectFrom('application').select('id').where('id', '=', dueCase.applicationId).execute(),
    ).toEqual([])
    expect(await ctx.db.selectFrom('case_note').select('id').execute()).toEqual([])
    expect(
      await ctx.db.selectFrom('document').select('id').where('application_id', 'is not', null).execute(),
    ).toEqual([])
    expect(await ctx.db.selectFrom('complaint').select('id').execute()).toEqual([])
    const kept = await ctx.db.selectFrom('application').select('id').orderBy('id').execute()
    expect(kept.map((k) => k.id).sort()).toEqual([keptCase.applicationId, openCase.applicationId].sort())

    // The audit trail is untouched (append-only); it refers to the deleted case by id only.
    const auditAfter = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', dueCase.applicationId)
      .executeTakeFirstOrThrow()
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n))

    // The log names the case by id, with rule and count, and holds nothing of its content.
    const log = await ctx.db
      .selectFrom('deletion_log')
      .selectAll()
      .where('run_id', '=', result?.runId ?? '')
      .execute()
    const caseLog = log.find((l) => l.category === 'case_file')
    expect(caseLog?.subject_ids).toEqual([dueCase.applicationId])
    expect(caseLog?.count).toBe(1)
    expect(caseLog?.release_id).not.toBeNull()
    const everything = JSON.stringify(await ctx.db.selectFrom('deletion_log').selectAll().execute())
    for (const content of [dueCase.reference, 'Altakte', 'Greta', 'Rückruf', 'Nachweis.pdf', 'Berta']) {
      expect(everything).not.toContain(content)
    }

    // The release is used up: the next run deletes no further case files even if some become due.
    const open = await ctx.db.selectFrom('deletion_release').select('consumed_at').execute()
    expect(open.every((r) => r.consumed_at !== null)).toBe(true)
  })

  it('should have taken the emergency-access grant of the deleted case with it', async () => {
    expect(
      await ctx.db
        .selectFrom('break_glass_grant')
        .select('id')
        .where('application_id', '=', dueCase.applicationId)
        .execute(),
    ).toEqual([])
    expect(
      await ctx.db.selectFrom('application').select('id').where('id', '=', dueCase.applicationId).execute(),
    ).toEqual([])
  })

  it("should anonymise a leaver's name once the case files she acted on are gone", async () => {
    const plan = await planRetention(ctx.db, config, NOW)
    expect(idsOf(plan, 'staff_name')).toEqual([leaver.id])
    await runRetention(ctx.db, config, { now: NOW })
    const row = await ctx.db
      .selectFrom('staff_user')
      .select('display_name')
      .where('id', '=', leaver.id)
      .executeTakeFirstOrThrow()
    expect(row.display_name).not.toContain('Berta')
    expect(
      (await planRetention(ctx.db, config, NOW)).categories.every(
        (c) => c.count === 0 || c.mode === 'release',
      ),
    ).toBe(true)
  })

  it('should run the scheduled run once per day across instances', async () => {
    const first = await runRetention(ctx.db, config, { now: NOW, trigger: 'scheduled', runDay: '2040-03-01' })
    const second = await runRetention(ctx.db, config, {
      now: NOW,
      trigger: 'scheduled',
      runDay: '2040-03-01',
    })
    expect(first).not.toBeNull()
    expect(second).toBeNull()
  })
})
