// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Bank statement import (camt.053, issue 8): the statements read and, per transaction matched to a released
 * payment item, whether the bank executed or returned it. Released items stay immutable; their bank status
 * lives here. Adds the deadline kind 'payment_returned' that raises a case with an open return in the inbox.
 * Frozen in time: never import app code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One imported statement (camt.053 Stmt). No personal data of citizens (the office's own account).
  // Retention: as payment_run (cash office records, 10 years after the end of the budget year).
  await sql`
    create table payment_statement (
      id uuid primary key default gen_random_uuid(),
      statement_id text not null,
      account_iban text not null,
      message_id text not null,
      camt_version text not null,
      imported_by uuid not null references staff_user (id),
      imported_at timestamptz not null default now(),
      unique (account_iban, statement_id)
    )`.execute(db)

  // The bank's answer for one payment item. Personal data (amount paid to a household, return reason).
  // Retention: as payment_item. No foreign key to application (see payment_item).
  await sql`
    create table payment_booking (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references payment_item (id),
      application_id uuid not null,
      statement_id uuid not null references payment_statement (id),
      entry_key text not null,
      status text not null check (status in ('executed', 'returned')),
      booking_date date not null,
      amount_cents bigint not null check (amount_cents > 0),
      return_reason text,
      return_info text,
      resolved_at timestamptz,
      resolved_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      unique (statement_id, entry_key),
      unique (item_id, status)
    )`.execute(db)
  await sql`create index payment_booking_open_return on payment_booking (application_id)
    where status = 'returned' and resolved_at is null`.execute(db)

  await sql`alter table application drop constraint application_next_deadline_kind_check`.execute(db)
  await sql`
    alter table application add constraint application_next_deadline_kind_check
      check (next_deadline_kind in ('undecided', 'objection', 'period_ending', 'documents_overdue', 'step_overdue',
        'payment_returned'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
