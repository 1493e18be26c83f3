// SPDX-License-Identifier: EUPL-1.2
/**
 * The team queue (Teameingang, ADR 0029): cases routed to a team that none of the team's own rules put on a
 * post. A member of the team — holder of one of its posts or whoever acts for one now — takes a case onto a
 * post of hers in that team; the lead assigns it with the workbench's reassignment. Who sees the queue is
 * decided in case-access.ts (the one need-to-know rule).
 * @module
 */
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { AppError } from '../../shared/errors.js'
import type { MessageKey } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import type { CaseScope } from './case-access.js'
import { withVisibleCase } from './cases.service.js'
import type { TeamQueueInfo } from './views/TeamQueuePanel.js'

/** A take the queue refuses (422, German message; nothing changed). */
export class TeamQueueRefusedError extends AppError {
  readonly code = 'cases.team_queue_refused'
  readonly status = 422
  constructor(readonly messageKey: MessageKey) {
    super(`team queue: ${messageKey}`)
  }
}

/**
 * Takes a case from its team queue onto `postId` (a post of the team she holds or covers now; with one such
 * post, `postId` may be left out). Audited as `case.take`, with "i.V." when the post is one she covers.
 * @throws NotFoundError when she may not see the case (same answer as a missing one)
 * @throws TeamQueueRefusedError when the case is not in a team queue or the post is not hers in that team
 */
export async function takeFromTeamQueue(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  postId: string | undefined,
  requestId: string | null,
  at = new Date(),
): Promise<string> {
  return withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const row = await trx
        .selectFrom('application')
        .select(['assigned_post_id', 'queue_unit_id'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow()
      const team = row.queue_unit_id
      if (team === null || row.assigned_post_id !== null) {
        throw new TeamQueueRefusedError('inbox.team_queue_not_in_queue')
      }
      const mine = scope.inboxPosts.filter((p) => p.unitId === team)
      const post = postId === undefined && mine.length === 1 ? mine[0] : mine.find((p) => p.postId === postId)
      if (!post) {
        throw new TeamQueueRefusedError('inbox.team_queue_post_invalid')
      }
      await trx
        .updateTable('application')
        .set({ assigned_post_id: post.postId, queue_unit_id: null })
        .where('id', '=', applicationId)
        .execute()
      await trx
        .insertInto('case_assignment')
        .values({ application_id: applicationId, post_id: post.postId, assigned_by: staff.id, reason: null })
        .execute()
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'case.take',
        subject: { type: 'application', id: applicationId },
        requestId,
        details: {
          fromQueueUnitId: team,
          to: post.postId,
          actingFor: post.via === 'holder' ? undefined : post.postId,
        },
      })
      return post.postId
    },
    at,
  )
}

/** The names of the team queues some inbox rows wait in ("Teameingang <team>"). */
export async function teamQueueNames(
  db: Db,
  rows: ReadonlyArray<{ queue_unit_id: string | null }>,
): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.queue_unit_id).filter((id): id is string => id !== null))]
  if (ids.length === 0) {
    return new Map()
  }
  const units = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(units.map((u) => [u.id, u.name]))
}

/** For the case page: the team queue a case waits in and her posts in that team, or undefined. */
export async function teamQueueInfo(
  db: Db,
  application: { queue_unit_id: string | null },
  scope: CaseScope,
): Promise<TeamQueueInfo | undefined> {
  if (application.queue_unit_id === null) {
    return undefined
  }
  const names = await teamQueueNames(db, [application])
  return {
    team: names.get(application.queue_unit_id) ?? '',
    posts: scope.inboxPosts
      .filter((p) => p.unitId === application.queue_unit_id)
      .map((p) => ({ value: p.postId, label: p.title })),
  }
}
