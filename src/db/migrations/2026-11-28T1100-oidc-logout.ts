// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Single logout with the identity provider (issue 3, ADR 0021):
 * - oidc_session_link: which IdP session (issuer, `sub`, `sid`) a Lotse session came from, and the ID token
 *   sent back as `id_token_hint` at sign-out (sealed with the MFA key). Personal data: the IdP subject and the
 *   ID token (name, groups) of a staff member. Retention: deleted with its session (on delete cascade), so at
 *   most the session's absolute lifetime plus the one-day session prune.
 * - oidc_logout_jti: the `jti` of every accepted back-channel logout token until it expires, so a token can't
 *   be replayed. No personal data (random identifiers). Retention: deleted once expired.
 * Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table oidc_session_link (
      session_id uuid primary key references staff_session (id) on delete cascade,
      issuer text not null,
      subject text not null,
      sid text,
      id_token_enc bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index oidc_session_link_sid_idx on oidc_session_link (issuer, sid)`.execute(db)
  await sql`create index oidc_session_link_subject_idx on oidc_session_link (issuer, subject)`.execute(db)

  await sql`
    create table oidc_logout_jti (
      issuer text not null,
      jti text not null check (length(jti) between 1 and 256),
      expires_at timestamptz not null,
      primary key (issuer, jti)
    )`.execute(db)
  await sql`create index oidc_logout_jti_expires_idx on oidc_logout_jti (expires_at)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
