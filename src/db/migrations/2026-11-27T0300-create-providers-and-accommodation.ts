// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Providers (Träger) with their contracts, payments and documents, and the shared accommodation
 * (Gemeinschaftsunterkünfte) with places and stays (issue 8). Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Trusted extension (PostgreSQL ≥ 13): the database owner may create it. Needed for the exclusion
  // constraints below, which combine equality on a uuid with overlap of a date range.
  await sql`create extension if not exists btree_gist`.execute(db)

  // No personal data: organisations. The contact is a role or function mailbox, never a named person.
  // Retention: kept while contracts refer to the provider (public procurement records, 10 years).
  await sql`
    create table provider (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(name) between 2 and 200),
      legal_form text check (legal_form is null or length(legal_form) <= 100),
      address text not null check (length(address) between 5 and 500),
      contact_role text check (contact_role is null or length(contact_role) <= 200),
      contact_email text check (contact_email is null or length(contact_email) <= 254),
      created_at timestamptz not null default now()
    )`.execute(db)

  // No personal data: an accommodation site and its places. Retention: kept (facility records).
  await sql`
    create table accommodation_site (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(name) between 2 and 200),
      address text not null check (length(address) between 5 and 500),
      capacity integer not null check (capacity between 1 and 10000),
      created_at timestamptz not null default now()
    )`.execute(db)

  // No personal data. Contracts with providers: budget contracts (Budgetverträge) and the operator, care and
  // guarding contracts of a site. `valid_to` is the last day of the term (inclusive); `predecessor_id` links
  // a renegotiated contract to the one it replaces (one successor per contract). Retention: 10 years after
  // the end of the term (§ 147 AO analogue for public procurement files).
  await sql`
    create table provider_contract (
      id uuid primary key default gen_random_uuid(),
      provider_id uuid not null references provider (id),
      kind text not null check (kind in ('budget', 'operator', 'care', 'guarding')),
      site_id uuid references accommodation_site (id),
      title text not null check (length(title) between 2 and 200),
      reference text not null unique check (length(reference) between 2 and 60),
      valid_from date not null,
      valid_to date,
      notice_months integer not null default 3 check (notice_months between 0 and 36),
      renegotiation_on date,
      reminder_lead_days integer not null default 60 check (reminder_lead_days between 1 and 365),
      annual_budget_cents bigint check (annual_budget_cents is null or annual_budget_cents >= 0),
      tender_on date,
      awarded_on date,
      predecessor_id uuid unique references provider_contract (id),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      check (valid_to is null or valid_to >= valid_from),
      check (kind = 'budget' or site_id is not null),
      check (kind <> 'budget' or annual_budget_cents is not null),
      check (awarded_on is null or tender_on is null or awarded_on >= tender_on),
      check (predecessor_id is null or predecessor_id <> id)
    )`.execute(db)
  await sql`create index provider_contract_provider on provider_contract (provider_id)`.execute(db)
  await sql`create index provider_contract_site on provider_contract (site_id)`.execute(db)

  // No personal data: payments to an organisation. Retention: 10 years (§ 147 AO).
  await sql`
    create table provider_payment (
      id uuid primary key default gen_random_uuid(),
      contract_id uuid not null references provider_contract (id),
      paid_on date not null,
      amount_cents bigint not null check (amount_cents > 0),
      reference text not null check (length(reference) between 1 and 140),
      booked_by uuid references staff_user (id),
      booked_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index provider_payment_contract on provider_payment (contract_id, paid_on)`.execute(db)

  // No personal data (contract documents of organisations); the bytes live encrypted in the file store
  // (ADR 0019). Retention: with the contract.
  await sql`
    create table provider_contract_document (
      id uuid primary key default gen_random_uuid(),
      contract_id uuid not null references provider_contract (id),
      original_name text not null,
      media_type text not null,
      size_bytes integer not null,
      storage_key text not null,
      uploaded_by uuid references staff_user (id),
      uploaded_at timestamptz not null default now()
    )`.execute(db)

  // No personal data: a bookable place (bed/room) of a site. Capacity guard: a site never has more places
  // than its capacity (trigger below), so that occupancy can never exceed capacity either.
  await sql`
    create table accommodation_place (
      id uuid primary key default gen_random_uuid(),
      site_id uuid not null references accommodation_site (id),
      label text not null check (length(label) between 1 and 60),
      unique (site_id, label),
      unique (site_id, id)
    )`.execute(db)
  await sql`
    create function accommodation_capacity_guard() returns trigger language plpgsql as $$
    declare
      cap integer;
      places integer;
      sid uuid;
    begin
      -- Separate branches: a record field is resolved only when its branch runs.
      if tg_table_name = 'accommodation_site' then
        sid := new.id;
      else
        sid := new.site_id;
      end if;
      select capacity into cap from accommodation_site where id = sid for update;
      select count(*) into places from accommodation_place where site_id = sid;
      if places > cap then
        raise exception 'site % would have % places for a capacity of %', sid, places, cap
          using errcode = 'check_violation', constraint = 'accommodation_capacity';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create constraint trigger accommodation_place_capacity after insert or update on accommodation_place
      for each row execute function accommodation_capacity_guard()`.execute(db)
  await sql`
    create constraint trigger accommodation_site_capacity after update of capacity on accommodation_site
      for each row execute function accommodation_capacity_guard()`.execute(db)

  // PERSONAL DATA (special category context: who lives where, linked to a case). Who lived in which place
  // from `moved_in` to `moved_out` (exclusive; null = still living there). Read only through the need-to-know
  // rule of the case. Retention: with the case (deleted by the case's retention run via the foreign key).
  // A place holds one person at a time and a person lives in one place at a time: exclusion constraints.
  await sql`
    create table accommodation_stay (
      id uuid primary key default gen_random_uuid(),
      site_id uuid not null,
      place_id uuid not null,
      application_id uuid not null references application (id) on delete cascade,
      moved_in date not null,
      moved_out date,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      foreign key (site_id, place_id) references accommodation_place (site_id, id),
      check (moved_out is null or moved_out > moved_in),
      constraint accommodation_stay_no_double_booking
        exclude using gist (place_id with =, daterange(moved_in, moved_out, '[)') with &&),
      constraint accommodation_stay_one_place_per_person
        exclude using gist (application_id with =, daterange(moved_in, moved_out, '[)') with &&)
    )`.execute(db)
  await sql`create index accommodation_stay_site on accommodation_stay (site_id, moved_in)`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table accommodation_stay`.execute(db)
  await sql`drop table accommodation_place`.execute(db)
  await sql`drop function accommodation_capacity_guard() cascade`.execute(db)
  await sql`drop table provider_contract_document`.execute(db)
  await sql`drop table provider_payment`.execute(db)
  await sql`drop table provider_contract`.execute(db)
  await sql`drop table accommodation_site`.execute(db)
  await sql`drop table provider`.execute(db)
}
