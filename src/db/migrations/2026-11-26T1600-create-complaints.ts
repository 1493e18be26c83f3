// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Complaint management (issue 5, C5): categories with their responsible unit, complaints with routing,
 * deadlines and outcome, attachments, a timeline, and the outbox of e-mails written in the same transaction
 * as the change that causes them. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: configuration. unit_id null = the configured fallback unit answers for the category.
  await sql`
    create table complaint_category (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[a-z_]{2,40}$'),
      label text not null,
      unit_id uuid references org_unit (id),
      position integer not null default 0,
      active boolean not null default true
    )`.execute(db)
  await sql`
    insert into complaint_category (code, label, position) values
      ('processing_time', 'Bearbeitungsdauer', 10),
      ('reachability', 'Erreichbarkeit', 20),
      ('staff_conduct', 'Verhalten von Beschäftigten', 30),
      ('decision_content', 'Inhalt einer Entscheidung', 40),
      ('data_protection', 'Datenschutz', 50),
      ('accessibility', 'Barrierefreiheit', 60),
      ('other', 'Sonstiges', 90)`.execute(db)

  await sql`create sequence complaint_reference_seq`.execute(db)

  // Personal data: the complainant's contact details (all optional) and the description, which may name
  // anyone. Retention: three years after closure (end of the calendar year), then to be deleted with its
  // attachments, events and mails (Löschfristen, security issue); reports keep only counts.
  // application_id links a named case; the complaint never copies social data of that case.
  await sql`
    create table complaint (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      category_id uuid not null references complaint_category (id),
      description text not null check (length(description) between 1 and 10000),
      channel text not null
        check (channel in ('web', 'phone', 'letter', 'in_person', 'open311', 'webhook')),
      external_id text,
      contact_name text,
      contact_email text,
      contact_phone text,
      contact_address text,
      case_reference text,
      application_id uuid references application (id),
      status text not null default 'received'
        check (status in ('received', 'acknowledged', 'in_progress', 'answered', 'closed')),
      escalated boolean not null default false,
      escalated_at timestamptz,
      reminder_sent_at timestamptz,
      received_at timestamptz not null default now(),
      acknowledged_at timestamptz,
      answered_at timestamptz,
      closed_at timestamptz,
      ack_due_on date not null,
      response_due_on date not null,
      responsible_unit_id uuid references org_unit (id),
      responsible_post_id uuid references post (id),
      routing jsonb not null,
      root_cause text check (root_cause in ('staff_shortage', 'process', 'communication', 'it_system',
        'legal_framework', 'individual_error', 'unfounded', 'other')),
      root_cause_note text,
      measure text,
      reply_text text,
      reply_channel text check (reply_channel in ('email', 'letter')),
      feedback_token_hash bytea unique,
      feedback_rating integer check (feedback_rating between 1 and 5),
      feedback_comment text,
      feedback_at timestamptz,
      created_by uuid references staff_user (id),
      -- A complaint taken over from another system (Open311, webhook) exists once per external id.
      unique (channel, external_id)
    )`.execute(db)
  await sql`create index complaint_status_idx on complaint (status, response_due_on)`.execute(db)
  await sql`create index complaint_unit_idx on complaint (responsible_unit_id)`.execute(db)
  await sql`create index complaint_received_idx on complaint (received_at)`.execute(db)

  // Personal data (files the complainant sent, reply letters). Retention: as complaint.
  await sql`
    create table complaint_attachment (
      id uuid primary key default gen_random_uuid(),
      complaint_id uuid not null references complaint (id) on delete cascade,
      kind text not null check (kind in ('evidence', 'reply_letter')),
      original_name text not null,
      media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer not null check (size_bytes > 0),
      sha256 bytea not null,
      storage_key text not null,
      uploaded_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index complaint_attachment_complaint_idx on complaint_attachment (complaint_id)`.execute(
    db,
  )

  // The complaint's timeline. Details hold facts (status, unit, deadline), never the complainant's data.
  // Retention: as complaint.
  await sql`
    create table complaint_event (
      id bigserial primary key,
      complaint_id uuid not null references complaint (id) on delete cascade,
      kind text not null,
      actor_id uuid references staff_user (id),
      at timestamptz not null default now(),
      details jsonb not null default '{}'
    )`.execute(db)
  await sql`create index complaint_event_complaint_idx on complaint_event (complaint_id, id)`.execute(db)

  // Outbox of e-mails (personal data: recipient address and text). Written in the same transaction as the
  // change; a job sends pending rows and records the send. Retention: 90 days after sending, then deleted.
  await sql`
    create table complaint_mail (
      id uuid primary key default gen_random_uuid(),
      complaint_id uuid references complaint (id) on delete cascade,
      kind text not null,
      recipient text not null,
      subject text not null,
      body text not null,
      attachment_key text,
      attachment_name text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index complaint_mail_pending_idx on complaint_mail (next_attempt_at) where status = 'pending'`.execute(
    db,
  )
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
