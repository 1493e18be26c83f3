// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import { onboardingService } from '../../src/modules/onboarding/index.js'

let counter = 0

/**
 * A caseworker onboarding template: two week-1 tasks (the second links a knowledge entry and a process
 * standard), then one task each for week 2, week 3, month 2 and month 3; handling cases alone after 90 days.
 */
export async function buildOnboardingTemplate(
  db: Db,
  options: { mentorPostId?: string | null; validFrom?: string; role?: string } = {},
) {
  counter += 1
  const id = await onboardingService.createTemplate(db, {
    key: `test-einarbeitung-${counter}-${Date.now().toString(36)}`,
    title: 'Einarbeitung Sachbearbeitung Grundsicherung',
    role: options.role ?? 'caseworker',
    mentorPostId: options.mentorPostId ?? null,
    soloAfterDays: 90,
    validFrom: options.validFrom ?? '2026-01-01',
    tasks: [
      { period: 'week1', title: 'Arbeitsplatz und Zugänge einrichten' },
      {
        period: 'week1',
        title: 'Überblick Grundsicherung lesen',
        knowledgeSlug: 'grundsicherung-ueberblick',
        standardKey: 'erstantrag-grundsicherung',
      },
      { period: 'week2', title: 'Drei Erstanträge mit der Patin bearbeiten' },
      { period: 'week3', title: 'Widerspruchsverfahren kennenlernen' },
      { period: 'month2', title: 'Eigene Fälle unter Aufsicht' },
      { period: 'month3', title: 'Abschlussgespräch mit der Teamleitung' },
    ],
  })
  if (!id) {
    throw new Error('template key taken')
  }
  return id
}
