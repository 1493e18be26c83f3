// SPDX-License-Identifier: EUPL-1.2
import type { Generated, Selectable } from 'kysely'

export type KnowledgeKind =
  | 'topic'
  | 'process'
  | 'legal_source'
  | 'form_template'
  | 'contact'
  | 'system_tool'
  | 'faq'

export const KNOWLEDGE_KINDS: readonly KnowledgeKind[] = [
  'topic',
  'process',
  'legal_source',
  'form_template',
  'contact',
  'system_tool',
  'faq',
]

/** Directed: the entry `from` is part of / needs / see also the entry `to`. */
export type KnowledgeLinkKind = 'is_part_of' | 'needs' | 'see_also'

export const KNOWLEDGE_LINK_KINDS: readonly KnowledgeLinkKind[] = ['is_part_of', 'needs', 'see_also']

/** An entry of the knowledge map (Wissenslandkarte). No personal data: contacts are posts. */
export interface KnowledgeEntryTable {
  id: Generated<string>
  slug: string
  kind: KnowledgeKind
  title: string
  /** Markdown, rendered without raw HTML. */
  body: string
  /** For `process` entries: the key of the process standard it describes. */
  standard_key: string | null
  owner_post_id: string
  /** Calendar date by which the owner reviews the entry again. */
  review_due: string
  last_reviewed_at: Date | null
  last_reviewed_by: string | null
  version: Generated<number>
  updated_at: Generated<Date>
  updated_by: string | null
  /** Generated tsvector (german), title weight A, body weight B. */
  search: Generated<string>
  /** Generated title + body for trigram similarity. */
  search_text: Generated<string>
}

/** Every saved state of an entry. */
export interface KnowledgeEntryRevisionTable {
  id: Generated<string>
  entry_id: string
  version: number
  kind: KnowledgeKind
  title: string
  body: string
  change_note: Generated<string>
  changed_by: string | null
  changed_at: Generated<Date>
}

export interface KnowledgeLinkTable {
  id: Generated<string>
  from_entry_id: string
  to_entry_id: string
  kind: KnowledgeLinkKind
}

export type KnowledgeEntryRow = Selectable<KnowledgeEntryTable>
export type KnowledgeEntryRevisionRow = Selectable<KnowledgeEntryRevisionTable>
