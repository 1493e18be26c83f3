// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why a standards operation was refused; each has its own German text. */
export type StandardRefusal =
  | 'not_found'
  | 'key_taken'
  | 'not_editor'
  | 'not_importer'
  | 'invalid_transition'
  | 'published_immutable'
  | 'open_version_exists'
  | 'no_approver_post'
  | 'not_acting_for_approver'
  | 'four_eyes'
  | 'valid_from_in_past'

const STATUS: Record<StandardRefusal, 403 | 404 | 409 | 422> = {
  not_found: 404,
  key_taken: 409,
  not_editor: 403,
  not_importer: 403,
  invalid_transition: 409,
  published_immutable: 409,
  open_version_exists: 409,
  no_approver_post: 409,
  not_acting_for_approver: 403,
  four_eyes: 403,
  valid_from_in_past: 422,
}

/** A standards operation the rules refuse, with a specific German message. */
export class StandardRefusedError extends AppError {
  readonly code = 'standards.refused'
  readonly status: 403 | 404 | 409 | 422
  readonly messageKey: MessageKey

  constructor(
    readonly refusal: StandardRefusal,
    options?: { cause?: unknown },
  ) {
    super(`standards: ${refusal}`, options)
    this.status = STATUS[refusal]
    this.messageKey = `standards.error.${refusal}`
  }
}
