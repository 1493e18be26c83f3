// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db } from '../db/database.js'
import { createStaffUser, type StaffRole } from '../modules/auth/index.js'

export interface DemoLogin {
  username: string
  password: string
  role: StaffRole
  displayName: string
}

const ACCOUNTS: ReadonlyArray<Omit<DemoLogin, 'password'>> = [
  { username: 'sachbearbeitung', role: 'caseworker', displayName: 'Svenja Demo (Sachbearbeitung)' },
  { username: 'teamleitung', role: 'team_lead', displayName: 'Tarek Demo (Teamleitung)' },
  { username: 'beschwerden', role: 'complaints_coordinator', displayName: 'Bente Demo (Beschwerdestelle)' },
]

/**
 * Creates the demo staff accounts once, with random passwords kept in `<dataDir>/demo-logins.json`
 * (never in the repository), and returns them so that start-up can print them.
 */
export async function ensureDemoStaff(db: Db, dataDir: string): Promise<DemoLogin[]> {
  const file = path.join(dataDir, 'demo-logins.json')
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as DemoLogin[]
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
    await createStaffUser(db, { ...account, password })
    logins.push({ ...account, password })
  }
  await fs.mkdir(dataDir, { recursive: true })
  await fs.writeFile(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 })
  return logins
}
