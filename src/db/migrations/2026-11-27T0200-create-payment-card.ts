// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The AsylbLG payment card (issue 8, "Payment card"): household members, cards with their dated status
 * history, and approval requests (transfers, use outside Schleswig-Holstein). Frozen in time: never import app
 * code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Personal data (names, dates of birth of the household). Retention: with the case (deleted with it).
  // A child's benefits are booked on the card of the adult named in card_holder_member_id.
  await sql`
    create table household_member (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      given_name text not null check (length(given_name) between 1 and 200),
      surname text not null check (length(surname) between 1 and 200),
      birth_date date,
      role text not null check (role in ('adult', 'child')),
      card_holder_member_id uuid references household_member (id),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      check (role = 'child' or card_holder_member_id is null)
    )`.execute(db)
  await sql`create index household_member_application on household_member (application_id)`.execute(db)

  // Personal data (the card's IBAN, sealed with AES-256-GCM under the document master key named in
  // iban_key_id; the last four characters in clear for recognition). Retention: with the case.
  // At most one card per adult that is not replaced or closed.
  await sql`
    create table payment_card (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      member_id uuid not null references household_member (id) on delete cascade,
      iban_enc bytea not null,
      iban_key_id text not null,
      iban_last4 text not null check (iban_last4 ~ '^[0-9A-Z]{4}$'),
      status text not null check (status in ('ordered', 'active', 'blocked', 'replaced', 'closed')),
      cash_limit_cents integer not null check (cash_limit_cents >= 0),
      replaces_card_id uuid unique references payment_card (id),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index payment_card_application on payment_card (application_id)`.execute(db)
  await sql`
    create unique index payment_card_one_current_per_member on payment_card (member_id)
      where status in ('ordered', 'active', 'blocked')`.execute(db)

  // No personal data beyond the link to the card: the dated status history (for "which card was active on
  // that date"). Retention: with the case.
  await sql`
    create table payment_card_status_change (
      id bigint generated always as identity primary key,
      card_id uuid not null references payment_card (id) on delete cascade,
      from_status text,
      to_status text not null,
      changed_at timestamptz not null default now(),
      changed_by uuid references staff_user (id)
    )`.execute(db)
  await sql`create index payment_card_status_change_card on payment_card_status_change (card_id, changed_at)`.execute(
    db,
  )

  // Personal data (payee, purpose, amounts, travel reasons). Retention: with the case.
  // kind 'transfer': payee, IBAN, purpose, amount or a monthly standing order; kind 'travel': permission to use
  // the card outside Schleswig-Holstein for a period. The decision is entered by hand in the vendor's portal
  // (no API): portal_entered_at/by record who did it.
  await sql`
    create table card_approval (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      card_id uuid references payment_card (id) on delete cascade,
      kind text not null check (kind in ('transfer', 'travel')),
      payee_name text,
      payee_iban text,
      purpose text,
      amount_cents integer check (amount_cents is null or amount_cents > 0),
      standing boolean not null default false,
      travel_from date,
      travel_to date,
      reason text,
      requested_via text not null check (requested_via in ('citizen', 'staff')),
      requested_by uuid references staff_user (id),
      requested_at timestamptz not null default now(),
      responsible_post_id uuid references post (id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'approved', 'refused')),
      decided_at timestamptz,
      decided_by uuid references staff_user (id),
      decided_for_post_id uuid references post (id),
      decision_reason text,
      portal_entered_at timestamptz,
      portal_entered_by uuid references staff_user (id),
      check (kind <> 'transfer' or (payee_name is not null and payee_iban is not null and purpose is not null
        and amount_cents is not null)),
      check (kind <> 'travel' or (travel_from is not null and travel_to is not null and travel_to >= travel_from
        and reason is not null)),
      check ((status = 'open') = (decided_at is null)),
      check (status <> 'refused' or decision_reason is not null),
      check (portal_entered_at is null or status <> 'open')
    )`.execute(db)
  await sql`create index card_approval_application on card_approval (application_id)`.execute(db)
  await sql`create index card_approval_open on card_approval (due_on) where status = 'open'`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table card_approval`.execute(db)
  await sql`drop table payment_card_status_change`.execute(db)
  await sql`drop table payment_card`.execute(db)
  await sql`drop table household_member`.execute(db)
}
