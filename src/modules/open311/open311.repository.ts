// SPDX-License-Identifier: EUPL-1.2
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'

type Conn = Kysely<Database> | Transaction<Database>

/** Active categories with their Open311 settings (defaults where none are configured). */
export function listServices(db: Conn) {
  return db
    .selectFrom('complaint_category as c')
    .leftJoin('open311_service as s', 's.category_id', 'c.id')
    .select([
      'c.id',
      'c.code',
      'c.label',
      's.description',
      's.type',
      's.keywords',
      's.group_name',
      's.private',
      (eb) =>
        eb
          .exists(
            eb.selectFrom('open311_attribute as a').select('a.id').whereRef('a.category_id', '=', 'c.id'),
          )
          .as('has_attributes'),
    ])
    .where('c.active', '=', true)
    .orderBy('c.position')
    .orderBy('c.code')
    .execute()
}

export function listAttributes(db: Conn, categoryId: string) {
  return db
    .selectFrom('open311_attribute')
    .selectAll()
    .where('category_id', '=', categoryId)
    .orderBy('position')
    .execute()
}

/**
 * What a public GET may show of requests. Contact details, the account that entered it and the acting
 * person are deliberately not selected.
 */
export function publicRequests(db: Conn) {
  return db
    .selectFrom('complaint as k')
    .innerJoin('complaint_category as c', 'c.id', 'k.category_id')
    .leftJoin('open311_service as s', 's.category_id', 'c.id')
    .leftJoin('open311_request as r', 'r.complaint_id', 'k.id')
    .select([
      'k.reference',
      'k.status',
      'k.description',
      'k.received_at',
      'k.acknowledged_at',
      'k.answered_at',
      'k.closed_at',
      'k.response_due_on',
      'k.routing',
      'c.code as service_code',
      'c.label as service_name',
      's.private',
      'r.public_description',
      'r.lat',
      'r.long',
      'r.address_string',
      'r.address_id',
      'r.media_url',
    ])
}

export type PublicRequestRow = Awaited<ReturnType<ReturnType<typeof publicRequests>['execute']>>[number]
