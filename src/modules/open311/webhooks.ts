// SPDX-License-Identifier: EUPL-1.2
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Open311Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { recordAuditEvent } from '../audit/index.js'
import { open311Status } from './open311.service.js'
import { formatW3 } from './w3-time.js'

/** After this many failed attempts a delivery is dead (shown on the admin page, retried by hand). */
export const MAX_WEBHOOK_ATTEMPTS = 8
/** Seconds to wait after the n-th failure (then the last value again). */
const BACKOFF_SECONDS = [30, 120, 600, 1800, 3600, 7200, 21600]
const TIMEOUT_MS = 10_000
/** Advisory lock id so that one instance at a time turns status changes into deliveries. */
const DISPATCH_LOCK = 3_110_311

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">`, the signature header of every delivery. The
 * receiver recomputes it with the shared secret and refuses timestamps older than a few minutes (replay).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${mac}`
}

/**
 * Turns status changes of complaints into one pending delivery per subscriber: every complaint whose
 * status differs from the last one announced (or that is new). One transaction, under an advisory lock:
 * safe to run on every instance and after a restart (nothing is announced twice, nothing lost).
 * @returns how many changes were found
 */
export async function dispatchStatusChanges(
  db: Db,
  config: Pick<Open311Config, 'webhooks'>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_xact_lock(${DISPATCH_LOCK}) as locked`.execute(trx)
    if (!rows[0]?.locked) {
      return 0
    }
    const changed = await trx
      .selectFrom('complaint as k')
      .leftJoin('webhook_status_seen as s', 's.complaint_id', 'k.id')
      .select([
        'k.id',
        'k.reference',
        'k.status',
        'k.received_at',
        'k.acknowledged_at',
        'k.answered_at',
        'k.closed_at',
      ])
      .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', eb.ref('k.status'))]))
      .orderBy('k.received_at')
      .limit(500)
      .execute()
    for (const c of changed) {
      const times = [c.received_at, c.acknowledged_at, c.answered_at, c.closed_at]
        .filter((d): d is Date => d instanceof Date)
        .map((d) => d.getTime())
      const at = new Date(Math.max(...times))
      const payload = {
        event: 'service_request.status_changed',
        service_request_id: c.reference,
        status: open311Status(c.status),
        internal_status: c.status,
        updated_datetime: formatW3(at),
      }
      for (const sub of config.webhooks) {
        await trx
          .insertInto('webhook_delivery')
          .values({ subscriber: sub.name, url: sub.url, payload: JSON.stringify(payload) })
          .execute()
      }
      await trx
        .insertInto('webhook_status_seen')
        .values({ complaint_id: c.id, status: c.status })
        .onConflict((oc) => oc.column('complaint_id').doUpdateSet({ status: c.status }))
        .execute()
    }
    return changed.length
  })
}

/**
 * Sends due deliveries: POST with JSON body, `Lotse-Webhook-Id` and `Lotse-Webhook-Signature`. A 2xx
 * answer is success; anything else waits with backoff, and after {@link MAX_WEBHOOK_ATTEMPTS} the delivery
 * is dead. Rows are claimed with SKIP LOCKED, so several instances never send the same one at once.
 * @returns how many were sent and how many failed
 */
export async function sendDueWebhooks(
  db: Db,
  config: Pick<Open311Config, 'webhooks'>,
  logger: Logger | undefined,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  let sent = 0
  let failed = 0
  for (;;) {
    const outcome = await db.transaction().execute(async (trx) => {
      const d = await trx
        .selectFrom('webhook_delivery')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!d) {
        return undefined
      }
      const sub = config.webhooks.find((s) => s.name === d.subscriber)
      const body = JSON.stringify({ ...d.payload, id: d.id })
      let error: string | null = null
      if (!sub) {
        error = 'subscriber no longer configured'
      } else {
        try {
          const res = await fetch(sub.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'lotse-webhook-id': d.id,
              'lotse-webhook-signature': signWebhook(sub.secret, Math.floor(Date.now() / 1000), body),
            },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(TIMEOUT_MS),
          })
          await res.arrayBuffer().catch(() => undefined)
          if (res.status < 200 || res.status > 299) {
            error = `HTTP ${res.status}`
          }
        } catch (e) {
          error = e instanceof Error ? e.message.slice(0, 300) : 'network error'
        }
      }
      const attempts = d.attempts + 1
      if (error === null) {
        await trx
          .updateTable('webhook_delivery')
          .set({ status: 'sent', attempts, sent_at: new Date(), last_error: null })
          .where('id', '=', d.id)
          .execute()
        return 'sent'
      }
      const dead = attempts >= MAX_WEBHOOK_ATTEMPTS || !sub
      const wait = BACKOFF_SECONDS[Math.min(attempts - 1, BACKOFF_SECONDS.length - 1)] ?? 3600
      await trx
        .updateTable('webhook_delivery')
        .set({
          status: dead ? 'dead' : 'pending',
          attempts,
          last_error: error,
          next_attempt_at: new Date(now.getTime() + wait * 1000),
        })
        .where('id', '=', d.id)
        .execute()
      logger?.warn({ delivery: d.id, subscriber: d.subscriber, error, dead }, 'webhook delivery failed')
      return 'failed'
    })
    if (outcome === undefined) {
      return { sent, failed }
    }
    if (outcome === 'sent') {
      sent++
    } else {
      failed++
    }
  }
}

/** Dead deliveries (newest first) and the number still pending, for the admin page. */
export async function webhookOverview(db: Db) {
  const dead = await db
    .selectFrom('webhook_delivery')
    .select(['id', 'subscriber', 'payload', 'attempts', 'last_error', 'created_at'])
    .where('status', '=', 'dead')
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute()
  const pending = await db
    .selectFrom('webhook_delivery')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return { dead, pending: Number(pending.n) }
}

/** Puts a dead delivery back in the queue (attempts start again). @throws NotFoundError */
export async function retryDelivery(db: Db, staff: StaffPrincipal, id: string, requestId: string | null) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    throw new NotFoundError('no such delivery')
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhook_delivery')
      .set({ status: 'pending', attempts: 0, next_attempt_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .returning('id')
      .executeTakeFirst()
    if (!row) {
      throw new NotFoundError('no such dead delivery')
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'webhook.retry',
      subject: { type: 'webhook_delivery', id },
      requestId,
    })
  })
}

/**
 * Checks a `Lotse-Webhook-Signature` header as a receiver should: the HMAC must match (compared in
 * constant time) and the timestamp must be within `toleranceSeconds` of now (refuses replays).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match?.[1] || !match[2]) {
    return false
  }
  const timestamp = Number(match[1])
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body).slice(-64), 'hex')
  const given = Buffer.from(match[2], 'hex')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
