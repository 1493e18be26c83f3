// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The foundation: staff accounts and sessions, drafts, submitted applications, their documents and status
 * history, the audit table and rate-limit counters. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pgcrypto`.execute(db)

  // Personal data (staff names). Retention: the security issue adds closing and anonymising of accounts.
  await sql`
    create table staff_user (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('caseworker', 'team_lead', 'administrator')),
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)

  // Only a hash of the cookie token is stored, so a copy of this table opens no session.
  await sql`
    create table staff_session (
      id_hash bytea primary key,
      staff_user_id uuid not null references staff_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db)
  await sql`create index staff_session_user_idx on staff_session (staff_user_id)`.execute(db)

  // Personal social data (SGB X §67). Retention: deleted when expires_at has passed (DRAFT_RETENTION_DAYS
  // after the last change) or when the draft is submitted.
  await sql`
    create table application_draft (
      id uuid primary key default gen_random_uuid(),
      resume_code_hash bytea not null unique,
      benefit_type text not null,
      answers jsonb not null default '{}'::jsonb,
      completed_steps text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db)
  await sql`create index application_draft_expires_idx on application_draft (expires_at)`.execute(db)

  await sql`create sequence application_reference_seq`.execute(db)

  // Personal social data (SGB X §67, DSGVO Art. 9). The answers are the application exactly as submitted
  // and never change. Retention: the case file's retention rule (security issue: Löschfristen).
  await sql`
    create table application (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      benefit_type text not null,
      status text not null check (status in ('submitted', 'in_review')),
      applicant_surname text not null,
      applicant_given_name text not null,
      applicant_birth_date date not null,
      answers jsonb not null,
      access_code_hash bytea not null,
      submitted_at timestamptz not null default now(),
      status_changed_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index application_submitted_idx on application (submitted_at desc, id desc)`.execute(db)
  await sql`create index application_status_submitted_idx on application (status, submitted_at desc, id desc)`.execute(
    db,
  )

  await sql`
    create table application_status_change (
      id bigint generated always as identity primary key,
      application_id uuid not null references application (id),
      from_status text,
      to_status text not null,
      changed_by uuid references staff_user (id),
      changed_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index application_status_change_app_idx on application_status_change (application_id)`.execute(
    db,
  )

  // Personal social data: evidence uploaded by citizens. Belongs to a draft until submission, then to the
  // application. Content lives in the file store under storage_key (content-addressed by sha256).
  await sql`
    create table document (
      id uuid primary key default gen_random_uuid(),
      draft_id uuid references application_draft (id) on delete cascade,
      application_id uuid references application (id),
      original_name text not null,
      media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer not null check (size_bytes > 0),
      sha256 bytea not null,
      storage_key text not null,
      uploaded_at timestamptz not null default now(),
      check (draft_id is not null or application_id is not null)
    )`.execute(db)
  await sql`create index document_draft_idx on document (draft_id)`.execute(db)
  await sql`create index document_application_idx on document (application_id)`.execute(db)

  // Holds who saw or changed which social data; no social data itself. Append-only. prev_hash/hash are
  // reserved for the hash chain of the security issue (each row will hash its content and its
  // predecessor's hash; the identity column gives the order).
  await sql`
    create table audit_event (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_type text not null check (actor_type in ('staff', 'citizen', 'system')),
      actor_id text,
      action text not null,
      subject_type text not null,
      subject_id text not null,
      request_id text,
      details jsonb not null default '{}'::jsonb,
      prev_hash bytea,
      hash bytea
    )`.execute(db)
  await sql`create index audit_event_subject_idx on audit_event (subject_type, subject_id, id)`.execute(db)
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$`.execute(db)
  await sql`
    create trigger audit_event_no_change before update or delete on audit_event
    for each statement execute function audit_event_append_only()`.execute(db)

  // Fixed-window counters shared by all app instances. Keys are hashes (no IP addresses stored).
  await sql`
    create table rate_limit (
      bucket text not null,
      key_hash bytea not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (bucket, key_hash, window_start)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
