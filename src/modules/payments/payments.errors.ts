// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why a payment run operation was refused; each has its own German text (payments.error.<refusal>). */
export type PaymentRefusal =
  | 'not_found'
  | 'invalid_month'
  | 'invalid_execution_date'
  | 'preview_exists'
  | 'nothing_due'
  | 'no_approval_post'
  | 'not_preview'
  | 'self_release'
  | 'not_acting_for_approval_post'
  | 'not_released'
  | 'invalid_file'
  | 'entry_not_found'

const STATUS: Record<PaymentRefusal, 403 | 404 | 409 | 422> = {
  not_found: 404,
  invalid_month: 422,
  invalid_execution_date: 422,
  preview_exists: 409,
  nothing_due: 422,
  no_approval_post: 409,
  not_preview: 409,
  self_release: 403,
  not_acting_for_approval_post: 403,
  not_released: 404,
  invalid_file: 409,
  entry_not_found: 404,
}

/** A payment run operation the rules refuse, with a specific German message. */
export class PaymentRefusedError extends AppError {
  readonly code = 'payment.refused'
  readonly status: 403 | 404 | 409 | 422
  readonly messageKey: MessageKey

  constructor(
    readonly refusal: PaymentRefusal,
    options?: { cause?: unknown },
  ) {
    super(`payment: ${refusal}`, options)
    this.status = STATUS[refusal]
    this.messageKey = `payments.error.${refusal}`
  }
}
