// SPDX-License-Identifier: EUPL-1.2
import pino, { type Logger } from 'pino'

/**
 * Structured JSON logs. Personal data must not reach them: handlers log ids, never answers, and these
 * paths are redacted in case an object slips through.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'lotse' },
    redact: {
      paths: [
        'password',
        '*.password',
        'answers',
        '*.answers',
        'iban',
        '*.iban',
        'headers.cookie',
        '*.headers.cookie',
        'req.headers.cookie',
        'req.headers.authorization',
        'accessCode',
        '*.accessCode',
        'resumeCode',
        '*.resumeCode',
      ],
      censor: '[redacted]',
    },
  })
}
