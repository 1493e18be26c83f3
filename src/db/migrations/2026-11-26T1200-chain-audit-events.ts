// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Hash chain over `audit_event` (ADR 0007). Rows are inserted unsealed, exactly as before, so that writers
 * never wait for each other; the sealer (`src/modules/audit/audit.sealer.ts`) later gives each committed
 * row its place in the chain (`chain_seq`) and its `prev_hash` and `hash`, in one transaction under an
 * advisory lock. Triggers keep the table append-only: UPDATE only seals an unsealed row once and changes
 * nothing else; DELETE and TRUNCATE are refused.
 *
 * Production additionally takes the privileges away from the application role (the embedded and test
 * servers connect as the owner, so there the triggers are the enforcement):
 *
 *   revoke update, delete, truncate on audit_event from lotse_app;
 *   grant select, insert on audit_event to lotse_app;
 *   grant update (chain_seq, prev_hash, hash) on audit_event to lotse_app;  -- sealing only
 *
 * Personal data: `actor_id` names staff; `details` holds facts about an access (ids, never social data).
 * Retention: kept for as long as the longest retention of the records it describes (retention rules are
 * a separate issue); deleting old entries will need an archived checkpoint first.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_event add column chain_seq bigint`.execute(db)
  await sql`
    alter table audit_event add constraint audit_event_sealed_whole check (
      (chain_seq is null and prev_hash is null and hash is null)
      or (chain_seq > 0 and octet_length(prev_hash) = 32 and octet_length(hash) = 32)
    )`.execute(db)
  // The chain's order; unique so that two sealers can never give out one place twice.
  await sql`create unique index audit_event_chain_seq_idx on audit_event (chain_seq)`.execute(db)
  // The sealer's work list stays small and cheap to find however long the log grows.
  await sql`create index audit_event_unsealed_idx on audit_event (id) where hash is null`.execute(db)

  await sql`drop trigger audit_event_no_change on audit_event`.execute(db)
  await sql`
    create trigger audit_event_no_delete before delete or truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db)
  await sql`
    create function audit_event_seal_once() returns trigger language plpgsql as $$
    begin
      if old.hash is not null then
        raise exception 'audit_event is append-only: entry % is sealed', old.id;
      end if;
      if new.hash is null then
        raise exception 'audit_event is append-only: an update may only seal entry %', old.id;
      end if;
      -- Generic over the columns, so a column added later is protected without touching this function.
      if (to_jsonb(new) - '{chain_seq,prev_hash,hash}'::text[])
          is distinct from (to_jsonb(old) - '{chain_seq,prev_hash,hash}'::text[]) then
        raise exception 'audit_event is append-only: sealing must not change entry %', old.id;
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger audit_event_seal_only before update on audit_event
    for each row execute function audit_event_seal_once()`.execute(db)
  // A writer must not choose its own place in the chain: only the sealer assigns it.
  await sql`
    create function audit_event_insert_unsealed() returns trigger language plpgsql as $$
    begin
      if new.chain_seq is not null or new.prev_hash is not null or new.hash is not null then
        raise exception 'audit_event: new entries are inserted unsealed';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger audit_event_insert_unsealed before insert on audit_event
    for each row execute function audit_event_insert_unsealed()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
