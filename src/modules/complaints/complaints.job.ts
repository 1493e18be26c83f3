// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import { formatIsoDate, todayIso } from '../../shared/dates.js'
import type { FileStore } from '../../shared/file-store.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { createSmtpMailer, type Mailer } from './complaints.mailer.js'
import * as repo from './complaints.repository.js'
import { actingLeadFor } from './complaints.routing.js'
import type { ComplaintRow, ComplaintStatus } from './complaints.table.js'
import { addWorkingDays } from './working-days.js'

/** After this many failed attempts a mail is marked failed (dead letter) and left for a person to look at. */
export const MAX_MAIL_ATTEMPTS = 8
/** Minutes to wait after the n-th failure (then the last value again). */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720]
const SYSTEM = { type: 'system', id: null } as const

function responsibleText(c: ComplaintRow): string {
  const r = c.routing
  const unit = r.unitName ?? t('complaints.routing.no_unit')
  if (!r.actingName) {
    return unit
  }
  return r.actingKind === 'holder'
    ? `${unit}, ${r.actingName}`
    : `${unit}, ${t('complaints.routing.on_behalf', { name: r.actingName })}`
}

async function categoryLabel(db: Db, categoryId: string): Promise<string> {
  const row = await db
    .selectFrom('complaint_category')
    .select('label')
    .where('id', '=', categoryId)
    .executeTakeFirst()
  return row?.label ?? ''
}

type DeadlineKind = 'acknowledgement' | 'response'

/**
 * The two deadlines a complaint has, and how the one job below treats each: which statuses still owe the
 * step, when the reminder goes out, which columns record that reminder and escalation happened, and the
 * timeline, audit and mail names. Adding a deadline means adding a row here, not another job.
 */
const DEADLINES: Record<
  DeadlineKind,
  {
    due: 'ack_due_on' | 'response_due_on'
    /** Statuses in which the step is still owed. */
    owedIn: readonly ComplaintStatus[]
    /** Working days before the deadline when the responsible unit is reminded (0 = on the last day). */
    remindBefore: (config: Pick<Config, 'complaints'>) => number
    reminded: 'ack_reminder_sent_at' | 'reminder_sent_at'
    /** Whether the escalation has happened, and what to set when it does. */
    isEscalated: (c: ComplaintRow) => boolean
    escalate: (now: Date) => Partial<Pick<ComplaintRow, 'escalated' | 'escalated_at' | 'ack_escalated_at'>>
    event: { reminder: string; escalated: string }
    audit: { reminder: string; escalated: string }
    mail: { reminder: string; escalated: string }
    text: {
      reminderSubject: MessageKey
      reminderBody: MessageKey
      escalationSubject: MessageKey
      escalationBody: MessageKey
    }
  }
> = {
  acknowledgement: {
    due: 'ack_due_on',
    owedIn: ['received'],
    remindBefore: () => 0,
    reminded: 'ack_reminder_sent_at',
    isEscalated: (c) => c.ack_escalated_at !== null,
    escalate: (now) => ({ ack_escalated_at: now }),
    event: { reminder: 'ack_reminder', escalated: 'ack_escalated' },
    audit: { reminder: 'complaint.ack_reminder', escalated: 'complaint.ack_escalate' },
    mail: { reminder: 'ack_reminder', escalated: 'ack_escalation' },
    text: {
      reminderSubject: 'complaints.mail.ack_reminder_subject',
      reminderBody: 'complaints.mail.ack_reminder_body',
      escalationSubject: 'complaints.mail.ack_escalation_subject',
      escalationBody: 'complaints.mail.ack_escalation_body',
    },
  },
  response: {
    due: 'response_due_on',
    owedIn: repo.OPEN_STATUSES,
    remindBefore: (config) => config.complaints.reminderWorkingDays,
    reminded: 'reminder_sent_at',
    isEscalated: (c) => c.escalated,
    escalate: (now) => ({ escalated: true, escalated_at: now }),
    event: { reminder: 'reminder', escalated: 'escalated' },
    audit: { reminder: 'complaint.reminder', escalated: 'complaint.escalate' },
    mail: { reminder: 'reminder', escalated: 'escalation' },
    text: {
      reminderSubject: 'complaints.mail.reminder_subject',
      reminderBody: 'complaints.mail.reminder_body',
      escalationSubject: 'complaints.mail.escalation_subject',
      escalationBody: 'complaints.mail.escalation_body',
    },
  },
}

function leadText(lead: Awaited<ReturnType<typeof actingLeadFor>>): string {
  if (!lead) {
    return t('complaints.routing.coordinator')
  }
  if (!lead.actingName) {
    return `${lead.postTitle} (${t('complaints.routing.nobody')})`
  }
  const who =
    lead.actingKind === 'holder'
      ? lead.actingName
      : t('complaints.routing.on_behalf', { name: lead.actingName })
  return `${lead.postTitle}: ${who}`
}

/**
 * Reminds the responsible unit before a deadline and escalates to the acting lead once it has passed —
 * for the acknowledgement (reminder on its last day, default 3 working days after receipt) and for the
 * answer (reminder a few working days before, default 14 days after receipt): flag, timeline entry, audit
 * record and a mail to the complaints office's mailbox, all in one transaction per complaint and step.
 * Safe to run on every instance at once: each complaint is locked and checked again, and each step
 * happens once (its timestamp column).
 * @returns how many reminders and escalations were made (both deadlines together)
 */
export async function checkComplaintDeadlines(
  db: Db,
  config: Pick<Config, 'complaints' | 'publicBaseUrl'>,
  now = new Date(),
): Promise<{ reminded: number; escalated: number }> {
  const total = { reminded: 0, escalated: 0 }
  for (const kind of ['acknowledgement', 'response'] as const) {
    const result = await checkDeadline(db, config, kind, now)
    total.reminded += result.reminded
    total.escalated += result.escalated
  }
  return total
}

async function checkDeadline(
  db: Db,
  config: Pick<Config, 'complaints' | 'publicBaseUrl'>,
  kind: DeadlineKind,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const d = DEADLINES[kind]
  const today = todayIso(now)
  const open = (await db
    .selectFrom('complaint')
    .selectAll()
    .where('status', 'in', d.owedIn)
    .where((eb) =>
      eb.or([
        eb(d.reminded, 'is', null),
        kind === 'response' ? eb('escalated', '=', false) : eb('ack_escalated_at', 'is', null),
      ]),
    )
    .execute()) as ComplaintRow[]
  let reminded = 0
  let escalated = 0
  const owed = (c: ComplaintRow) => d.owedIn.includes(c.status)
  for (const candidate of open) {
    const due = candidate[d.due]
    if (!d.isEscalated(candidate) && due < today) {
      const lead = leadText(await actingLeadFor(db, candidate, now))
      const done = await db.transaction().execute(async (trx) => {
        const c = await repo.lockComplaint(trx, candidate.id)
        if (!c || d.isEscalated(c) || !owed(c) || c[d.due] >= today) {
          return false
        }
        await trx.updateTable('complaint').set(d.escalate(now)).where('id', '=', c.id).execute()
        await repo.insertEvent(trx, c.id, d.event.escalated, null, { lead, due: c[d.due] })
        await recordAuditEvent(trx, {
          actor: SYSTEM,
          action: d.audit.escalated,
          subject: { type: 'complaint', id: c.id },
          details: { due: c[d.due], lead },
        })
        if (config.complaints.mailbox) {
          await repo.enqueueMail(trx, {
            complaintId: c.id,
            kind: d.mail.escalated,
            recipient: config.complaints.mailbox,
            subject: t(d.text.escalationSubject, { reference: c.reference }),
            body: t(d.text.escalationBody, {
              reference: c.reference,
              category: await categoryLabel(db, c.category_id),
              due: formatIsoDate(c[d.due]),
              responsible: responsibleText(c),
              lead,
              link: `${config.publicBaseUrl}/beschwerden/${c.id}`,
            }),
          })
        }
        return true
      })
      escalated += done ? 1 : 0
      continue
    }
    const remindOn = addWorkingDays(due, -d.remindBefore(config))
    if (candidate[d.reminded] === null && remindOn <= today && due >= today) {
      const done = await db.transaction().execute(async (trx) => {
        const c = await repo.lockComplaint(trx, candidate.id)
        if (!c || c[d.reminded] !== null || !owed(c)) {
          return false
        }
        await trx
          .updateTable('complaint')
          .set({ [d.reminded]: now })
          .where('id', '=', c.id)
          .execute()
        await repo.insertEvent(trx, c.id, d.event.reminder, null, { due: c[d.due] })
        await recordAuditEvent(trx, {
          actor: SYSTEM,
          action: d.audit.reminder,
          subject: { type: 'complaint', id: c.id },
          details: { due: c[d.due] },
        })
        if (config.complaints.mailbox) {
          await repo.enqueueMail(trx, {
            complaintId: c.id,
            kind: d.mail.reminder,
            recipient: config.complaints.mailbox,
            subject: t(d.text.reminderSubject, {
              reference: c.reference,
              due: formatIsoDate(c[d.due]),
            }),
            body: t(d.text.reminderBody, {
              reference: c.reference,
              category: await categoryLabel(db, c.category_id),
              due: formatIsoDate(c[d.due]),
              responsible: responsibleText(c),
              link: `${config.publicBaseUrl}/beschwerden/${c.id}`,
            }),
          })
        }
        return true
      })
      reminded += done ? 1 : 0
    }
  }
  return { reminded, escalated }
}

/**
 * Sends due mails from the outbox, one at a time. Each mail is sent while its row is locked
 * (`for update skip locked`) and marked sent in the same transaction: two instances never send the same
 * row, and a crash before the commit leaves the row pending, to be sent again with the same Message-ID
 * (never lost; a duplicate is possible only if the crash falls between the server's acceptance and the
 * commit). Failures are retried with backoff and end as `failed` after MAX_MAIL_ATTEMPTS.
 * @returns how many mails were sent and how many attempts failed
 */
export async function deliverComplaintMails(
  db: Db,
  fileStore: FileStore,
  mailer: Mailer,
  now = new Date(),
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0
  let failed = 0
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const mail = await trx
        .selectFrom('complaint_mail')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!mail) {
        return 'none' as const
      }
      try {
        const attachments =
          mail.attachment_key && mail.attachment_name
            ? [
                {
                  filename: mail.attachment_name,
                  content: await fileStore.get(mail.attachment_key),
                  contentType: 'application/pdf',
                },
              ]
            : []
        await mailer.send({
          to: mail.recipient,
          subject: mail.subject,
          text: mail.body,
          messageId: `<${mail.id}@lotse.invalid>`,
          attachments,
        })
        await trx
          .updateTable('complaint_mail')
          .set({ status: 'sent', sent_at: new Date(), attempts: mail.attempts + 1, last_error: null })
          .where('id', '=', mail.id)
          .execute()
        if (mail.complaint_id) {
          await repo.insertEvent(trx, mail.complaint_id, 'mail_sent', null, { kind: mail.kind })
        }
        return 'sent' as const
      } catch (error) {
        const attempts = mail.attempts + 1
        const wait = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] ?? 60
        await trx
          .updateTable('complaint_mail')
          .set({
            attempts,
            last_error: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
            status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
            next_attempt_at: new Date(now.getTime() + wait * 60_000),
          })
          .where('id', '=', mail.id)
          .execute()
        return 'failed' as const
      }
    })
    if (outcome === 'none') {
      break
    }
    if (outcome === 'sent') {
      sent += 1
    } else {
      failed += 1
    }
  }
  return { sent, failed }
}

/**
 * The complaints' periodic work, started from main.ts: deadlines (reminders, escalation) and the mail
 * outbox. Every minute by default; both steps are safe on several instances at once.
 * @returns a function that stops the timer
 */
export function startComplaintJobs(
  deps: { db: Db; fileStore: FileStore; config: Config; logger: Logger },
  everyMs = 60_000,
): () => void {
  const { db, fileStore, config, logger } = deps
  const mailer = createSmtpMailer(config.smtp)
  if (!mailer) {
    logger.warn('SMTP_HOST is not set: complaint e-mails stay in the outbox')
  }
  let running = false
  const run = async () => {
    if (running) {
      return
    }
    running = true
    try {
      const deadlines = await checkComplaintDeadlines(db, config)
      if (deadlines.reminded + deadlines.escalated > 0) {
        logger.info(deadlines, 'complaint deadlines checked')
      }
      if (mailer) {
        const mails = await deliverComplaintMails(db, fileStore, mailer)
        if (mails.failed > 0) {
          logger.warn(mails, 'some complaint mails failed and will be retried')
        }
      }
    } catch (err) {
      logger.error({ err }, 'complaint jobs failed')
    } finally {
      running = false
    }
  }
  void run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    mailer?.close()
  }
}
