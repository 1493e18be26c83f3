// SPDX-License-Identifier: EUPL-1.2
/**
 * The one way to read a post's title (ADR 0012): the title of the `post_version` in force at the instant, or
 * the post row's own title before the first version. Reading `post.title` directly gives the title as the
 * post was created and shows a renamed post under its old name.
 * @module
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'

type Conn = Kysely<Database> | Transaction<Database>

/**
 * SQL: the title in force at `at` of the post joined as `alias` (null when the join found no post). `at` is
 * an instant, or a column holding one (`{ column: 'e.occurred_at' }`: the title when that row was written).
 * @example .leftJoin('post as p', 'p.id', 'n.acting_for_post_id').select(postTitleAt('p', at).as('acting_for'))
 */
export function postTitleAt(alias: string, at: Date | { column: string }): RawBuilder<string> {
  const instant = at instanceof Date ? sql`${at}::timestamptz` : sql.ref(at.column)
  return sql<string>`coalesce((select pv.title from post_version pv where pv.post_id = ${sql.ref(`${alias}.id`)}
    and pv.valid_from <= ${instant} and (pv.valid_to is null or pv.valid_to > ${instant})
    order by pv.valid_from desc limit 1), ${sql.ref(`${alias}.title`)})`
}

/** The titles in force at `at` of the given posts, by id. */
export async function postTitlesAt(
  conn: Conn,
  postIds: readonly string[],
  at: Date,
): Promise<Map<string, string>> {
  if (postIds.length === 0) {
    return new Map()
  }
  const rows = await conn
    .selectFrom('post as p')
    .select(['p.id', postTitleAt('p', at).as('title')])
    .where('p.id', 'in', [...postIds])
    .execute()
  return new Map(rows.map((r) => [r.id, r.title]))
}

/**
 * The posts in force at `at` with their title then and their unit, ordered by unit code and title: the
 * choice of posts for selects and filters of other modules (standards' approvers, knowledge's owners). Reads
 * names only; the organisation module owns these tables.
 */
export function postsInForceWithUnits(conn: Conn, at: Date) {
  return conn
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.unit_id')
    .select([
      'post.id',
      postTitleAt('post', at).as('title'),
      'post.unit_id',
      'org_unit.name as unit_name',
      'org_unit.short_code',
    ])
    .where('post.valid_from', '<=', at)
    .where((eb) => eb.or([eb('post.valid_to', 'is', null), eb('post.valid_to', '>', at)]))
    .orderBy('org_unit.short_code')
    .orderBy('title')
    .execute()
}
