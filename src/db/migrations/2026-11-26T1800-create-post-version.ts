// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Dated attributes of a post (ADR 0012). A post keeps its id for its whole life — cases, holdings and deputy
 * rules point at it — while its title, FTE, task area and signing authority may change from a date. The
 * `post` row holds the attributes as created; a `post_version` row overrides them for its period
 * [valid_from, valid_to). Changing a post from date D ends the version in force at D (sets valid_to) and
 * opens a new one; nothing is rewritten. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data (a post's attributes). Retention: as post (kept, the structure at past dates must show).
  await sql`
    create table post_version (
      id uuid primary key default gen_random_uuid(),
      post_id uuid not null references post (id),
      title text not null,
      fte numeric(4, 2) not null check (fte > 0 and fte <= 1),
      task_area text,
      signing_level text not null
        check (signing_level in ('none', 'team', 'department', 'division')),
      signing_limit_cents bigint check (signing_limit_cents is null or signing_limit_cents >= 0),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to > valid_from),
      exclude using gist (post_id with =, tstzrange(valid_from, valid_to, '[)') with &&)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
