// SPDX-License-Identifier: EUPL-1.2
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely'
import type { Database } from '../../db/schema.js'
import { postTitleAt } from '../organisation/post-title.js'
import type {
  KnowledgeEntryRevisionTable,
  KnowledgeEntryTable,
  KnowledgeKind,
  KnowledgeLinkKind,
} from './knowledge.table.js'

type Conn = Kysely<Database> | Transaction<Database>

/** Entry columns without the generated search columns. */
const ENTRY_COLUMNS = [
  'knowledge_entry.id',
  'knowledge_entry.slug',
  'knowledge_entry.kind',
  'knowledge_entry.title',
  'knowledge_entry.body',
  'knowledge_entry.standard_key',
  'knowledge_entry.owner_post_id',
  'knowledge_entry.review_due',
  'knowledge_entry.last_reviewed_at',
  'knowledge_entry.last_reviewed_by',
  'knowledge_entry.version',
  'knowledge_entry.updated_at',
  'knowledge_entry.updated_by',
] as const

export function listEntries(db: Conn) {
  return db.selectFrom('knowledge_entry').select(ENTRY_COLUMNS).orderBy('title').execute()
}

export function findEntryBySlug(db: Conn, slug: string) {
  return db.selectFrom('knowledge_entry').select(ENTRY_COLUMNS).where('slug', '=', slug).executeTakeFirst()
}

export function lockEntryBySlug(trx: Transaction<Database>, slug: string) {
  return trx
    .selectFrom('knowledge_entry')
    .select(ENTRY_COLUMNS)
    .where('slug', '=', slug)
    .forUpdate()
    .executeTakeFirst()
}

export function slugExists(db: Conn, slug: string) {
  return db.selectFrom('knowledge_entry').select('id').where('slug', '=', slug).executeTakeFirst()
}

export function insertEntry(db: Conn, row: Insertable<KnowledgeEntryTable>) {
  return db.insertInto('knowledge_entry').values(row).returning(ENTRY_COLUMNS).executeTakeFirstOrThrow()
}

export function updateEntry(db: Conn, id: string, changes: Updateable<KnowledgeEntryTable>) {
  return db
    .updateTable('knowledge_entry')
    .set(changes)
    .where('id', '=', id)
    .returning(ENTRY_COLUMNS)
    .executeTakeFirstOrThrow()
}

export function insertRevision(db: Conn, row: Insertable<KnowledgeEntryRevisionTable>) {
  return db.insertInto('knowledge_entry_revision').values(row).execute()
}

export function listRevisions(db: Conn, entryId: string) {
  return db
    .selectFrom('knowledge_entry_revision')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('version', 'desc')
    .execute()
}

export function listLinks(db: Conn) {
  return db.selectFrom('knowledge_link').selectAll().execute()
}

export function insertLink(
  db: Conn,
  row: { from_entry_id: string; to_entry_id: string; kind: KnowledgeLinkKind },
) {
  return db
    .insertInto('knowledge_link')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
}

export function deleteLink(db: Conn, id: string, fromEntryId: string) {
  return db
    .deleteFrom('knowledge_link')
    .where('id', '=', id)
    .where('from_entry_id', '=', fromEntryId)
    .returningAll()
    .executeTakeFirst()
}

/** Titles of posts by id, including posts no longer in force (an entry may still name one). */
export function postTitles(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('post as p')
    .select(['p.id', postTitleAt('p', new Date()).as('title')])
    .where('p.id', 'in', ids)
    .execute()
}

/** Sentinels for ts_headline: control characters that never occur in stored text (they are stripped on save). */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

export interface SearchFilters {
  kind?: KnowledgeKind | undefined
  unitId?: string | undefined
}

/**
 * German full-text search (stemming via the `german` configuration, title weighted over body) combined with
 * trigram word similarity for misspellings and names. Ranked; the body excerpt is marked with
 * {@link MARK_START}/{@link MARK_END} around hits, to be escaped and marked up by the view.
 */
export function searchEntries(db: Conn, query: string, filters: SearchFilters, limit = 50) {
  const tsq = sql`websearch_to_tsquery('german', ${query})`
  const headlineOptions = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`
  let q = db
    .selectFrom('knowledge_entry')
    .innerJoin('post', 'post.id', 'knowledge_entry.owner_post_id')
    .select(ENTRY_COLUMNS)
    .select([
      sql<number>`ts_rank_cd(knowledge_entry.search, ${tsq}) + word_similarity(${query}, knowledge_entry.search_text)`.as(
        'rank',
      ),
      sql<string>`ts_headline('german', knowledge_entry.body, ${tsq}, ${headlineOptions})`.as('headline'),
    ])
    .where(sql<boolean>`(knowledge_entry.search @@ ${tsq} or ${query} <% knowledge_entry.search_text)`)
  if (filters.kind) {
    q = q.where('knowledge_entry.kind', '=', filters.kind)
  }
  if (filters.unitId) {
    q = q.where('post.unit_id', '=', filters.unitId)
  }
  return q.orderBy('rank', 'desc').orderBy('knowledge_entry.title').limit(limit).execute()
}

/** Entries by filters only (no query), by title. */
export function filterEntries(db: Conn, filters: SearchFilters, limit = 200) {
  let q = db
    .selectFrom('knowledge_entry')
    .innerJoin('post', 'post.id', 'knowledge_entry.owner_post_id')
    .select(ENTRY_COLUMNS)
  if (filters.kind) {
    q = q.where('knowledge_entry.kind', '=', filters.kind)
  }
  if (filters.unitId) {
    q = q.where('post.unit_id', '=', filters.unitId)
  }
  return q.orderBy('knowledge_entry.title').limit(limit).execute()
}
