// SPDX-License-Identifier: EUPL-1.2
import { AppError } from '../../shared/errors.js'
import type { MessageKey, MessageParams } from '../../shared/i18n.js'

/** One entry of a GeoReport v2 error body, as a German text from the catalogue. */
export interface Open311Problem {
  key: MessageKey
  params?: MessageParams
}

/**
 * A GeoReport v2 request that cannot be fulfilled. The status is the one the specification names (404 for
 * what does not exist, 403 for a missing or wrong api_key, 400 for anything else; 429 when a key exceeds
 * its rate); the body is an array of `{code, description}` in the requested format (open311.format.ts,
 * called from http/errors.tsx). Nothing was stored.
 */
export class Open311Error extends AppError {
  readonly code = 'open311.request_error'
  readonly messageKey: MessageKey
  readonly problems: Open311Problem[]
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    problem: Open311Problem | Open311Problem[],
  ) {
    const problems = Array.isArray(problem) ? problem : [problem]
    super(`open311 ${status}: ${problems.map((p) => p.key).join(', ')}`)
    this.problems = problems
    this.messageKey = problems[0]?.key ?? 'open311.error.general'
  }
}
