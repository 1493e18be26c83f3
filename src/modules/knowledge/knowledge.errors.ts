// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

export type KnowledgeRefusal = 'not_found' | 'not_editor' | 'stale'

const STATUS: Record<KnowledgeRefusal, 403 | 404 | 409> = { not_found: 404, not_editor: 403, stale: 409 }

/** A knowledge-map operation the rules refuse, with a specific German message. */
export class KnowledgeRefusedError extends AppError {
  readonly code = 'knowledge.refused'
  readonly status: 403 | 404 | 409
  readonly messageKey: MessageKey

  constructor(readonly refusal: KnowledgeRefusal) {
    super(`knowledge: ${refusal}`)
    this.status = STATUS[refusal]
    this.messageKey = `knowledge.error.${refusal}`
  }
}
