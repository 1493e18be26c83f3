// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import type { Config, Open311Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { AppDeps } from '../../http/context.js'
import { t } from '../../shared/i18n.js'
import { ComplaintRejectedError, complaintsService } from '../complaints/index.js'
import { formatW3, parseW3 } from './w3-time.js'
import { childText, parseXml } from './xml.js'

type ImportConfig = NonNullable<Open311Config['import']>

/** A request as the external endpoint lists it (only what the import uses). */
export interface ExternalRequest {
  id: string
  serviceCode: string
  description: string
  requestedAt: Date
  address: string
}

const IMPORT_LOCK = 3_110_312
const DAY_MS = 86_400_000
/** Requests may appear late on the other side (batch services): every run looks back this far again. */
const OVERLAP_MS = DAY_MS
const MAX_WINDOW_MS = 90 * DAY_MS
const LOG_RETENTION_DAYS = 90

export class ImportError extends Error {}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

/**
 * Reads a GeoReport v2 `service_requests` body (XML or JSON). Entries without id, service code or a valid
 * requested_datetime are skipped.
 * @throws ImportError when the body is not a service request list
 */
export function parseServiceRequests(body: string, format: 'xml' | 'json'): ExternalRequest[] {
  let items: Array<Record<string, unknown>>
  if (format === 'json') {
    let data: unknown
    try {
      data = JSON.parse(body)
    } catch {
      throw new ImportError('response is not JSON')
    }
    if (!Array.isArray(data)) {
      throw new ImportError('response is not a list of service requests')
    }
    items = data.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
  } else {
    let root: ReturnType<typeof parseXml>
    try {
      root = parseXml(body)
    } catch (error) {
      throw new ImportError(`response is not well-formed XML: ${error instanceof Error ? error.message : ''}`)
    }
    if (root.name !== 'service_requests') {
      throw new ImportError(`unexpected root element ${root.name}`)
    }
    items = root.children
      .filter((c) => c.name === 'request')
      .map((r) => Object.fromEntries(r.children.map((f) => [f.name, childText(r, f.name) ?? ''])))
  }
  const requests: ExternalRequest[] = []
  for (const item of items) {
    const id = asString(item.service_request_id).trim()
    const serviceCode = asString(item.service_code).trim()
    const requestedAt = parseW3(asString(item.requested_datetime).trim())
    if (id === '' || serviceCode === '' || !requestedAt || id.length > 150) {
      continue
    }
    requests.push({
      id,
      serviceCode,
      description: asString(item.description).trim(),
      requestedAt,
      address: asString(item.address).trim(),
    })
  }
  return requests
}

async function log(db: Db, source: string, level: 'info' | 'error', message: string) {
  await db
    .insertInto('open311_import_log')
    .values({ source, level, message: message.slice(0, 1000) })
    .execute()
}

/**
 * One import run: asks the external endpoint for requests of the configured service codes since the
 * stored cursor (minus a day of overlap, at most 90 days per call), creates a complaint per new request
 * (channel `open311`, external id `import:<id>` — the same request never twice), moves the cursor on, and
 * records the outcome. Runs on one instance at a time (advisory lock); after a crash the next run starts
 * again from the stored cursor.
 * @returns how many complaints were created, or undefined when another instance is importing
 */
export async function runImport(
  deps: Pick<AppDeps, 'db' | 'fileStore'> & {
    config: Pick<Config, 'uploadMaxBytes' | 'complaints' | 'open311'>
  },
  now = new Date(),
): Promise<{ created: number; seen: number } | undefined> {
  const { db } = deps
  const cfg = deps.config.open311.import
  if (!cfg) {
    return { created: 0, seen: 0 }
  }
  const source = cfg.url
  const conn = await db.connection().execute(async (c) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_lock(${IMPORT_LOCK}) as locked`.execute(c)
    if (!rows[0]?.locked) {
      return undefined
    }
    try {
      return await importOnce(deps, cfg, source, now)
    } finally {
      await sql`select pg_advisory_unlock(${IMPORT_LOCK})`.execute(c)
    }
  })
  return conn
}

async function importOnce(
  deps: Pick<AppDeps, 'db' | 'fileStore'> & {
    config: Pick<Config, 'uploadMaxBytes' | 'complaints' | 'open311'>
  },
  cfg: ImportConfig,
  source: string,
  now: Date,
): Promise<{ created: number; seen: number }> {
  const { db } = deps
  await db
    .insertInto('open311_import_state')
    .values({ source, last_attempt_at: now })
    .onConflict((oc) => oc.column('source').doUpdateSet({ last_attempt_at: now }))
    .execute()
  const state = await db
    .selectFrom('open311_import_state')
    .selectAll()
    .where('source', '=', source)
    .executeTakeFirstOrThrow()
  // A window of at most 90 days (minus a minute): from the stored cursor (less the overlap) onwards; a
  // cursor far behind (a long outage) is caught up window by window, never skipped.
  const window = MAX_WINDOW_MS - 60_000
  const from = state.cursor
    ? new Date(Math.max(state.cursor.getTime() - OVERLAP_MS, now.getTime() - 10 * 365 * DAY_MS))
    : new Date(now.getTime() - window)
  const to = new Date(Math.min(now.getTime(), from.getTime() + window))
  const codes = Object.keys(cfg.serviceCodes)
  try {
    if (codes.length === 0) {
      throw new ImportError('no service codes configured (OPEN311_IMPORT_SERVICE_CODES)')
    }
    const params = new URLSearchParams({
      service_code: codes.join(','),
      start_date: formatW3(from),
      end_date: formatW3(new Date(to.getTime() + 999)) /* W3 has whole seconds: round up */,
    })
    if (cfg.jurisdictionId) {
      params.set('jurisdiction_id', cfg.jurisdictionId)
    }
    let res: Response
    try {
      res = await fetch(`${cfg.url}/requests.${cfg.format}?${params}`, {
        redirect: 'error',
        signal: AbortSignal.timeout(30_000),
      })
    } catch (error) {
      throw new ImportError(
        `endpoint not reachable: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    const body = await res.text()
    if (!res.ok) {
      throw new ImportError(`endpoint answered HTTP ${res.status}`)
    }
    const requests = parseServiceRequests(body, cfg.format).filter((r) => r.serviceCode in cfg.serviceCodes)
    let created = 0
    let latest = state.cursor ?? from
    for (const r of requests.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())) {
      try {
        const result = await complaintsService.createComplaint(
          deps,
          {
            channel: 'open311',
            categoryCode: cfg.serviceCodes[r.serviceCode] ?? 'other',
            description: [
              r.description || t('open311.no_description'),
              t('open311.import.origin', { id: r.id, code: r.serviceCode }),
              r.address ? `${t('open311.complaint.location')} ${r.address}` : null,
            ]
              .filter((p) => p !== null)
              .join('\n\n')
              .slice(0, 10_000),
            externalId: `import:${r.id}`,
            receivedAt: r.requestedAt,
          },
          { type: 'system', id: null },
          null,
          { channels: ['open311'] },
        )
        if (result.created) {
          created++
        }
      } catch (error) {
        if (!(error instanceof ComplaintRejectedError)) {
          throw error
        }
        await log(
          db,
          source,
          'error',
          t('open311.import.rejected', { id: r.id, fields: Object.keys(error.fieldErrors).join(', ') }),
        )
      }
      if (r.requestedAt > latest) {
        latest = r.requestedAt
      }
    }
    // With a full window behind us the cursor may move to its end; otherwise to the newest request seen.
    const cursor = requests.length >= 1000 ? latest : to
    await db
      .updateTable('open311_import_state')
      .set({
        cursor,
        last_success_at: now,
        last_error: null,
        imported_total: sql`imported_total + ${created}`,
      })
      .where('source', '=', source)
      .execute()
    if (created > 0) {
      await log(db, source, 'info', t('open311.import.created', { count: created }))
    }
    await db
      .deleteFrom('open311_import_log')
      .where('at', '<', new Date(now.getTime() - LOG_RETENTION_DAYS * DAY_MS))
      .execute()
    return { created, seen: requests.length }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await db
      .updateTable('open311_import_state')
      .set({ last_error: message.slice(0, 1000) })
      .where('source', '=', source)
      .execute()
    await log(db, source, 'error', message)
    if (error instanceof ImportError) {
      return { created: 0, seen: 0 }
    }
    throw error
  }
}

/** The import's state and its last log entries, for the admin page. */
export async function importOverview(db: Db, cfg: Open311Config['import']) {
  if (!cfg) {
    return undefined
  }
  const state = await db
    .selectFrom('open311_import_state')
    .selectAll()
    .where('source', '=', cfg.url)
    .executeTakeFirst()
  const entries = await db
    .selectFrom('open311_import_log')
    .select(['id', 'at', 'level', 'message'])
    .where('source', '=', cfg.url)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute()
  return { source: cfg.url, codes: cfg.serviceCodes, state, entries }
}
