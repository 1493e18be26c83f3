// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { recordAuditEvent } from '../modules/audit/index.js'
import { organisationService } from '../modules/organisation/index.js'

const SYSTEM = { type: 'system', id: null } as const
const DAY_MS = 86_400_000

/** What the demo workbench uses: the caseworker posts of the demo team, own post first. */
export interface DemoWorkbench {
  teamId: string
  casePostIds: string[]
}

/**
 * Puts the demo staff into the demo organisation so that the workbench shows something real on the first
 * start: the demo lead holds the head post of the first team, the demo caseworker a caseworker post in it,
 * and covers a colleague who is absent for the next ten days (cases of that post appear "i.V."). New online
 * applications are routed by surname letter ranges to the two posts; decisions from 1.000 € a month need
 * the team lead's approval. Idempotent: does nothing once the demo caseworker is linked to a person.
 * @returns the demo team and its caseworker posts, or undefined when the demo staff or team are missing
 */
export async function loadWorkbenchDemo(
  db: Db,
  logger: Logger,
  now = new Date(),
): Promise<DemoWorkbench | undefined> {
  const users = await db
    .selectFrom('staff_user')
    .select(['id', 'username'])
    .where('username', 'in', ['sachbearbeitung', 'teamleitung'])
    .execute()
  const caseworker = users.find((u) => u.username === 'sachbearbeitung')
  const lead = users.find((u) => u.username === 'teamleitung')
  const team = await db
    .selectFrom('org_unit')
    .select('id')
    .where('kind', '=', 'team')
    .where('short_code', '<>', 'DEMO-WISSEN')
    .orderBy('short_code')
    .limit(1)
    .executeTakeFirst()
  if (!caseworker || !lead || !team) {
    return undefined
  }
  const linked = await db
    .selectFrom('person')
    .select('id')
    .where('staff_user_id', '=', caseworker.id)
    .executeTakeFirst()
  const posts = await db
    .selectFrom('post')
    .leftJoin('post_holding as h', (join) =>
      join
        .onRef('h.post_id', '=', 'post.id')
        .on('h.valid_from', '<=', now)
        .on((eb) => eb.or([eb('h.valid_to', 'is', null), eb('h.valid_to', '>', now)])),
    )
    .select(['post.id', 'post.is_head_of_unit', 'h.person_id'])
    .where('post.unit_id', '=', team.id)
    .where('post.valid_from', '<=', now)
    .where((eb) => eb.or([eb('post.valid_to', 'is', null), eb('post.valid_to', '>', now)]))
    .orderBy('post.title')
    .execute()
  const head = posts.find((p) => p.is_head_of_unit)
  const filled = posts.filter((p) => !p.is_head_of_unit && p.person_id)
  const [own, covered] = filled
  if (!head?.person_id || !own?.person_id || !covered?.person_id) {
    logger.warn('demo team lacks a filled head post or two filled caseworker posts; workbench demo skipped')
    return undefined
  }
  const casePostIds = [
    own.id,
    covered.id,
    ...posts.filter((p) => !p.is_head_of_unit && p.id !== own.id && p.id !== covered.id).map((p) => p.id),
  ]
  if (linked) {
    return { teamId: team.id, casePostIds }
  }
  await db.transaction().execute(async (trx) => {
    // Demo only: the generated people become the demo accounts' persons (there is no account-linking screen yet).
    for (const [personId, userId] of [
      [own.person_id, caseworker.id],
      [head.person_id, lead.id],
    ] as const) {
      await trx
        .updateTable('person')
        .set({ staff_user_id: userId })
        .where('id', '=', personId as string)
        .execute()
      await recordAuditEvent(trx, {
        actor: SYSTEM,
        action: 'organisation.person_link_account',
        subject: { type: 'person', id: personId as string },
        details: { staffUserId: userId, reason: 'demo data' },
      })
    }
  })
  await organisationService.recordAbsence(db, SYSTEM, {
    personId: covered.person_id,
    validFrom: new Date(now.getTime() - 2 * DAY_MS),
    validTo: new Date(now.getTime() + 10 * DAY_MS),
  })
  const permanent = await db
    .selectFrom('deputy_rule')
    .select('id')
    .where('post_id', '=', covered.id)
    .where('kind', '=', 'permanent')
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', now)]))
    .executeTakeFirst()
  if (permanent) {
    await organisationService.endRecord(db, SYSTEM, 'deputy_rule', permanent.id, now)
  }
  await organisationService.addDeputyRule(db, SYSTEM, {
    postId: covered.id,
    deputyPostId: own.id,
    kind: 'permanent',
    validFrom: now,
  })
  const validFrom = new Date(now.getTime() - DAY_MS)
  const lastPosition = await db
    .selectFrom('routing_rule')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst()
  const base = Number(lastPosition?.max ?? 0)
  await db
    .insertInto('routing_rule')
    .values([
      {
        position: base + 1,
        benefit_type: 'grusi',
        surname_from: 'A',
        surname_to: 'K',
        target_post_id: own.id,
        valid_from: validFrom,
      },
      {
        position: base + 2,
        benefit_type: 'grusi',
        surname_from: 'L',
        surname_to: 'Z',
        target_post_id: covered.id,
        valid_from: validFrom,
      },
    ])
    .execute()
  await db
    .insertInto('approval_rule')
    .values({
      benefit_type: null,
      min_monthly_cents: 100_000,
      approving_post_id: null,
      valid_from: validFrom,
    })
    .execute()
  logger.info({ team: team.id }, 'demo workbench: staff placed, deputy and routing rules set')
  return { teamId: team.id, casePostIds }
}
