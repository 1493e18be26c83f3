// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Process standards applied in cases (issue 6): which standard a case kind follows, the checklist a case
 * follows (pinned to the version in force when the case started), the current state of its items and the
 * history of who ticked or waived what; a new deadline kind 'step_overdue'. Then onboarding: plan templates
 * per role, plans started when a person is given a post, and their tasks. Frozen in time: never import app
 * code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data. Configuration: which process standard (by key) a case of a benefit type and kind
  // follows. Kept until changed by an administrator.
  await sql`
    create table case_standard_mapping (
      benefit_type text not null,
      case_kind text not null check (case_kind in ('initial', 'objection')),
      standard_key text not null,
      primary key (benefit_type, case_kind)
    )`.execute(db)
  await sql`
    insert into case_standard_mapping (benefit_type, case_kind, standard_key) values
      ('grusi', 'initial', 'erstantrag-grundsicherung'),
      ('grusi', 'objection', 'widerspruch-grundsicherung')`.execute(db)

  // Part of the case file (social data by reference to the case). Retention: as the case file.
  // One checklist per case and kind; `open_step_due_dates` is derived (kept by the service on every change)
  // so that the urgency of a case can read its step deadlines without interpreting the standard's JSON.
  await sql`
    create table case_checklist (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      case_kind text not null check (case_kind in ('initial', 'objection')),
      standard_key text not null,
      standard_version_id uuid not null references process_standard_version (id),
      version integer not null,
      started_at timestamptz not null,
      pinned_at timestamptz not null default now(),
      adopted_by uuid references staff_user (id),
      adopted_at timestamptz,
      open_step_due_dates date[] not null default '{}',
      unique (application_id, case_kind)
    )`.execute(db)

  // Part of the case file. Retention: as the case file. The current state of one item of a checklist.
  await sql`
    create table case_checklist_mark (
      checklist_id uuid not null references case_checklist (id),
      step_key text not null,
      item_index integer not null check (item_index >= 0),
      state text not null check (state in ('done', 'waived')),
      reason text check (state <> 'waived' or length(btrim(reason)) > 0),
      marked_by uuid not null references staff_user (id),
      acting_for_post_id uuid references post (id),
      marked_at timestamptz not null default now(),
      primary key (checklist_id, step_key, item_index)
    )`.execute(db)

  // Part of the case file (who did what, when). Retention: as the case file. Append-only history.
  await sql`
    create table case_checklist_event (
      id bigint generated always as identity primary key,
      application_id uuid not null references application (id),
      checklist_id uuid not null references case_checklist (id),
      kind text not null check (kind in ('done', 'waived', 'reopened', 'adopted')),
      step_key text,
      item_text text,
      reason text,
      version integer not null,
      by_staff_id uuid not null references staff_user (id),
      acting_for_post_id uuid references post (id),
      at timestamptz not null default now()
    )`.execute(db)
  await sql`create index case_checklist_event_application_idx on case_checklist_event (application_id, id)`.execute(
    db,
  )

  await sql`alter table application drop constraint application_next_deadline_kind_check`.execute(db)
  await sql`
    alter table application add constraint application_next_deadline_kind_check
      check (next_deadline_kind in ('undecided', 'objection', 'period_ending', 'documents_overdue', 'step_overdue'))`.execute(
    db,
  )

  // No personal data. An onboarding plan template for newcomers of a staff role; applies to post holdings
  // that start on or after valid_from. Kept until replaced.
  await sql`
    create table onboarding_template (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      title text not null,
      role text not null,
      mentor_post_id uuid references post (id),
      solo_after_days integer not null check (solo_after_days between 1 and 365),
      valid_from date not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table onboarding_template_task (
      id uuid primary key default gen_random_uuid(),
      template_id uuid not null references onboarding_template (id),
      position integer not null,
      period text not null check (period in ('week1', 'week2', 'week3', 'month2', 'month3')),
      title text not null,
      description text not null default '',
      knowledge_slug text,
      standard_key text,
      unique (template_id, position)
    )`.execute(db)

  // Personal data of staff (whose onboarding, progress). Retention: deleted one year after completion.
  await sql`
    create table onboarding_plan (
      id uuid primary key default gen_random_uuid(),
      template_id uuid not null references onboarding_template (id),
      post_holding_id uuid not null unique references post_holding (id),
      person_id uuid not null references person (id),
      post_id uuid not null references post (id),
      mentor_post_id uuid references post (id),
      started_on date not null,
      solo_on date not null,
      completed_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table onboarding_plan_task (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references onboarding_plan (id),
      template_task_id uuid not null references onboarding_template_task (id),
      position integer not null,
      period text not null,
      title text not null,
      knowledge_slug text,
      standard_key text,
      due_on date not null,
      done_at timestamptz,
      done_by uuid references staff_user (id),
      confirmed_at timestamptz,
      confirmed_by uuid references staff_user (id),
      unique (plan_id, template_task_id)
    )`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table onboarding_plan_task, onboarding_plan, onboarding_template_task, onboarding_template`.execute(
    db,
  )
  await sql`update application set next_deadline_kind = null where next_deadline_kind = 'step_overdue'`.execute(
    db,
  )
  await sql`alter table application drop constraint application_next_deadline_kind_check`.execute(db)
  await sql`
    alter table application add constraint application_next_deadline_kind_check
      check (next_deadline_kind in ('undecided', 'objection', 'period_ending', 'documents_overdue'))`.execute(
    db,
  )
  await sql`drop table case_checklist_event, case_checklist_mark, case_checklist, case_standard_mapping`.execute(
    db,
  )
}
