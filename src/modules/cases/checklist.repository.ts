// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ChecklistCaseKind, ChecklistEventKind } from './checklist.table.js'

type Conn = Kysely<Database> | Transaction<Database>

/**
 * For a query over `application as a`: the due dates of the incomplete steps of the checklist the case
 * follows now (the objection's while in objection, else the application's), as `open_steps_due`.
 */
export function openStepsDueOf() {
  return sql<string[] | null>`coalesce((
    select array_agg(d::text order by d)
    from case_checklist c, unnest(c.open_step_due_dates) d
    where c.application_id = a.id
      and c.case_kind = case when a.status = 'objection' then 'objection' else 'initial' end), '{}')`.as(
    'open_steps_due',
  )
}

/** The standard key configured for a benefit type and case kind. */
export async function mappedStandardKey(
  conn: Conn,
  benefitType: string,
  kind: ChecklistCaseKind,
): Promise<string | undefined> {
  const row = await conn
    .selectFrom('case_standard_mapping')
    .select('standard_key')
    .where('benefit_type', '=', benefitType)
    .where('case_kind', '=', kind)
    .executeTakeFirst()
  return row?.standard_key
}

export function findChecklist(conn: Conn, applicationId: string, kind: ChecklistCaseKind) {
  return conn
    .selectFrom('case_checklist')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('case_kind', '=', kind)
    .executeTakeFirst()
}

export function listMarks(conn: Conn, checklistId: string) {
  return conn
    .selectFrom('case_checklist_mark as m')
    .innerJoin('staff_user as u', 'u.id', 'm.marked_by')
    .select(['m.step_key', 'm.item_index', 'm.state', 'm.reason', 'm.marked_at', 'u.display_name as by'])
    .where('m.checklist_id', '=', checklistId)
    .execute()
}

export async function addEvent(
  trx: Transaction<Database>,
  event: {
    applicationId: string
    checklistId: string
    kind: ChecklistEventKind
    stepKey: string | null
    itemText: string | null
    reason: string | null
    version: number
    by: string
    actingForPostId: string | null
  },
): Promise<void> {
  await trx
    .insertInto('case_checklist_event')
    .values({
      application_id: event.applicationId,
      checklist_id: event.checklistId,
      kind: event.kind,
      step_key: event.stepKey,
      item_text: event.itemText,
      reason: event.reason,
      version: event.version,
      by_staff_id: event.by,
      acting_for_post_id: event.actingForPostId,
    })
    .execute()
}

/** The checklist history of a case, oldest first, with the names of who acted. */
export function listEvents(conn: Conn, applicationId: string) {
  return conn
    .selectFrom('case_checklist_event as e')
    .innerJoin('staff_user as u', 'u.id', 'e.by_staff_id')
    .innerJoin('case_checklist as c', 'c.id', 'e.checklist_id')
    .select([
      'e.kind',
      'e.item_text',
      'e.reason',
      'e.version',
      'e.at',
      'c.standard_key',
      'u.display_name as by',
    ])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id')
    .execute()
}
