// SPDX-License-Identifier: EUPL-1.2
/**
 * Links a person of the organisation to a staff sign-in account, and unlinks it. The link is what lets the
 * workbench know which posts a signed-in account holds (`person.staff_user_id`, unique: one person per account,
 * one account per person). Administrators do this; every change is audited in its transaction.
 * @module
 */
import type { Db } from '../../db/database.js'
import { AppError, NotFoundError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'

/** A link or unlink the data does not allow: 422 with the German text at the form's account field. */
export class PersonAccountRefusedError extends AppError {
  readonly code = 'organisation.record_invalid'
  readonly status = 422
  constructor(
    readonly messageKey: MessageKey,
    override readonly messageParams: Record<string, string | number> = {},
  ) {
    super(`person account link refused: ${messageKey}`)
  }
}

export interface PersonWithAccount {
  personId: string
  displayName: string
  account: { id: string; username: string; displayName: string; disabled: boolean } | null
}

export interface AccountActor {
  id: string
  requestId: string | null
}

/** Every person with the account linked to her, by name. */
export async function listPeopleWithAccounts(db: Db): Promise<PersonWithAccount[]> {
  const rows = await db
    .selectFrom('person as p')
    .leftJoin('staff_user as u', 'u.id', 'p.staff_user_id')
    .select([
      'p.id',
      'p.display_name',
      'u.id as account_id',
      'u.username',
      'u.display_name as account_name',
      'u.disabled_at',
    ])
    .orderBy('p.display_name')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    personId: r.id,
    displayName: r.display_name,
    account:
      r.account_id && r.username && r.account_name
        ? {
            id: r.account_id,
            username: r.username,
            displayName: r.account_name,
            disabled: r.disabled_at !== null,
          }
        : null,
  }))
}

/** Active accounts that no person is linked to yet, by name. */
export function unlinkedAccounts(db: Db) {
  return db
    .selectFrom('staff_user as u')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('u.disabled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('person').select('person.id').whereRef('person.staff_user_id', '=', 'u.id'))),
    )
    .orderBy('u.display_name')
    .execute()
}

export async function findPerson(db: Db, personId: string) {
  const person = await db
    .selectFrom('person')
    .select(['id', 'display_name', 'staff_user_id'])
    .where('id', '=', personId)
    .executeTakeFirst()
  if (!person) {
    throw new NotFoundError(`person ${personId}`)
  }
  return person
}

/**
 * Links the account to the person, audited as `organisation.person_link`.
 * @throws PersonAccountRefusedError when the person already has an account, or the account is unknown,
 *   disabled or linked to someone else
 */
export async function linkAccount(db: Db, actor: AccountActor, personId: string, staffUserId: string) {
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select(['id', 'staff_user_id'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst()
    if (!person) {
      throw new NotFoundError(`person ${personId}`)
    }
    if (person.staff_user_id !== null) {
      throw new PersonAccountRefusedError('person_accounts.error.person_has_account')
    }
    const account = await trx
      .selectFrom('staff_user')
      .select(['id', 'disabled_at'])
      .where('id', '=', staffUserId)
      .forUpdate()
      .executeTakeFirst()
    if (!account || account.disabled_at !== null) {
      throw new PersonAccountRefusedError('person_accounts.error.account_unknown')
    }
    const holder = await trx
      .selectFrom('person')
      .select('display_name')
      .where('staff_user_id', '=', staffUserId)
      .executeTakeFirst()
    if (holder) {
      throw new PersonAccountRefusedError('person_accounts.error.account_taken', {
        name: holder.display_name,
      })
    }
    await trx.updateTable('person').set({ staff_user_id: staffUserId }).where('id', '=', personId).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'organisation.person_link',
      subject: { type: 'person', id: personId },
      requestId: actor.requestId,
      details: { staffUserId },
    })
  })
}

/**
 * Removes the person's account link, audited as `organisation.person_unlink`.
 * @throws PersonAccountRefusedError when the person has no account
 */
export async function unlinkAccount(db: Db, actor: AccountActor, personId: string) {
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('person')
      .select(['id', 'staff_user_id'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst()
    if (!person) {
      throw new NotFoundError(`person ${personId}`)
    }
    if (person.staff_user_id === null) {
      throw new PersonAccountRefusedError('person_accounts.error.no_account')
    }
    await trx.updateTable('person').set({ staff_user_id: null }).where('id', '=', personId).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'organisation.person_unlink',
      subject: { type: 'person', id: personId },
      requestId: actor.requestId,
      details: { staffUserId: person.staff_user_id },
    })
  })
}
