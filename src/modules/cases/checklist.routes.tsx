// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { requireStaff } from '../auth/index.js'
import { ChecklistRefusedError } from './checklist.errors.js'
import { adoptNewerVersion, type ItemAction, markItem } from './checklist.service.js'

/** Who works a case's checklist (auditors only read it on the case page). */
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')

const ACTIONS: Record<string, ItemAction> = { erledigt: 'done', verzichten: 'waive', oeffnen: 'reopen' }

/** Ticking, waiving and reopening checklist items of a case, and adopting a newer standard version. */
export function checklistRoutes() {
  const app = new Hono<AppEnv>()

  app.post('/sachbearbeitung/antraege/:id/checkliste/punkt', workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const action = ACTIONS[form.aktion ?? '']
    const index = /^\d{1,3}$/.test(form.punkt ?? '') ? Number.parseInt(form.punkt ?? '', 10) : Number.NaN
    if (!action || Number.isNaN(index) || !form.schritt) {
      throw new ChecklistRefusedError('unknown_item')
    }
    await markItem(
      c.get('deps').db,
      requireStaff(c),
      id,
      { stepKey: form.schritt, index, action, reason: form.begruendung },
      c.get('requestId'),
    )
    return c.redirect(`/sachbearbeitung/antraege/${encodeURIComponent(id)}#checkliste`, 303)
  })

  app.post('/sachbearbeitung/antraege/:id/checkliste/version', workers, async (c) => {
    const id = c.req.param('id')
    await adoptNewerVersion(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    return c.redirect(`/sachbearbeitung/antraege/${encodeURIComponent(id)}#checkliste`, 303)
  })

  return app
}
