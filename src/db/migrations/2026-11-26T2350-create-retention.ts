// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Retention and deletion (Löschfristen, security issue C8): the deletion runs, the log of what each run
 * deleted, the data-protection officer's releases of case-file deletions, and the record of anonymised staff
 * accounts. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: when a deletion run happened and how it was started. run_day makes the daily run
  // happen once per day across all app instances (the first instance to insert the day's row runs it).
  // Retention: kept as long as the deletion log (it is its header).
  await sql`
    create table deletion_run (
      id uuid primary key default gen_random_uuid(),
      trigger text not null check (trigger in ('scheduled', 'manual')),
      run_day date unique,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      error text
    )`.execute(db)

  // The deletion log. No deleted content: only the category, the rule, how many and the ids (uuids, never
  // names, references or text), so that the audit trail's references by id can be matched to "deleted on
  // date by rule". Retention: kept like the audit log (it is the proof that deletion happened).
  await sql`
    create table deletion_log (
      id bigint generated always as identity primary key,
      run_id uuid not null references deletion_run (id),
      category text not null,
      rule text not null,
      action text not null check (action in ('deleted', 'anonymised')),
      count integer not null check (count >= 0),
      subject_ids text[] not null default '{}',
      release_id uuid,
      logged_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index deletion_log_run_idx on deletion_log (run_id, id)`.execute(db)

  // The data-protection officer's release of a deletion that needs one (case files, complaints): exactly
  // the ids of the dry-run report she saw. Personal data by reference only (ids of cases, staff id).
  // Retention: as the deletion log.
  await sql`
    create table deletion_release (
      id uuid primary key default gen_random_uuid(),
      category text not null,
      subject_ids text[] not null,
      released_by uuid not null references staff_user (id),
      released_at timestamptz not null default now(),
      expires_at timestamptz not null,
      consumed_at timestamptz,
      run_id uuid references deletion_run (id)
    )`.execute(db)
  await sql`create index deletion_release_open_idx on deletion_release (category) where consumed_at is null`.execute(
    db,
  )

  // Which staff accounts had their names anonymised (no personal data: the id only). Retention: kept.
  await sql`
    create table staff_anonymisation (
      staff_user_id uuid primary key references staff_user (id),
      anonymised_at timestamptz not null default now(),
      run_id uuid references deletion_run (id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
