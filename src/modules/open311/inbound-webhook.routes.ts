// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.js'
import { publicAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { consumeRateLimit } from '../../http/rate-limit.js'
import { PayloadTooLargeError, RateLimitedError } from '../../shared/errors.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { sha256 } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { ComplaintRejectedError, complaintsService } from '../complaints/index.js'
import { verifyWebhookSignature } from './webhooks.js'

export const INBOUND_BASE = '/webhooks/beschwerden'
/** Seconds a signature's timestamp may differ from now (the same as the outbound receivers are told). */
export const INBOUND_TOLERANCE_SECONDS = 300
const SIGNATURE_HEADER = 'lotse-webhook-signature'
const SOURCE_NAME = /^[A-Za-z0-9_.-]{1,60}$/

/** One thing wrong with the body: where (dotted path, empty for the whole body) and what, in German. */
export interface InboundProblem {
  field: string
  message: string
}

const REASONS = {
  unknown_source: 'open311.inbound.unknown_source',
  content_type: 'open311.inbound.content_type',
  signature_missing: 'open311.inbound.signature_missing',
  signature_invalid: 'open311.inbound.signature_invalid',
  malformed_json: 'open311.inbound.malformed_json',
  schema: 'open311.inbound.schema',
  rejected: 'open311.inbound.rejected',
  replay: 'open311.inbound.replay',
  too_large: 'open311.inbound.too_large',
} as const satisfies Record<string, MessageKey>

class InboundRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 415,
    readonly reason: keyof typeof REASONS,
    readonly problems: InboundProblem[] = [],
  ) {
    super(reason)
  }
}

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional()

const InboundComplaintSchema = z.object({
  id: z.string().trim().min(1).max(150),
  category: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(10_000),
  contact: z
    .object({
      name: optionalText(200),
      email: optionalText(254),
      phone: optionalText(40),
      address: optionalText(500),
    })
    .optional(),
  caseReference: optionalText(40),
})

function schemaProblems(error: z.ZodError): InboundProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message:
      issue.code === 'invalid_type' && issue.input === undefined
        ? t('open311.inbound.field_missing')
        : t('open311.inbound.field_invalid'),
  }))
}

/**
 * Signed inbound complaints: POST /webhooks/beschwerden/<source> with a JSON body and the header
 * `Lotse-Webhook-Signature: t=<unix>,v1=<hmac>` (the format of the outbound deliveries, see webhooks.ts), made
 * with the source's secret from WEBHOOK_SOURCES. Public, because the signature is the credential.
 */
export function inboundWebhookRoutes() {
  const app = new Hono<AppEnv>()
  app.post(`${INBOUND_BASE}/:source`, publicAccess, async (c) => {
    const source = c.req.param('source')
    try {
      return await receive(c, source)
    } catch (error) {
      return inboundWebhookErrorResponse(error as Error, c)
    }
  })
  return app
}

async function receive(c: Context<AppEnv>, source: string) {
  const deps = c.get('deps')
  const sender = deps.config.open311.inboundSources.find((s) => s.name === source)
  if (!sender) {
    throw new InboundRefusal(404, 'unknown_source')
  }
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (!/^application\/json\s*(;|$)/.test(type)) {
    throw new InboundRefusal(415, 'content_type')
  }
  const body = await c.req.text()
  const signature = c.req.header(SIGNATURE_HEADER)
  if (!signature) {
    throw new InboundRefusal(401, 'signature_missing')
  }
  const now = Math.floor(Date.now() / 1000)
  if (!verifyWebhookSignature(sender.secret, signature, body, now, INBOUND_TOLERANCE_SECONDS)) {
    throw new InboundRefusal(401, 'signature_invalid')
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new InboundRefusal(400, 'malformed_json', [{ field: '', message: t('open311.inbound.malformed') }])
  }
  const parsed = InboundComplaintSchema.safeParse(json)
  if (!parsed.success) {
    throw new InboundRefusal(400, 'schema', schemaProblems(parsed.error))
  }
  // Replay: the same signed request counts once. The counter's window is fixed by the signed timestamp,
  // so a copy lands on the same row however late (within the tolerance) it arrives.
  const signedAt = Number(/^t=(\d+)/.exec(signature)?.[1] ?? now)
  const replayRule = {
    bucket: 'webhook-replay',
    limit: 1,
    windowSeconds: 4 * INBOUND_TOLERANCE_SECONDS,
  }
  const replayKey = `${sender.name}:${signature}`
  try {
    await consumeRateLimit(deps.db, replayRule, replayKey, new Date(signedAt * 1000))
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new InboundRefusal(409, 'replay')
    }
    throw error
  }
  const input = parsed.data
  try {
    const result = await complaintsService.createComplaint(
      deps,
      {
        channel: 'webhook',
        categoryCode: input.category,
        description: input.description,
        contactName: input.contact?.name,
        contactEmail: input.contact?.email,
        contactPhone: input.contact?.phone,
        contactAddress: input.contact?.address,
        caseReference: input.caseReference,
        externalId: `webhook:${sender.name}:${input.id}`,
      },
      { type: 'system', id: null },
      c.get('requestId'),
      {
        channels: ['webhook'],
        // The receipt's audit entry commits with the complaint: a crash leaves neither.
        within: (trx, complaint) =>
          auditReceipt(trx, c, sender.name, complaint.id, complaint.reference, true),
      },
    )
    if (!result.created) {
      await deps.db
        .transaction()
        .execute((trx) => auditReceipt(trx, c, sender.name, result.id, result.reference, false))
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ reference: result.reference }, result.created ? 201 : 200)
  } catch (error) {
    // A refused body may be corrected and sent again with a new signature; this one no longer blocks.
    await deps.db
      .deleteFrom('rate_limit')
      .where('bucket', '=', replayRule.bucket)
      .where('key_hash', '=', sha256(replayKey))
      .execute()
    if (error instanceof ComplaintRejectedError) {
      throw new InboundRefusal(
        400,
        'rejected',
        Object.entries(error.fieldErrors).map(([field, e]) => ({ field, message: t(e.key, e.params) })),
      )
    }
    throw error
  }
}

function auditReceipt(
  trx: Transaction<Database>,
  c: Context<AppEnv>,
  source: string,
  id: string,
  reference: string,
  created: boolean,
) {
  return recordAuditEvent(trx, {
    actor: { type: 'system', id: null },
    action: 'complaint.webhook_received',
    subject: { type: 'complaint', id },
    requestId: c.get('requestId'),
    details: { source, reference, created },
  })
}

/**
 * The answer to a refused inbound webhook, as JSON, with an audit entry (status and reason, never the
 * body). Also called by the app's error handler for failures before the route (the body limit).
 */
export async function inboundWebhookErrorResponse(error: Error, c: Context<AppEnv>) {
  const refusal =
    error instanceof InboundRefusal
      ? error
      : error instanceof PayloadTooLargeError
        ? new InboundRefusal(413, 'too_large')
        : undefined
  const deps = c.get('deps')
  if (!refusal) {
    deps.logger.error({ err: error, requestId: c.get('requestId') }, 'inbound webhook failed')
    return c.json({ error: t('open311.inbound.internal') }, 500)
  }
  const name = c.req.path.slice(INBOUND_BASE.length + 1)
  const source = SOURCE_NAME.test(name) ? name : 'invalid'
  try {
    await deps.db.transaction().execute((trx) =>
      recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'complaint.webhook_refused',
        subject: { type: 'webhook_source', id: source },
        requestId: c.get('requestId'),
        details: { source, status: refusal.status, reason: refusal.reason },
        outcome: 'denied',
      }),
    )
  } catch (err) {
    deps.logger.error({ err, requestId: c.get('requestId') }, 'inbound webhook refusal not audited')
  }
  c.header('Cache-Control', 'no-store')
  return c.json(
    {
      error: t(REASONS[refusal.reason]),
      ...(refusal.problems.length > 0 ? { problems: refusal.problems } : {}),
    },
    refusal.status,
  )
}
