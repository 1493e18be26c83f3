// SPDX-License-Identifier: EUPL-1.2
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildContract, buildProvider } from '../../../test/factories/providers.factory.js'
import {
  type LoopbackSmtp,
  type ReceivedMail,
  startLoopbackSmtp,
} from '../../../test/support/loopback-smtp.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { createApp } from '../../app.js'
import { startMaintenance } from '../../jobs/maintenance.js'
import { todayIso } from '../../shared/dates.js'
import { deliverComplaintMails } from '../complaints/complaints.job.js'
import type { Mailer } from '../complaints/complaints.mailer.js'
import { addDays } from './providers.rules.js'
import { queueReminderMails } from './reminder-mail.js'

const TO = 'vertraege@luebeck.invalid'
const settings = { to: TO, baseUrl: 'https://lotse.example' }

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

const outbox = () =>
  ctx.db.selectFrom('complaint_mail').selectAll().where('kind', '=', 'provider_reminder').execute()

describe('provider contract reminders by e-mail', () => {
  it('should mail each due reminder once per contract and date, across job runs, over SMTP', async () => {
    const today = todayIso()
    const provider = await buildProvider(ctx.db, { name: 'Erinnerungsträger gGmbH' })
    // Renegotiation in 10 days (within the 60-day lead time); the term ends far away.
    const contract = await buildContract(ctx.db, provider.id, {
      reference: 'BV-MAIL-1',
      validFrom: addDays(today, -400),
      validTo: addDays(today, 2000),
      renegotiationOn: addDays(today, 10),
    })
    expect(await queueReminderMails(ctx.db, undefined, today)).toBe(0)
    expect(await outbox()).toEqual([])

    expect(await queueReminderMails(ctx.db, settings, today)).toBe(1)
    expect(await queueReminderMails(ctx.db, settings, today)).toBe(0)
    // The maintenance job runs the same step: still once.
    const stop = startMaintenance(ctx.db, pino({ level: 'silent' }), 60_000, settings)
    try {
      await expect
        .poll(async () => (await ctx.db.selectFrom('provider_reminder_mail').select('id').execute()).length)
        .toBe(1)
    } finally {
      stop()
    }
    const queued = await outbox()
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ recipient: TO, complaint_id: null, status: 'pending' })
    expect(queued[0]?.subject).toContain('BV-MAIL-1')
    expect(queued[0]?.subject).toContain('Neuverhandlung')
    expect(queued[0]?.body).toContain('Erinnerungsträger gGmbH')
    expect(queued[0]?.body).toContain(`https://lotse.example/traeger/vertraege/${contract.id}`)

    const before = received.length
    expect(await deliverComplaintMails(ctx.db, ctx.deps.fileStore, mailer)).toEqual({ sent: 1, failed: 0 })
    expect(received.slice(before).map((m) => m.to)).toEqual([[TO]])

    // A new renegotiation date is a new reminder.
    await ctx.db
      .updateTable('provider_contract')
      .set({ renegotiation_on: addDays(today, 20) })
      .where('id', '=', contract.id)
      .execute()
    expect(await queueReminderMails(ctx.db, settings, today)).toBe(1)
  })

  it('should say on the overview whether reminders are mailed', async () => {
    const user = await buildStaffUser(ctx.db, { role: 'team_lead' })
    const off = await signIn(ctx.app, user)
    expect(await (await off.get('/traeger')).text()).toContain('nicht per E-Mail versandt')
    const app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, providerReminderMailTo: TO } })
    const on = await signIn(app, user)
    expect(await (await on.get('/traeger')).text()).toContain(`per E-Mail an ${TO}`)
  })
})
