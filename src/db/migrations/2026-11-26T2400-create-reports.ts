// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The committee status report (issue 7, C7): dated report settings, immutable monthly key-figure snapshots
 * and the report versions with their lifecycle. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: configuration. The settings in force at an instant are those of the row with the latest
  // valid_from not after it. Population per year (inhabitants on 31 December of the previous year, as the
  // statistics office publishes them) and the traffic-light thresholds. Retention: kept.
  await sql`
    create table report_setting (
      id uuid primary key default gen_random_uuid(),
      valid_from timestamptz not null unique,
      settings jsonb not null,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    insert into report_setting (valid_from, settings) values ('2020-01-01T00:00:00+01:00', ${JSON.stringify({
      population: { '2024': 218095, '2025': 219044, '2026': 219500, '2027': 219800 },
      deadlineMonths: 6,
      thresholds: {
        processingDaysMedian: { yellow: 30, red: 60 },
        overDeadlineShare: { yellow: 0.05, red: 0.15 },
        casesPerFteOverNorm: { yellow: 0, red: 0.25 },
        presenceRate: { yellow: 0.85, red: 0.75 },
      },
    })}::jsonb)`.execute(db)

  // Aggregated figures only (counts, sums, FTE; no names, no ids of people or cases). Small counts are kept
  // here as computed; suppression for publication happens when a report is rendered. Retention: kept as
  // long as the reports that cite them (council records). Immutable: a correction is a new row (sequence+1)
  // with a note; the trigger below refuses every update and delete.
  await sql`
    create table report_snapshot (
      id uuid primary key default gen_random_uuid(),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      sequence integer not null check (sequence > 0),
      figures jsonb not null,
      note text check (note is null or length(note) between 3 and 1000),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      unique (month, sequence),
      check (sequence = 1 or note is not null)
    )`.execute(db)
  await sql`
    create function report_snapshot_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'report_snapshot rows are immutable' using errcode = 'restrict_violation';
    end $$`.execute(db)
  await sql`
    create trigger report_snapshot_immutable before update or delete on report_snapshot
      for each row execute function report_snapshot_immutable()`.execute(db)

  // No personal data about citizens; the names of the staff who released a report are printed on it (as on
  // every council submission). Retention: kept (council records). A released report is immutable (trigger).
  await sql`
    create table committee_report (
      id uuid primary key default gen_random_uuid(),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      version integer not null check (version > 0),
      status text not null default 'draft' check (status in ('draft', 'in_review', 'released')),
      texts jsonb not null default '{}'::jsonb,
      snapshot_ids jsonb,
      created_by uuid not null references staff_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_by uuid references staff_user (id),
      submitted_at timestamptz,
      released_by uuid references staff_user (id),
      released_by_name text,
      released_for_post_id uuid references post (id),
      released_acting_kind text,
      released_at timestamptz,
      pdf bytea,
      pdf_sha256 bytea,
      unique (month, version),
      check (status <> 'released' or (released_at is not null and pdf is not null and snapshot_ids is not null))
    )`.execute(db)
  await sql`
    create function committee_report_immutable() returns trigger language plpgsql as $$
    begin
      if old.status = 'released' then
        raise exception 'a released committee report is immutable' using errcode = 'restrict_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db)
  await sql`
    create trigger committee_report_immutable before update or delete on committee_report
      for each row execute function committee_report_immutable()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
