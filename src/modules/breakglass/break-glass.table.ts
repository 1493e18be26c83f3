// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** How the data-protection officer judged a break-glass access. */
export type BreakGlassReviewStatus = 'pending' | 'confirmed' | 'flagged'

/**
 * A time-limited emergency access of one staff member to one case she has no need-to-know for.
 * Personal data; kept as long as the audit log.
 */
export interface BreakGlassGrantTable {
  id: Generated<string>
  application_id: string
  staff_user_id: string
  /** The reason she gave (at least 20 characters). */
  reason: string
  granted_at: Date
  /** The access ends here; `canSeeCase` honours the grant only before it. */
  expires_at: Date
  review_status: Generated<BreakGlassReviewStatus>
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  review_note: ColumnType<string | null, string | null | undefined, string | null>
}

export type BreakGlassGrantRow = Selectable<BreakGlassGrantTable>

/** Tells the responsible lead about a break-glass access (shown on her inbox page; no e-mail). */
export interface BreakGlassNotificationTable {
  id: Generated<string>
  grant_id: string
  /** The head post of the case's unit at the time of the access; null for a case without a post. */
  recipient_post_id: string | null
  /** Who acted for that post then (holder or deputy); null when nobody did. */
  recipient_staff_user_id: string | null
  created_at: Date
  read_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}
