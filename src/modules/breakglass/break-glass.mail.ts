// SPDX-License-Identifier: EUPL-1.2
import type { Transaction } from 'kysely'
import type { Config } from '../../config/config.js'
import type { Database } from '../../db/schema.js'
import { formatDateTime } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { enqueueMail } from '../complaints/index.js'

/**
 * E-mail to the responsible lead when someone breaks the glass (issue 3). It goes through the one SMTP outbox
 * (`complaint_mail`, ADR 0010: same transaction as the grant, delivered with retries by the complaints' mail
 * job) and carries no social data: the file number, who, when and until when, and the link to the notices. The
 * reason stays in the app. Staff accounts have no address of their own; `BREAK_GLASS_MAIL_TO` turns the lead's
 * user name into one (`{username}@luebeck.de`). Unset: in-app notice only.
 */
export interface BreakGlassMailSettings {
  /** Address template with `{username}`. */
  to: string
  /** Public base URL for the link in the mail. */
  baseUrl: string
}

const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/

/** The mail settings of the running app, or undefined when break-glass e-mail is not configured. */
export function breakGlassMailSettings(
  config: Pick<Config, 'breakGlassMailTo' | 'publicBaseUrl'>,
): BreakGlassMailSettings | undefined {
  return config.breakGlassMailTo ? { to: config.breakGlassMailTo, baseUrl: config.publicBaseUrl } : undefined
}

/**
 * Puts the lead's mail in the outbox, inside the grant's transaction.
 * @returns whether a mail was queued (false: no lead, no settings, or no valid address for the lead)
 */
export async function enqueueBreakGlassMail(
  trx: Transaction<Database>,
  settings: BreakGlassMailSettings | undefined,
  grant: {
    leadStaffUserId: string | null
    openedBy: string
    applicationId: string
    grantedAt: Date
    expiresAt: Date
  },
): Promise<boolean> {
  if (!settings || !grant.leadStaffUserId) {
    return false
  }
  const lead = await trx
    .selectFrom('staff_user')
    .select(['username', 'disabled_at'])
    .where('id', '=', grant.leadStaffUserId)
    .executeTakeFirst()
  const recipient = lead ? settings.to.replaceAll('{username}', lead.username) : ''
  if (!lead || lead.disabled_at || !ADDRESS.test(recipient)) {
    return false
  }
  const { reference } = await trx
    .selectFrom('application')
    .select('reference')
    .where('id', '=', grant.applicationId)
    .executeTakeFirstOrThrow()
  await enqueueMail(trx, {
    complaintId: null,
    kind: 'break_glass',
    recipient,
    subject: t('breakglass.mail_subject', { reference }),
    body: t('breakglass.mail_body', {
      name: grant.openedBy,
      reference,
      at: formatDateTime(grant.grantedAt),
      until: formatDateTime(grant.expiresAt),
      link: `${settings.baseUrl}/notfallzugriff/hinweise`,
    }),
  })
  return true
}
