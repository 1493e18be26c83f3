// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import { formatIsoDate, todayIso } from '../../shared/dates.js'
import type { FileStore } from '../../shared/file-store.js'
import { t } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { createSmtpMailer, type Mailer } from './complaints.mailer.js'
import * as repo from './complaints.repository.js'
import { actingLeadFor } from './complaints.routing.js'
import type { ComplaintRow } from './complaints.table.js'
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

/**
 * Reminds the responsible unit a few working days before the response deadline and escalates to the
 * acting lead once it has passed: flag, timeline entry, audit record and a mail to the complaints office's
 * mailbox, all in one transaction per complaint. Safe to run on every instance at once: each complaint is
 * locked and checked again, and each step happens once (reminder_sent_at, escalated).
 * @returns how many complaints were reminded and escalated
 */
export async function checkComplaintDeadlines(
  db: Db,
  config: Pick<Config, 'complaints' | 'publicBaseUrl'>,
  now = new Date(),
): Promise<{ reminded: number; escalated: number }> {
  const today = todayIso(now)
  const open = await db
    .selectFrom('complaint')
    .select(['id', 'response_due_on', 'reminder_sent_at', 'escalated'])
    .where('status', 'in', repo.OPEN_STATUSES)
    .where((eb) => eb.or([eb('escalated', '=', false), eb('reminder_sent_at', 'is', null)]))
    .execute()
  let reminded = 0
  let escalated = 0
  for (const candidate of open) {
    if (!candidate.escalated && candidate.response_due_on < today) {
      const lead = await actingLeadFor(
        db,
        await db
          .selectFrom('complaint')
          .select(['responsible_unit_id', 'responsible_post_id'])
          .where('id', '=', candidate.id)
          .executeTakeFirstOrThrow(),
        now,
      )
      const done = await db.transaction().execute(async (trx) => {
        const c = await repo.lockComplaint(trx, candidate.id)
        if (!c || c.escalated || !repo.OPEN_STATUSES.includes(c.status) || c.response_due_on >= today) {
          return false
        }
        const leadText = lead
          ? lead.actingName
            ? `${lead.postTitle}: ${lead.actingKind === 'holder' ? lead.actingName : t('complaints.routing.on_behalf', { name: lead.actingName })}`
            : `${lead.postTitle} (${t('complaints.routing.nobody')})`
          : t('complaints.routing.coordinator')
        await trx
          .updateTable('complaint')
          .set({ escalated: true, escalated_at: now })
          .where('id', '=', c.id)
          .execute()
        await repo.insertEvent(trx, c.id, 'escalated', null, { lead: leadText, due: c.response_due_on })
        await recordAuditEvent(trx, {
          actor: SYSTEM,
          action: 'complaint.escalate',
          subject: { type: 'complaint', id: c.id },
          details: { due: c.response_due_on, lead: leadText },
        })
        if (config.complaints.mailbox) {
          await repo.enqueueMail(trx, {
            complaintId: c.id,
            kind: 'escalation',
            recipient: config.complaints.mailbox,
            subject: t('complaints.mail.escalation_subject', { reference: c.reference }),
            body: t('complaints.mail.escalation_body', {
              reference: c.reference,
              category: await categoryLabel(db, c.category_id),
              due: formatIsoDate(c.response_due_on),
              responsible: responsibleText(c),
              lead: leadText,
              link: `${config.publicBaseUrl}/beschwerden/${c.id}`,
            }),
          })
        }
        return true
      })
      escalated += done ? 1 : 0
      continue
    }
    const remindOn = addWorkingDays(candidate.response_due_on, -config.complaints.reminderWorkingDays)
    if (candidate.reminder_sent_at === null && remindOn <= today && candidate.response_due_on >= today) {
      const done = await db.transaction().execute(async (trx) => {
        const c = await repo.lockComplaint(trx, candidate.id)
        if (!c || c.reminder_sent_at !== null || !repo.OPEN_STATUSES.includes(c.status)) {
          return false
        }
        await trx.updateTable('complaint').set({ reminder_sent_at: now }).where('id', '=', c.id).execute()
        await repo.insertEvent(trx, c.id, 'reminder', null, { due: c.response_due_on })
        await recordAuditEvent(trx, {
          actor: SYSTEM,
          action: 'complaint.reminder',
          subject: { type: 'complaint', id: c.id },
          details: { due: c.response_due_on },
        })
        if (config.complaints.mailbox) {
          await repo.enqueueMail(trx, {
            complaintId: c.id,
            kind: 'reminder',
            recipient: config.complaints.mailbox,
            subject: t('complaints.mail.reminder_subject', {
              reference: c.reference,
              due: formatIsoDate(c.response_due_on),
            }),
            body: t('complaints.mail.reminder_body', {
              reference: c.reference,
              category: await categoryLabel(db, c.category_id),
              due: formatIsoDate(c.response_due_on),
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
