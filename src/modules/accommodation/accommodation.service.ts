// SPDX-License-Identifier: EUPL-1.2
/**
 * Shared accommodation: sites, places and who lives where. Sites and places hold no personal data; a stay
 * links a place to a case (`application`) and is personal data: names are shown only for cases the staff
 * member may see (need-to-know, cases/case-access.ts), every such read is audited, and everyone else sees
 * counts. Double booking and over-capacity are refused by the database (exclusion constraints, capacity
 * trigger); the service turns those refusals into German field errors.
 * @module
 */
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { parseGermanDate } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import type { FieldErrors } from '../../views/components/form.js'
import { recordAuditEvent } from '../audit/index.js'
import { canSeeCase, caseScopeOf } from '../cases/index.js'
import { parseText } from './accommodation.forms.js'
import { capacityHistory, occupancyRefusal } from './capacity.service.js'
import { capacityAt, type MonthOccupancy, occupancyAt, occupancyByMonth, occupancyRate } from './occupancy.js'

export type FormResult = { ok: true; id: string } | { ok: false; errors: FieldErrors }

function actor(staff: StaffPrincipal) {
  return { type: 'staff' as const, id: staff.id }
}

/** The PostgreSQL error code and constraint of a refused write, if it is one. */
export function constraintOf(error: unknown): { code: string; constraint: string } | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const constraint = 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : ''
    return { code: error.code, constraint }
  }
  return null
}

/** Sites with the capacity valid at `day`, places and occupancy at `day`. */
export async function listSites(db: Db, day: string) {
  const sites = await db
    .selectFrom('accommodation_site as s')
    .leftJoin('accommodation_place as p', 'p.site_id', 's.id')
    .select(['s.id', 's.name', 's.address', 's.capacity'])
    .select((eb) => eb.fn.count<number>('p.id').as('places'))
    .groupBy('s.id')
    .orderBy('s.name')
    .execute()
  const occupied = await occupancyAt(db, day)
  const capacities = await capacityAt(db, day)
  return sites.map((s) => {
    const n = occupied.get(s.id) ?? 0
    const capacity = capacities.get(s.id) ?? s.capacity
    return { ...s, capacity, places: Number(s.places), occupied: n, rate: occupancyRate(n, capacity) }
  })
}

/** Registers a site with name, address and capacity. */
export async function createSite(
  db: Db,
  staff: StaffPrincipal,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const errors: FieldErrors = {}
  const name = parseText(values.name, 2, 200, errors, 'name')
  const address = parseText(values.address, 5, 500, errors, 'address', true)
  const capacityText = (values.capacity ?? '').trim()
  const capacity = /^\d{1,5}$/.test(capacityText) ? Number(capacityText) : Number.NaN
  if (!(capacity >= 1 && capacity <= 10000)) {
    errors.capacity = t('accommodation.error.capacity')
  }
  if (Object.keys(errors).length > 0 || name === null || address === null) {
    return { ok: false, errors }
  }
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('accommodation_site').select('id').where('name', '=', name).executeTakeFirst()) {
      return { ok: false as const, errors: { name: t('accommodation.error.name_taken') } }
    }
    const row = await trx
      .insertInto('accommodation_site')
      .values({ name, address, capacity })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'accommodation_site.create',
      subject: { type: 'accommodation_site', id: row.id },
      requestId,
      details: { name, capacity },
    })
    return { ok: true as const, id: row.id }
  })
}

/** A site by id. @throws NotFoundError */
export async function loadSite(db: Db, id: string) {
  const site = isUuid(id)
    ? await db.selectFrom('accommodation_site').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined
  if (!site) {
    throw new NotFoundError('no such site')
  }
  return site
}

/**
 * Adds a place to a site; refused with a field error when the site has as many places as its capacity.
 * @throws NotFoundError
 */
export async function addPlace(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  await loadSite(db, siteId)
  const errors: FieldErrors = {}
  const label = parseText(values.label, 1, 60, errors, 'label')
  if (label === null) {
    return { ok: false, errors }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('accommodation_place')
        .values({ site_id: siteId, label })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor: actor(staff),
        action: 'accommodation_place.create',
        subject: { type: 'accommodation_site', id: siteId },
        requestId,
        details: { placeId: row.id, label },
      })
      return { ok: true as const, id: row.id }
    })
  } catch (error) {
    const refused = constraintOf(error)
    if (refused?.code === '23505') {
      return { ok: false, errors: { label: t('accommodation.error.label_taken') } }
    }
    if (refused?.code === '23514' && refused.constraint === 'accommodation_capacity') {
      return { ok: false, errors: { label: t('accommodation.error.over_capacity') } }
    }
    throw error
  }
}

/** A place at the page's date: free, taken by a resident the viewer may see, or taken (name withheld). */
export type PlaceView =
  | { id: string; label: string; state: 'free' }
  | { id: string; label: string; state: 'hidden' }
  | {
      id: string
      label: string
      state: 'visible'
      stayId: string
      applicationId: string
      reference: string
      name: string
      movedIn: string
    }

/**
 * A site's page at `day`: its places with residents (names only for cases the staff member may see; that read
 * is audited), its contracts, and its occupancy over the twelve months up to `day`.
 * @throws NotFoundError
 */
export async function getSite(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  day: string,
  requestId: string | null,
) {
  const site = await loadSite(db, siteId)
  const places = await db
    .selectFrom('accommodation_place')
    .select(['id', 'label'])
    .where('site_id', '=', siteId)
    .orderBy('label')
    .execute()
  const stays = await db
    .selectFrom('accommodation_stay')
    .select(['id', 'place_id', 'application_id', 'moved_in'])
    .where('site_id', '=', siteId)
    .where('moved_in', '<=', day)
    .where((eb) => eb.or([eb('moved_out', 'is', null), eb('moved_out', '>', day)]))
    .execute()
  const scope = await caseScopeOf(db, staff, new Date())
  const ids = stays.map((s) => s.application_id)
  const visible =
    ids.length === 0
      ? []
      : await db
          .selectFrom('application as a')
          .select(['a.id', 'a.reference', 'a.applicant_given_name', 'a.applicant_surname'])
          .where('a.id', 'in', ids)
          .where(canSeeCase(scope))
          .execute()
  const byCase = new Map(visible.map((a) => [a.id, a]))
  if (visible.length > 0) {
    await db.transaction().execute((trx) =>
      recordAuditEvent(trx, {
        actor: actor(staff),
        action: 'accommodation.residents_view',
        subject: { type: 'accommodation_site', id: siteId },
        requestId,
        details: { applicationIds: visible.map((a) => a.id), day },
      }),
    )
  }
  const stayByPlace = new Map(stays.map((s) => [s.place_id, s]))
  const placeViews: PlaceView[] = places.map((p) => {
    const stay = stayByPlace.get(p.id)
    if (!stay) {
      return { id: p.id, label: p.label, state: 'free' }
    }
    const application = byCase.get(stay.application_id)
    if (!application) {
      return { id: p.id, label: p.label, state: 'hidden' }
    }
    return {
      id: p.id,
      label: p.label,
      state: 'visible',
      stayId: stay.id,
      applicationId: application.id,
      reference: application.reference,
      name: `${application.applicant_given_name} ${application.applicant_surname}`,
      movedIn: stay.moved_in,
    }
  })
  const contracts = await db
    .selectFrom('provider_contract as c')
    .innerJoin('provider as p', 'p.id', 'c.provider_id')
    .select([
      'c.id',
      'c.kind',
      'c.reference',
      'c.valid_from',
      'c.valid_to',
      'c.tender_on',
      'c.awarded_on',
      'p.id as provider_id',
      'p.name as provider_name',
    ])
    .where('c.site_id', '=', siteId)
    .orderBy('c.kind')
    .orderBy('c.valid_from', 'desc')
    .execute()
  const month = day.slice(0, 7)
  const series: MonthOccupancy[] = await occupancyByMonth(db, monthMinus(month, 11), month, siteId)
  const capacity = (await capacityAt(db, day)).get(siteId) ?? site.capacity
  return {
    site: { ...site, capacity },
    places: placeViews,
    occupied: stays.length,
    rate: occupancyRate(stays.length, capacity),
    contracts,
    series,
    capacities: await capacityHistory(db, siteId),
  }
}

/** `YYYY-MM` minus `n` months. */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) - n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * Records that the person of a case moves into a place. The staff member must be able to see the case;
 * a place already taken for an overlapping period, or a person already living elsewhere then, is refused by
 * the database and reported as a field error.
 * @throws NotFoundError for an unknown site
 */
export async function moveIn(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  await loadSite(db, siteId)
  const errors: FieldErrors = {}
  const placeId = (values.placeId ?? '').trim()
  const place = isUuid(placeId)
    ? await db
        .selectFrom('accommodation_place')
        .select('id')
        .where('id', '=', placeId)
        .where('site_id', '=', siteId)
        .executeTakeFirst()
    : undefined
  if (!place) {
    errors.placeId = t('accommodation.error.place')
  }
  const reference = (values.reference ?? '').trim().toUpperCase()
  const scope = await caseScopeOf(db, staff, new Date())
  const application =
    reference.length > 0 && reference.length <= 40
      ? await db
          .selectFrom('application as a')
          .select(['a.id'])
          .where('a.reference', '=', reference)
          .where(canSeeCase(scope))
          .executeTakeFirst()
      : undefined
  if (!application) {
    errors.reference = reference === '' ? t('accommodation.error.required') : t('accommodation.error.case')
  }
  const movedIn = parseGermanDate(values.movedIn ?? '')
  if (!movedIn) {
    errors.movedIn = t('accommodation.error.date')
  }
  const movedOutText = (values.movedOut ?? '').trim()
  const movedOut = movedOutText === '' ? null : parseGermanDate(movedOutText)
  if (movedOutText !== '' && !movedOut) {
    errors.movedOut = t('accommodation.error.date')
  } else if (movedIn && movedOut && movedOut <= movedIn) {
    errors.movedOut = t('accommodation.error.out_before_in')
  }
  if (Object.keys(errors).length > 0 || !place || !application || !movedIn) {
    return { ok: false, errors }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('accommodation_stay')
        .values({
          site_id: siteId,
          place_id: place.id,
          application_id: application.id,
          moved_in: movedIn,
          moved_out: movedOut,
          created_by: staff.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor: actor(staff),
        action: 'accommodation.move_in',
        subject: { type: 'application', id: application.id },
        requestId,
        details: { siteId, placeId: place.id, stayId: row.id, movedIn, movedOut },
      })
      return { ok: true as const, id: row.id }
    })
  } catch (error) {
    const refused = constraintOf(error)
    if (refused?.code === '23P01' && refused.constraint === 'accommodation_stay_no_double_booking') {
      return { ok: false, errors: { placeId: t('accommodation.error.double_booking') } }
    }
    if (refused?.code === '23P01' && refused.constraint === 'accommodation_stay_one_place_per_person') {
      return { ok: false, errors: { reference: t('accommodation.error.already_housed') } }
    }
    const occupancy = occupancyRefusal(error)
    if (occupancy) {
      return { ok: false, errors: { movedIn: occupancy } }
    }
    throw error
  }
}

/**
 * Records a move out (the day the place is free again) for a resident whose case the staff member may see.
 * @throws NotFoundError for an unknown site
 */
export async function moveOut(
  db: Db,
  staff: StaffPrincipal,
  siteId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  await loadSite(db, siteId)
  const stayId = (values.stayId ?? '').trim()
  const scope = await caseScopeOf(db, staff, new Date())
  const stay = isUuid(stayId)
    ? await db
        .selectFrom('accommodation_stay as s')
        .innerJoin('application as a', 'a.id', 's.application_id')
        .select(['s.id', 's.moved_in', 's.moved_out', 's.application_id'])
        .where('s.id', '=', stayId)
        .where('s.site_id', '=', siteId)
        .where(canSeeCase(scope))
        .executeTakeFirst()
    : undefined
  if (!stay) {
    throw new NotFoundError('no such stay')
  }
  // Each resident has her own move-out form on the page; the field carries the stay's id so that ids stay unique.
  const fieldName = `movedOut-${stay.id}`
  const movedOut = parseGermanDate(values[fieldName] ?? '')
  if (!movedOut) {
    return { ok: false, errors: { [fieldName]: t('accommodation.error.date') } }
  }
  if (movedOut <= stay.moved_in) {
    return { ok: false, errors: { [fieldName]: t('accommodation.error.out_before_in') } }
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accommodation_stay')
      .set({ moved_out: movedOut })
      .where('id', '=', stay.id)
      .execute()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'accommodation.move_out',
      subject: { type: 'application', id: stay.application_id },
      requestId,
      details: { siteId, stayId: stay.id, movedOut, previous: stay.moved_out },
    })
    return { ok: true as const, id: stay.id }
  })
}
