// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase, buildTeam, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import {
  type LoopbackSmtp,
  parseMail,
  type ReceivedMail,
  startLoopbackSmtp,
} from '../../../test/support/loopback-smtp.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { createApp } from '../../app.js'
import { deliverComplaintMails } from '../complaints/complaints.job.js'
import type { Mailer } from '../complaints/complaints.mailer.js'

const REASON = 'Vorsprache ohne Termin, Mietschulden drohen heute, Akte dringend nötig'
const MAIL_TO = '{username}@luebeck.invalid'

let ctx: TestContext
let smtp: LoopbackSmtp
let mailer: Mailer
let received: ReceivedMail[]

beforeAll(async () => {
  ctx = await freshTestContext()
  smtp = await startLoopbackSmtp()
  mailer = smtp.mailer
  received = smtp.received
})
afterAll(async () => {
  await smtp?.close()
  await ctx?.close()
})

/** A case of one team, and a caseworker of another team who breaks the glass through the app. */
async function emergency(mailTo: string | undefined) {
  const owners = await buildTeam(ctx.db, { caseworkers: 1 })
  const strangers = await buildTeam(ctx.db, { caseworkers: 1 })
  const owner = owners.caseworkers[0] as StaffWithPost
  const stranger = strangers.caseworkers[0] as StaffWithPost
  const receipt = await buildCase(ctx.db, { postId: owner.postId, surname: 'Geheimname' })
  const app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, breakGlassMailTo: mailTo } })
  const client = await signIn(app, stranger)
  const res = await client.post('/notfallzugriff', { reference: receipt.reference, reason: REASON })
  expect(res.status).toBe(303)
  return { lead: owners.lead, stranger, receipt }
}

function mailsTo(recipient: string) {
  return ctx.db.selectFrom('complaint_mail').selectAll().where('recipient', '=', recipient).execute()
}

describe('break-glass e-mail to the responsible lead', () => {
  it('should queue the mail with the grant and deliver it over SMTP, without the reason or social data', async () => {
    const { lead, stranger, receipt } = await emergency(MAIL_TO)
    const address = `${lead.username}@luebeck.invalid`
    const [queued] = await mailsTo(address)
    expect(queued).toMatchObject({ kind: 'break_glass', complaint_id: null, status: 'pending' })
    const [audit] = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'break_glass.open')
      .where('subject_id', '=', receipt.applicationId)
      .execute()
    expect(audit?.details).toMatchObject({ mailed: true })

    const before = received.length
    const delivered = await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer)
    expect(delivered).toEqual({ sent: 1, failed: 0 })
    const mails = received.slice(before)
    expect(mails).toHaveLength(1)
    expect(mails[0]?.to).toEqual([address])
    const { subject, body } = parseMail(mails[0]?.raw ?? '')
    expect(subject).toBe(`Notfallzugriff auf Akte ${receipt.reference}`)
    expect(body).toContain(`${stranger.displayName} hat am`)
    expect(body).toContain(`einen Notfallzugriff auf die Akte ${receipt.reference} geöffnet`)
    expect(body).toContain(`${ctx.deps.config.publicBaseUrl}/notfallzugriff/hinweise`)
    // The reason and the applicant stay in the app.
    expect(body).not.toContain('Mietschulden')
    expect(body).not.toContain('Geheimname')
    expect((await mailsTo(address))[0]?.status).toBe('sent')
    // Delivered once: a second run finds nothing.
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer)).toEqual({ sent: 0, failed: 0 })
    // The in-app notice is there as before.
    const notices = await ctx.db
      .selectFrom('break_glass_notification')
      .select('id')
      .where('recipient_staff_user_id', '=', lead.id)
      .execute()
    expect(notices).toHaveLength(1)
  })

  it('should keep to the in-app notice when no address template is configured', async () => {
    const { lead, receipt } = await emergency(undefined)
    expect(await mailsTo(`${lead.username}@luebeck.invalid`)).toEqual([])
    const [audit] = await ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'break_glass.open')
      .where('subject_id', '=', receipt.applicationId)
      .execute()
    expect(audit?.details).toMatchObject({ mailed: false })
  })
})
