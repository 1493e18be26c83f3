// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Team routing (issue 4, ADR 0029): a routing rule may send a case to a team (org unit) instead of a post;
 * inside the team, the team's own dated rules (`within_unit_id`) pick the post, and what none of them
 * matches waits in the team's queue (Teameingang: `application.queue_unit_id`, no post yet).
 * Frozen in time: never import app code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // routing_rule holds no personal data (configuration). A rule targets exactly one post or one team; a rule
  // with `within_unit_id` applies only to cases already routed to that team and targets a post.
  await sql`
    alter table routing_rule
      alter column target_post_id drop not null,
      add column target_unit_id uuid references org_unit (id),
      add column within_unit_id uuid references org_unit (id),
      add constraint routing_rule_one_target check ((target_post_id is null) <> (target_unit_id is null)),
      add constraint routing_rule_team_rule_targets_post check (within_unit_id is null or target_unit_id is null)`.execute(
    db,
  )
  // Positions are unique per stage: office-wide rules among themselves, each team's rules among themselves.
  await sql`
    do $$
    declare c text;
    begin
      select conname into c from pg_constraint where conrelid = 'routing_rule'::regclass and contype = 'x';
      execute format('alter table routing_rule drop constraint %I', c);
    end $$`.execute(db)
  await sql`
    alter table routing_rule add constraint routing_rule_position_excl exclude using gist (
      (coalesce(within_unit_id, '00000000-0000-0000-0000-000000000000'::uuid)) with =,
      position with =,
      tstzrange(valid_from, valid_to, '[)') with &&)`.execute(db)

  // The team queue of a case (personal social data by reference; retention: as the case). Set only while
  // no post holds the case.
  await sql`
    alter table application
      add column queue_unit_id uuid references org_unit (id),
      add constraint application_queue_without_post check (queue_unit_id is null or assigned_post_id is null)`.execute(
    db,
  )
  // The team queues and the global fallback queue in priority order, from a small partial index (only cases
  // without a post): the first page of a queue costs the same at 20,000 and at 2,000,000 cases.
  await sql`
    create index application_queue_idx on application
      (queue_unit_id, priority_class, coalesce(next_deadline_at, 'infinity'::timestamptz), submitted_at, id)
      where status <> 'closed' and assigned_post_id is null`.execute(db)

  // Case history: the team a case was routed to (for the timeline).
  await sql`alter table case_assignment add column queue_unit_id uuid references org_unit (id)`.execute(db)
}
