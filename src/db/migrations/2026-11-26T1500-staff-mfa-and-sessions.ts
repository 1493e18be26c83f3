// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Second factor, lockout and richer sessions for staff (security issue C8, ADR 0008). Frozen in time: never
 * import app code here.
 *
 * - staff_user: the TOTP secret (AES-256-GCM ciphertext, never the plain secret), the last accepted time step
 *   (a code cannot be used twice), when MFA was set up; the OIDC link (issuer + subject). An account that signs
 *   in only through OIDC has no password (password_hash null).
 * - staff_recovery_code: personal data (belongs to a staff member); only SHA-256 hashes of the codes. Retention:
 *   deleted when used up, replaced on re-enrolment, removed with the account.
 * - login_lockout: consecutive failures per typed username, stored only as a hash, so that it behaves the same
 *   for names that exist and names that do not. No personal data in clear. Retention: a row is reset on a
 *   successful sign-in and pruned a day after its lock ended.
 * - staff_session: a public id for the "my sessions" page, the stage (a session is `active` only after the
 *   second factor), a short browser summary and a truncated address (IPv4 /24, IPv6 /48; never the full
 *   address). Personal data of staff; retention: deleted at sign-out, when revoked, or a day after expiry.
 * - oidc_login: one pending OIDC authorisation request (state, nonce, PKCE verifier), lives 10 minutes.
 *   No personal data.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff_user alter column password_hash drop not null`.execute(db)
  await sql`
    alter table staff_user
      add column totp_secret_enc bytea,
      add column totp_last_step bigint,
      add column mfa_enrolled_at timestamptz,
      add column oidc_issuer text,
      add column oidc_subject text,
      add constraint staff_user_oidc_link check ((oidc_issuer is null) = (oidc_subject is null)),
      add constraint staff_user_mfa_whole check ((totp_secret_enc is null) = (mfa_enrolled_at is null))`.execute(
    db,
  )
  await sql`
    create unique index staff_user_oidc_idx on staff_user (oidc_issuer, oidc_subject)
    where oidc_issuer is not null`.execute(db)

  await sql`
    create table staff_recovery_code (
      id uuid primary key default gen_random_uuid(),
      staff_user_id uuid not null references staff_user (id) on delete cascade,
      code_hash bytea not null,
      used_at timestamptz,
      unique (staff_user_id, code_hash)
    )`.execute(db)

  await sql`
    create table login_lockout (
      username_hash bytea primary key,
      failures integer not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db)

  // Sessions opened before this migration were never checked for a second factor: everyone signs in again.
  await sql`delete from staff_session`.execute(db)
  await sql`
    alter table staff_session
      add column id uuid not null default gen_random_uuid() unique,
      add column stage text not null default 'active'
        check (stage in ('second_factor', 'enrolment', 'active')),
      add column pending_secret_enc bytea,
      add column auth_method text not null default 'local' check (auth_method in ('local', 'oidc')),
      add column user_agent text,
      add column address_prefix text`.execute(db)

  await sql`
    create table oidc_login (
      state_hash bytea primary key,
      code_verifier text not null,
      nonce text not null,
      next_path text not null,
      expires_at timestamptz not null
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
