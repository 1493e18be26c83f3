// SPDX-License-Identifier: EUPL-1.2
import { AppError, NotFoundError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'

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
 * does not exist.
 */
export class OrganisationRecordRejectedError extends AppError {
  readonly code: 'organisation.record_overlaps' | 'organisation.record_invalid'
  readonly status: 409 | 422
  readonly messageKey: MessageKey

  constructor(
    readonly rejection: OrganisationRejection,
    /** The constraint that refused it, e.g. `post_holding_post_id_tstzrange_excl`. */
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`organisation record rejected (${rejection}${constraint ? `: ${constraint}` : ''})`, options)
    const overlap = rejection === 'overlap'
    this.code = overlap ? 'organisation.record_overlaps' : 'organisation.record_invalid'
    this.status = overlap ? 409 : 422
    this.messageKey = overlap ? 'error.organisation_overlap' : 'error.organisation_invalid'
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

/** Why a change of a dated record was refused before it reached the database. */
export type OrganisationChangeRefusal =
  /** The record does not cover the date: it starts on or after it, or has already ended by then. */
  | 'not_in_force'
  /** A unit still has posts or sub-units after the date. */
  | 'unit_in_use'
  /** A post has holdings, deputy rules, interim assignments or changes that start on or after the date. */
  | 'planned_records'

/**
 * A change the rules of dated records refuse: ending never moves an end later or before the start, and
 * nothing is left pointing at a unit or post after it has ended. HTTP 422; nothing has been written.
 */
export class OrganisationChangeRefusedError extends AppError {
  readonly code = 'organisation.record_invalid'
  readonly status = 422
  readonly messageKey: MessageKey

  constructor(readonly refusal: OrganisationChangeRefusal) {
    super(`organisation change refused (${refusal})`)
    this.messageKey = `organisation.error.${refusal}`
  }
}

/** A dated organisation record (unit, post, holding …) that does not exist. */
export class OrganisationRecordNotFoundError extends NotFoundError {
  constructor(
    readonly recordType: string,
    readonly recordId: string,
  ) {
    super(`${recordType} ${recordId} does not exist`)
  }
}
