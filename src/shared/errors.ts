// SPDX-License-Identifier: EUPL-1.2
import type { MessageKey } from './i18n.js'

export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'csrf_invalid'
  | 'rate_limited'
  | 'payload_too_large'
  | 'bad_request'
  | 'application.draft_missing'
  | 'application.incomplete'
  | 'application.invalid_transition'
  | 'organisation.record_overlaps'
  | 'organisation.record_invalid'
  | 'case.self_approval'
  | 'case.not_your_approval'
  | 'case.no_approver'
  | 'case.checklist_refused'
  | 'letters.invalid_input'
  | 'auth.sso_failed'
  | 'standards.refused'
  | 'knowledge.refused'
  | 'complaint.rejected'
  | 'complaint.invalid_transition'
  | 'open311.request_error'
  | 'files.integrity'
  | 'telework.not_watermarkable'
  | 'report.refused'
  | 'rules.refused'
  | 'cases.team_queue_refused'
  | 'payment.refused'
  | 'payment_card.refused'
  | 'payment.camt_invalid'
  | 'internal'

/**
 * A failure with a stable code, an HTTP status and a German text from the catalogue. Services throw these;
 * only `http/errors.ts` turns them into responses.
 */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500
  /** Text key shown to the user. */
  abstract readonly messageKey: MessageKey
  /** Values for the placeholders of that text (e.g. the open checklist items a decision waits for). */
  readonly messageParams: Record<string, string | number> = {}
  /** Whether it is worth an error-level log entry (a bug or outage rather than a user's mistake). */
  readonly reportable: boolean = false
}

export class NotFoundError extends AppError {
  readonly code = 'not_found'
  readonly status = 404
  readonly messageKey: MessageKey = 'error.not_found'
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden'
  readonly status = 403
  readonly messageKey = 'error.forbidden'
}

export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated'
  readonly status = 401
  readonly messageKey = 'error.unauthenticated'
}

export class CsrfError extends AppError {
  readonly code = 'csrf_invalid'
  readonly status = 403
  readonly messageKey = 'error.csrf'
}

export class RateLimitedError extends AppError {
  readonly code = 'rate_limited'
  readonly status = 429
  readonly messageKey = 'error.rate_limited'
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited')
  }
}

export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large'
  readonly status = 413
  readonly messageKey = 'error.payload_too_large'
}

export class BadRequestError extends AppError {
  readonly code = 'bad_request'
  readonly status = 400
  readonly messageKey = 'error.bad_request'
}

export class InvalidStateError extends AppError {
  readonly code = 'application.invalid_transition'
  readonly status = 409
  readonly messageKey = 'error.invalid_transition'
}
