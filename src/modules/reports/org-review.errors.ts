// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why an organisational-review operation was refused; each has its own German text. */
export type OrgReviewRefusal =
  | 'invalid_period'
  | 'window_invalid_dates'
  | 'window_length'
  | 'window_in_past'
  | 'window_overlaps'
  | 'unknown_unit'
  | 'not_lead_of_unit'
  | 'no_open_window'
  | 'invalid_task_type'
  | 'invalid_minutes'

const STATUS: Record<OrgReviewRefusal, 403 | 409 | 422> = {
  invalid_period: 422,
  window_invalid_dates: 422,
  window_length: 422,
  window_in_past: 422,
  window_overlaps: 409,
  unknown_unit: 422,
  not_lead_of_unit: 403,
  no_open_window: 422,
  invalid_task_type: 422,
  invalid_minutes: 422,
}

/** An export or self-recording step the rules refuse, with a specific German message. */
export class OrgReviewRefusedError extends AppError {
  readonly code = 'report.refused'
  readonly status: 403 | 409 | 422
  readonly messageKey: MessageKey

  constructor(
    readonly refusal: OrgReviewRefusal,
    options?: { cause?: unknown },
  ) {
    super(`org review: ${refusal}`, options)
    this.status = STATUS[refusal]
    this.messageKey = `reports.orgreview.error.${refusal}`
  }
}
