// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import { type EntryInput, knowledgeService } from '../../src/modules/knowledge/index.js'

/** Persists a knowledge entry as the system; review due in a year unless overridden. */
export function buildKnowledgeEntry(db: Db, ownerPostId: string, overrides: Partial<EntryInput> = {}) {
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)
  return knowledgeService.createEntry(db, null, {
    kind: 'topic',
    title: 'Grundsicherung im Alter',
    body: 'Leistungen nach dem Vierten Kapitel SGB XII.',
    ownerPostId,
    reviewDue: nextYear,
    standardKey: null,
    ...overrides,
  })
}
