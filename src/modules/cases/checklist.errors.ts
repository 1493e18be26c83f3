// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why a checklist operation (or a decision waiting for the checklist) was refused. */
export type ChecklistRefusal =
  | 'incomplete'
  | 'reason_required'
  | 'unknown_item'
  | 'not_open'
  | 'nothing_to_adopt'
  | 'read_only'

const STATUS: Record<ChecklistRefusal, 403 | 409 | 422> = {
  incomplete: 409,
  reason_required: 422,
  unknown_item: 422,
  not_open: 409,
  nothing_to_adopt: 409,
  read_only: 403,
}

/**
 * A checklist operation the rules refuse, with a specific German message. For `incomplete` the message lists
 * the open mandatory items (`items`).
 */
export class ChecklistRefusedError extends AppError {
  readonly code = 'case.checklist_refused'
  readonly status: 403 | 409 | 422
  readonly messageKey: MessageKey
  override readonly messageParams: Record<string, string | number>

  constructor(
    readonly refusal: ChecklistRefusal,
    params: Record<string, string | number> = {},
  ) {
    super(`checklist: ${refusal}`)
    this.status = STATUS[refusal]
    this.messageKey = `checklist.error.${refusal}`
    this.messageParams = params
  }
}
