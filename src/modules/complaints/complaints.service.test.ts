// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildComplaint, setCategoryUnit } from '../../../test/factories/complaints.factory.js'
import {
  buildHeldPost,
  buildInterimPlan,
  buildOrgUnit,
} from '../../../test/factories/organisation.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { ComplaintRejectedError, ComplaintStateError } from './complaints.errors.js'
import { checkComplaintDeadlines } from './complaints.job.js'
import * as service from './complaints.service.js'

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const MAILBOX = 'beschwerden@luebeck.invalid'

let ctx: TestContext
let plan: Awaited<ReturnType<typeof buildInterimPlan>>
let coordinator: StaffPrincipal

beforeAll(async () => {
  ctx = await freshTestContext()
  ctx.deps.config.complaints = {
    ackWorkingDays: 3,
    responseDays: 14,
    reminderWorkingDays: 2,
    fallbackUnitCode: '2.500',
    mailbox: MAILBOX,
  }
  plan = await buildInterimPlan(ctx.db)
  await setCategoryUnit(ctx.db, 'processing_time', plan.units.grusiTeam.id)
  await setCategoryUnit(ctx.db, 'staff_conduct', plan.units.hluDept.id)
  const user = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })
  coordinator = { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
})
afterAll(async () => {
  await ctx.close()
})

function load(id: string) {
  return ctx.db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ComplaintRejectedError)
  const { t } = await import('../../shared/i18n.js')
  return Object.fromEntries(
    Object.entries((error as ComplaintRejectedError).fieldErrors).map(([k, v]) => [k, t(v.key, v.params)]),
  )
}

describe('createComplaint', () => {
  it('should store an anonymous web complaint with reference, acknowledgement in working days, answer in calendar days and an audit record', async () => {
    const receivedAt = new Date('2026-11-26T10:00:00Z')
    const { id, reference } = await buildComplaint(ctx.deps, { receivedAt })
    expect(reference).toMatch(/^BS-2026-\d{6}$/)
    const row = await load(id)
    expect(row).toMatchObject({
      status: 'received',
      channel: 'web',
      contact_name: null,
      contact_email: null,
      ack_due_on: '2026-12-01',
      response_due_on: '2026-12-10',
      escalated: false,
    })
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', id)
      .where('action', '=', 'complaint.create')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.actor_type).toBe('citizen')
  })

  it('should count Easter holidays when computing the acknowledgement deadline', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: new Date('2026-04-02T08:00:00Z') })
    expect((await load(id)).ack_due_on).toBe('2026-04-09')
  })

  it('should reject bad input with German messages and store nothing', async () => {
    const before = await ctx.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const errors = await rejection(
      buildComplaint(ctx.deps, {
        categoryCode: 'no_such_category',
        description: '   ',
        contactEmail: 'keine-adresse',
        contactPhone: 'ruf mich an',
        caseReference: '12345',
        attachments: [{ name: 'virus.exe', bytes: new TextEncoder().encode('MZ this is no pdf') }],
      }),
    )
    expect(errors).toEqual({
      category: 'Wählen Sie aus, worum es in Ihrer Beschwerde geht.',
      description: 'Beschreiben Sie, worüber Sie sich beschweren.',
      contactEmail: 'Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel name@beispiel.de.',
      contactPhone: 'Geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) / - an.',
      caseReference:
        'Geben Sie das Aktenzeichen so an, wie es auf Ihren Unterlagen steht, zum Beispiel GS-2026-0000001.',
      attachments: 'Die Datei „virus.exe“ ist kein PDF, JPEG oder PNG.',
    })
    const after = await ctx.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('should refuse oversize, empty and too many files', async () => {
    ctx.deps.config.uploadMaxBytes = 1024
    try {
      expect(
        (
          await rejection(
            buildComplaint(ctx.deps, {
              attachments: [{ name: 'gross.pdf', bytes: new Uint8Array(2048).fill(37) }],
            }),
          )
        ).attachments,
      ).toBe('Die Datei „gross.pdf“ ist zu groß. Erlaubt sind höchstens 1 KB je Datei.')
    } finally {
      ctx.deps.config.uploadMaxBytes = 10 * 1024 * 1024
    }
    expect(
      (
        await rejection(
          buildComplaint(ctx.deps, { attachments: [{ name: 'leer.pdf', bytes: new Uint8Array() }] }),
        )
      ).attachments,
    ).toBe('Die Datei „leer.pdf“ ist leer.')
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `n${i}.pdf`, bytes: PDF }))
    expect((await rejection(buildComplaint(ctx.deps, { attachments: six }))).attachments).toBe(
      'Sie können höchstens 5 Dateien anhängen.',
    )
  })

  it('should store PDF attachments sniffed from their bytes under a clean name', async () => {
    const { id } = await buildComplaint(ctx.deps, {
      attachments: [{ name: '../../Bescheid vom Mai', bytes: PDF }],
    })
    const rows = await ctx.db
      .selectFrom('complaint_attachment')
      .selectAll()
      .where('complaint_id', '=', id)
      .execute()
    expect(rows.map((r) => [r.original_name, r.media_type, r.kind])).toEqual([
      ['Bescheid vom Mai.pdf', 'application/pdf', 'evidence'],
    ])
    expect(
      Buffer.from(await ctx.deps.fileStore.get(rows[0]?.storage_key ?? '')).equals(Buffer.from(PDF)),
    ).toBe(true)
  })

  it('should create one complaint per external id of a channel (a channel may deliver twice)', async () => {
    const first = await buildComplaint(ctx.deps, { channel: 'open311', externalId: 'req-4711' })
    const second = await buildComplaint(ctx.deps, { channel: 'open311', externalId: 'req-4711' })
    expect(first.created).toBe(true)
    expect(second).toEqual({ id: first.id, reference: first.reference, created: false })
  })
})

describe('routing', () => {
  it('should route by category to whoever holds the head post of the category unit', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: new Date('2026-11-26T10:00:00Z') })
    const row = await load(id)
    expect(row.responsible_unit_id).toBe(plan.units.grusiTeam.id)
    expect(row.responsible_post_id).toBe(plan.posts.grusiLead.id)
    expect(row.routing).toMatchObject({
      reason: 'category',
      unitName: 'Grundsicherung A–K',
      postTitle: 'Teamleitung 2.500.11',
      actingKind: 'holder',
    })
  })

  it('should route to the deputy of the absent head of the category unit (i.V.)', async () => {
    // The head of 2.500.2 is absent; the division head post is vacant and covered by the interim plan.
    const { id } = await buildComplaint(ctx.deps, {
      categoryCode: 'staff_conduct',
      receivedAt: new Date('2026-12-05T10:00:00Z'),
    })
    const routing = (await load(id)).routing
    expect(routing.reason).toBe('category')
    expect(routing.actingName).toBe('Abteilungsleitung Grundsicherung')
    expect(routing.actingKind).not.toBe('holder')
  })

  it('should route a complaint naming a case to whoever acts for the case post (deputy while the holder is away)', async () => {
    const application = await buildApplication(ctx.db)
    await ctx.db
      .updateTable('application')
      .set({ assigned_post_id: plan.posts.caseworkerB.id })
      .where('id', '=', application.applicationId)
      .execute()
    const { id } = await buildComplaint(ctx.deps, {
      caseReference: application.reference.toLowerCase(),
      receivedAt: new Date('2026-12-22T10:00:00Z'),
    })
    const row = await load(id)
    expect(row.application_id).toBe(application.applicationId)
    expect(row.case_reference).toBe(application.reference)
    expect(row.responsible_post_id).toBe(plan.posts.caseworkerB.id)
    expect(row.routing).toMatchObject({
      reason: 'case',
      actingName: 'Sachbearbeitung A',
      actingKind: 'deputy',
    })
  })

  it('should keep an unknown case reference as text, link nothing and route by category', async () => {
    const { id } = await buildComplaint(ctx.deps, { caseReference: 'GS-2026-9999999' })
    const row = await load(id)
    expect(row).toMatchObject({ case_reference: 'GS-2026-9999999', application_id: null })
    expect(row.routing.reason).toBe('category')
  })

  it('should route to the fallback unit when nobody can act for the category unit', async () => {
    const orphan = await buildOrgUnit(ctx.db, {
      kind: 'department',
      name: 'Verwaiste Abteilung',
      shortCode: '9.9',
    })
    await buildHeldPost(ctx.db, orphan.id, { isHeadOfUnit: true, vacant: true, title: 'Leitung 9.9' })
    await setCategoryUnit(ctx.db, 'accessibility', orphan.id)
    const { id } = await buildComplaint(ctx.deps, {
      categoryCode: 'accessibility',
      receivedAt: new Date('2026-11-26T10:00:00Z'),
    })
    const row = await load(id)
    expect(row.responsible_unit_id).toBe(plan.units.division.id)
    expect(row.routing).toMatchObject({
      reason: 'fallback',
      unitName: 'Soziale Sicherung',
      actingName: 'Abteilungsleitung Grundsicherung',
      actingKind: 'interim',
    })
  })

  it('should leave the complaint with the complaints office when no unit at all can take it', async () => {
    ctx.deps.config.complaints.fallbackUnitCode = undefined
    try {
      const { id } = await buildComplaint(ctx.deps, { categoryCode: 'other' })
      const row = await load(id)
      expect(row.responsible_unit_id).toBeNull()
      expect(row.routing).toMatchObject({ reason: 'fallback', unitName: null, actingName: null })
    } finally {
      ctx.deps.config.complaints.fallbackUnitCode = '2.500'
    }
  })
})

describe('workflow', () => {
  it('should acknowledge, answer by letter, record the root cause and close, in this order only', async () => {
    const { id } = await buildComplaint(ctx.deps, {
      contactName: 'Jörg Möller',
      contactAddress: 'Mengstraße 4\n23552 Lübeck',
    })
    await expect(
      service.closeComplaint(ctx.db, ctx.deps.config, coordinator, id, null),
    ).rejects.toBeInstanceOf(ComplaintStateError)
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    await expect(service.acknowledgeComplaint(ctx.db, coordinator, id, null)).rejects.toBeInstanceOf(
      ComplaintStateError,
    )
    // No e-mail address: an e-mail reply is refused with a clear message.
    expect(
      (
        await rejection(
          service.replyToComplaint(ctx.deps, coordinator, id, { channel: 'email', text: 'Antwort' }, null),
        )
      ).replyChannel,
    ).toBe('Zu dieser Beschwerde ist keine E-Mail-Adresse bekannt. Antworten Sie mit einem Brief.')
    await service.replyToComplaint(
      ctx.deps,
      coordinator,
      id,
      { channel: 'letter', text: 'Wir haben Ihren Antrag jetzt beschieden.' },
      null,
    )
    const letter = await ctx.db
      .selectFrom('complaint_attachment')
      .selectAll()
      .where('complaint_id', '=', id)
      .where('kind', '=', 'reply_letter')
      .executeTakeFirstOrThrow()
    const bytes = await ctx.deps.fileStore.get(letter.storage_key)
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    await expect(service.closeComplaint(ctx.db, ctx.deps.config, coordinator, id, null)).rejects.toThrow(
      'complaints.error.close_without_root_cause',
    )
    await service.recordRootCause(
      ctx.db,
      coordinator,
      id,
      { rootCause: 'staff_shortage', note: '', measure: 'Zwei Stellen ausgeschrieben.' },
      null,
    )
    const { feedbackToken } = await service.closeComplaint(ctx.db, ctx.deps.config, coordinator, id, null)
    const row = await load(id)
    expect(row).toMatchObject({
      status: 'closed',
      root_cause: 'staff_shortage',
      measure: 'Zwei Stellen ausgeschrieben.',
      reply_channel: 'letter',
    })
    const events = await ctx.db
      .selectFrom('complaint_event')
      .select('kind')
      .where('complaint_id', '=', id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.kind)).toEqual([
      'received',
      'routed',
      'acknowledged',
      'answered',
      'root_cause',
      'closed',
    ])
    const actions = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'complaint.create',
      'complaint.acknowledged',
      'complaint.answered',
      'complaint.root_cause',
      'complaint.closed',
    ])

    // Feedback once, through the token only.
    await expect(
      service.submitFeedback(ctx.db, feedbackToken, { rating: '7', comment: '' }, null),
    ).rejects.toBeInstanceOf(ComplaintRejectedError)
    await service.submitFeedback(ctx.db, feedbackToken, { rating: '4', comment: 'Schnelle Antwort.' }, null)
    expect(await load(id)).toMatchObject({ feedback_rating: 4, feedback_comment: 'Schnelle Antwort.' })
    await expect(
      service.submitFeedback(ctx.db, feedbackToken, { rating: '1', comment: '' }, null),
    ).rejects.toThrow()
    expect((await load(id)).feedback_rating).toBe(4)
  })

  it('should write the e-mails to the outbox in the same transaction as acknowledgement, reply and closure', async () => {
    const { id, reference } = await buildComplaint(ctx.deps, { contactEmail: 'erika@example.org' })
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    await service.replyToComplaint(
      ctx.deps,
      coordinator,
      id,
      { channel: 'email', text: 'Ihr Antrag ist bewilligt.' },
      null,
    )
    await service.recordRootCause(
      ctx.db,
      coordinator,
      id,
      { rootCause: 'process', note: '', measure: '' },
      null,
    )
    await service.closeComplaint(ctx.db, ctx.deps.config, coordinator, id, null)
    const mails = await ctx.db
      .selectFrom('complaint_mail')
      .selectAll()
      .where('complaint_id', '=', id)
      .orderBy('created_at')
      .execute()
    expect(mails.map((m) => [m.kind, m.recipient, m.status])).toEqual([
      ['acknowledgement', 'erika@example.org', 'pending'],
      ['reply', 'erika@example.org', 'pending'],
      ['feedback_request', 'erika@example.org', 'pending'],
    ])
    expect(mails[0]?.subject).toBe(`Eingangsbestätigung Ihrer Beschwerde ${reference}`)
    expect(mails[2]?.body).toContain('/beschwerde/rueckmeldung/')
  })
})

describe('deadline job', () => {
  it('should remind two working days before the deadline, escalate to the acting lead after it, each once', async () => {
    const { id, reference } = await buildComplaint(ctx.deps, { receivedAt: new Date('2026-11-26T10:00:00Z') })
    // Acknowledged in time: only the response deadline is left (the acknowledgement's has its own tests).
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    // Due Thursday 10 December (14 calendar days); reminder on Tuesday 8 December (two working days before).
    const config = ctx.deps.config
    await checkComplaintDeadlines(ctx.db, config, new Date('2026-12-07T09:00:00Z'))
    expect((await load(id)).reminder_sent_at).toBeNull()
    await checkComplaintDeadlines(ctx.db, config, new Date('2026-12-08T09:00:00Z'))
    expect((await load(id)).reminder_sent_at).not.toBeNull()
    await checkComplaintDeadlines(ctx.db, config, new Date('2026-12-10T20:00:00Z'))
    expect((await load(id)).escalated).toBe(false)
    await checkComplaintDeadlines(ctx.db, config, new Date('2026-12-11T09:00:00Z'))
    await checkComplaintDeadlines(ctx.db, config, new Date('2026-12-14T09:00:00Z'))
    const row = await load(id)
    expect(row.escalated).toBe(true)
    const mails = await ctx.db
      .selectFrom('complaint_mail')
      .selectAll()
      .where('complaint_id', '=', id)
      .orderBy('created_at')
      .execute()
    expect(mails.map((m) => [m.kind, m.recipient])).toEqual([
      ['reminder', MAILBOX],
      ['escalation', MAILBOX],
    ])
    expect(mails[1]?.subject).toBe(`Frist überschritten: Beschwerde ${reference}`)
    // Routed to the team lead of 2.500.11, so the acting lead is the head of department 2.500.1.
    expect(mails[1]?.body).toContain(
      'Eskaliert an: Abteilungsleitung 2.500.1: Abteilungsleitung Grundsicherung',
    )
    const actions = await ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', id)
      .where('actor_type', '=', 'system')
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['complaint.reminder', 'complaint.escalate'])
  })

  it('should neither remind nor escalate an answered complaint', async () => {
    const { id } = await buildComplaint(ctx.deps, { receivedAt: new Date('2026-11-26T10:00:00Z') })
    await service.replyToComplaint(ctx.deps, coordinator, id, { channel: 'letter', text: 'Antwort.' }, null)
    await checkComplaintDeadlines(ctx.db, ctx.deps.config, new Date('2027-01-20T09:00:00Z'))
    expect(await load(id)).toMatchObject({ escalated: false, reminder_sent_at: null })
  })
})
