// SPDX-License-Identifier: EUPL-1.2
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildComplaint } from '../../../test/factories/complaints.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { deliverComplaintMails, MAX_MAIL_ATTEMPTS } from './complaints.job.js'
import { createSmtpMailer, type Mailer } from './complaints.mailer.js'
import * as service from './complaints.service.js'

interface Received {
  from: string
  to: string[]
  raw: string
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
}

/** Subject, headers and the decoded text body of a plain-text message as nodemailer writes it. */
function parse(raw: string) {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim())
  }
  let body = rest.join('\n\n')
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8')
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8')
  }
  return { subject: decodeHeader(headers.get('subject') ?? ''), messageId: headers.get('message-id'), body }
}

let ctx: TestContext
let server: SMTPServer
let mailer: Mailer
const received: Received[] = []
/** Recipients the server refuses (to test retries). */
const refused = new Set<string>()
let coordinator: StaffPrincipal

beforeAll(async () => {
  ctx = await freshTestContext()
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        callback(new Error('550 mailbox unavailable'))
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const smtp = {
    host: '127.0.0.1',
    port,
    security: 'none' as const,
    user: undefined,
    password: undefined,
    from: 'Soziale Sicherung <beschwerden@luebeck.invalid>',
  }
  mailer =
    createSmtpMailer(smtp) ??
    (() => {
      throw new Error('no mailer')
    })()
  const user = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })
  coordinator = { id: user.id, username: user.username, displayName: 'Katrin Coordes', role: user.role }
})
afterAll(async () => {
  mailer.close()
  await new Promise<void>((resolve) => server.close(() => resolve()))
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
    const ack = parse(arrived[0]?.raw ?? '')
    expect(ack.subject).toBe(`Eingangsbestätigung Ihrer Beschwerde ${reference}`)
    expect(ack.body).toContain('Guten Tag Erika Muster,')
    expect(ack.body).toContain(`unter dem Aktenzeichen ${reference} eingegangen`)
    const reply = parse(arrived[1]?.raw ?? '')
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
    const copies = received.slice(before).map((m) => parse(m.raw).messageId)
    expect(copies).toEqual([`<${row?.id}@lotse.invalid>`, `<${row?.id}@lotse.invalid>`])
    expect((await mailRows(id))[0]?.status).toBe('sent')
  })
})
