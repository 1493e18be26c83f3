// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * The organisation (issue 4): units, posts (Stellen), staff people, who holds which post, absences, deputy
 * rules and interim assignments. Every dated row is valid in the half-open period [valid_from, valid_to):
 * from inclusive, to exclusive, valid_to null = open-ended. Ending a period sets valid_to; nothing is
 * updated in place, so the structure at any past instant can be read back. Exclusion constraints
 * (btree_gist) keep periods that must not overlap apart. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // btree_gist lets an exclusion constraint combine `uuid =` with `tstzrange &&`; trusted since PG 13.
  await sql`create extension if not exists btree_gist`.execute(db)

  // No personal data. A restructuring closes units (valid_to) and opens new ones; rows are never rewritten.
  await sql`
    create table org_unit (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references org_unit (id),
      kind text not null check (kind in ('division', 'department', 'team')),
      name text not null,
      short_code text not null,
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      check (parent_id is null or parent_id <> id),
      -- The short code (e.g. 2.500) names one unit at a time; it may be reused after a restructuring.
      exclude using gist (short_code with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)
  await sql`create index org_unit_parent_idx on org_unit (parent_id)`.execute(db)

  // No personal data (a post exists whether or not anyone holds it). signing_level says up to which level
  // the post may sign; signing_limit_cents optionally caps the amount (null = no amount cap).
  await sql`
    create table post (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references org_unit (id),
      title text not null,
      fte numeric(4, 2) not null check (fte > 0 and fte <= 1),
      task_area text,
      signing_level text not null default 'none'
        check (signing_level in ('none', 'team', 'department', 'division')),
      signing_limit_cents bigint check (signing_limit_cents is null or signing_limit_cents >= 0),
      is_head_of_unit boolean not null default false,
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      -- One head post per unit at any instant: the fallback "acting head of the unit" must be unambiguous.
      exclude using gist (unit_id with =, tstzrange(valid_from, valid_to, '[)') with &&) where (is_head_of_unit)
    )`.execute(db)
  await sql`create index post_unit_idx on post (unit_id)`.execute(db)

  // Personal data (staff names, link to the staff account). Retention: kept while the person holds or held a
  // post whose acts must stay accountable (who signed i.V. for whom); the name is to be anonymised when the
  // retention period of the case files they acted on has passed (Löschfristen, security issue).
  await sql`
    create table person (
      id uuid primary key default gen_random_uuid(),
      display_name text not null,
      staff_user_id uuid unique references staff_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)

  // Personal data (who held which post when). Retention: as person; needed to reconstruct who acted at a past
  // date. No row at an instant = the post is vacant then.
  await sql`
    create table post_holding (
      id uuid primary key default gen_random_uuid(),
      post_id uuid not null references post (id),
      person_id uuid not null references person (id),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      -- A post has at most one holder at any instant (job sharing = two posts of 0.5 FTE).
      exclude using gist (post_id with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)
  await sql`create index post_holding_person_idx on post_holding (person_id)`.execute(db)

  // Personal data (when a person was absent). Deliberately no reason column: illness, leave and training
  // all read "absent", so no health data is stored. Retention: as post_holding (reconstructing who acted);
  // deletion rule with the security issue's Löschfristen. Overlaps are allowed (harmless, same meaning).
  await sql`
    create table absence (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person (id),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from)
    )`.execute(db)
  await sql`create index absence_person_idx on absence (person_id, valid_from)`.execute(db)

  // No personal data (post to post). A permanent deputy (ständige Stellvertretung) has no position and is
  // asked first; chain rules are asked in ascending position.
  await sql`
    create table deputy_rule (
      id uuid primary key default gen_random_uuid(),
      post_id uuid not null references post (id),
      deputy_post_id uuid not null references post (id),
      kind text not null check (kind in ('permanent', 'chain')),
      position integer check (position is null or position > 0),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      check (deputy_post_id <> post_id),
      check ((kind = 'permanent') = (position is null)),
      exclude using gist (post_id with =, tstzrange(valid_from, valid_to, '[)') with &&) where (kind = 'permanent'),
      exclude using gist (post_id with =, position with =, tstzrange(valid_from, valid_to, '[)') with &&)
        where (kind = 'chain'),
      exclude using gist (post_id with =, deputy_post_id with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)
  await sql`create index deputy_rule_deputy_idx on deputy_rule (deputy_post_id)`.execute(db)

  // Personal data when acting_person_id is set (names a person). Retention: as post_holding. An interim
  // assignment (Interimskonzept) overrides holder and chain of the post for its period.
  await sql`
    create table interim_assignment (
      id uuid primary key default gen_random_uuid(),
      post_id uuid not null references post (id),
      acting_post_id uuid references post (id),
      acting_person_id uuid references person (id),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      check (num_nonnulls(acting_post_id, acting_person_id) = 1),
      check (acting_post_id is null or acting_post_id <> post_id),
      exclude using gist (post_id with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
