// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import type { StaffRole } from '../auth/auth.table.js'
import * as categories from './categories.service.js'
import { ComplaintRejectedError, ComplaintStateError } from './complaints.errors.js'
import * as repo from './complaints.repository.js'
import { germanErrors } from './complaints.routes.js'
import { CATEGORIES_PATH, CategoriesPage, CategoryEditPage } from './views/CategoriesPage.js'

/**
 * Who configures complaint categories and the Open311 services built on them: the complaints coordinator
 * (who runs the procedure and knows where each kind of complaint belongs) and the administrator (who runs
 * the Open311 interface). Neither screen shows personal data. See docs/complaints.md.
 */
export const SETTINGS_ROLES: readonly StaffRole[] = ['complaints_coordinator', 'administrator']

const ID = ':id{[0-9a-fA-F-]{36}}'
const NOTICES = {
  angelegt: 'complaints.categories.created',
  gespeichert: 'complaints.categories.saved',
  geloescht: 'complaints.categories.deleted',
} as const

async function listPage(
  c: Context<AppEnv>,
  extra: { errors?: FieldErrors; values?: FieldValues; notice?: string | undefined } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { db } = c.get('deps')
  c.header('Cache-Control', 'no-store')
  return c.html(
    <CategoriesPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      categories={await categories.listCategoryOverview(db)}
      units={await repo.listUnitsValidAt(db, new Date())}
      {...extra}
    />,
    status,
  )
}

async function editPage(
  c: Context<AppEnv>,
  id: string,
  extra: { errors?: FieldErrors; values?: FieldValues } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { db } = c.get('deps')
  c.header('Cache-Control', 'no-store')
  return c.html(
    <CategoryEditPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      category={await categories.getCategory(db, id)}
      units={await repo.listUnitsValidAt(db, new Date())}
      {...extra}
    />,
    status,
  )
}

/** Complaint categories under /verwaltung/beschwerden/kategorien (coordinator, administrator). */
export function complaintCategoryRoutes() {
  const app = new Hono<AppEnv>()
  const access = staffAccess(...SETTINGS_ROLES)

  app.get(CATEGORIES_PATH, access, async (c) => {
    const done = c.req.query('erledigt')
    const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined
    return listPage(c, { notice })
  })

  app.post(CATEGORIES_PATH, access, async (c) => {
    const input = await formText(c)
    try {
      await categories.addCategory(c.get('deps').db, requireStaff(c), input, c.get('requestId'))
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return listPage(c, { errors: germanErrors(error.fieldErrors), values: input }, 422)
      }
      throw error
    }
    return c.redirect(`${CATEGORIES_PATH}?erledigt=angelegt`, 303)
  })

  app.get(`${CATEGORIES_PATH}/${ID}`, access, (c) => editPage(c, c.req.param('id')))

  app.post(`${CATEGORIES_PATH}/${ID}`, access, async (c) => {
    const id = c.req.param('id')
    const input = await formText(c)
    try {
      await categories.updateCategory(c.get('deps').db, requireStaff(c), id, input, c.get('requestId'))
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return editPage(c, id, { errors: germanErrors(error.fieldErrors), values: input }, 422)
      }
      throw error
    }
    return c.redirect(`${CATEGORIES_PATH}?erledigt=gespeichert`, 303)
  })

  app.post(`${CATEGORIES_PATH}/${ID}/loeschen`, access, async (c) => {
    const id = c.req.param('id')
    try {
      await categories.deleteCategory(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    } catch (error) {
      if (error instanceof ComplaintStateError) {
        return editPage(c, id, { errors: { category: t(error.messageKey) } }, 409)
      }
      throw error
    }
    return c.redirect(`${CATEGORIES_PATH}?erledigt=geloescht`, 303)
  })

  return app
}
