// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'

/**
 * A document that cannot be stamped (an encrypted or damaged PDF, an image format pdf-lib cannot embed) is not
 * handed out in telework at all: the original without a watermark would undo the policy.
 */
export class NotWatermarkableError extends AppError {
  readonly code = 'telework.not_watermarkable'
  readonly status = 422
  readonly messageKey = 'telework.error.not_watermarkable'
}
