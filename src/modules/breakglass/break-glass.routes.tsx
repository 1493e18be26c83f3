// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { breakGlassMailSettings } from './break-glass.mail.js'
import { BREAK_GLASS_ROLES } from './break-glass.roles.js'
import * as breakGlass from './break-glass.service.js'
import {
  AdminNotificationsPage,
  BreakGlassFormPage,
  NotificationsPage,
  ReviewGrantPage,
  ReviewQueuePage,
} from './views/BreakGlassPages.js'

/** Staff who may break glass (the roles that work cases). */
const breakers = staffAccess(...BREAK_GLASS_ROLES)
/** Who receives notifications: anyone who may act for a lead post works cases. */
const leads = staffAccess(...BREAK_GLASS_ROLES)
const dpo = staffAccess('data_protection_officer')
const admins = staffAccess('administrator')

/**
 * Break-glass: the emergency form, the lead's notifications, the data-protection officer's review queue
 * and the administrators' list of notifications.
 */
export function breakGlassRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/notfallzugriff', breakers, (c) =>
    c.html(
      <BreakGlassFormPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        minutes={c.get('deps').config.breakGlassMinutes}
        values={{}}
        errors={{}}
      />,
    ),
  )

  app.post('/notfallzugriff', breakers, async (c) => {
    const staff = requireStaff(c)
    const { db, config } = c.get('deps')
    const form = await formText(c)
    const input = { reference: form.reference ?? '', reason: form.reason ?? '' }
    const result = await breakGlass.openBreakGlass(
      db,
      staff,
      input,
      config.breakGlassMinutes,
      new Date(),
      breakGlassMailSettings(config),
    )
    if (result.kind !== 'invalid') {
      return c.redirect(`/sachbearbeitung/antraege/${result.applicationId}`, 303)
    }
    const errors: FieldErrors = {}
    if (result.errors.reference) {
      errors.reference = t(`breakglass.error_reference_${result.errors.reference}`)
    }
    if (result.errors.reason) {
      errors.reason = t(`breakglass.error_reason_${result.errors.reason}`)
    }
    return c.html(
      <BreakGlassFormPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        minutes={config.breakGlassMinutes}
        values={input}
        errors={errors}
      />,
      422,
    )
  })

  app.get('/notfallzugriff/hinweise', leads, async (c) => {
    const staff = requireStaff(c)
    const items = await breakGlass.listNotificationsForLead(c.get('deps').db, staff)
    return c.html(
      <NotificationsPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        items={items}
        notice={c.req.query('gelesen') === '1' ? t('breakglass.read') : undefined}
      />,
    )
  })

  app.post('/notfallzugriff/hinweise/:id/gelesen', leads, async (c) => {
    await breakGlass.markNotificationRead(c.get('deps').db, requireStaff(c), c.req.param('id'))
    return c.redirect('/notfallzugriff/hinweise', 303)
  })

  app.get('/datenschutz/notfallzugriffe', dpo, async (c) => {
    const staff = requireStaff(c)
    const queue = await breakGlass.reviewQueue(c.get('deps').db, staff)
    return c.html(
      <ReviewQueuePage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        pending={queue.pending}
        reviewed={queue.reviewed}
        notice={c.req.query('geprueft') === '1' ? t('breakglass.review_saved') : undefined}
      />,
    )
  })

  app.get('/datenschutz/notfallzugriffe/:id', dpo, async (c) => {
    const staff = requireStaff(c)
    const item = await breakGlass.pendingReviewItem(c.get('deps').db, staff, c.req.param('id'))
    return c.html(
      <ReviewGrantPage staff={staff} csrfToken={c.get('csrfToken')} item={item} values={{}} errors={{}} />,
    )
  })

  app.post('/datenschutz/notfallzugriffe/:id', dpo, async (c) => {
    const staff = requireStaff(c)
    const { db } = c.get('deps')
    const id = c.req.param('id')
    const form = await formText(c)
    const input = { decision: form.decision ?? '', note: form.note ?? '' }
    const result = await breakGlass.reviewGrant(db, staff, id, input)
    if (result.kind === 'done') {
      return c.redirect('/datenschutz/notfallzugriffe?geprueft=1', 303)
    }
    const errors: FieldErrors = {}
    if (result.errors.decision) {
      errors.decision = t('breakglass.error_decision_missing')
    }
    if (result.errors.note) {
      errors.note = t(`breakglass.error_note_${result.errors.note}`)
    }
    const item = await breakGlass.pendingReviewItem(db, staff, id)
    return c.html(
      <ReviewGrantPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        item={item}
        values={input}
        errors={errors}
      />,
      422,
    )
  })

  app.get('/verwaltung/notfallzugriffe', admins, async (c) => {
    const items = await breakGlass.listNotificationsForAdmin(c.get('deps').db)
    return c.html(
      <AdminNotificationsPage staff={requireStaff(c)} csrfToken={c.get('csrfToken')} items={items} />,
    )
  })

  return app
}
