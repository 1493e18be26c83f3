// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'

/**
 * The caller passed data a letter or case file cannot be made from (an address longer than the six lines of
 * the address zone, a grant without a benefit period, an amount that is not integer cents). It is the
 * calling module's bug, hence status 500 and reportable; `problem` says what is wrong, for the log.
 */
export class LetterInputError extends AppError {
  readonly code = 'letters.invalid_input'
  readonly status = 500
  readonly messageKey = 'letters.error.invalid_input'
  override readonly reportable = true

  constructor(readonly problem: string) {
    super(`letters: ${problem}`)
  }
}
