// SPDX-License-Identifier: EUPL-1.2
import nodemailer from 'nodemailer'
import type { SmtpConfig } from '../../config/config.js'

/** One e-mail as the outbox hands it over. */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
  /** Stable per outbox row: a message sent twice after a crash carries the same id, so mail systems can drop the copy. */
  messageId: string
  attachments?: Array<{ filename: string; content: Uint8Array; contentType: string }>
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

/**
 * An SMTP mailer (nodemailer) from the configuration; undefined when no SMTP host is configured, in which
 * case mails wait in the outbox. `tls` = implicit TLS, `starttls` = the upgrade is required, `none` = plain.
 */
export function createSmtpMailer(smtp: SmtpConfig): Mailer | undefined {
  if (!smtp.host) {
    return undefined
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    async send(mail) {
      await transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        attachments: (mail.attachments ?? []).map((a) => ({
          filename: a.filename,
          content: Buffer.from(a.content),
          contentType: a.contentType,
        })),
      })
    },
    close() {
      transport.close()
    },
  }
}
