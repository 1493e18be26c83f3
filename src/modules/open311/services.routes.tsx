// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import { ComplaintRejectedError, complaintSettingsRoles } from '../complaints/index.js'
import * as settings from './services.settings.js'
import { AttributePage, SERVICES_PATH, ServicePage, ServicesPage } from './views/ServicesPage.js'

const ID = ':id{[0-9a-fA-F-]{36}}'
const ATTR = ':attr{[0-9a-fA-F-]{36}}'
const NOTICES = {
  gespeichert: 'open311.settings.saved',
  merkmal: 'open311.settings.attribute_saved',
  entfernt: 'open311.settings.attribute_deleted',
} as const

function notice(c: Context<AppEnv>): string | undefined {
  const done = c.req.query('erledigt')
  return done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined
}

function german(error: ComplaintRejectedError): FieldErrors {
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, e]) => [k, t(e.key, e.params)]))
}

async function servicePage(
  c: Context<AppEnv>,
  id: string,
  extra: { errors?: FieldErrors; values?: FieldValues; form?: 'service' | 'attribute'; notice?: string } = {},
  status: 200 | 422 = 200,
) {
  const { service, attributes } = await settings.getServiceSetting(c.get('deps').db, id)
  c.header('Cache-Control', 'no-store')
  return c.html(
    <ServicePage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      service={service}
      attributes={attributes}
      {...extra}
    />,
    status,
  )
}

async function attributePage(
  c: Context<AppEnv>,
  id: string,
  attr: string,
  extra: { errors?: FieldErrors; values?: FieldValues } = {},
  status: 200 | 422 = 200,
) {
  const { service, attributes } = await settings.getServiceSetting(c.get('deps').db, id)
  const attribute = attributes.find((a) => a.id === attr)
  if (!attribute) {
    throw new NotFoundError('no such attribute')
  }
  c.header('Cache-Control', 'no-store')
  return c.html(
    <AttributePage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      service={service}
      attribute={attribute}
      {...extra}
    />,
    status,
  )
}

/**
 * Open311 service settings under /verwaltung/open311/dienste (complaints coordinator and administrator,
 * like the categories they build on). What is saved is published at /open311/v2/services at once.
 */
export function open311ServiceRoutes() {
  const app = new Hono<AppEnv>()
  const access = staffAccess(...complaintSettingsRoles)

  app.get(SERVICES_PATH, access, async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.html(
      <ServicesPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        services={await settings.listServiceSettings(c.get('deps').db)}
        notice={notice(c)}
      />,
    )
  })

  app.get(`${SERVICES_PATH}/${ID}`, access, (c) => servicePage(c, c.req.param('id'), { notice: notice(c) }))

  app.post(`${SERVICES_PATH}/${ID}`, access, async (c) => {
    const id = c.req.param('id')
    const input = await formText(c)
    try {
      await settings.saveService(c.get('deps').db, requireStaff(c), id, input, c.get('requestId'))
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return servicePage(c, id, { errors: german(error), values: input, form: 'service' }, 422)
      }
      throw error
    }
    return c.redirect(`${SERVICES_PATH}/${id}?erledigt=gespeichert`, 303)
  })

  app.post(`${SERVICES_PATH}/${ID}/attribute`, access, async (c) => {
    const id = c.req.param('id')
    const input = await formText(c)
    try {
      await settings.saveAttribute(
        c.get('deps').db,
        requireStaff(c),
        id,
        undefined,
        input,
        c.get('requestId'),
      )
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return servicePage(c, id, { errors: german(error), values: input, form: 'attribute' }, 422)
      }
      throw error
    }
    return c.redirect(`${SERVICES_PATH}/${id}?erledigt=merkmal`, 303)
  })

  app.get(`${SERVICES_PATH}/${ID}/attribute/${ATTR}`, access, (c) =>
    attributePage(c, c.req.param('id'), c.req.param('attr')),
  )

  app.post(`${SERVICES_PATH}/${ID}/attribute/${ATTR}`, access, async (c) => {
    const id = c.req.param('id')
    const attr = c.req.param('attr')
    const input = await formText(c)
    try {
      await settings.saveAttribute(c.get('deps').db, requireStaff(c), id, attr, input, c.get('requestId'))
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return attributePage(c, id, attr, { errors: german(error), values: input }, 422)
      }
      throw error
    }
    return c.redirect(`${SERVICES_PATH}/${id}?erledigt=merkmal`, 303)
  })

  app.post(`${SERVICES_PATH}/${ID}/attribute/${ATTR}/loeschen`, access, async (c) => {
    const id = c.req.param('id')
    await settings.deleteAttribute(
      c.get('deps').db,
      requireStaff(c),
      id,
      c.req.param('attr'),
      c.get('requestId'),
    )
    return c.redirect(`${SERVICES_PATH}/${id}?erledigt=entfernt`, 303)
  })

  return app
}
