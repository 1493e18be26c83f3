// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie } from '../../http/cookies.js'
import { formText } from '../../http/form-input.js'
import { BadRequestError, NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { changeStaffRole, listStaffUsers, resetMfa, setStaffDisabled } from './auth.service.js'
import { STAFF_ROLES, type StaffRole } from './auth.table.js'
import { endOwnSession, listOwnSessions, revokeAllSessions } from './session.service.js'
import { SessionsPage, UsersPage } from './views/AccountPages.js'

const USERS = '/verwaltung/benutzer'

function isStaffRole(value: string | undefined): value is StaffRole {
  return STAFF_ROLES.some((r) => r === value)
}

/** Notices after a redirect, by a fixed key (never text from the query string). */
const USER_NOTICES = {
  mfa: 'auth.users.mfa_reset_done',
  rolle: 'auth.users.role_changed',
  gesperrt: 'auth.users.disabled_done',
  entsperrt: 'auth.users.enabled_done',
} as const

/** "My sessions" for every staff member, and the account administration for administrators. */
export function accountRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/konto/sitzungen', staffAccess(...STAFF_ROLES), async (c) => {
    const staff = requireStaff(c)
    const { db, config } = c.get('deps')
    const sessions = await listOwnSessions(db, staff.id, readAppCookie(c, COOKIE.session) ?? '', {
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
    })
    return c.html(
      <SessionsPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        sessions={sessions}
        notice={c.req.query('beendet') === '1' ? t('auth.sessions.ended') : undefined}
      />,
    )
  })

  app.post('/konto/sitzungen/ueberall-abmelden', staffAccess(...STAFF_ROLES), async (c) => {
    const staff = requireStaff(c)
    await revokeAllSessions(c.get('deps').db, staff.id)
    clearAppCookie(c, COOKIE.session)
    return c.redirect('/anmelden', 303)
  })

  app.post('/konto/sitzungen/:id/beenden', staffAccess(...STAFF_ROLES), async (c) => {
    const staff = requireStaff(c)
    const ended = await endOwnSession(c.get('deps').db, staff.id, c.req.param('id'))
    if (!ended) {
      throw new NotFoundError('session')
    }
    return c.redirect('/konto/sitzungen?beendet=1', 303)
  })

  app.get(USERS, staffAccess('administrator'), async (c) => {
    const staff = requireStaff(c)
    const users = await listStaffUsers(c.get('deps').db)
    const done = c.req.query('erledigt')
    const name = users.find((u) => u.id === c.req.query('konto'))?.displayName
    const notice =
      done && done in USER_NOTICES && name
        ? t(USER_NOTICES[done as keyof typeof USER_NOTICES], { name })
        : undefined
    return c.html(<UsersPage staff={staff} csrfToken={c.get('csrfToken')} users={users} notice={notice} />)
  })

  app.post(`${USERS}/:id/mfa-zuruecksetzen`, staffAccess('administrator'), async (c) => {
    const staff = requireStaff(c)
    const id = c.req.param('id')
    await resetMfa(c.get('deps').db, staff, id, c.get('requestId'))
    return c.redirect(`${USERS}?erledigt=mfa&konto=${id}`, 303)
  })

  app.post(`${USERS}/:id/rolle`, staffAccess('administrator'), async (c) => {
    const staff = requireStaff(c)
    const id = c.req.param('id')
    const { role } = await formText(c)
    if (!isStaffRole(role)) {
      // The select offers only valid roles: anything else was not sent by this page.
      throw new BadRequestError('unknown role')
    }
    await changeStaffRole(c.get('deps').db, staff, id, role, c.get('requestId'))
    return c.redirect(`${USERS}?erledigt=rolle&konto=${id}`, 303)
  })

  app.post(`${USERS}/:id/status`, staffAccess('administrator'), async (c) => {
    const staff = requireStaff(c)
    const id = c.req.param('id')
    const { disabled } = await formText(c)
    const disable = disabled === 'ja'
    await setStaffDisabled(c.get('deps').db, staff, id, disable, c.get('requestId'))
    return c.redirect(`${USERS}?erledigt=${disable ? 'gesperrt' : 'entsperrt'}&konto=${id}`, 303)
  })

  return app
}
