// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The export for the organisational review (Organisationsuntersuchung, issue 7): the dated task catalogue and
 * the optional self-recording of minutes per task in a recording window. Frozen in time: never import app
 * code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: configuration. The task catalogue in force at an instant is the row with the latest
  // valid_from not after it. Each task type says whether it is a statutory duty and where Lotse counts it
  // from (`application`, `objection`, or null: only through self-recording). Retention: kept.
  await sql`
    create table org_review_catalogue (
      id uuid primary key default gen_random_uuid(),
      valid_from timestamptz not null unique,
      catalogue jsonb not null,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    insert into org_review_catalogue (valid_from, catalogue) values ('2020-01-01T00:00:00+01:00', ${JSON.stringify(
      {
        tasks: [
          { code: 'new_application', label: 'Erstantrag', statutory: true, source: 'application' },
          { code: 'continuation', label: 'Weiterbewilligung', statutory: true, source: null },
          { code: 'change', label: 'Änderung', statutory: true, source: null },
          { code: 'recovery', label: 'Rückforderung', statutory: true, source: null },
          { code: 'objection', label: 'Widerspruch', statutory: true, source: 'objection' },
          { code: 'cost_reimbursement', label: 'Kostenerstattung', statutory: true, source: null },
          { code: 'advice', label: 'Beratung (§ 11 SGB XII)', statutory: true, source: null },
          { code: 'payment_order', label: 'Zahlungsanordnung', statutory: true, source: null },
          { code: 'voluntary_service', label: 'Freiwillige Leistung', statutory: false, source: null },
        ],
      },
    )}::jsonb)`.execute(db)

  // No personal data: which unit records when, and who opened the window (a staff account). A window lasts
  // 4 to 8 weeks (28 to 56 calendar days, both ends included). Retention: kept with the review's records.
  await sql`
    create table time_recording_window (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references org_unit (id),
      starts_on date not null,
      ends_on date not null,
      opened_by uuid not null references staff_user (id),
      opened_at timestamptz not null default now(),
      check (ends_on - starts_on + 1 between 28 and 56)
    )`.execute(db)
  await sql`create index time_recording_window_unit on time_recording_window (unit_id, starts_on)`.execute(db)

  // Personal data of employees (minutes a staff member recorded for a task type; no case, no citizen).
  // Shown only as aggregates of at least 3 people; never per person to a lead. Retention: delete 12 months
  // after the window ended (the review has used the aggregates by then).
  await sql`
    create table time_recording (
      id uuid primary key default gen_random_uuid(),
      window_id uuid not null references time_recording_window (id),
      staff_user_id uuid not null references staff_user (id),
      task_type text not null check (task_type ~ '^[a-z_]{1,40}$'),
      minutes integer not null check (minutes between 1 and 600),
      recorded_on date not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index time_recording_window_idx on time_recording (window_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
