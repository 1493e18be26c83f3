// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { ApplicationStatus } from '../../src/modules/applications/applications.table.js'

/** Persists a final decision on a case, as the workbench would have written it (no letter). */
export async function buildFinalDecision(
  db: Db,
  applicationId: string,
  decidedBy: string,
  options: {
    kind?: 'initial' | 'objection'
    outcome: 'granted' | 'partly_granted' | 'refused'
    finalAt: Date
    periodFrom?: string | null
    periodTo?: string | null
    monthlyCents?: number
  },
): Promise<void> {
  await db
    .insertInto('decision')
    .values({
      application_id: applicationId,
      kind: options.kind ?? 'initial',
      outcome: options.outcome,
      monthly_amount_cents: options.monthlyCents ?? 0,
      period_from: options.periodFrom ?? null,
      period_to: options.periodTo ?? null,
      legal_basis: '§§ 41 ff. SGB XII',
      reasons: 'Testentscheidung',
      status: 'final',
      decided_by: decidedBy,
      decided_at: options.finalAt,
      components: '[]',
    })
    .execute()
}

/** Persists a status change of a case at a given instant. */
export async function buildStatusChange(
  db: Db,
  applicationId: string,
  to: ApplicationStatus,
  at: Date,
): Promise<void> {
  await db
    .insertInto('application_status_change')
    .values({ application_id: applicationId, from_status: null, to_status: to, changed_at: at })
    .execute()
}
