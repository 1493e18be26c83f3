// SPDX-License-Identifier: EUPL-1.2
import { AppError } from './errors.js'

/** Why a stored document could not be opened. Never shown; logged with the error. */
export type IntegrityProblem =
  | 'malformed'
  | 'unknown_key'
  | 'authentication_failed'
  | 'content_mismatch'
  | 'address_key_missing'

/**
 * A stored document did not decrypt or did not match its address: tampered with, damaged, or the configured
 * master keys do not include the one it was written with. Content is never returned in that case.
 */
export class DocumentIntegrityError extends AppError {
  readonly code = 'files.integrity'
  readonly status = 500
  readonly messageKey = 'files.error.integrity'
  override readonly reportable = true
  constructor(
    readonly problem: IntegrityProblem,
    detail: string,
  ) {
    super(`stored document unreadable (${problem}): ${detail}`)
  }
}
