// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { onboardingService } from '../modules/onboarding/index.js'

/** The slug of the demo knowledge entry with this title, if the knowledge demo created it. */
async function slugOf(db: Db, title: string): Promise<string | null> {
  const row = await db
    .selectFrom('knowledge_entry')
    .select('slug')
    .where('title', '=', title)
    .executeTakeFirst()
  return row?.slug ?? null
}

/**
 * Two synthetic onboarding templates (caseworker, team lead), linked to the demo knowledge map and the
 * starter process standards. Plans start by themselves for post holdings from 1 November 2026 on.
 * Idempotent: an existing template key is left alone.
 */
export async function loadOnboardingDemo(db: Db, logger: Logger): Promise<void> {
  const overview = await slugOf(db, 'Grundsicherung im Alter und bei Erwerbsminderung')
  const created = await onboardingService.createTemplate(db, {
    key: 'einarbeitung-sachbearbeitung-grundsicherung',
    title: 'Einarbeitung Sachbearbeitung Grundsicherung',
    role: 'caseworker',
    mentorPostId: null,
    soloAfterDays: 90,
    validFrom: '2026-11-01',
    tasks: [
      { period: 'week1', title: 'Arbeitsplatz, Zugänge und Anmeldung mit zweitem Faktor einrichten' },
      { period: 'week1', title: 'Überblick Grundsicherung lesen', knowledgeSlug: overview },
      { period: 'week1', title: 'Sozialgeheimnis und Datenschutz: Einweisung (§ 35 SGB I)' },
      {
        period: 'week2',
        title: 'Prozessstandard Erstantrag durcharbeiten',
        standardKey: 'erstantrag-grundsicherung',
      },
      { period: 'week2', title: 'Drei Erstanträge gemeinsam mit der Patin oder dem Paten bearbeiten' },
      {
        period: 'week3',
        title: 'Prozessstandard Widerspruch kennenlernen',
        standardKey: 'widerspruch-grundsicherung',
      },
      { period: 'month2', title: 'Eigene Fälle mit Vier-Augen-Freigabe bearbeiten' },
      { period: 'month3', title: 'Abschlussgespräch mit der Teamleitung' },
    ],
  })
  await onboardingService.createTemplate(db, {
    key: 'einarbeitung-teamleitung',
    title: 'Einarbeitung Teamleitung',
    role: 'team_lead',
    mentorPostId: null,
    soloAfterDays: 60,
    validFrom: '2026-11-01',
    tasks: [
      { period: 'week1', title: 'Team, Stellen und Vertretungsregeln kennenlernen' },
      { period: 'week2', title: 'Freigaben im Vier-Augen-Prinzip üben' },
      { period: 'month2', title: 'Lagebericht des Teams vorbereiten' },
    ],
  })
  if (created) {
    logger.info('demo onboarding templates loaded')
  }
}
