// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db } from '../db/database.js'
import {
  createStaffUser,
  newTotpSecret,
  type StaffRole,
  storeMfaEnrolment,
  totpUri,
} from '../modules/auth/index.js'

export interface DemoLogin {
  username: string
  password: string
  role: StaffRole
  displayName: string
  /** Base32 TOTP secret: type it into an authenticator app, or open `otpauthUri` on the phone. */
  totpSecret: string
  otpauthUri: string
  /** One-time codes for signing in without the app. */
  recoveryCodes: string[]
}

const ACCOUNTS: ReadonlyArray<Pick<DemoLogin, 'username' | 'role' | 'displayName'>> = [
  { username: 'sachbearbeitung', role: 'caseworker', displayName: 'Svenja Demo (Sachbearbeitung)' },
  { username: 'teamleitung', role: 'team_lead', displayName: 'Tarek Demo (Teamleitung)' },
  { username: 'verwaltung', role: 'administrator', displayName: 'Vera Demo (Administration)' },
  { username: 'beschwerden', role: 'complaints_coordinator', displayName: 'Bente Demo (Beschwerdestelle)' },
  { username: 'datenschutz', role: 'data_protection_officer', displayName: 'Dana Demo (Datenschutz)' },
  { username: 'bereichsleitung', role: 'division_head', displayName: 'Bettina Demo (Bereichsleitung)' },
]

function isCurrent(logins: unknown): logins is DemoLogin[] {
  return (
    Array.isArray(logins) &&
    logins.length === ACCOUNTS.length &&
    logins.every((l: Partial<DemoLogin>) => typeof l.totpSecret === 'string')
  )
}

/**
 * Creates the demo staff accounts once, with random passwords and TOTP secrets (second factor already set up)
 * kept in `<dataDir>/demo-logins.json` (mode 0600, never in the repository), and returns them so that start-up
 * can print them. A file from before MFA existed is replaced.
 */
export async function ensureDemoStaff(db: Db, dataDir: string, mfaKey: Buffer): Promise<DemoLogin[]> {
  const file = path.join(dataDir, 'demo-logins.json')
  try {
    const stored: unknown = JSON.parse(await fs.readFile(file, 'utf8'))
    if (isCurrent(stored)) {
      return stored
    }
  } catch {
    // first start: create below
  }
  const logins: DemoLogin[] = []
  for (const account of ACCOUNTS) {
    const password = randomBytes(9).toString('base64url')
    const exists = await db
      .selectFrom('staff_user')
      .select('id')
      .where('username', '=', account.username)
      .executeTakeFirst()
    if (exists) {
      await db.deleteFrom('staff_user').where('id', '=', exists.id).execute()
    }
    const user = await createStaffUser(db, { ...account, password })
    const totpSecret = newTotpSecret()
    const recoveryCodes = await db
      .transaction()
      .execute((trx) => storeMfaEnrolment(trx, user.id, totpSecret, mfaKey, null))
    logins.push({
      ...account,
      password,
      totpSecret,
      otpauthUri: totpUri(totpSecret, account.username),
      recoveryCodes,
    })
  }
  await fs.mkdir(dataDir, { recursive: true })
  await fs.writeFile(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 })
  return logins
}
