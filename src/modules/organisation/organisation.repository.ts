// SPDX-License-Identifier: EUPL-1.2
import type { Insertable, Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type {
  AbsenceTable,
  DeputyRuleTable,
  InterimAssignmentTable,
  OrgUnitTable,
  PersonTable,
  PostHoldingTable,
  PostTable,
  PostVersionTable,
} from './organisation.table.js'

type Conn = Kysely<Database> | Transaction<Database>
export function listUnitsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listPostsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('post')
    .select(['id', 'unit_id', 'is_head_of_unit', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listHoldingsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('post_holding')
    .select(['post_id', 'person_id', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listAbsencesValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('absence')
    .select(['person_id', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listDeputyRulesValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('deputy_rule')
    .select(['post_id', 'deputy_post_id', 'kind', 'position', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listInterimAssignmentsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('interim_assignment')
    .select(['post_id', 'acting_post_id', 'acting_person_id', 'valid_from', 'valid_to'])
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

/** People who hold a post or are named by an interim assignment at `at`: the only ones who can act then. */
export function listPeopleActiveAt(db: Conn, at: Date) {
  return db
    .selectFrom('person')
    .select(['id', 'display_name', 'staff_user_id'])
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb
            .selectFrom('post_holding')
            .select('person_id')
            .where('valid_from', '<=', at)
            .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>', at)])),
        ),
        eb(
          'id',
          'in',
          eb
            .selectFrom('interim_assignment')
            .select('acting_person_id')
            .where('acting_person_id', 'is not', null)
            .where('valid_from', '<=', at)
            .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>', at)]))
            .$narrowType<{ acting_person_id: string }>(),
        ),
      ]),
    )
    .execute()
}

export function postExists(db: Conn, postId: string) {
  return db.selectFrom('post').select('id').where('id', '=', postId).executeTakeFirst()
}

export function insertOrgUnit(db: Conn, values: Insertable<OrgUnitTable>) {
  return db.insertInto('org_unit').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertPost(db: Conn, values: Insertable<PostTable>) {
  return db.insertInto('post').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertPerson(db: Conn, values: Insertable<PersonTable>) {
  return db.insertInto('person').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertPostHolding(db: Conn, values: Insertable<PostHoldingTable>) {
  return db.insertInto('post_holding').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertAbsence(db: Conn, values: Insertable<AbsenceTable>) {
  return db.insertInto('absence').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertDeputyRule(db: Conn, values: Insertable<DeputyRuleTable>) {
  return db.insertInto('deputy_rule').values(values).returningAll().executeTakeFirstOrThrow()
}

export function insertInterimAssignment(db: Conn, values: Insertable<InterimAssignmentTable>) {
  return db.insertInto('interim_assignment').values(values).returningAll().executeTakeFirstOrThrow()
}

/** Tables of dated records: each has id, valid_from and valid_to. */
export type DatedTableName =
  | 'org_unit'
  | 'post'
  | 'post_holding'
  | 'absence'
  | 'deputy_rule'
  | 'interim_assignment'
  | 'post_version'

/** Locks one dated record for a change in this transaction. */
export function lockDatedRecord(trx: Transaction<Database>, table: DatedTableName, id: string) {
  return trx
    .selectFrom(table)
    .select(['id', 'valid_from', 'valid_to'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Sets the end of one record (the caller has checked that this only shortens it). */
export async function setValidTo(trx: Transaction<Database>, table: DatedTableName, id: string, at: Date) {
  await trx.updateTable(table).set({ valid_to: at }).where('id', '=', id).execute()
}

/** Posts and sub-units of a unit that are in force at `at` or start later. */
export function unitMembersFrom(trx: Transaction<Database>, unitId: string, at: Date) {
  return Promise.all([
    trx
      .selectFrom('post')
      .select('id')
      .where('unit_id', '=', unitId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
      .execute(),
    trx
      .selectFrom('org_unit')
      .select('id')
      .where('parent_id', '=', unitId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
      .execute(),
  ])
}

/**
 * Records that depend on a post and are still open at `at` (in force then or starting later): its holdings,
 * attribute versions, deputy rules (as deputised or deputy post) and interim assignments (for or by it).
 */
export async function postDependantsFrom(trx: Transaction<Database>, postId: string, at: Date) {
  const byPost = async (
    table: 'post_holding' | 'post_version' | 'deputy_rule' | 'interim_assignment',
    column: 'post_id' | 'deputy_post_id' | 'acting_post_id',
  ) => {
    const rows = await trx
      .selectFrom(table as 'deputy_rule')
      .select(['id', 'valid_from'])
      .where(column as 'post_id', '=', postId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
      .forUpdate()
      .execute()
    return rows.map((r) => ({ table, id: r.id, validFrom: r.valid_from }))
  }
  const lists = await Promise.all([
    byPost('post_holding', 'post_id'),
    byPost('post_version', 'post_id'),
    byPost('deputy_rule', 'post_id'),
    byPost('deputy_rule', 'deputy_post_id'),
    byPost('interim_assignment', 'post_id'),
    byPost('interim_assignment', 'acting_post_id'),
  ])
  return lists.flat()
}

/** Attribute versions of posts in force at `at`. */
export function listPostVersionsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('post_version')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function insertPostVersion(db: Conn, values: Insertable<PostVersionTable>) {
  return db.insertInto('post_version').values(values).returningAll().executeTakeFirstOrThrow()
}

export function lockPost(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('post').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Versions of a post that have not ended by `at`. */
export function postVersionsFrom(trx: Transaction<Database>, postId: string, at: Date) {
  return trx
    .selectFrom('post_version')
    .selectAll()
    .where('post_id', '=', postId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .forUpdate()
    .execute()
}

export function listAllUnitsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('short_code')
    .execute()
}

export function listAllPostsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('post')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listAllHoldingsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('post_holding')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

/** Absences in force at `at` or starting later (planned), oldest first. */
export function listAbsencesOpenAt(db: Conn, at: Date) {
  return db
    .selectFrom('absence')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('valid_from')
    .execute()
}

export function listAllDeputyRulesValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('deputy_rule')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listAllInterimAssignmentsValidAt(db: Conn, at: Date) {
  return db
    .selectFrom('interim_assignment')
    .selectAll()
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
}

export function listPeople(db: Conn) {
  return db.selectFrom('person').selectAll().orderBy('display_name').orderBy('id').execute()
}

export function findAbsence(db: Conn, id: string) {
  return db.selectFrom('absence').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Every record not ended by `at` (in force then or starting later), for the CSV export. */
export async function listRecordsOpenAt(trx: Transaction<Database>, at: Date) {
  const units = await trx
    .selectFrom('org_unit')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const posts = await trx
    .selectFrom('post')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const versions = await trx
    .selectFrom('post_version')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const holdings = await trx
    .selectFrom('post_holding')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const absences = await trx
    .selectFrom('absence')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const deputyRules = await trx
    .selectFrom('deputy_rule')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const interims = await trx
    .selectFrom('interim_assignment')
    .selectAll()
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute()
  const personIds = [
    ...new Set([
      ...holdings.map((h) => h.person_id),
      ...absences.map((a) => a.person_id),
      ...interims.flatMap((i) => (i.acting_person_id ? [i.acting_person_id] : [])),
    ]),
  ]
  const people =
    personIds.length === 0
      ? []
      : await trx.selectFrom('person').selectAll().where('id', 'in', personIds).execute()
  return { units, posts, versions, people, holdings, absences, deputyRules, interims }
}

/** Which of these ids already belong to an organisation record of any kind. */
export async function existingIds(db: Conn, ids: string[]): Promise<string[]> {
  if (ids.length === 0) {
    return []
  }
  const tables = [
    'org_unit',
    'post',
    'post_version',
    'person',
    'post_holding',
    'absence',
    'deputy_rule',
    'interim_assignment',
  ] as const
  const found: string[] = []
  for (const table of tables) {
    const rows = await db
      .selectFrom(table as 'post')
      .select('id')
      .where('id', 'in', ids)
      .execute()
    found.push(...rows.map((r) => r.id))
  }
  return found
}

/**
 * Open cases (status neither decided nor closed) per assigned post. Reads only the count of the
 * application table's `assigned_post_id`, no social data.
 */
export async function openCasesByPost(db: Conn): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('application')
    .select(['assigned_post_id', (eb) => eb.fn.countAll<string>().as('open')])
    .where('assigned_post_id', 'is not', null)
    .where('status', 'not in', ['decided', 'closed'])
    .groupBy('assigned_post_id')
    .execute()
  return new Map(rows.map((r) => [r.assigned_post_id ?? '', Number(r.open)]))
}
