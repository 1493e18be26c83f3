// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Issue 8, remainder of the payments module: returned payments paid again (Rückläufer lines), statement entries
 * that could not be booked kept for the payment office, accounts recorded by caseworkers after a return, and
 * who ended a payment suspension. Frozen in time: never import app code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // A re-payment line names the returned payment (item) it pays again and that payment's return reason.
  // Adding nullable columns changes no released row (the immutability triggers guard row changes only).
  await sql`alter table payment_line add column repays_item_id uuid, add column return_reason text`.execute(
    db,
  )
  await sql`alter table payment_line drop constraint payment_line_kind_check`.execute(db)
  await sql`alter table payment_line drop constraint payment_line_rule_check`.execute(db)
  await sql`
    alter table payment_line
      add constraint payment_line_kind_check
        check (kind in ('ongoing', 'arrears', 'difference', 'one_off', 'repayment')),
      add constraint payment_line_rule_check
        check (rule in ('full_month', 'prorated_30', 'difference', 'one_off', 'repayment')),
      add constraint payment_line_repayment_names_item
        check ((kind = 'repayment') = (repays_item_id is not null))`.execute(db)
  await sql`create index payment_line_repays on payment_line (repays_item_id) where repays_item_id is not null`.execute(
    db,
  )

  // Statement entries the import could not book: no or unknown EndToEndId, credits without a return reason,
  // entries not booked, and amount differences. Personal data (an amount difference names a household's
  // payment; an unknown credit may come from a person). Retention: as payment_statement (cash office records,
  // 10 years after the end of the budget year). One row per statement entry: a re-import adds nothing.
  await sql`
    create table payment_statement_exception (
      id uuid primary key default gen_random_uuid(),
      statement_id uuid not null references payment_statement (id),
      entry_key text not null,
      entry_reference text not null,
      kind text not null check (kind in ('unmatched', 'amount_mismatch')),
      booking_date date not null,
      direction text not null check (direction in ('credit', 'debit')),
      amount_cents bigint not null check (amount_cents >= 0),
      end_to_end_id text,
      item_id uuid references payment_item (id),
      application_id uuid,
      expected_cents bigint,
      why text not null check (length(why) between 1 and 500),
      resolved_at timestamptz,
      resolved_by uuid references staff_user (id),
      resolution_note text check (resolution_note is null or length(resolution_note) between 3 and 1000),
      created_at timestamptz not null default now(),
      unique (statement_id, entry_key),
      check ((resolved_at is null) = (resolved_by is null)),
      check ((resolved_at is null) = (resolution_note is null))
    )`.execute(db)
  await sql`create index payment_statement_exception_open on payment_statement_exception (created_at)
    where resolved_at is null`.execute(db)

  // A bank account a caseworker recorded for a case (e.g. after a returned payment): the payee from then on,
  // unless an active payment card takes precedence. Dated: the latest recorded account is in force; older ones
  // stay as history. Personal data (name, IBAN). Retention: with the case file.
  await sql`
    create table payment_account (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      account_holder text not null check (length(account_holder) between 2 and 70),
      iban text not null check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      bic text,
      recorded_by uuid not null references staff_user (id),
      recorded_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index payment_account_application on payment_account (application_id, recorded_at desc)`.execute(
    db,
  )

  // Who ended a payment suspension, when and why (the suspension row itself is the dated record).
  await sql`
    alter table payment_suspension
      add column ended_by uuid references staff_user (id),
      add column ended_at timestamptz,
      add column end_reason text check (end_reason is null or length(end_reason) between 3 and 1000)`.execute(
    db,
  )
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
