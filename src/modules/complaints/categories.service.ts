// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import {
  type ComplaintFieldErrors,
  ComplaintRejectedError,
  ComplaintStateError,
} from './complaints.errors.js'
import * as repo from './complaints.repository.js'

/**
 * Configuration of complaint categories (issue 5): add, rename, route to a unit, deactivate, and delete only
 * while no complaint uses it. The code is fixed once created: it is the Open311 `service_code` and what
 * webhooks and the import map to. No personal data; every change is audited.
 */

const CODE = /^[a-z_]{2,40}$/
const CONTROL = /\p{Cc}/u
const MAX_LABEL = 100

/** Every category (active or not), with how many complaints use it and the unit it routes to. */
export async function listCategoryOverview(db: Db) {
  return db
    .selectFrom('complaint_category as c')
    .leftJoin('org_unit as u', 'u.id', 'c.unit_id')
    .select((eb) => [
      'c.id',
      'c.code',
      'c.label',
      'c.unit_id',
      'c.position',
      'c.active',
      'u.name as unit_name',
      eb
        .selectFrom('complaint as k')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('k.category_id', '=', 'c.id')
        .as('complaints'),
    ])
    .orderBy('c.position')
    .orderBy('c.code')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, complaints: Number(r.complaints ?? 0) })))
}

export type CategoryOverview = Awaited<ReturnType<typeof listCategoryOverview>>[number]

/** @throws NotFoundError */
export async function getCategory(db: Db, id: string) {
  const row = isUuid(id) ? (await listCategoryOverview(db)).find((c) => c.id === id) : undefined
  if (!row) {
    throw new NotFoundError('no such complaint category')
  }
  return row
}

interface CategoryInput {
  label?: string | undefined
  unitId?: string | undefined
  position?: string | undefined
}

/** Checks label, unit and position; German messages per field. */
async function checkCommon(db: Db, input: CategoryInput, errors: ComplaintFieldErrors, selfId?: string) {
  const label = (input.label ?? '').trim()
  if (label === '') {
    errors.label = { key: 'complaints.categories.error.label_required' }
  } else if (label.length > MAX_LABEL || CONTROL.test(label)) {
    errors.label = { key: 'complaints.categories.error.label_invalid', params: { max: MAX_LABEL } }
  } else {
    const same = await db
      .selectFrom('complaint_category')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()))
      .executeTakeFirst()
    if (same && same.id !== selfId) {
      errors.label = { key: 'complaints.categories.error.label_taken' }
    }
  }
  const unitText = (input.unitId ?? '').trim()
  let unitId: string | null = null
  if (unitText !== '') {
    const unit = isUuid(unitText) ? await repo.findUnitValidAt(db, unitText, new Date()) : undefined
    if (!unit) {
      errors.unitId = { key: 'complaints.categories.error.unit_invalid' }
    } else {
      unitId = unit.id
    }
  }
  const positionText = (input.position ?? '').trim()
  let position = 0
  if (positionText !== '') {
    position = /^\d{1,4}$/.test(positionText) ? Number(positionText) : -1
    if (position < 0) {
      errors.position = { key: 'complaints.categories.error.position_invalid' }
    }
  }
  return { label, unitId, position }
}

/**
 * Adds a category (active). A new category is at once a public Open311 service with default settings.
 * @throws ComplaintRejectedError with German field errors; nothing is stored then
 */
export async function addCategory(
  db: Db,
  staff: StaffPrincipal,
  input: CategoryInput & { code?: string | undefined },
  requestId: string | null,
): Promise<{ id: string }> {
  const errors: ComplaintFieldErrors = {}
  const code = (input.code ?? '').trim()
  if (code === '') {
    errors.code = { key: 'complaints.categories.error.code_required' }
  } else if (!CODE.test(code)) {
    errors.code = { key: 'complaints.categories.error.code_invalid' }
  } else if (
    await db.selectFrom('complaint_category').select('id').where('code', '=', code).executeTakeFirst()
  ) {
    errors.code = { key: 'complaints.categories.error.code_taken' }
  }
  const common = await checkCommon(db, input, errors)
  if (Object.keys(errors).length > 0) {
    throw new ComplaintRejectedError(errors)
  }
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto('complaint_category')
        .values({ code, label: common.label, unit_id: common.unitId, position: common.position })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.insertInto('open311_service').values({ category_id: row.id }).execute()
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'complaint.category_create',
        subject: { type: 'complaint_category', id: row.id },
        requestId,
        details: { code, label: common.label, unitId: common.unitId, position: common.position },
      })
      return row
    })
    .catch((error: unknown) => {
      // Two administrators adding the same code at once: the unique index decides, the loser is told.
      if (isUniqueViolation(error)) {
        throw new ComplaintRejectedError({ code: { key: 'complaints.categories.error.code_taken' } })
      }
      throw error
    })
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505'
}

/**
 * Renames a category, routes it to another unit (empty = the fallback unit), moves it, and (de)activates it.
 * An inactive category is no longer offered on the form nor published as an Open311 service; its
 * complaints keep it.
 * @throws NotFoundError, ComplaintRejectedError
 */
export async function updateCategory(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  input: CategoryInput & { active?: string | undefined },
  requestId: string | null,
): Promise<void> {
  const before = await getCategory(db, id)
  const errors: ComplaintFieldErrors = {}
  const common = await checkCommon(db, input, errors, id)
  if (Object.keys(errors).length > 0) {
    throw new ComplaintRejectedError(errors)
  }
  const active = input.active === 'ja'
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('complaint_category')
      .set({ label: common.label, unit_id: common.unitId, position: common.position, active })
      .where('id', '=', id)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'complaint.category_update',
      subject: { type: 'complaint_category', id },
      requestId,
      details: {
        code: before.code,
        before: {
          label: before.label,
          unitId: before.unit_id,
          position: before.position,
          active: before.active,
        },
        after: { label: common.label, unitId: common.unitId, position: common.position, active },
      },
    })
  })
}

/**
 * Deletes a category no complaint has ever used, with its Open311 settings. One in use can only be
 * deactivated (its complaints, reports and Open311 requests refer to it).
 * @throws NotFoundError, ComplaintStateError (in use)
 */
export async function deleteCategory(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  requestId: string | null,
): Promise<{ label: string }> {
  const category = await getCategory(db, id)
  await db.transaction().execute(async (trx) => {
    // Locked, so that a complaint filed meanwhile waits and then fails on its foreign key, never half.
    await trx.selectFrom('complaint_category').select('id').where('id', '=', id).forUpdate().execute()
    const used = await trx
      .selectFrom('complaint')
      .select('id')
      .where('category_id', '=', id)
      .limit(1)
      .executeTakeFirst()
    if (used) {
      throw new ComplaintStateError('complaints.categories.error.in_use')
    }
    await trx.deleteFrom('open311_attribute').where('category_id', '=', id).execute()
    await trx.deleteFrom('open311_service').where('category_id', '=', id).execute()
    await trx.deleteFrom('complaint_category').where('id', '=', id).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'complaint.category_delete',
      subject: { type: 'complaint_category', id },
      requestId,
      details: { code: category.code, label: category.label },
    })
  })
  return { label: category.label }
}
