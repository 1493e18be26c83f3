// SPDX-License-Identifier: EUPL-1.2
/**
 * A site's master data and its dated capacity (ADR 0031). The capacity is kept as versions valid from a
 * date; the occupancy rate of a date uses the version valid then, and the database refuses any version that
 * would leave more residents on some date than the capacity valid that date (`accommodation_occupancy`).
 * Name and address are edited in place (no dated history: they identify the site); every change is audited
 * with its old and new values. No personal data here.
 * @module
 */
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { formatIsoDate, parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { recordAuditEvent } from '../audit/index.js'
import { parseText } from './accommodation.forms.js'
import { constraintOf, type FormResult, loadSite } from './accommodation.service.js'
import type { AccommodationCapacityRow } from './accommodation.table.js'

function actor(staff: StaffPrincipal) {
  return { type: 'staff' as const, id: staff.id }
}

/** The capacity versions of a site, oldest first. */
export function capacityHistory(db: Db, siteId: string): Promise<AccommodationCapacityRow[]> {
  return db
    .selectFrom('accommodation_capacity')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('valid_from')
    .execute()
}

/** Reads a capacity field: a whole number 1..10000, or a German error into `errors[name]`. */
export function parseCapacity(
  raw: string | undefined,
  errors: FieldErrors,
  name = 'capacity',
): number | null {
  const text = (raw ?? '').trim()
  const capacity = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(capacity >= 1 && capacity <= 10000)) {
    errors[name] = t('accommodation.error.capacity')
    return null
  }
  return capacity
}

/**
 * The refusal of the occupancy guard as a German sentence: the first date on which more people would live
 * at the site than its capacity then, or null when the error is something else.
 */
export function occupancyRefusal(error: unknown): string | null {
  const refused = constraintOf(error)
  if (refused?.code !== '23514' || refused.constraint !== 'accommodation_occupancy') {
    return null
  }
  const detail = typeof error === 'object' && error && 'detail' in error ? String(error.detail) : ''
  const [day, residents, capacity] = detail.split(' ')
  return day && residents && capacity
    ? t('accommodation.error.over_occupancy', { day: formatIsoDate(day), residents, capacity })
    : t('accommodation.error.over_occupancy_plain')
}

/**
 * Records the capacity of a site from a date: a new version, or a correction of the version that begins
 * that day. Refused when more people live at the site on some day than the capacity would then allow, or
 * when the site would have more places than any of its capacities.
 * @throws NotFoundError
 */
export async function recordCapacity(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  await loadSite(db, siteId)
  const errors: FieldErrors = {}
  const capacity = parseCapacity(values.newCapacity, errors, 'newCapacity')
  const validFromText = (values.validFrom ?? '').trim()
  const validFrom = validFromText === '' ? null : parseGermanDate(validFromText)
  if (!validFrom || validFrom < '2000-01-01' || validFrom > '2100-12-31') {
    errors.validFrom =
      validFromText === '' ? t('accommodation.error.required') : t('accommodation.error.date')
  }
  if (Object.keys(errors).length > 0 || capacity === null || !validFrom) {
    return { ok: false, errors }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('accommodation_capacity')
        .select(['id', 'capacity'])
        .where('site_id', '=', siteId)
        .where('valid_from', '=', validFrom)
        .executeTakeFirst()
      const places = await trx
        .selectFrom('accommodation_place')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', siteId)
        .executeTakeFirstOrThrow()
      const row = before
        ? await trx
            .updateTable('accommodation_capacity')
            .set({ capacity, recorded_by: staff.id, recorded_at: new Date() })
            .where('id', '=', before.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('accommodation_capacity')
            .values({ site_id: siteId, valid_from: validFrom, capacity, recorded_by: staff.id })
            .returning('id')
            .executeTakeFirstOrThrow()
      const max = await trx
        .selectFrom('accommodation_capacity')
        .select((eb) => eb.fn.max('capacity').as('max'))
        .where('site_id', '=', siteId)
        .executeTakeFirstOrThrow()
      if (Number(places.n) > Number(max.max)) {
        // Only a correction can lower the largest capacity below the places; refuse it like the trigger would.
        throw Object.assign(new Error('more places than any capacity'), {
          code: '23514',
          constraint: 'accommodation_capacity',
        })
      }
      await recordAuditEvent(trx, {
        actor: actor(staff),
        action: 'accommodation_site.capacity_change',
        subject: { type: 'accommodation_site', id: siteId },
        requestId,
        details: { validFrom, before: before?.capacity ?? null, after: capacity, versionId: row.id },
      })
      return { ok: true as const, id: row.id }
    })
  } catch (error) {
    const occupancy = occupancyRefusal(error)
    if (occupancy) {
      return { ok: false, errors: { newCapacity: occupancy } }
    }
    const refused = constraintOf(error)
    if (refused?.code === '23514' && refused.constraint === 'accommodation_capacity') {
      return { ok: false, errors: { newCapacity: t('accommodation.error.below_places') } }
    }
    throw error
  }
}

/**
 * Changes a site's name and address; audited with the old and new values. The capacity is changed as a
 * dated version (`recordCapacity`), never here.
 * @throws NotFoundError
 */
export async function updateSite(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const site = await loadSite(db, siteId)
  const errors: FieldErrors = {}
  const name = parseText(values.name, 2, 200, errors, 'name')
  const address = parseText(values.address, 5, 500, errors, 'address', true)
  if (Object.keys(errors).length > 0 || name === null || address === null) {
    return { ok: false, errors }
  }
  const before = { name: site.name, address: site.address }
  const after = { name, address }
  const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k])
  if (changed.length === 0) {
    return { ok: true, id: siteId }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('accommodation_site')
        .select('id')
        .where('name', '=', name)
        .where('id', '<>', siteId)
        .executeTakeFirst()
      if (taken) {
        return { ok: false as const, errors: { name: t('accommodation.error.name_taken') } }
      }
      await trx.updateTable('accommodation_site').set(after).where('id', '=', siteId).execute()
      await recordAuditEvent(trx, {
        actor: actor(staff),
        action: 'accommodation_site.update',
        subject: { type: 'accommodation_site', id: siteId },
        requestId,
        details: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      })
      return { ok: true as const, id: siteId }
    })
  } catch (error) {
    if (constraintOf(error)?.code === '23505') {
      return { ok: false, errors: { name: t('accommodation.error.name_taken') } }
    }
    throw error
  }
}
