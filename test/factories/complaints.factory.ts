// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { AppDeps } from '../../src/http/context.js'
import { type ComplaintInput, complaintsService } from '../../src/modules/complaints/index.js'

/** Points a complaint category at a unit (configuration an administrator would make). */
export async function setCategoryUnit(db: Db, code: string, unitId: string | null): Promise<void> {
  await db.updateTable('complaint_category').set({ unit_id: unitId }).where('code', '=', code).execute()
}

/**
 * Persists a complaint through the service, as the web form would (anonymous citizen, channel web).
 * Defaults are valid and minimal; override any field.
 */
export function buildComplaint(
  deps: Pick<AppDeps, 'db' | 'fileStore' | 'config'>,
  overrides: Partial<ComplaintInput> = {},
) {
  return complaintsService.createComplaint(
    deps,
    {
      channel: 'web',
      categoryCode: 'processing_time',
      description: 'Ich warte seit drei Monaten auf eine Antwort.',
      ...overrides,
    },
    { type: 'citizen', id: null },
    null,
  )
}

/** Gives an organisation person a sign-in account (so that posts they act for route complaints to them). */
export async function linkStaffAccount(db: Db, personId: string, staffUserId: string): Promise<void> {
  await db.updateTable('person').set({ staff_user_id: staffUserId }).where('id', '=', personId).execute()
}
