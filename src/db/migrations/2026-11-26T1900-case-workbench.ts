// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The caseworker workbench (issue 4): routing rules that assign cases to posts, the assignment history,
 * explicit shares, dated priority rules, urgency columns for the inbox order, notes, document requests and
 * decisions with four-eyes approval. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Urgency is stored, not computed per read: the inbox sorts by it through an index, so its first page
  // costs the same at 20,000 and at 2,000,000 cases. Recomputed on every case event and when new
  // priority rules come into force (cases.urgency.ts).
  await sql`
    alter table application
      add column surname_key text,
      add column priority_class smallint not null default 1 check (priority_class in (0, 1, 2)),
      add column next_deadline_at timestamptz,
      add column next_deadline_kind text
        check (next_deadline_kind in ('undecided', 'objection', 'period_ending', 'documents_overdue')),
      add column objection_received_at timestamptz,
      add column benefit_period_end date,
      add column urgency_config_id uuid`.execute(db)
  await sql`update application set surname_key = upper(applicant_surname)`.execute(db)
  await sql`alter table application alter column surname_key set not null`.execute(db)
  await sql`
    create index application_inbox_idx on application
      (assigned_post_id, priority_class, coalesce(next_deadline_at, 'infinity'::timestamptz), submitted_at, id)
      where status <> 'closed'`.execute(db)
  // Counts per post and status for the inbox header, read from the index alone.
  await sql`drop index application_post_idx`.execute(db)
  await sql`create index application_post_status_idx on application (assigned_post_id, status)`.execute(db)
  await sql`create index application_surname_search_idx on application (lower(applicant_surname) text_pattern_ops)`.execute(
    db,
  )

  // No personal data. First matching rule by position wins; letter ranges compare the DIN 5007-1 key of the
  // surname (Ä = A, ß = SS) with `surname_from` (inclusive) and the prefix `surname_to` (inclusive).
  await sql`
    create table routing_rule (
      id uuid primary key default gen_random_uuid(),
      position integer not null check (position > 0),
      benefit_type text,
      surname_from text check (surname_from ~ '^[A-Z]{1,3}$'),
      surname_to text check (surname_to ~ '^[A-Z]{1,3}$'),
      target_post_id uuid not null references post (id),
      valid_from timestamptz not null,
      valid_to timestamptz,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      check (valid_to is null or valid_to > valid_from),
      check (surname_from is null or surname_to is null or surname_from <= surname_to),
      exclude using gist (position with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)

  // Case history (personal social data by reference). Retention: as the case file.
  await sql`
    create table case_assignment (
      id bigint generated always as identity primary key,
      application_id uuid not null references application (id),
      post_id uuid references post (id),
      rule_id uuid references routing_rule (id),
      assigned_by uuid references staff_user (id),
      reason text,
      assigned_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index case_assignment_app_idx on case_assignment (application_id, id)`.execute(db)

  // Gives one staff member access to one case for a period, with a reason (need-to-know exception).
  await sql`
    create table case_share (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      staff_user_id uuid not null references staff_user (id),
      shared_by uuid not null references staff_user (id),
      reason text not null check (length(reason) between 3 and 500),
      valid_from timestamptz not null default now(),
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from)
    )`.execute(db)
  await sql`create index case_share_user_idx on case_share (staff_user_id, application_id)`.execute(db)

  // Dated configuration of the priority rules (no personal data). The rules in force at an instant are
  // those of the row with the latest valid_from not after it.
  await sql`
    create table priority_config (
      id uuid primary key default gen_random_uuid(),
      valid_from timestamptz not null unique,
      rules jsonb not null,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    insert into priority_config (valid_from, rules) values ('2026-01-01T00:00:00+01:00', ${JSON.stringify({
      benefitTypes: {
        grusi: { livelihood: true, statutory: true },
        hlu: { livelihood: true, statutory: true },
        asylblg: { livelihood: true, statutory: true },
        eingliederungshilfe: { livelihood: false, statutory: true },
        hilfe_zur_pflege: { livelihood: false, statutory: true },
        bildung_teilhabe: { livelihood: false, statutory: true },
        seniorenberatung: { livelihood: false, statutory: false },
      },
      unknownBenefitType: { livelihood: false, statutory: true },
      undecidedAfterMonths: 6,
      objectionAfterMonths: 3,
      periodEndingWithinWeeks: 4,
      riskWithinDays: 28,
    })}::jsonb)`.execute(db)

  // Personal social data (what a caseworker wrote). Retention: as the case file. Never edited.
  await sql`
    create table case_note (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      author_id uuid not null references staff_user (id),
      acting_for_post_id uuid references post (id),
      body text not null check (length(body) between 1 and 10000),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index case_note_app_idx on case_note (application_id, created_at)`.execute(db)

  // Personal social data (what is asked of the citizen). Retention: as the case file.
  await sql`
    create table document_request (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      description text not null check (length(description) between 3 and 2000),
      due_on date not null,
      requested_by uuid not null references staff_user (id),
      acting_for_post_id uuid references post (id),
      requested_at timestamptz not null default now(),
      fulfilled_at timestamptz,
      cancelled_at timestamptz
    )`.execute(db)
  await sql`create index document_request_app_idx on document_request (application_id)`.execute(db)
  await sql`alter table document add column document_request_id uuid references document_request (id)`.execute(
    db,
  )

  // Dated configuration (no personal data): which decisions need a second pair of eyes, and whose. Without
  // an approving post, the head post of the case's unit approves (the usual team-lead sign-off).
  await sql`
    create table approval_rule (
      id uuid primary key default gen_random_uuid(),
      benefit_type text,
      min_monthly_cents bigint not null default 0 check (min_monthly_cents >= 0),
      approving_post_id uuid references post (id),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from)
    )`.execute(db)

  // Personal social data (the decision on a person's benefit). Retention: as the case file. A decision is
  // never edited after it became final; a returned one stays as history and a new one is drafted.
  await sql`
    create table decision (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      kind text not null check (kind in ('initial', 'objection')),
      outcome text not null check (outcome in ('granted', 'partly_granted', 'refused')),
      monthly_amount_cents bigint not null check (monthly_amount_cents >= 0),
      components jsonb not null default '[]'::jsonb,
      period_from date,
      period_to date,
      legal_basis text not null,
      reasons text not null,
      status text not null check (status in ('awaiting_approval', 'returned', 'final')),
      decided_by uuid not null references staff_user (id),
      decided_via_post_id uuid references post (id),
      decided_for_post_id uuid references post (id),
      decided_acting_kind text,
      decided_at timestamptz not null default now(),
      approval_post_id uuid references post (id),
      approved_by uuid references staff_user (id),
      approved_via_post_id uuid references post (id),
      approved_acting_kind text,
      approved_at timestamptz,
      return_reason text,
      letter_storage_key text,
      letter_sha256 bytea,
      check (period_to is null or period_from is null or period_to >= period_from),
      check (outcome = 'refused' or (period_from is not null and period_to is not null))
    )`.execute(db)
  await sql`create index decision_app_idx on decision (application_id, decided_at)`.execute(db)
  await sql`create index decision_approval_idx on decision (approval_post_id) where status = 'awaiting_approval'`.execute(
    db,
  )
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
