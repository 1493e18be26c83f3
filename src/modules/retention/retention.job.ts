// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { RetentionConfig } from '../../config/retention.js'
import type { Db } from '../../db/database.js'
import { runRetention } from './retention.service.js'

/**
 * The daily deletion run. Checks every hour whether today's run has happened; the first instance to claim the
 * day (a unique row in `deletion_run`) runs it, the others skip. Logs counts only, never ids or content.
 * @returns a function that stops the timer
 */
export function startRetentionJob(
  db: Db,
  config: RetentionConfig,
  logger: Logger,
  checkEveryMs = 60 * 60_000,
): () => void {
  const tick = async () => {
    try {
      const now = new Date()
      const result = await runRetention(db, config, {
        now,
        trigger: 'scheduled',
        runDay: now.toISOString().slice(0, 10),
      })
      if (result) {
        logger.info({ runId: result.runId, counts: result.counts }, 'retention run finished')
      }
    } catch (err) {
      logger.error({ err }, 'retention run failed')
    }
  }
  void tick()
  const timer = setInterval(tick, checkEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}
