// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import {
  type LoopbackSmtp,
  parseMail,
  type ReceivedMail,
  startLoopbackSmtp,
} from '../../../test/support/loopback-smtp.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { deliverComplaintMails, MAX_MAIL_ATTEMPTS } from './complaints.job.js'
import type { Mailer } from './complaints.mailer.js'
import * as service from './complaints.service.js'

let ctx: TestContext
let smtp: LoopbackSmtp
let mailer: Mailer
let received: ReceivedMail[]
let refused: Set<string>
let coordinator: StaffPrincipal

beforeAll(async () => {
  ctx = await freshTestContext()
  smtp = await startLoopbackSmtp('Soziale Sicherung <beschwerden@luebeck.invalid>')
  mailer = smtp.mailer
  received = smtp.received
  refused = smtp.refused
  const user = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })
  coordinator = { id: user.id, username: user.username, displayName: 'Katrin Coordes', role: user.role }
})
afterAll(async () => {
  await smtp?.close()
  await ctx.close()
})

function mailRows(complaintId: string) {
  return ctx.db
    .selectFrom('complaint_mail')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('created_at')
    .execute()
}

describe('complaint e-mail over SMTP', () => {
  it('should deliver the acknowledgement and the reply to a real SMTP server, once each, and record the send', async () => {
    const { id, reference } = await buildComplaint(ctx.deps, {
      contactEmail: 'erika.muster@example.org',
      contactName: 'Erika Muster',
    })
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    await service.replyToComplaint(
      ctx.deps,
      coordinator,
      id,
      { channel: 'email', text: 'Ihr Antrag wird diese Woche beschieden.' },
      null,
    )
    const before = received.length
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer)).toEqual({ sent: 2, failed: 0 })
    // A second run finds nothing: no double sending.
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer)).toEqual({ sent: 0, failed: 0 })
    const arrived = received.slice(before)
    expect(arrived).toHaveLength(2)
    expect(arrived.map((m) => m.to)).toEqual([['erika.muster@example.org'], ['erika.muster@example.org']])
    expect(arrived[0]?.from).toBe('beschwerden@luebeck.invalid')
    const ack = parseMail(arrived[0]?.raw ?? '')
    expect(ack.subject).toBe(`Eingangsbestätigung Ihrer Beschwerde ${reference}`)
    expect(ack.body).toContain('Guten Tag Erika Muster,')
    expect(ack.body).toContain(`unter dem Aktenzeichen ${reference} eingegangen`)
    const reply = parseMail(arrived[1]?.raw ?? '')
    expect(reply.subject).toBe(`Antwort auf Ihre Beschwerde ${reference}`)
    expect(reply.body).toContain('Ihr Antrag wird diese Woche beschieden.')
    expect(reply.body).toContain('Katrin Coordes')
    const rows = await mailRows(id)
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ])
    expect(reply.messageId).toBe(`<${rows[1]?.id}@lotse.invalid>`)
    const events = await ctx.db
      .selectFrom('complaint_event')
      .select('kind')
      .where('complaint_id', '=', id)
      .where('kind', '=', 'mail_sent')
      .execute()
    expect(events).toHaveLength(2)
  })

  it('should keep a refused mail pending with the error, retry it later, and give up after the last attempt', async () => {
    refused.add('kaputt@example.org')
    const { id } = await buildComplaint(ctx.deps, { contactEmail: 'kaputt@example.org' })
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    const now = new Date()
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer, now)).toEqual({
      sent: 0,
      failed: 1,
    })
    let [row] = await mailRows(id)
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row?.last_error).toContain('550')
    expect(row?.next_attempt_at.getTime()).toBeGreaterThan(now.getTime())
    // Not due yet: nothing happens.
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer, now)).toEqual({
      sent: 0,
      failed: 0,
    })
    // The server accepts again: the retry delivers it.
    refused.delete('kaputt@example.org')
    const later = new Date(now.getTime() + 2 * 60_000)
    const before = received.length
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer, later)).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(received.slice(before).map((m) => m.to)).toEqual([['kaputt@example.org']])
    ;[row] = await mailRows(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null })

    refused.add('nie@example.org')
    const { id: id2 } = await buildComplaint(ctx.deps, { contactEmail: 'nie@example.org' })
    await service.acknowledgeComplaint(ctx.db, coordinator, id2, null)
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      await deliverComplaintMails(
        ctx.db,
        ctx.deps.fileStore,
        mailer,
        new Date(now.getTime() + (i + 1) * 86_400_000),
      )
    }
    const [dead] = await mailRows(id2)
    expect(dead).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS })
  })

  it('should send a mail again with the same Message-ID when the send was not recorded (at least once, never lost)', async () => {
    const { id } = await buildComplaint(ctx.deps, { contactEmail: 'absturz@example.org' })
    await service.acknowledgeComplaint(ctx.db, coordinator, id, null)
    // The server accepts the message, then the worker fails before it can record the send.
    const interrupted: Mailer = {
      async send(mail) {
        await mailer.send(mail)
        throw new Error('worker stopped after the send')
      },
      close() {},
    }
    const before = received.length
    await deliverComplaintMails(ctx.db, ctx.deps.fileStore, interrupted)
    const [row] = await mailRows(id)
    expect(row).toMatchObject({ status: 'pending', sent_at: null })
    await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer, new Date(Date.now() + 2 * 60_000))
    const copies = received.slice(before).map((m) => parseMail(m.raw).messageId)
    expect(copies).toEqual([`<${row?.id}@lotse.invalid>`, `<${row?.id}@lotse.invalid>`])
    expect((await mailRows(id))[0]?.status).toBe('sent')
  })
})
