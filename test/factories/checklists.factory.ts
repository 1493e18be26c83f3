// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { StandardStep } from '../../src/modules/standards/index.js'

let counter = 0

/** A published version to store: in force from `validFrom` ('YYYY-MM-DD'), published at `publishedAt`. */
export interface PublishedVersionSpec {
  version: number
  validFrom: string
  publishedAt: Date
  steps: StandardStep[]
}

/**
 * A process standard with published versions, stored directly (the standards service refuses valid-from
 * dates in the past, which tests of cases that started in the past need), and mapped to a benefit type and
 * case kind so that cases of that type follow it.
 * @returns the standard's key and the benefit type cases need to follow it
 */
export async function buildMappedStandard(
  db: Db,
  versions: PublishedVersionSpec[],
  options: { kind?: 'initial' | 'objection'; benefitType?: string } = {},
) {
  counter += 1
  const key = `test-standard-${counter}-${Date.now().toString(36)}`
  const benefitType = options.benefitType ?? `testleistung_${counter}_${Date.now().toString(36)}`
  const standard = await db
    .insertInto('process_standard')
    .values({ key, title: `Prüfstandard ${counter}` })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const v of versions) {
    await addPublishedVersion(db, standard.id, v)
  }
  await db
    .insertInto('case_standard_mapping')
    .values({ benefit_type: benefitType, case_kind: options.kind ?? 'initial', standard_key: key })
    .execute()
  return { key, standardId: standard.id, benefitType }
}

/** Adds a published version to a standard (see buildMappedStandard). */
export async function addPublishedVersion(db: Db, standardId: string, v: PublishedVersionSpec) {
  return db
    .insertInto('process_standard_version')
    .values({
      standard_id: standardId,
      version: v.version,
      status: 'published',
      steps: JSON.stringify(v.steps),
      approved_at: v.publishedAt,
      published_at: v.publishedAt,
      valid_from: v.validFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Two steps: "Eingang" (3 days, two mandatory items and an optional one) and "Prüfung" (14 days). */
export function checklistSteps(extra: Partial<{ eingangTitle: string }> = {}): StandardStep[] {
  return [
    {
      key: 'eingang',
      title: extra.eingangTitle ?? 'Eingang erfassen',
      deadlineDays: 3,
      items: [
        { text: 'Antragsdatum festgehalten', mandatory: true, evidenceRequired: false },
        { text: 'Örtliche Zuständigkeit geprüft', mandatory: true, evidenceRequired: false },
        { text: 'Eingangsbestätigung versandt', mandatory: false, evidenceRequired: false },
      ],
    },
    {
      key: 'pruefung',
      title: 'Voraussetzungen prüfen',
      deadlineDays: 14,
      items: [{ text: 'Altersgrenze geprüft', mandatory: true, evidenceRequired: true }],
    },
  ]
}
