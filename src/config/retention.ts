// SPDX-License-Identifier: EUPL-1.2
import { z } from 'zod'

/**
 * Retention periods (Löschfristen) per data category, from the environment. The defaults and their sources
 * are documented in docs/retention.md; an office sets its own periods from its records schedule
 * (Aktenplan/Aktenordnung) and its data-protection officer's advice.
 */
const RetentionSchema = z.object({
  /**
   * Years a closed case file (application, documents, decisions, notes, document requests, history) is kept,
   * counted from the end of the calendar year in which the case was closed. Default 10.
   */
  RETENTION_CASE_FILE_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  /** Years a closed complaint is kept, counted from the end of the year of closure (§§ 195, 199 BGB). */
  RETENTION_COMPLAINT_YEARS: z.coerce.number().int().min(1).max(30).default(3),
  /** Days a sent (or finally failed) complaint e-mail stays in the outbox. */
  RETENTION_COMPLAINT_MAIL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days an expired staff session row is kept (for "my sessions" and incident analysis). */
  RETENTION_SESSION_DAYS: z.coerce.number().int().min(0).max(365).default(1),
  /** Hours a rate-limit counter row is kept after its window started. */
  RETENTION_RATE_LIMIT_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  /**
   * Days after an account was disabled before its name may be anonymised (and only once no case file or
   * complaint it acted on is left).
   */
  RETENTION_STAFF_NAME_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Rows deleted per transaction. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Days a DPO's release of a deletion stays valid for the next run. */
  RETENTION_RELEASE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
})

export interface RetentionConfig {
  caseFileYears: number
  complaintYears: number
  complaintMailDays: number
  sessionDays: number
  rateLimitHours: number
  staffNameDays: number
  batchSize: number
  releaseDays: number
}

/**
 * Parses the retention keys of the environment.
 * @throws Error naming each invalid key
 */
export function loadRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  const parsed = RetentionSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const v = parsed.data
  return {
    caseFileYears: v.RETENTION_CASE_FILE_YEARS,
    complaintYears: v.RETENTION_COMPLAINT_YEARS,
    complaintMailDays: v.RETENTION_COMPLAINT_MAIL_DAYS,
    sessionDays: v.RETENTION_SESSION_DAYS,
    rateLimitHours: v.RETENTION_RATE_LIMIT_HOURS,
    staffNameDays: v.RETENTION_STAFF_NAME_DAYS,
    batchSize: v.RETENTION_BATCH_SIZE,
    releaseDays: v.RETENTION_RELEASE_DAYS,
  }
}
