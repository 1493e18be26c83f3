// SPDX-License-Identifier: EUPL-1.2
/**
 * The records of one case as the case page and the audit-ready case file both read them: notes with their
 * authors, the status history, and decisions with who decided, who approved and for which posts. One query
 * each, so the page and the Prüfakte can never disagree about what happened.
 * @module
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { postTitleAt } from '../organisation/post-title.js'

type Conn = Kysely<Database> | Transaction<Database>

/** Notes, oldest first, with the author's name and the post she wrote for when covering (its title at `at`). */
export function listCaseNotes(conn: Conn, applicationId: string, at = new Date()) {
  return conn
    .selectFrom('case_note as n')
    .innerJoin('staff_user as u', 'u.id', 'n.author_id')
    .leftJoin('post as p', 'p.id', 'n.acting_for_post_id')
    .select([
      'n.id',
      'n.body',
      'n.created_at',
      'u.display_name as author',
      postTitleAt('p', at).as('acting_for'),
    ])
    .where('n.application_id', '=', applicationId)
    .orderBy('n.created_at')
    .execute()
}

/** Status changes in order, with who made them (null: the citizen or the system). */
export function listStatusChanges(conn: Conn, applicationId: string) {
  return conn
    .selectFrom('application_status_change as s')
    .leftJoin('staff_user as u', 'u.id', 's.changed_by')
    .select(['s.from_status', 's.to_status', 's.changed_at', 'u.display_name as by'])
    .where('s.application_id', '=', applicationId)
    .orderBy('s.id')
    .execute()
}

/** Decisions, oldest first, with the names of decider and approver and the titles of the posts involved. */
export function listDecisions(conn: Conn, applicationId: string, at = new Date()) {
  return conn
    .selectFrom('decision as d')
    .innerJoin('staff_user as du', 'du.id', 'd.decided_by')
    .leftJoin('staff_user as au', 'au.id', 'd.approved_by')
    .leftJoin('post as fp', 'fp.id', 'd.decided_for_post_id')
    .leftJoin('post as ap', 'ap.id', 'd.approval_post_id')
    .leftJoin('post as avp', 'avp.id', 'd.approved_via_post_id')
    .selectAll('d')
    .select([
      'du.display_name as decided_by_name',
      'au.display_name as approved_by_name',
      postTitleAt('fp', at).as('decided_for_post_title'),
      postTitleAt('ap', at).as('approval_post_title'),
      postTitleAt('avp', at).as('approved_via_post_title'),
    ])
    .where('d.application_id', '=', applicationId)
    .orderBy('d.decided_at')
    .execute()
}
