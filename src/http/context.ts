// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { StaffRole } from '../modules/auth/auth.table.js'
import type { FileStore } from '../shared/file-store.js'

/** What the app needs from the outside world; wired once in main.ts (or by a test). */
export interface AppDeps {
  db: Db
  config: Config
  fileStore: FileStore
  logger: Logger
}

/** The signed-in staff member of this request. */
export interface StaffPrincipal {
  id: string
  username: string
  displayName: string
  role: StaffRole
}

/** Typed Hono environment shared by every route and middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps
    requestId: string
    csrfToken: string
    staff: StaffPrincipal | null
    secureHeadersNonce?: string
  }
}
