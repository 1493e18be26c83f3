// SPDX-License-Identifier: EUPL-1.2
import type { Generated, Selectable } from 'kysely'

/** Staff roles (citizens have no account). Administrators have no access to social data by default. */
export type StaffRole =
  | 'caseworker'
  | 'team_lead'
  | 'department_head'
  | 'division_head'
  | 'complaints_coordinator'
  | 'auditor'
  | 'data_protection_officer'
  | 'administrator'

/** Every staff role, in the order screens list them. */
export const STAFF_ROLES: readonly StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'complaints_coordinator',
  'auditor',
  'data_protection_officer',
  'administrator',
]

export interface StaffUserTable {
  id: Generated<string>
  username: string
  display_name: string
  /** Argon2id hash; null for accounts that sign in only through OIDC. */
  password_hash: string | null
  role: StaffRole
  disabled_at: Date | null
  created_at: Generated<Date>
  /** TOTP secret, AES-256-GCM encrypted with the MFA key (secret-box.ts). Null: not enrolled. */
  totp_secret_enc: Buffer | null
  /** Last accepted TOTP time step; a code of this step or an earlier one is refused (no replay). */
  totp_last_step: number | null
  mfa_enrolled_at: Date | null
  oidc_issuer: string | null
  oidc_subject: string | null
}

export interface StaffRecoveryCodeTable {
  id: Generated<string>
  staff_user_id: string
  code_hash: Buffer
  used_at: Date | null
}

export interface LoginLockoutTable {
  /** SHA-256 of the lower-cased username as typed, whether the account exists or not. */
  username_hash: Buffer
  failures: Generated<number>
  locked_until: Date | null
  updated_at: Generated<Date>
}

/** `second_factor`/`enrolment`: password accepted, nothing granted yet; `active`: fully signed in. */
export type SessionStage = 'second_factor' | 'enrolment' | 'active'

export interface StaffSessionTable {
  id_hash: Buffer
  /** Public id (shown in "my sessions"); the token itself is never stored. */
  id: Generated<string>
  staff_user_id: string
  created_at: Generated<Date>
  last_seen_at: Generated<Date>
  expires_at: Date
  stage: Generated<SessionStage>
  /** During enrolment: the proposed TOTP secret, encrypted, until the first code confirms it. */
  pending_secret_enc: Buffer | null
  auth_method: Generated<'local' | 'oidc'>
  /** "Firefox auf Windows": a summary, not the whole User-Agent header. */
  user_agent: string | null
  /** IPv4 /24 or IPv6 /48 prefix, never the full address. */
  address_prefix: string | null
}

export interface OidcLoginTable {
  state_hash: Buffer
  code_verifier: string
  nonce: string
  next_path: string
  expires_at: Date
}

export type StaffUserRow = Selectable<StaffUserTable>
