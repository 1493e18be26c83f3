// SPDX-License-Identifier: EUPL-1.2
/**
 * Contract reminders by e-mail (ADR 0031). The maintenance job puts every reminder that is due (notice
 * deadline, renegotiation date, end of term; see `dueSoon`) into the one SMTP outbox (`complaint_mail`,
 * ADR 0010), addressed to the configured function mailbox (`PROVIDER_REMINDER_MAIL_TO`). Each reminder goes
 * out once per contract, kind and date: `provider_reminder_mail` has a unique key on the three, and the mail
 * is queued in the same transaction as that row, so repeated runs, several instances and restarts queue it
 * once. A changed date (new renegotiation date) is a new reminder and is mailed again. The mail holds only
 * what a contract holds: reference, title, provider, kind and date of the reminder, and a link.
 * @module
 */
import type { Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import { formatIsoDate } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { enqueueMail } from '../complaints/index.js'
import { type DueItem, dueSoon } from './providers.service.js'

/** Where reminders go and the base of the link in the mail; undefined when mailing is not configured. */
export interface ReminderMailSettings {
  to: string
  baseUrl: string
}

/** The subject and text of one reminder's mail. */
export function reminderMail(item: DueItem, baseUrl: string): { subject: string; body: string } {
  const what = t(`providers.mail.kind.${item.kind}` as MessageKey)
  return {
    subject: t('providers.mail.subject', { what, date: formatIsoDate(item.date), reference: item.reference }),
    body: t('providers.mail.body', {
      what,
      date: formatIsoDate(item.date),
      days: item.daysLeft,
      reference: item.reference,
      title: item.title,
      provider: item.providerName,
      link: `${baseUrl}/traeger/vertraege/${item.contractId}`,
    }),
  }
}

/**
 * Queues the mails of all reminders due at `today` that have not been mailed yet.
 * @returns how many mails were queued (0 without settings)
 */
export async function queueReminderMails(
  db: Db,
  settings: ReminderMailSettings | undefined,
  today: string,
): Promise<number> {
  if (!settings) {
    return 0
  }
  let queued = 0
  for (const item of await dueSoon(db, today)) {
    const done = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('provider_reminder_mail')
        .values({ contract_id: item.contractId, kind: item.kind, due_on: item.date, recipient: settings.to })
        .onConflict((oc) => oc.columns(['contract_id', 'kind', 'due_on']).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!claimed) {
        return false
      }
      const mail = reminderMail(item, settings.baseUrl)
      await enqueueMail(trx, {
        complaintId: null,
        kind: 'provider_reminder',
        recipient: settings.to,
        ...mail,
      })
      return true
    })
    queued += done ? 1 : 0
  }
  return queued
}

/** The reminder mail settings of the running app, or undefined when `PROVIDER_REMINDER_MAIL_TO` is unset. */
export function reminderMailSettings(
  config: Pick<Config, 'providerReminderMailTo' | 'publicBaseUrl'>,
): ReminderMailSettings | undefined {
  return config.providerReminderMailTo
    ? { to: config.providerReminderMailTo, baseUrl: config.publicBaseUrl }
    : undefined
}
