// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

/** Why a payment-card operation was refused. */
export type CardRefusal =
  | 'invalid_transition'
  | 'member_not_adult'
  | 'member_has_card'
  | 'unknown_member'
  | 'unknown_card'
  | 'unknown_approval'
  | 'already_decided'
  | 'not_decided'
  | 'already_entered'
  | 'no_card'
  | 'mapping_not_after'
  | 'mapping_same_holder'

const STATUS: Record<CardRefusal, 404 | 409 | 422> = {
  invalid_transition: 409,
  member_not_adult: 422,
  member_has_card: 409,
  unknown_member: 422,
  unknown_card: 404,
  unknown_approval: 404,
  already_decided: 409,
  not_decided: 409,
  already_entered: 409,
  no_card: 409,
  mapping_not_after: 422,
  mapping_same_holder: 422,
}

/** A payment-card operation the rules refuse, with a specific German message. */
export class CardRefusedError extends AppError {
  readonly code = 'payment_card.refused'
  readonly status: 404 | 409 | 422
  readonly messageKey: MessageKey

  constructor(readonly refusal: CardRefusal) {
    super(`payment card: ${refusal}`)
    this.status = STATUS[refusal]
    this.messageKey = `payment_card.error.${refusal}`
  }
}
