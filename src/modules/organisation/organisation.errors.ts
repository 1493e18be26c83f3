// SPDX-License-Identifier: EUPL-1.2
import { AppError, NotFoundError } from '../../shared/errors.js'

/** Asked about a post id that has never existed (a post not in force at the instant is an answer, not this). */
export class PostNotFoundError extends NotFoundError {
  constructor(readonly postId: string) {
    super(`post ${postId} does not exist`)
  }
}

/** Why the database refused an organisation record. */
export type OrganisationRejection = 'overlap' | 'invalid' | 'unknown_reference'

/**
 * A record the database's constraints refused: a period that overlaps another (two holders of one post, two
 * heads of one unit …), an impossible value (valid_to not after valid_from, FTE above 1 …) or an id that
 * does not exist. The code stays the shared `bad_request` until the shared catalogue has organisation codes.
 */
export class OrganisationRecordRejectedError extends AppError {
  readonly code = 'bad_request'
  readonly status: 409 | 422
  readonly messageKey = 'error.bad_request'

  constructor(
    readonly rejection: OrganisationRejection,
    /** The constraint that refused it, e.g. `post_holding_post_id_tstzrange_excl`. */
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`organisation record rejected (${rejection}${constraint ? `: ${constraint}` : ''})`, options)
    this.status = rejection === 'overlap' ? 409 : 422
  }
}

const REJECTIONS: Record<string, OrganisationRejection> = {
  '23P01': 'overlap',
  '23514': 'invalid',
  '23503': 'unknown_reference',
  '23505': 'overlap',
}

/**
 * Turns a PostgreSQL constraint violation into OrganisationRecordRejectedError; returns anything else as is.
 */
export function mapConstraintError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') {
    return error
  }
  const rejection = REJECTIONS[error.code]
  if (!rejection) {
    return error
  }
  const constraint =
    'constraint' in error && typeof error.constraint === 'string' ? error.constraint : undefined
  return new OrganisationRecordRejectedError(rejection, constraint, { cause: error })
}
