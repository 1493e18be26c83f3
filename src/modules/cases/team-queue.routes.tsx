// SPDX-License-Identifier: EUPL-1.2
/**
 * Taking a case from the team queue (ADR 0029). The lead's assignment uses the workbench's reassignment
 * (`/sachbearbeitung/faelle/zuweisen`), which now also empties the team queue.
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { takeFromTeamQueue } from './team-queue.service.js'

/** Who works cases; the organisation decides whose team queue it is (case-access.ts). */
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')

export function teamQueueRoutes() {
  const app = new Hono<AppEnv>()
  app.post('/sachbearbeitung/antraege/:id/uebernehmen', workers, async (c) => {
    const id = c.req.param('id')
    const values = await formText(c)
    const postId = (values.postId ?? '') === '' ? undefined : values.postId
    await takeFromTeamQueue(c.get('deps').db, requireStaff(c), id, postId, c.get('requestId') ?? null)
    return c.redirect(`/sachbearbeitung/antraege/${id}?uebernommen=1`, 303)
  })
  return app
}
