// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Issue 3: the audit entry's full context (acting for whom, purpose, outcome, network, session) and
 * break-glass access (grants, the responsible lead's notification, the data-protection officer's review).
 * Frozen in time: never import app code here.
 *
 * The new audit columns are added without values for the entries already written, so that their content —
 * and with it their hash — stays exactly what was sealed (ADR 0018: null members are left out of the hashed
 * content). Only then does `outcome` get its default, so that every later entry, including the citizen's
 * submission written in a CTE, has one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Personal data (staff: who, from which network, in which session). Retention: as the audit log (ADR 0007).
  await sql`
    alter table audit_event
      add column acting_for_post_id text,
      add column purpose text,
      add column outcome text check (outcome in ('success', 'denied')),
      add column client_address text,
      add column session_id text`.execute(db)
  await sql`alter table audit_event alter column outcome set default 'success'`.execute(db)
  // The access-history screens page through a case's trail by id, newest first.
  await sql`create index audit_event_actor_idx on audit_event (actor_id, id) where actor_type = 'staff'`.execute(
    db,
  )
  // Case lists record the ids they showed; the case's access history finds them through this index.
  await sql`create index audit_event_list_ids_idx on audit_event using gin ((details -> 'ids'))
    where subject_type = 'case_list'`.execute(db)

  // Personal data (staff member, the reason she gave, which case). Retention: as the audit log — a grant is
  // evidence of an access to social data and is kept as long as the entries that record it.
  await sql`
    create table break_glass_grant (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      staff_user_id uuid not null references staff_user (id),
      reason text not null check (length(btrim(reason)) >= 20 and length(reason) <= 2000),
      granted_at timestamptz not null,
      expires_at timestamptz not null,
      review_status text not null default 'pending' check (review_status in ('pending', 'confirmed', 'flagged')),
      reviewed_by uuid references staff_user (id),
      reviewed_at timestamptz,
      review_note text check (review_note is null or length(review_note) <= 2000),
      check (expires_at > granted_at),
      check ((review_status = 'pending') = (reviewed_by is null and reviewed_at is null))
    )`.execute(db)
  await sql`create index break_glass_grant_active_idx on break_glass_grant (staff_user_id, expires_at)`.execute(
    db,
  )
  await sql`create index break_glass_grant_case_idx on break_glass_grant (application_id, expires_at)`.execute(
    db,
  )
  await sql`create index break_glass_grant_review_idx on break_glass_grant (granted_at) where review_status = 'pending'`.execute(
    db,
  )

  // Personal data (who broke glass, who is told). Retention: as the grant it belongs to.
  // E-mail is not used: the lead sees it on her inbox page, administrators in a list.
  await sql`
    create table break_glass_notification (
      id uuid primary key default gen_random_uuid(),
      grant_id uuid not null unique references break_glass_grant (id),
      recipient_post_id uuid references post (id),
      recipient_staff_user_id uuid references staff_user (id),
      created_at timestamptz not null,
      read_at timestamptz
    )`.execute(db)
  await sql`create index break_glass_notification_recipient_idx on break_glass_notification
    (recipient_staff_user_id, created_at) where read_at is null`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
