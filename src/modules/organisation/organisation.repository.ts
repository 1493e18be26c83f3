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
