// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { AppDeps } from '../../http/context.js'
import { consumeRateLimit } from '../../http/rate-limit.js'
import { formatIsoDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { ComplaintRejectedError, complaintsService } from '../complaints/index.js'
import { authenticateApiKey } from './api-keys.js'
import { Open311Error, type Open311Problem } from './open311.errors.js'
import * as repo from './open311.repository.js'
import type { Open311AttributeRow } from './open311.table.js'
import { endOfBerlinDay, formatW3, parseW3 } from './w3-time.js'
import type { XmlValue } from './xml.js'

export const MAX_DESCRIPTION = 4000
const MAX_RANGE_DAYS = 90
const DEFAULT_LIMIT = 1000
const DAY_MS = 86_400_000
const SYSTEM = { type: 'system', id: null } as const

/** Our complaint statuses as GeoReport sees them: only a closed complaint is resolved. */
export function open311Status(status: string): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open'
}

/**
 * jurisdiction_id is optional (this endpoint serves one jurisdiction), but one that names another
 * jurisdiction does not exist here.
 * @throws Open311Error 404
 */
export function checkJurisdiction(given: string | undefined, own: string): void {
  if (given !== undefined && given !== '' && given !== own) {
    throw new Open311Error(404, { key: 'open311.error.jurisdiction_not_found', params: { id: given } })
  }
}

/** GET services: every active complaint category as a service. */
export async function listServices(db: Db): Promise<XmlValue[]> {
  const services = await repo.listServices(db)
  return services.map((s) => ({
    service_code: s.code,
    service_name: s.label,
    description: s.description ?? '',
    metadata: Boolean(s.has_attributes),
    type: s.type ?? 'realtime',
    keywords: s.keywords ?? '',
    group: s.group_name ?? '',
  }))
}

async function findService(db: Db, code: string) {
  const services = await repo.listServices(db)
  const service = services.find((s) => s.code === code)
  if (!service) {
    throw new Open311Error(404, { key: 'open311.error.service_not_found', params: { code } })
  }
  return service
}

/** GET services/{code}: the service definition with its attributes. @throws Open311Error 404 */
export async function getServiceDefinition(db: Db, code: string): Promise<XmlValue> {
  const service = await findService(db, code)
  const attributes = await repo.listAttributes(db, service.id)
  return {
    service_code: service.code,
    attributes: attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description === '' ? null : a.datatype_description,
      order: a.position,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  }
}

// ------------------------------------------------------------------------------------------------------
// POST requests

/** A form-encoded body, split into single fields and attribute answers. */
export interface ParsedRequestBody {
  fields: Map<string, string>
  attributes: Map<string, string[]>
}

const SINGLE_FIELDS = new Set([
  'api_key',
  'jurisdiction_id',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'description',
  'media_url',
])

/**
 * Decodes a urlencoded body (UTF-8 required). A field the specification defines once may appear once.
 * @throws Open311Error 400
 */
export function parseRequestBody(bytes: ArrayBuffer): ParsedRequestBody {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new Open311Error(400, { key: 'open311.error.not_utf8' })
  }
  const fields = new Map<string, string>()
  const attributes = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(text)) {
    const attr = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(name)
    if (attr?.[1]) {
      attributes.set(attr[1], [...(attributes.get(attr[1]) ?? []), value])
    } else if (SINGLE_FIELDS.has(name)) {
      if (fields.has(name)) {
        throw new Open311Error(400, { key: 'open311.error.repeated_field', params: { field: name } })
      }
      fields.set(name, value)
    }
  }
  return { fields, attributes }
}

const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/
const CONTROL = /[^\P{Cc}\t\n\r]/u

function checkAttributes(defs: Open311AttributeRow[], given: Map<string, string[]>) {
  const problems: Open311Problem[] = []
  const answers: Record<string, string | string[]> = {}
  const lines: string[] = []
  for (const code of given.keys()) {
    if (!defs.some((d) => d.code === code && d.variable)) {
      problems.push({ key: 'open311.error.attribute_unknown', params: { code } })
    }
  }
  for (const def of defs.filter((d) => d.variable)) {
    const values = (given.get(def.code) ?? []).map((v) => v.trim()).filter((v) => v !== '')
    if (values.length === 0) {
      if (def.required) {
        problems.push({ key: 'open311.error.attribute_required', params: { code: def.code } })
      }
      continue
    }
    const invalid = () =>
      problems.push({ key: 'open311.error.attribute_invalid', params: { code: def.code } })
    const [first = ''] = values
    if (def.datatype !== 'multivaluelist' && values.length > 1) {
      invalid()
      continue
    }
    const label = (key: string) => def.values.find((v) => v.key === key)?.name
    switch (def.datatype) {
      case 'string':
        if (first.length > 500 || /[\r\n]/.test(first) || CONTROL.test(first)) {
          invalid()
          continue
        }
        break
      case 'text':
        if (first.length > MAX_DESCRIPTION || CONTROL.test(first)) {
          invalid()
          continue
        }
        break
      case 'number':
        if (!NUMBER.test(first)) {
          invalid()
          continue
        }
        break
      case 'datetime':
        if (!parseW3(first) && !/^\d{4}-\d{2}-\d{2}$/.test(first)) {
          invalid()
          continue
        }
        if (/^\d{4}-\d{2}-\d{2}$/.test(first) && !parseW3(`${first}T00:00:00Z`)) {
          invalid()
          continue
        }
        break
      case 'singlevaluelist':
        if (!label(first)) {
          invalid()
          continue
        }
        break
      case 'multivaluelist':
        if (values.some((v) => !label(v)) || new Set(values).size !== values.length) {
          invalid()
          continue
        }
        break
    }
    answers[def.code] = def.datatype === 'multivaluelist' ? values : first
    const shown = def.datatype.endsWith('valuelist') ? values.map((v) => label(v) ?? v).join(', ') : first
    lines.push(`${def.description} ${shown}`)
  }
  return { problems, answers, lines }
}

function optionalField(fields: Map<string, string>, name: string): string | undefined {
  const value = fields.get(name)?.trim()
  return value === undefined || value === '' ? undefined : value
}

/** Location: lat & long together, or address_string, or address_id. @returns problems and the values */
function checkLocation(fields: Map<string, string>) {
  const problems: Open311Problem[] = []
  const latText = optionalField(fields, 'lat')
  const longText = optionalField(fields, 'long')
  const address = optionalField(fields, 'address_string')
  const addressId = optionalField(fields, 'address_id')
  let lat: number | null = null
  let long: number | null = null
  if (latText !== undefined || longText !== undefined) {
    lat = latText !== undefined && NUMBER.test(latText) ? Number(latText) : Number.NaN
    long = longText !== undefined && NUMBER.test(longText) ? Number(longText) : Number.NaN
    if (!(lat >= -90 && lat <= 90 && long >= -180 && long <= 180)) {
      problems.push({ key: 'open311.error.coordinates_invalid' })
    }
  } else if (address === undefined && addressId === undefined) {
    problems.push({ key: 'open311.error.location_required' })
  }
  if (address !== undefined && (address.length > 500 || CONTROL.test(address))) {
    problems.push({ key: 'open311.error.field_invalid', params: { field: 'address_string' } })
  }
  if (addressId !== undefined && (addressId.length > 200 || CONTROL.test(addressId))) {
    problems.push({ key: 'open311.error.field_invalid', params: { field: 'address_id' } })
  }
  return { problems, lat, long, address: address ?? null, addressId: addressId ?? null }
}

const COMPLAINT_FIELDS: Record<string, string> = {
  description: 'description',
  contactName: 'first_name/last_name',
  contactEmail: 'email',
  contactPhone: 'phone',
  caseReference: 'attribute',
}

/**
 * POST requests: authenticates the key (403), counts it against its rate (429), checks jurisdiction,
 * service, location, attributes and description (404/400), then creates the complaint (channel `open311`)
 * and stores the Open311 facts. Every POST with a key is audited — accepted or refused.
 * @returns the `service_requests` body for the service's type
 * @throws Open311Error
 */
export async function createServiceRequest(
  deps: Pick<AppDeps, 'db' | 'fileStore' | 'config'>,
  body: ParsedRequestBody,
  requestId: string | null,
): Promise<XmlValue[]> {
  const { db, config } = deps
  const { fields } = body
  const key = await authenticateApiKey(db, fields.get('api_key'))
  if (!key.ok) {
    await audit(db, null, 'open311.request_refused', requestId, { reason: key.reason })
    throw new Open311Error(403, {
      key: key.reason === 'missing' ? 'open311.error.api_key_missing' : 'open311.error.api_key_invalid',
    })
  }
  try {
    await consumeRateLimit(
      db,
      { bucket: 'open311-post', limit: config.open311.rateLimitPerMinute, windowSeconds: 60 },
      key.id,
    )
    checkJurisdiction(fields.get('jurisdiction_id'), config.open311.jurisdictionId)
    const code = optionalField(fields, 'service_code')
    if (code === undefined) {
      throw new Open311Error(400, { key: 'open311.error.service_code_missing' })
    }
    const service = await findService(db, code)
    const location = checkLocation(fields)
    const attrs = checkAttributes(await repo.listAttributes(db, service.id), body.attributes)
    const problems = [...location.problems, ...attrs.problems]
    const description = fields.get('description')?.replace(/\r\n?/g, '\n').trim() ?? ''
    if (description.length > MAX_DESCRIPTION) {
      problems.push({ key: 'open311.error.description_too_long', params: { max: MAX_DESCRIPTION } })
    }
    const mediaUrl = optionalField(fields, 'media_url')
    if (mediaUrl !== undefined && (mediaUrl.length > 2000 || !/^https?:\/\/[^\s<>"]+$/.test(mediaUrl))) {
      problems.push({ key: 'open311.error.field_invalid', params: { field: 'media_url' } })
    }
    if (problems.length > 0) {
      throw new Open311Error(400, problems)
    }
    // Staff read the whole request on the complaint page: the text, then attributes and location.
    const where = [
      location.address,
      location.addressId ? `ID ${location.addressId}` : null,
      location.lat !== null ? `${location.lat}, ${location.long}` : null,
    ].filter((p) => p !== null)
    const complaintText = [
      description || t('open311.no_description'),
      attrs.lines.length > 0 ? `${t('open311.complaint.attributes')}\n${attrs.lines.join('\n')}` : null,
      where.length > 0 ? `${t('open311.complaint.location')} ${where.join(' · ')}` : null,
      mediaUrl ? `${t('open311.complaint.media')} ${mediaUrl}` : null,
    ]
      .filter((p) => p !== null)
      .join('\n\n')
    const name = [optionalField(fields, 'first_name'), optionalField(fields, 'last_name')]
      .filter((p) => p !== undefined)
      .join(' ')
    const type = service.type ?? 'realtime'
    const token = type === 'batch' ? randomBytes(18).toString('base64url') : null
    let created: { id: string; reference: string; responseDueOn: string } | undefined
    try {
      // One transaction: complaint, its Open311 row and both audit entries commit together or not at all.
      await complaintsService.createComplaint(
        deps,
        {
          channel: 'open311',
          categoryCode: service.code,
          description: complaintText,
          contactName: name || undefined,
          contactEmail: optionalField(fields, 'email'),
          contactPhone: optionalField(fields, 'phone'),
        },
        SYSTEM,
        requestId,
        {
          channels: ['open311'],
          within: async (trx, complaint) => {
            await trx
              .insertInto('open311_request')
              .values({
                complaint_id: complaint.id,
                api_key_id: key.id,
                public_description: description === '' ? null : description,
                lat: location.lat,
                long: location.long,
                address_string: location.address,
                address_id: location.addressId,
                media_url: mediaUrl ?? null,
                attributes: JSON.stringify(attrs.answers),
                token,
              })
              .execute()
            await recordAuditEvent(trx, {
              actor: SYSTEM,
              action: 'open311.request_create',
              subject: { type: 'open311_api_key', id: key.id },
              requestId,
              details: {
                complaintId: complaint.id,
                reference: complaint.reference,
                serviceCode: service.code,
              },
            })
            created = complaint
          },
        },
      )
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        throw new Open311Error(
          400,
          Object.entries(error.fieldErrors).map(([field, e]) => ({
            key: 'open311.error.field_message',
            params: { field: COMPLAINT_FIELDS[field] ?? field, message: t(e.key, e.params) },
          })),
        )
      }
      throw error
    }
    if (!created) {
      throw new Error('Open311 request was not stored')
    }
    const notice = t('open311.service_notice', { date: formatIsoDate(created.responseDueOn) })
    if (type === 'batch') {
      return [{ token, service_notice: notice }]
    }
    if (type === 'blackbox') {
      return [{ service_notice: notice }]
    }
    return [{ service_request_id: created.reference, service_notice: notice }]
  } catch (error) {
    if (error instanceof Open311Error || error instanceof Error) {
      await audit(db, key.id, 'open311.request_refused', requestId, { reason: error.message.slice(0, 300) })
    }
    throw error
  }
}

async function audit(
  db: Db,
  keyId: string | null,
  action: string,
  requestId: string | null,
  details: Record<string, unknown>,
) {
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: SYSTEM,
      action,
      subject: { type: 'open311_api_key', id: keyId ?? 'none' },
      requestId,
      details,
    }),
  )
}

// ------------------------------------------------------------------------------------------------------
// GET requests

/** A request as the public sees it: no contact details, no people, nothing of private services. */
export function presentRequest(row: repo.PublicRequestRow): XmlValue {
  const isPrivate = row.private ?? true
  const times = [row.received_at, row.acknowledged_at, row.answered_at, row.closed_at]
    .filter((d): d is Date => d instanceof Date)
    .map((d) => d.getTime())
  const updated = new Date(Math.max(...times))
  return {
    service_request_id: row.reference,
    status: open311Status(row.status),
    status_notes: t(`complaints.status.${row.status}`),
    service_name: row.service_name,
    service_code: row.service_code,
    description: isPrivate ? null : (row.public_description ?? row.description),
    agency_responsible: row.routing.unitName ?? t('open311.agency_default'),
    service_notice:
      row.status === 'closed'
        ? null
        : t('open311.service_notice', { date: formatIsoDate(row.response_due_on) }),
    requested_datetime: formatW3(row.received_at),
    updated_datetime: formatW3(row.status === 'closed' && row.closed_at ? row.closed_at : updated),
    expected_datetime: formatW3(endOfBerlinDay(row.response_due_on)),
    address: isPrivate ? null : row.address_string,
    address_id: isPrivate ? null : row.address_id,
    zipcode: null,
    lat: isPrivate ? null : row.lat,
    long: isPrivate ? null : row.long,
    media_url: isPrivate ? null : row.media_url,
  }
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** The query of GET requests, as given (each value optional). */
export interface RequestQuery {
  service_request_id?: string | undefined
  service_code?: string | undefined
  start_date?: string | undefined
  end_date?: string | undefined
  status?: string | undefined
}

/**
 * GET requests with the specification's filters: `service_request_id` (comma list) overrides all others;
 * otherwise `service_code` and `status` lists and a `start_date`–`end_date` window of at most 90 days
 * (default: the last 90 days), newest first, at most 1,000.
 * @throws Open311Error 400 for malformed dates, a window over 90 days, or an unknown status
 */
export async function listServiceRequests(
  db: Db,
  query: RequestQuery,
  now = new Date(),
): Promise<XmlValue[]> {
  const ids = list(query.service_request_id)
  let q = repo.publicRequests(db)
  if (ids.length > 0) {
    if (ids.length > DEFAULT_LIMIT) {
      throw new Open311Error(400, { key: 'open311.error.too_many_ids', params: { max: DEFAULT_LIMIT } })
    }
    q = q.where('k.reference', 'in', ids)
  } else {
    const start = query.start_date ? parseW3(query.start_date) : undefined
    const end = query.end_date ? parseW3(query.end_date) : undefined
    if ((query.start_date && !start) || (query.end_date && !end)) {
      throw new Open311Error(400, { key: 'open311.error.date_invalid' })
    }
    const to =
      end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + MAX_RANGE_DAYS * DAY_MS)) : now)
    const from = start ?? new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS)
    if (from > to) {
      throw new Open311Error(400, { key: 'open311.error.date_order' })
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new Open311Error(400, { key: 'open311.error.date_range', params: { days: MAX_RANGE_DAYS } })
    }
    q = q.where('k.received_at', '>=', from).where('k.received_at', '<=', to)
    const codes = list(query.service_code)
    if (codes.length > 0) {
      q = q.where('c.code', 'in', codes)
    }
    const statuses = list(query.status)
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) {
      throw new Open311Error(400, { key: 'open311.error.status_invalid' })
    }
    if (statuses.length === 1) {
      q = statuses[0] === 'closed' ? q.where('k.status', '=', 'closed') : q.where('k.status', '!=', 'closed')
    }
  }
  const rows = await q
    .orderBy('k.received_at', 'desc')
    .orderBy('k.reference', 'desc')
    .limit(DEFAULT_LIMIT)
    .execute()
  return rows.map(presentRequest)
}

/** GET requests/{id}. @throws Open311Error 404 */
export async function getServiceRequest(db: Db, id: string): Promise<XmlValue[]> {
  const row = await repo.publicRequests(db).where('k.reference', '=', id).executeTakeFirst()
  if (!row) {
    throw new Open311Error(404, { key: 'open311.error.request_not_found', params: { id } })
  }
  return [presentRequest(row)]
}

/** GET tokens/{token}: the request id a batch token stands for. @throws Open311Error 404 */
export async function getToken(db: Db, token: string): Promise<XmlValue[]> {
  const row = await db
    .selectFrom('open311_request as r')
    .innerJoin('complaint as k', 'k.id', 'r.complaint_id')
    .select(['k.reference', 'r.token'])
    .where('r.token', '=', token)
    .executeTakeFirst()
  if (!row) {
    throw new Open311Error(404, { key: 'open311.error.token_not_found' })
  }
  return [{ service_request_id: row.reference, token: row.token }]
}
