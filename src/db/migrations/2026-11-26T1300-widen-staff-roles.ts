// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The full staff role set of the security issue (C8): besides caseworker, team lead and administrator, the
 * heads of department and division, the complaints coordinator, the auditor (read-only) and the
 * data-protection officer. Citizens have no account. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff_user drop constraint staff_user_role_check`.execute(db)
  await sql`
    alter table staff_user add constraint staff_user_role_check check (role in (
      'caseworker', 'team_lead', 'department_head', 'division_head', 'complaints_coordinator',
      'auditor', 'data_protection_officer', 'administrator'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
