// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { type ComplaintFieldErrors, ComplaintRejectedError } from '../complaints/index.js'
import type { AttributeDatatype, AttributeValue, ServiceType } from './open311.table.js'

/**
 * Settings of the Open311 services (issue 5): how each complaint category is published at
 * /open311/v2/services (description, type, keywords, group, private) and its attribute definitions (the
 * six datatypes, required, order, value lists). What is saved here is what GET services and
 * services/{code} answer next. No personal data; every change is audited.
 */

export const SERVICE_TYPES: readonly ServiceType[] = ['realtime', 'batch', 'blackbox']
export const DATATYPES: readonly AttributeDatatype[] = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
]
const ATTRIBUTE_CODE = /^[A-Za-z0-9_-]{1,40}$/
const VALUE_KEY = /^[A-Za-z0-9_.-]{1,40}$/
const CONTROL_LINE = /[^\P{Cc}]/u
const CONTROL_TEXT = /[^\P{Cc}\n]/u

/** Every category with its service settings (defaults when none are stored) and how many attributes. */
export async function listServiceSettings(db: Db) {
  const rows = await db
    .selectFrom('complaint_category as c')
    .leftJoin('open311_service as s', 's.category_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.code',
      'c.label',
      'c.active',
      's.description',
      's.type',
      's.keywords',
      's.group_name',
      's.private',
      eb
        .selectFrom('open311_attribute as a')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('a.category_id', '=', 'c.id')
        .as('attributes'),
    ])
    .orderBy('c.position')
    .orderBy('c.code')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    label: r.label,
    active: r.active,
    description: r.description ?? '',
    type: r.type ?? ('realtime' as ServiceType),
    keywords: r.keywords ?? '',
    groupName: r.group_name ?? '',
    private: r.private ?? true,
    attributes: Number(r.attributes ?? 0),
  }))
}

export type ServiceSetting = Awaited<ReturnType<typeof listServiceSettings>>[number]

/** One service with its attributes in their order. @throws NotFoundError */
export async function getServiceSetting(db: Db, categoryId: string) {
  const service = isUuid(categoryId)
    ? (await listServiceSettings(db)).find((s) => s.id === categoryId)
    : undefined
  if (!service) {
    throw new NotFoundError('no such service')
  }
  const attributes = await db
    .selectFrom('open311_attribute')
    .selectAll()
    .where('category_id', '=', categoryId)
    .orderBy('position')
    .execute()
  return { service, attributes }
}

function line(
  errors: ComplaintFieldErrors,
  field: string,
  value: string | undefined,
  max: number,
  required = false,
): string {
  const text = (value ?? '').trim()
  if (text === '' && required) {
    errors[field] = { key: 'open311.settings.error.required' }
  } else if (text.length > max) {
    errors[field] = { key: 'open311.settings.error.too_long', params: { max } }
  } else if (CONTROL_LINE.test(text)) {
    errors[field] = { key: 'open311.settings.error.invalid_characters' }
  }
  return text
}

/**
 * Saves how a category is published as a service.
 * @throws NotFoundError, ComplaintRejectedError (German field errors; nothing stored)
 */
export async function saveService(
  db: Db,
  staff: StaffPrincipal,
  categoryId: string,
  input: Record<string, string>,
  requestId: string | null,
): Promise<void> {
  const { service: before } = await getServiceSetting(db, categoryId)
  const errors: ComplaintFieldErrors = {}
  const description = (input.description ?? '').replace(/\r\n?/g, '\n').trim()
  if (description.length > 1000) {
    errors.description = { key: 'open311.settings.error.too_long', params: { max: 1000 } }
  } else if (CONTROL_TEXT.test(description)) {
    errors.description = { key: 'open311.settings.error.invalid_characters' }
  }
  const type = SERVICE_TYPES.find((s) => s === input.type)
  if (!type) {
    errors.type = { key: 'open311.settings.error.type_required' }
  }
  const keywords = line(errors, 'keywords', input.keywords, 300)
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .join(', ')
  const groupName = line(errors, 'groupName', input.groupName, 100)
  if (Object.keys(errors).length > 0 || !type) {
    throw new ComplaintRejectedError(errors)
  }
  const values = {
    description,
    type,
    keywords,
    group_name: groupName,
    private: input.private === 'ja',
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('open311_service')
      .values({ category_id: categoryId, ...values })
      .onConflict((oc) => oc.column('category_id').doUpdateSet(values))
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'open311.service_update',
      subject: { type: 'complaint_category', id: categoryId },
      requestId,
      details: {
        code: before.code,
        before: {
          description: before.description,
          type: before.type,
          keywords: before.keywords,
          groupName: before.groupName,
          private: before.private,
        },
        after: values,
      },
    })
  })
}

/**
 * Reads a value list written one per line as `key = Name` (or just `Name`, whose key is then derived).
 * @returns the values, or undefined with an error recorded
 */
function parseValues(errors: ComplaintFieldErrors, text: string): AttributeValue[] | undefined {
  const values: AttributeValue[] = []
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  for (const [i, raw] of lines.entries()) {
    const eq = raw.indexOf('=')
    const key = (eq >= 0 ? raw.slice(0, eq) : raw).trim()
    const name = (eq >= 0 ? raw.slice(eq + 1) : raw).trim()
    if (!VALUE_KEY.test(key) || name === '' || name.length > 200 || CONTROL_LINE.test(name)) {
      errors.values = { key: 'open311.settings.error.value_line', params: { line: i + 1 } }
      return undefined
    }
    if (values.some((v) => v.key === key)) {
      errors.values = { key: 'open311.settings.error.value_duplicate', params: { key } }
      return undefined
    }
    values.push({ key, name })
  }
  return values
}

/** The form's text of a value list. */
export function valuesText(values: AttributeValue[]): string {
  return values.map((v) => `${v.key} = ${v.name}`).join('\n')
}

/**
 * Adds an attribute definition (`attributeId` undefined) or changes one.
 * @throws NotFoundError, ComplaintRejectedError (German field errors; nothing stored)
 */
export async function saveAttribute(
  db: Db,
  staff: StaffPrincipal,
  categoryId: string,
  attributeId: string | undefined,
  input: Record<string, string>,
  requestId: string | null,
): Promise<void> {
  const { service, attributes } = await getServiceSetting(db, categoryId)
  const existing = attributeId ? attributes.find((a) => a.id === attributeId) : undefined
  if (attributeId && !existing) {
    throw new NotFoundError('no such attribute')
  }
  const others = attributes.filter((a) => a.id !== attributeId)
  const errors: ComplaintFieldErrors = {}
  const code = (input.code ?? '').trim()
  if (code === '') {
    errors.code = { key: 'open311.settings.error.required' }
  } else if (!ATTRIBUTE_CODE.test(code)) {
    errors.code = { key: 'open311.settings.error.attribute_code' }
  } else if (others.some((a) => a.code === code)) {
    errors.code = { key: 'open311.settings.error.attribute_code_taken' }
  }
  const description = line(errors, 'attrDescription', input.attrDescription, 500, true)
  const datatype = DATATYPES.find((d) => d === input.datatype)
  if (!datatype) {
    errors.datatype = { key: 'open311.settings.error.datatype_required' }
  }
  const positionText = (input.order ?? '').trim()
  const position = /^\d{1,4}$/.test(positionText) ? Number(positionText) : 0
  if (position < 1) {
    errors.order = { key: 'open311.settings.error.order_invalid' }
  } else if (others.some((a) => a.position === position)) {
    errors.order = { key: 'open311.settings.error.order_taken', params: { order: position } }
  }
  const datatypeDescription = line(errors, 'datatypeDescription', input.datatypeDescription, 200)
  const values = parseValues(errors, input.values ?? '') ?? []
  const isList = datatype === 'singlevaluelist' || datatype === 'multivaluelist'
  if (datatype && isList && values.length === 0 && !errors.values) {
    errors.values = { key: 'open311.settings.error.values_required' }
  } else if (datatype && !isList && values.length > 0) {
    errors.values = { key: 'open311.settings.error.values_not_allowed' }
  }
  if (Object.keys(errors).length > 0 || !datatype) {
    throw new ComplaintRejectedError(errors)
  }
  const row = {
    code,
    description,
    datatype,
    position,
    required: input.required === 'ja',
    variable: input.variable === 'ja',
    datatype_description: datatypeDescription,
    values: JSON.stringify(values),
  }
  await db
    .transaction()
    .execute(async (trx) => {
      let id = attributeId
      if (existing) {
        await trx.updateTable('open311_attribute').set(row).where('id', '=', existing.id).execute()
      } else {
        id = (
          await trx
            .insertInto('open311_attribute')
            .values({ category_id: categoryId, ...row })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      }
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: existing ? 'open311.attribute_update' : 'open311.attribute_create',
        subject: { type: 'complaint_category', id: categoryId },
        requestId,
        details: {
          service: service.code,
          attributeId: id,
          before: existing
            ? { code: existing.code, datatype: existing.datatype, order: existing.position }
            : null,
          after: { ...row, values },
        },
      })
    })
    .catch((error: unknown) => {
      // A concurrent change took the code or the order first (unique indexes): tell, store nothing.
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505') {
        throw new ComplaintRejectedError({
          order: { key: 'open311.settings.error.order_taken', params: { order: position } },
        })
      }
      throw error
    })
}

/** Removes an attribute definition (answers already given stay with their requests). @throws NotFoundError */
export async function deleteAttribute(
  db: Db,
  staff: StaffPrincipal,
  categoryId: string,
  attributeId: string,
  requestId: string | null,
): Promise<void> {
  const { service, attributes } = await getServiceSetting(db, categoryId)
  const existing = attributes.find((a) => a.id === attributeId)
  if (!existing) {
    throw new NotFoundError('no such attribute')
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('open311_attribute').where('id', '=', existing.id).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'open311.attribute_delete',
      subject: { type: 'complaint_category', id: categoryId },
      requestId,
      details: { service: service.code, attributeId, code: existing.code },
    })
  })
}

/** When the service list or a definition last changed (for the discovery `changeset`), if ever. */
export async function lastServiceChange(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.max('occurred_at').as('at'))
    .where('action', 'in', [
      'open311.service_update',
      'open311.attribute_create',
      'open311.attribute_update',
      'open311.attribute_delete',
      'complaint.category_create',
      'complaint.category_update',
      'complaint.category_delete',
    ])
    .executeTakeFirst()
  return row?.at ? new Date(row.at) : undefined
}
