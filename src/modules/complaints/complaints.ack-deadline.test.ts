// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildComplaint, setCategoryUnit } from '../../../test/factories/complaints.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { signIn, type TestStaffUser } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { checkComplaintDeadlines } from './complaints.job.js'
import * as service from './complaints.service.js'

/**
 * The acknowledgement deadline (3 working days, Schleswig-Holstein holidays) is watched by the same job as
 * the response deadline: a reminder on its last day, an escalation to the acting lead once it has passed.
 * The dates run over New Year: received Wednesday 30 December 2026, then Thursday 31 December (1),
 * Friday 1 January is a holiday, the weekend, Monday 4 (2), Tuesday 5 January 2027 (3) = due.
 * Counting weekdays only would make it Monday 4 January.
 */

const MAILBOX = 'beschwerden@luebeck.invalid'
const RECEIVED = new Date('2026-12-30T09:00:00Z')
let ctx: TestContext
let coordinator: StaffPrincipal
let coordinatorUser: TestStaffUser

beforeAll(async () => {
  ctx = await freshTestContext()
  ctx.deps.config.complaints = {
    ackWorkingDays: 3,
    responseDays: 14,
    reminderWorkingDays: 2,
    fallbackUnitCode: '2.500',
    mailbox: MAILBOX,
  }
  const plan = await buildInterimPlan(ctx.db)
  await setCategoryUnit(ctx.db, 'processing_time', plan.units.grusiTeam.id)
  const user = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })
  coordinatorUser = user
  coordinator = { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
})

afterAll(async () => {
  await ctx.close()
})

function load(id: string) {
  return ctx.db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

function run(at: string) {
  return checkComplaintDeadlines(ctx.db, ctx.deps.config, new Date(at))
}

async function mails(id: string) {
  return ctx.db
    .selectFrom('complaint_mail')
    .select(['kind', 'recipient', 'subject', 'body'])
    .where('complaint_id', '=', id)
    .orderBy('created_at')
    .execute()
}

async function systemActions(id: string) {
  const rows = await ctx.db
    .selectFrom('audit_event')
    .select('action')
    .where('subject_id', '=', id)
    .where('actor_type', '=', 'system')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

describe('acknowledgement deadline', () => {
  it('should be due on the third working day, skipping New Year and the weekend', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: RECEIVED })
    expect((await load(id)).ack_due_on).toBe('2027-01-05')
  })

  it('should remind on the last day and escalate to the acting lead the day after, each once', async () => {
    const { id, reference } = await buildComplaint(ctx.deps, { receivedAt: RECEIVED })
    // New Year's Day and the Monday after: still within the time (a weekday count would have fired here).
    await run('2027-01-01T09:00:00Z')
    await run('2027-01-04T09:00:00Z')
    expect(await load(id)).toMatchObject({ ack_reminder_sent_at: null, ack_escalated_at: null })
    expect(await mails(id)).toEqual([])

    await run('2027-01-05T08:00:00Z')
    expect((await load(id)).ack_reminder_sent_at).not.toBeNull()
    await run('2027-01-05T20:00:00Z') // 21:00 in Lübeck: still the last day
    expect((await load(id)).ack_escalated_at).toBeNull()

    await run('2027-01-06T08:00:00Z')
    await run('2027-01-07T08:00:00Z')
    const row = await load(id)
    expect(row.ack_escalated_at).not.toBeNull()
    // The response deadline's escalation is a separate step: not triggered by the acknowledgement.
    expect(row.escalated).toBe(false)
    expect(row.reminder_sent_at).toBeNull()

    const sent = await mails(id)
    expect(sent.map((m) => [m.kind, m.recipient])).toEqual([
      ['ack_reminder', MAILBOX],
      ['ack_escalation', MAILBOX],
    ])
    expect(sent[0]?.subject).toBe(`Erinnerung: Eingang der Beschwerde ${reference} bis 05.01.2027 bestätigen`)
    expect(sent[1]?.subject).toBe(`Eingangsbestätigung überfällig: Beschwerde ${reference}`)
    expect(sent[1]?.body).toContain('am 05.01.2027 abgelaufen')
    // Routed to the team lead of 2.500.11: the acting lead is the head of department 2.500.1.
    expect(sent[1]?.body).toContain(
      'Eskaliert an: Abteilungsleitung 2.500.1: Abteilungsleitung Grundsicherung',
    )
    expect(await systemActions(id)).toEqual(['complaint.ack_reminder', 'complaint.ack_escalate'])
    const events = await ctx.db
      .selectFrom('complaint_event')
      .select('kind')
      .where('complaint_id', '=', id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.kind)).toEqual(['received', 'routed', 'ack_reminder', 'ack_escalated'])

    // The answer deadline (13 January) then runs its own course with the same job.
    await run('2027-01-11T08:00:00Z')
    await run('2027-01-14T08:00:00Z')
    expect((await mails(id)).map((m) => m.kind)).toEqual([
      'ack_reminder',
      'ack_escalation',
      'reminder',
      'escalation',
    ])
  })

  it('should neither remind nor escalate once the receipt is acknowledged', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: RECEIVED })
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    await run('2027-01-05T08:00:00Z')
    await run('2027-01-06T08:00:00Z')
    expect(await load(id)).toMatchObject({ ack_reminder_sent_at: null, ack_escalated_at: null })
    expect(await systemActions(id)).toEqual([])
  })

  it('should escalate but not remind when the job first runs after the deadline', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: RECEIVED })
    await run('2027-01-08T08:00:00Z')
    expect(await systemActions(id)).toEqual(['complaint.ack_escalate'])
  })

  it('should show the reminder and escalation in the complaint page timeline in German', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: RECEIVED })
    await run('2027-01-05T08:00:00Z')
    await run('2027-01-06T08:00:00Z')
    const staff = await signIn(ctx.app, coordinatorUser)
    const res = await staff.get(`/beschwerden/${id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Erinnerung an die Frist für die Eingangsbestätigung versandt')
    expect(html).toContain('Eingangsbestätigung überfällig, eskaliert an Abteilungsleitung 2.500.1')
  })
})
