// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Monthly payment runs (issue 8, C9): the run, one item (one credit transfer) per case, the lines that make up
 * each item with their source, one-off grants and payment suspensions. Frozen in time: never import app code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One-off grants (einmalige Leistungen) decided on a case. Personal data (what a household was granted).
  // Retention: with the case file.
  await sql`
    create table payment_one_off (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      decision_id uuid references decision (id) on delete set null,
      label text not null check (length(label) between 1 and 140),
      amount_cents bigint not null check (amount_cents > 0),
      due_on date not null,
      legal_basis text not null,
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index payment_one_off_application on payment_one_off (application_id)`.execute(db)

  // Payment suspensions (vorläufige Zahlungseinstellung): while one is in force, a case is held in every run;
  // the held months are paid as arrears once it ends. Personal data. Retention: with the case file.
  await sql`
    create table payment_suspension (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      valid_from date not null,
      valid_to date,
      reason text not null check (length(reason) between 3 and 1000),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      check (valid_to is null or valid_to >= valid_from)
    )`.execute(db)
  await sql`create index payment_suspension_application on payment_suspension (application_id)`.execute(db)

  // A payment run for one target month. No personal data of citizens in the row itself, but its files
  // (pain.001, CSV) hold payee names and IBANs: personal data. Retention: 10 years after the end of the
  // budget year (Kassenbelege, § 147 AO / kommunales Haushaltsrecht). A released run is immutable (trigger);
  // at most one run is in preview at a time, so two previews can never pay the same month twice.
  await sql`
    create table payment_run (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      target_month text not null check (target_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      execution_date date not null,
      status text not null default 'preview' check (status in ('preview', 'released')),
      approval_post_id uuid not null references post (id),
      created_by uuid not null references staff_user (id),
      created_at timestamptz not null default now(),
      item_count integer not null default 0,
      total_cents bigint not null default 0,
      held_count integer not null default 0,
      -- Cases with money due that the run could not pay (no valid account) or holds (suspension), for the
      -- preview: [{ applicationId, reference, reason, cents }].
      skipped jsonb not null default '[]'::jsonb,
      released_by uuid references staff_user (id),
      released_via_post_id uuid references post (id),
      released_acting_kind text,
      released_at timestamptz,
      message_id text,
      pain001 text,
      pain001_sha256 bytea,
      order_csv text,
      check (released_by is null or released_by <> created_by),
      check (status <> 'released' or (released_at is not null and pain001 is not null and order_csv is not null))
    )`.execute(db)
  await sql`create unique index payment_run_one_preview on payment_run ((true)) where status = 'preview'`.execute(
    db,
  )

  // One credit transfer per case and run: the payee as resolved when the run was computed and the total.
  // Personal data (name, IBAN, address). Retention: as payment_run. No foreign key to application: payment
  // records are kept for the cash office's retention period, which can outlast the case file.
  await sql`
    create table payment_item (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references payment_run (id) on delete cascade,
      end_to_end_id text not null unique check (length(end_to_end_id) <= 35),
      application_id uuid not null,
      case_reference text not null,
      payee_name text not null,
      payee_iban text not null,
      payee_bic text,
      payee_source text not null check (payee_source in ('application', 'card')),
      payee_source_ref text,
      street text,
      building_number text,
      postal_code text,
      town text,
      country text,
      amount_cents bigint not null check (amount_cents > 0),
      remittance text not null
    )`.execute(db)
  await sql`create index payment_item_run on payment_item (run_id)`.execute(db)
  await sql`create index payment_item_application on payment_item (application_id)`.execute(db)

  // The lines of an item, each with its source (decision, component, legal basis, days): every cent traces
  // back. Personal data (amounts of a household). Retention: as payment_run.
  await sql`
    create table payment_line (
      id bigint generated always as identity primary key,
      item_id uuid not null references payment_item (id) on delete cascade,
      application_id uuid not null,
      kind text not null check (kind in ('ongoing', 'arrears', 'difference', 'one_off')),
      service_month text not null check (service_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      amount_cents bigint not null check (amount_cents > 0),
      decision_id uuid,
      one_off_id uuid,
      component text not null,
      legal_basis text not null,
      covered_from date not null,
      covered_to date not null,
      benefit_days integer not null check (benefit_days between 0 and 30),
      rule text not null check (rule in ('full_month', 'prorated_30', 'difference', 'one_off'))
    )`.execute(db)
  await sql`create index payment_line_item on payment_line (item_id)`.execute(db)
  await sql`create index payment_line_application on payment_line (application_id, service_month)`.execute(db)

  // Released means immutable: the run row, its items and their lines can be neither changed nor deleted,
  // and nothing can be added to a released run.
  await sql`
    create function payment_run_immutable() returns trigger language plpgsql as $$
    begin
      if old.status = 'released' then
        raise exception 'a released payment run is immutable' using errcode = 'restrict_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db)
  await sql`
    create trigger payment_run_immutable before update or delete on payment_run
      for each row execute function payment_run_immutable()`.execute(db)
  // Items and lines are checked once per statement over the rows it touched (transition tables), not once per
  // row: a run of 10 000 households inserts tens of thousands of lines.
  await sql`
    create function payment_item_guard() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from changed c join payment_run r on r.id = c.run_id where r.status = 'released') then
        raise exception 'the items of a released payment run are immutable' using errcode = 'restrict_violation';
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create function payment_line_guard() returns trigger language plpgsql as $$
    begin
      if exists (
        select 1 from changed c join payment_item i on i.id = c.item_id join payment_run r on r.id = i.run_id
        where r.status = 'released'
      ) then
        raise exception 'the lines of a released payment run are immutable' using errcode = 'restrict_violation';
      end if;
      return null;
    end $$`.execute(db)
  for (const table of ['payment_item', 'payment_line']) {
    const guard = `${table}_guard`
    for (const [suffix, event, transition] of [
      ['insert', 'insert', 'new'],
      ['update_old', 'update', 'old'],
      ['update_new', 'update', 'new'],
      ['delete', 'delete', 'old'],
    ] as const) {
      await sql
        .raw(
          `create trigger ${table}_immutable_${suffix} after ${event} on ${table}
             referencing ${transition} table as changed for each statement execute function ${guard}()`,
        )
        .execute(db)
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
