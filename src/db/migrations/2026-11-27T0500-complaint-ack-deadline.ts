// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Issue 5: the acknowledgement deadline gets the reminder and escalation the response deadline has. Two
 * timestamps on `complaint` (no new personal data; retention with the complaint). Frozen in time: never
 * import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table complaint
      add column ack_reminder_sent_at timestamptz,
      add column ack_escalated_at timestamptz`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table complaint drop column ack_reminder_sent_at, drop column ack_escalated_at`.execute(db)
}
