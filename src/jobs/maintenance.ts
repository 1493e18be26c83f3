// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { pruneRateLimits } from '../http/rate-limit.js'
import { applicationsService } from '../modules/applications/index.js'
import { pruneLoginLockouts, pruneSessions } from '../modules/auth/index.js'
import { pinMissingChecklists, recomputeOutdatedUrgency } from '../modules/cases/index.js'
import { onboardingService } from '../modules/onboarding/index.js'
import { queueReminderMails, type ReminderMailSettings } from '../modules/providers/index.js'
import { todayIso } from '../shared/dates.js'

/**
 * Housekeeping every few minutes: deletes expired drafts (their retention rule) and old rate-limit
 * counters. Safe to run on every instance at once: both are idempotent deletes.
 * @returns a function that stops the timer
 */
export function startMaintenance(
  db: Db,
  logger: Logger,
  everyMs = 5 * 60_000,
  /** Where provider contract reminders are mailed (ADR 0031); undefined = on screen only. */
  providerReminders?: ReminderMailSettings,
): () => void {
  const run = async () => {
    try {
      const deleted = await applicationsService.deleteExpiredDrafts(db)
      await pruneRateLimits(db)
      await pruneLoginLockouts(db)
      await pruneSessions(db)
      await pinMissingChecklists(db)
      await onboardingService.startDuePlans(db)
      await recomputeOutdatedUrgency(db)
      await queueReminderMails(db, providerReminders, todayIso())
      if (deleted > 0) {
        logger.info({ deleted }, 'expired drafts deleted')
      }
    } catch (err) {
      logger.error({ err }, 'maintenance failed')
    }
  }
  void run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
