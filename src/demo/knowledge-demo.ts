// SPDX-License-Identifier: EUPL-1.2
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { knowledgeService } from '../modules/knowledge/index.js'
import { organisationService } from '../modules/organisation/index.js'
import { standardsService } from '../modules/standards/index.js'

/** The shipped starter set of process standards (YAML, exchange format). */
export const STARTER_DIR = path.join(import.meta.dirname, '..', 'modules', 'standards', 'starter')

const SYSTEM = { type: 'system', id: null } as const

/**
 * Loads the Grundsicherung starter standards (as drafts: they need the office's legal review before use) and a
 * small synthetic knowledge map, once: only when there are no standards and no entries yet.
 */
export async function loadKnowledgeDemo(db: Db, logger: Logger): Promise<void> {
  const existing = await db.selectFrom('process_standard').select('id').limit(1).executeTakeFirst()
  if (!existing) {
    for (const file of (await readdir(STARTER_DIR)).filter((f) => f.endsWith('.yaml')).sort()) {
      const result = await standardsService.importStandards(
        db,
        null,
        await readFile(path.join(STARTER_DIR, file), 'utf8'),
      )
      if (!result.ok) {
        throw new Error(`starter standard ${file} is invalid: ${JSON.stringify(result.errors)}`)
      }
    }
    logger.info('demo process standards loaded')
  }
  const entry = await db.selectFrom('knowledge_entry').select('id').limit(1).executeTakeFirst()
  if (entry) {
    return
  }
  const validFrom = new Date('2026-01-01T00:00:00Z')
  const unit = await organisationService.createOrgUnit(db, SYSTEM, {
    kind: 'department',
    name: 'Grundsicherung (Demo)',
    shortCode: 'DEMO-WISSEN',
    validFrom,
  })
  const post = await organisationService.createPost(db, SYSTEM, {
    unitId: unit.id,
    title: 'Fachkoordination Grundsicherung (Demo)',
    fte: 1,
    validFrom,
  })
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)
  const make = (
    kind: Parameters<typeof knowledgeService.createEntry>[2]['kind'],
    title: string,
    body: string,
    standardKey: string | null = null,
  ) =>
    knowledgeService.createEntry(db, null, {
      kind,
      title,
      body,
      ownerPostId: post.id,
      reviewDue: nextYear,
      standardKey,
    })
  const topic = await make(
    'topic',
    'Grundsicherung im Alter und bei Erwerbsminderung',
    'Leistungen nach dem **Vierten Kapitel SGB XII**. Hier beginnt die Einarbeitung.',
  )
  const first = await make(
    'process',
    'Erstantrag Grundsicherung',
    'Ablauf eines Erstantrags: Eingang, Prüfung, Anforderung von Unterlagen, Berechnung, Bescheid.',
    'erstantrag-grundsicherung',
  )
  const cont = await make(
    'process',
    'Weiterbewilligung',
    'Anträge für den nächsten Bewilligungszeitraum rechtzeitig anstoßen.',
    'weiterbewilligung-grundsicherung',
  )
  const law = await make(
    'legal_source',
    '§ 41 SGB XII – Leistungsberechtigte',
    'Wortlaut: [§ 41 SGB XII](https://www.gesetze-im-internet.de/sgb_12/__41.html).',
  )
  const coop = await make(
    'legal_source',
    'Mitwirkungspflichten (§§ 60 ff. SGB I)',
    'Welche Unterlagen angefordert werden dürfen und was bei fehlender Mitwirkung gilt: [§ 60 SGB I](https://www.gesetze-im-internet.de/sgb_1/__60.html).',
  )
  const faq = await make(
    'faq',
    'Wie lange dauert ein Bewilligungszeitraum?',
    'In der Regel zwölf Monate (§ 44 Abs. 3 SGB XII).',
  )
  const contact = await make(
    'contact',
    'Widerspruchsstelle',
    'Ansprechstelle für Widersprüche. Erreichbar über das Funktionspostfach (Stelle, nicht Person).',
  )
  for (const [from, to, kind] of [
    [first, topic, 'is_part_of'],
    [cont, topic, 'is_part_of'],
    [law, topic, 'is_part_of'],
    [faq, topic, 'is_part_of'],
    [first, coop, 'needs'],
    [first, law, 'see_also'],
    [cont, faq, 'see_also'],
    [contact, topic, 'see_also'],
  ] as const) {
    await knowledgeService.addLink(db, null, from.slug, to.slug, kind)
  }
  logger.info('demo knowledge map loaded')
}
