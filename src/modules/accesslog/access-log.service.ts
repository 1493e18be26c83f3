// SPDX-License-Identifier: EUPL-1.2
/**
 * Access histories read from the audit log: a case's (for the staff who may see the case and for the
 * data-protection officer) and a person's, across all her cases (for the data-protection officer). The
 * data-protection officer sees who accessed what — never the case's content. Every view of a history is
 * itself audited.
 * @module
 */

import { type Kysely, sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { assertCanSeeCase, caseScopeOf } from '../cases/index.js'
import { berlinDayStart } from '../organisation/index.js'
import { postTitleAt } from '../organisation/post-title.js'

export const HISTORY_PAGE_SIZE = 50
const DAY_MS = 86_400_000

export interface HistoryFilter {
  /** Only entries of this staff member. */
  actorId?: string | undefined
  /** From this Berlin day (ISO date), inclusive. */
  from?: string | undefined
  /** Up to this Berlin day (ISO date), inclusive. */
  to?: string | undefined
  /** Entries older than this id (the next page). */
  beforeId?: number | undefined
}

export interface HistoryEntry {
  id: number
  at: Date
  actorType: string
  actorName: string | null
  actingFor: string | null
  action: string
  purpose: string | null
  outcome: 'success' | 'denied'
  network: string | null
  reference: string | null
}

export interface HistoryPage {
  entries: HistoryEntry[]
  /** The cursor of the next (older) page, when there is one. */
  nextBeforeId: number | null
  /** Everyone who appears in the whole trail, for the filter. */
  actors: Array<{ id: string; name: string }>
}

/** Entries about the cases `ids`: reads and changes of the case, and the lists that showed it. */
function trailOf(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('audit_event as e')
    .where((eb) =>
      eb.or([
        eb.and([eb('e.subject_type', '=', 'application'), eb('e.subject_id', 'in', ids)]),
        eb.and([
          eb('e.subject_type', '=', 'case_list'),
          sql<boolean>`(e.details -> 'ids') ?| ${sql.val(ids)}::text[]`,
        ]),
      ]),
    )
}

async function readTrail(db: Kysely<Database>, ids: string[], filter: HistoryFilter): Promise<HistoryPage> {
  let q = trailOf(db, ids)
    .leftJoin('staff_user as u', (j) => j.on(sql`u.id::text`, '=', sql.ref('e.actor_id')))
    .leftJoin('post as p', (j) => j.on(sql`p.id::text`, '=', sql.ref('e.acting_for_post_id')))
    .leftJoin('application as a', (j) =>
      j.on((eb) =>
        eb.and([eb('e.subject_type', '=', 'application'), eb(sql`a.id::text`, '=', sql.ref('e.subject_id'))]),
      ),
    )
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_type',
      'u.display_name',
      postTitleAt('p', { column: 'e.occurred_at' }).as('title'),
      'e.action',
      'e.purpose',
      'e.outcome',
      'e.client_address',
      'a.reference',
    ])
  if (filter.actorId && isUuid(filter.actorId)) {
    q = q.where('e.actor_id', '=', filter.actorId)
  }
  if (filter.from) {
    q = q.where('e.occurred_at', '>=', berlinDayStart(filter.from))
  }
  if (filter.to) {
    q = q.where('e.occurred_at', '<', new Date(berlinDayStart(filter.to).getTime() + DAY_MS))
  }
  if (filter.beforeId !== undefined) {
    q = q.where('e.id', '<', filter.beforeId)
  }
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(HISTORY_PAGE_SIZE + 1)
    .execute()
  const actors = await trailOf(db, ids)
    .innerJoin('staff_user as u', (j) => j.on(sql`u.id::text`, '=', sql.ref('e.actor_id')))
    .select(['u.id', 'u.display_name'])
    .distinct()
    .orderBy('u.display_name')
    .limit(500)
    .execute()
  const page = rows.slice(0, HISTORY_PAGE_SIZE)
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.occurred_at,
      actorType: r.actor_type,
      actorName: r.display_name,
      actingFor: r.title,
      action: r.action,
      purpose: r.purpose,
      outcome: r.outcome ?? 'success',
      network: r.client_address,
      reference: r.reference,
    })),
    nextBeforeId: rows.length > HISTORY_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null,
    actors: actors.map((a) => ({ id: a.id, name: a.display_name })),
  }
}

function filterDetails(filter: HistoryFilter): Record<string, unknown> {
  return {
    filter: {
      actorId: filter.actorId,
      from: filter.from,
      to: filter.to,
      page: filter.beforeId ? 'older' : 'first',
    },
  }
}

/**
 * A case's access history. Staff see it for the cases they may see (need-to-know); the data-protection
 * officer for every case, without its content. The view is audited on the case.
 * @throws NotFoundError when the case does not exist or is not hers (same answer)
 */
export async function caseAccessHistory(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  filter: HistoryFilter,
): Promise<HistoryPage & { reference: string }> {
  const isDpo = staff.role === 'data_protection_officer'
  const scope = isDpo ? null : await caseScopeOf(db, staff, new Date())
  return db.transaction().execute(async (trx) => {
    if (scope) {
      await assertCanSeeCase(trx, scope, applicationId)
    }
    const app = isUuid(applicationId)
      ? await trx
          .selectFrom('application')
          .select('reference')
          .where('id', '=', applicationId)
          .executeTakeFirst()
      : undefined
    if (!app) {
      throw new NotFoundError('no such application')
    }
    const page = await readTrail(trx, [applicationId], filter)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'access_history.view',
      subject: { type: 'application', id: applicationId },
      purpose: isDpo ? 'data_protection_control' : 'access_history',
      details: filterDetails(filter),
    })
    return { ...page, reference: app.reference }
  })
}

export interface PersonMatch {
  /** A case of the person, standing for her in links (no name in a URL). */
  caseId: string
  surname: string
  givenName: string
  birthDate: string
  references: string[]
}

/**
 * The data-protection officer's person search: by surname (prefix, any case), birth date and/or file
 * number. People are told apart by surname, given name and birth date. Audited with the cases found.
 */
export async function searchPersons(
  db: Db,
  dpo: StaffPrincipal,
  query: { surname?: string | undefined; birthDate?: string | undefined; reference?: string | undefined },
): Promise<PersonMatch[]> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('application')
      .select(['id', 'reference', 'applicant_surname', 'applicant_given_name', 'applicant_birth_date'])
    if (query.surname) {
      q = q.where(
        sql`lower(applicant_surname)`,
        'like',
        `${query.surname.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`,
      )
    }
    if (query.birthDate) {
      q = q.where('applicant_birth_date', '=', query.birthDate)
    }
    if (query.reference) {
      // Every case of the person the file number belongs to.
      q = q.where(
        sql<boolean>`(applicant_surname, applicant_given_name, applicant_birth_date) in (
          select r.applicant_surname, r.applicant_given_name, r.applicant_birth_date
          from application r where r.reference = ${query.reference.trim().toUpperCase()})`,
      )
    }
    const rows = await q
      .orderBy('applicant_surname')
      .orderBy('applicant_given_name')
      .orderBy('reference')
      .limit(200)
      .execute()
    const people = new Map<string, PersonMatch>()
    for (const r of rows) {
      const key = `${r.applicant_surname}\u0000${r.applicant_given_name}\u0000${r.applicant_birth_date}`
      const match = people.get(key)
      if (match) {
        match.references.push(r.reference)
      } else {
        people.set(key, {
          caseId: r.id,
          surname: r.applicant_surname,
          givenName: r.applicant_given_name,
          birthDate: r.applicant_birth_date,
          references: [r.reference],
        })
      }
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: dpo.id },
      action: 'person.search',
      subject: { type: 'person_search', id: 'dpo' },
      purpose: 'data_protection_control',
      details: {
        ids: rows.map((r) => r.id),
        criteria: Object.keys(query).filter((k) => query[k as keyof typeof query]),
      },
    })
    return [...people.values()]
  })
}

/**
 * A person's access history across all her cases: the person of case `caseId` (same surname, given name,
 * birth date). For the data-protection officer; audited on every case of the person.
 * @throws NotFoundError for an unknown case
 */
export async function personAccessHistory(
  db: Db,
  dpo: StaffPrincipal,
  caseId: string,
  filter: HistoryFilter,
): Promise<HistoryPage & { person: PersonMatch }> {
  return db.transaction().execute(async (trx) => {
    const anchor = isUuid(caseId)
      ? await trx
          .selectFrom('application')
          .select(['applicant_surname', 'applicant_given_name', 'applicant_birth_date'])
          .where('id', '=', caseId)
          .executeTakeFirst()
      : undefined
    if (!anchor) {
      throw new NotFoundError('no such application')
    }
    const cases = await trx
      .selectFrom('application')
      .select(['id', 'reference'])
      .where('applicant_surname', '=', anchor.applicant_surname)
      .where('applicant_given_name', '=', anchor.applicant_given_name)
      .where('applicant_birth_date', '=', anchor.applicant_birth_date)
      .orderBy('reference')
      .execute()
    const ids = cases.map((c) => c.id)
    const page = await readTrail(trx, ids, filter)
    for (const id of ids) {
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: dpo.id },
        action: 'access_history.view',
        subject: { type: 'application', id },
        purpose: 'data_protection_control',
        details: { ...filterDetails(filter), person: true },
      })
    }
    return {
      ...page,
      person: {
        caseId,
        surname: anchor.applicant_surname,
        givenName: anchor.applicant_given_name,
        birthDate: anchor.applicant_birth_date,
        references: cases.map((c) => c.reference),
      },
    }
  })
}
