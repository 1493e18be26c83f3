// SPDX-License-Identifier: EUPL-1.2
/**
 * Mail tests over real SMTP: a server on loopback that keeps every message it accepts (and refuses the
 * recipients put into `refused`), a Lotse mailer pointed at it, and a reader for the plain-text messages
 * nodemailer writes.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { createSmtpMailer, type Mailer } from '../../src/modules/complaints/complaints.mailer.js'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export interface LoopbackSmtp {
  mailer: Mailer
  received: ReceivedMail[]
  /** Recipients the server answers with 550 (to test retries). */
  refused: Set<string>
  close(): Promise<void>
}

/** Starts the server on a free loopback port and a mailer sending from `from` through it. */
export async function startLoopbackSmtp(from = 'Lotse <noreply@luebeck.invalid>'): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = []
  const refused = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(refused.has(address.address) ? new Error('550 mailbox unavailable') : undefined)
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
  const mailer = createSmtpMailer({
    host: '127.0.0.1',
    port,
    security: 'none',
    user: undefined,
    password: undefined,
    from,
  })
  if (!mailer) {
    throw new Error('no mailer')
  }
  return {
    mailer,
    received,
    refused,
    async close() {
      mailer.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Quoted-printable text (soft line breaks removed) as UTF-8. */
function quotedPrintable(text: string): string {
  return Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8')
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')),
    )
}

/** Subject, message id and the decoded text body of a plain-text message as nodemailer writes it. */
export function parseMail(raw: string): { subject: string; messageId: string | undefined; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim())
  }
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  const bodyRaw = rest.join('\n\n')
  const body =
    encoding === 'quoted-printable'
      ? quotedPrintable(bodyRaw)
      : encoding === 'base64'
        ? Buffer.from(bodyRaw, 'base64').toString('utf8')
        : bodyRaw
  return { subject: decodeHeader(headers.get('subject') ?? ''), messageId: headers.get('message-id'), body }
}
