// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Field name → German message key (with parameters) for input the sender must fix. */
export type ComplaintFieldErrors = Record<
  string,
  { key: MessageKey; params?: Record<string, string | number> }
>

/**
 * Input for a complaint or a step of its workflow was refused; nothing was stored. Forms show the field
 * errors again with 422; other channels (Open311, webhooks) map them to their own error format.
 */
export class ComplaintRejectedError extends AppError {
  readonly code = 'complaint.rejected'
  readonly status = 422
  readonly messageKey = 'error.bad_request'
  constructor(readonly fieldErrors: ComplaintFieldErrors) {
    super(`complaint rejected: ${Object.keys(fieldErrors).join(', ')}`)
  }
}

/** A workflow step that the complaint's status does not allow (e.g. closing before an answer). */
export class ComplaintStateError extends AppError {
  readonly code = 'complaint.invalid_transition'
  readonly status = 409
  constructor(readonly messageKey: MessageKey) {
    super(messageKey)
  }
}
