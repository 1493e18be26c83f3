// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why a report operation was refused; each has its own German text. */
export type ReportRefusal =
  | 'not_found'
  | 'invalid_month'
  | 'note_required'
  | 'note_invalid'
  | 'invalid_transition'
  | 'released_immutable'
  | 'no_division_head_post'
  | 'not_acting_for_division_head'
  | 'text_too_long'
  | 'unknown_table'

const STATUS: Record<ReportRefusal, 403 | 404 | 409 | 422> = {
  not_found: 404,
  invalid_month: 422,
  note_required: 422,
  note_invalid: 422,
  invalid_transition: 409,
  released_immutable: 409,
  no_division_head_post: 409,
  not_acting_for_division_head: 403,
  text_too_long: 422,
  unknown_table: 404,
}

/** A report operation the rules refuse, with a specific German message. */
export class ReportRefusedError extends AppError {
  readonly code = 'report.refused'
  readonly status: 403 | 404 | 409 | 422
  readonly messageKey: MessageKey

  constructor(
    readonly refusal: ReportRefusal,
    options?: { cause?: unknown },
  ) {
    super(`report: ${refusal}`, options)
    this.status = STATUS[refusal]
    this.messageKey = `reports.error.${refusal}`
  }
}
