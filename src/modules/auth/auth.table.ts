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

export interface StaffUserTable {
  id: Generated<string>
  username: string
  display_name: string
  password_hash: string
  role: StaffRole
  disabled_at: Date | null
  created_at: Generated<Date>
}

export interface StaffSessionTable {
  id_hash: Buffer
  staff_user_id: string
  created_at: Generated<Date>
  last_seen_at: Generated<Date>
  expires_at: Date
}

export type StaffUserRow = Selectable<StaffUserTable>
