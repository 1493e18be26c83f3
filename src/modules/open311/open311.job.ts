// SPDX-License-Identifier: EUPL-1.2
import type { AppDeps } from '../../http/context.js'
import { runImport } from './open311.client.js'
import { dispatchStatusChanges, sendDueWebhooks } from './webhooks.js'

const WEBHOOK_INTERVAL_MS = 15_000

/**
 * Starts the Open311 import (every OPEN311_IMPORT_INTERVAL_SECONDS, when configured) and the webhook
 * dispatcher and sender (every 15 s, when subscribers are configured). Failures are logged; the next tick
 * tries again.
 * @returns a function that stops both
 */
export function startOpen311Jobs(deps: AppDeps): () => void {
  const { config, logger } = deps
  const timers: NodeJS.Timeout[] = []
  const cfg = config.open311.import
  if (cfg) {
    let running = false
    const tick = async () => {
      if (running) {
        return
      }
      running = true
      try {
        const result = await runImport(deps)
        if (result && result.created > 0) {
          logger.info({ created: result.created }, 'open311 import')
        }
      } catch (err) {
        logger.error({ err }, 'open311 import failed')
      } finally {
        running = false
      }
    }
    timers.push(setInterval(() => void tick(), cfg.intervalSeconds * 1000))
    void tick()
  }
  if (config.open311.webhooks.length > 0) {
    let running = false
    timers.push(
      setInterval(async () => {
        if (running) {
          return
        }
        running = true
        try {
          await dispatchStatusChanges(deps.db, config.open311)
          await sendDueWebhooks(deps.db, config.open311, logger)
        } catch (err) {
          logger.error({ err }, 'webhook run failed')
        } finally {
          running = false
        }
      }, WEBHOOK_INTERVAL_MS),
    )
  }
  return () => {
    for (const timer of timers) {
      clearInterval(timer)
    }
  }
}
