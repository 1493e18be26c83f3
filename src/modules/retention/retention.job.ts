// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { RetentionConfig } from '../../config/retention.js'
import type { Db } from '../../db/database.js'
import type { FileStore } from '../../shared/file-store.js'
import { sweepFileDeletions } from './file-deletion.js'
import { runRetention } from './retention.service.js'

/**
 * The daily deletion run. Checks every hour whether today's run has happened; the first instance to claim the
 * day (a unique row in `deletion_run`) runs it, the others skip. Then the files of deleted rows are swept
 * from `fileStore` (see file-deletion.ts). Logs counts only, never ids or content.
 * @returns a function that stops the timer
 */
export function startRetentionJob(
  db: Db,
  config: RetentionConfig,
  logger: Logger,
  checkEveryMs = 60 * 60_000,
  fileStore?: FileStore,
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
      // Every hour, not only after today's run: files left by a crash or a failed delete are retried.
      if (fileStore) {
        const swept = await sweepFileDeletions(db, fileStore)
        if (swept.deleted + swept.retried > 0) {
          logger.info(swept, 'deleted files of deleted rows')
        }
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
