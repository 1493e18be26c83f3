// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { AmountComponent } from '../../src/modules/cases/index.js'
import { buildCase } from './cases.factory.js'

/** The day before the same date a year later: a twelve-month benefit period. */
function yearLater(from: string): string {
  const d = new Date(`${from}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** Persists a final decision with amounts on a case, as the workbench writes it after approval. */
export async function buildPaymentDecision(
  db: Db,
  applicationId: string,
  decidedBy: string,
  options: {
    components?: AmountComponent[]
    periodFrom: string
    /** Default: twelve months from periodFrom (granted decisions always have an end). */
    periodTo?: string
    finalAt?: Date
    outcome?: 'granted' | 'partly_granted' | 'refused'
  },
): Promise<string> {
  const components = options.components ?? [
    { label: 'Regelbedarf (Regelbedarfsstufe 1)', cents: 56_300 },
    { label: 'Kosten der Unterkunft und Heizung', cents: 42_050 },
  ]
  const row = await db
    .insertInto('decision')
    .values({
      application_id: applicationId,
      kind: 'initial',
      outcome: options.outcome ?? 'granted',
      monthly_amount_cents: components.reduce((n, c) => n + c.cents, 0),
      components: JSON.stringify(components),
      period_from: options.periodFrom,
      period_to: options.periodTo ?? yearLater(options.periodFrom),
      legal_basis: '§§ 41 ff. SGB XII',
      reasons: 'Die Voraussetzungen liegen vor.',
      status: 'final',
      decided_by: decidedBy,
      decided_at: options.finalAt ?? new Date('2026-01-01T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.updateTable('application').set({ status: 'decided' }).where('id', '=', applicationId).execute()
  return row.id
}

/** A case with a granted final decision from `periodFrom`; the applicant's account from the form. */
export async function buildGrantedCase(
  db: Db,
  decidedBy: string,
  options: {
    periodFrom: string
    periodTo?: string
    components?: AmountComponent[]
    surname?: string
    postId?: string | null
  },
) {
  const created = await buildCase(db, {
    surname: options.surname ?? 'Mustermann-Öztürk',
    postId: options.postId ?? null,
  })
  const decisionId = await buildPaymentDecision(db, created.applicationId, decidedBy, options)
  return { ...created, decisionId }
}
