// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Process standards (C4) and the knowledge map (C6), issue 6. No table here holds social data: standards and
 * entries describe how the office works, not whom it serves. Staff ids (authors, approvers) are kept as
 * long as the record, because who approved a standard in force must stay accountable.
 * Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Trigram similarity for misspelt words and names; ships with the embedded server and Debian's PostgreSQL.
  await sql`create extension if not exists pg_trgm`.execute(db)

  // No personal data. Kept indefinitely (a case file must be able to show the standard it followed).
  await sql`
    create table process_standard (
      id uuid primary key default gen_random_uuid(),
      key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
      title text not null check (length(title) between 1 and 200),
      description text not null default '',
      approver_post_id uuid references post (id),
      four_eyes boolean not null default true,
      created_at timestamptz not null default now()
    )`.execute(db)

  // Staff ids and names of approvers (personal data of staff, not social data). Kept as long as the standard:
  // who approved the version a case followed is part of the audit-ready file. The steps are one JSON
  // document (the exchange format's `steps`), validated by the app against docs/standards.schema.json.
  await sql`
    create table process_standard_version (
      id uuid primary key default gen_random_uuid(),
      standard_id uuid not null references process_standard (id),
      version integer not null check (version > 0),
      status text not null default 'draft' check (status in ('draft', 'in_review', 'approved', 'published')),
      steps jsonb not null,
      change_note text not null default '',
      created_by uuid references staff_user (id),
      created_at timestamptz not null default now(),
      submitted_by uuid references staff_user (id),
      submitted_at timestamptz,
      approved_by uuid references staff_user (id),
      approved_by_name text,
      approved_for_post_id uuid references post (id),
      approved_on_behalf boolean,
      approved_at timestamptz,
      published_by uuid references staff_user (id),
      published_at timestamptz,
      valid_from date,
      unique (standard_id, version),
      check ((status = 'published') = (valid_from is not null)),
      check (status in ('draft', 'in_review') or approved_at is not null)
    )`.execute(db)
  // A published version is immutable: the database refuses any change or deletion of it.
  await sql`
    create function process_standard_version_immutable() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'published process standard versions are immutable' using errcode = '55000';
      end if;
      if tg_op = 'DELETE' then
        return old;
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger process_standard_version_immutable
      before update or delete on process_standard_version
      for each row execute function process_standard_version_immutable()`.execute(db)

  // No personal data (an entry names an owner post, never a person). Kept until deleted by its owner.
  await sql`
    create table knowledge_entry (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
      kind text not null check (kind in ('topic', 'process', 'legal_source', 'form_template', 'contact',
        'system_tool', 'faq')),
      title text not null check (length(title) between 1 and 200),
      body text not null default '',
      standard_key text,
      owner_post_id uuid not null references post (id),
      review_due date not null,
      last_reviewed_at timestamptz,
      last_reviewed_by uuid references staff_user (id),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      updated_by uuid references staff_user (id),
      search tsvector generated always as (
        setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', body), 'B')
      ) stored,
      search_text text generated always as (title || ' ' || body) stored
    )`.execute(db)
  await sql`create index knowledge_entry_search_idx on knowledge_entry using gin (search)`.execute(db)
  await sql`create index knowledge_entry_trgm_idx on knowledge_entry using gin (search_text gin_trgm_ops)`.execute(
    db,
  )
  await sql`create index knowledge_entry_owner_idx on knowledge_entry (owner_post_id)`.execute(db)

  // Staff ids of editors (not social data). Every saved state of an entry, kept as long as the entry.
  await sql`
    create table knowledge_entry_revision (
      id uuid primary key default gen_random_uuid(),
      entry_id uuid not null references knowledge_entry (id) on delete cascade,
      version integer not null,
      kind text not null,
      title text not null,
      body text not null,
      change_note text not null default '',
      changed_by uuid references staff_user (id),
      changed_at timestamptz not null default now(),
      unique (entry_id, version)
    )`.execute(db)

  // No personal data. Typed, directed links: from "is part of" / "needs" / "see also" to.
  await sql`
    create table knowledge_link (
      id uuid primary key default gen_random_uuid(),
      from_entry_id uuid not null references knowledge_entry (id) on delete cascade,
      to_entry_id uuid not null references knowledge_entry (id) on delete cascade,
      kind text not null check (kind in ('is_part_of', 'needs', 'see_also')),
      unique (from_entry_id, to_entry_id, kind),
      check (from_entry_id <> to_entry_id)
    )`.execute(db)
  await sql`create index knowledge_link_to_idx on knowledge_link (to_entry_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
