// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Dated re-mapping of a child onto another adult's payment card (issue 8, ADR 0030): each row says "from this
 * date on, the child's benefits are booked on this adult's card". The child's first mapping stays in
 * household_member.card_holder_member_id; the rows here are the changes after it. Append-only: a row is never
 * changed, so the history shows what was valid when. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Personal data (who in the household is booked on whose card, and why). Retention: with the case (deleted
  // with it, by cascade).
  await sql`
    create table household_child_card (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id) on delete cascade,
      child_member_id uuid not null references household_member (id) on delete cascade,
      holder_member_id uuid not null references household_member (id) on delete cascade,
      valid_from date not null,
      reason text not null check (length(reason) between 1 and 2000),
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      unique (child_member_id, valid_from),
      check (child_member_id <> holder_member_id)
    )`.execute(db)
  await sql`create index household_child_card_application on household_child_card (application_id)`.execute(
    db,
  )
  await sql`
    create function household_child_card_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'household_child_card is append-only: mapping % was changed', old.id;
    end $$`.execute(db)
  await sql`
    create trigger household_child_card_no_update before update on household_child_card
      for each row execute function household_child_card_append_only()`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table household_child_card`.execute(db)
  await sql`drop function household_child_card_append_only`.execute(db)
}
