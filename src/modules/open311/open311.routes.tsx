// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { publicAccess, requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js'
import { importOverview, runImport } from './open311.client.js'
import { Open311Error } from './open311.errors.js'
import { type Format, respond, splitFormat } from './open311.format.js'
import {
  checkJurisdiction,
  createServiceRequest,
  getServiceDefinition,
  getServiceRequest,
  getToken,
  listServiceRequests,
  listServices,
  parseRequestBody,
} from './open311.service.js'
import { lastServiceChange } from './services.settings.js'
import { AdminPage } from './views/AdminPage.js'
import { formatW3 } from './w3-time.js'
import { retryDelivery, webhookOverview } from './webhooks.js'

export const BASE = '/open311/v2'
const ADMIN = '/verwaltung/open311'
/** The discovery changeset: the date the service list or definitions last changed shape. */
const CHANGESET = '2026-11-26T21:00:00+01:00'

/** `requests.xml` → format, or 400 for a name without a supported format, 404 for another resource. */
function fileFormat(file: string, expected: string | undefined): { name: string; format: Format } {
  const parsed = splitFormat(file)
  if (!parsed) {
    throw new Open311Error(400, { key: 'open311.error.format' })
  }
  if (expected !== undefined && parsed.name !== expected) {
    throw new Open311Error(404, { key: 'open311.error.not_found' })
  }
  return parsed
}

function jurisdiction(c: Context<AppEnv>) {
  checkJurisdiction(c.req.query('jurisdiction_id'), c.get('deps').config.open311.jurisdictionId)
}

async function adminPage(
  c: Context<AppEnv>,
  extra: Partial<Parameters<typeof AdminPage>[0]> = {},
  status: 200 | 422 = 200,
) {
  const { db, config } = c.get('deps')
  c.header('Cache-Control', 'no-store')
  return c.html(
    <AdminPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      keys={await listApiKeys(db)}
      importState={await importOverview(db, config.open311.import)}
      webhooks={await webhookOverview(db)}
      subscribers={config.open311.webhooks.map((s) => s.name)}
      {...extra}
    />,
    status,
  )
}

const NOTICES = {
  widerrufen: 'open311.admin.revoked',
  erneut: 'open311.admin.retried',
  import: 'open311.admin.import_ran',
} as const

/**
 * The Open311 GeoReport v2 server under /open311/v2 (public; POST needs an api_key, checked inside), and
 * its administration under /verwaltung/open311 (administrators).
 */
export function open311Routes() {
  const app = new Hono<AppEnv>()

  app.get(`${BASE}/:file`, publicAccess, async (c) => {
    const { db, config } = c.get('deps')
    const { name, format } = fileFormat(c.req.param('file'), undefined)
    if (name === 'discovery') {
      // Once services are changed on the settings screen, the changeset is the time of the last change.
      const changed = await lastServiceChange(db)
      const changeset = changed ? formatW3(changed) : CHANGESET
      return respond(c, format, 'discovery', {
        changeset,
        contact: config.open311.contact,
        key_service: config.open311.keyService,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${config.publicBaseUrl}${BASE}`,
            changeset,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      })
    }
    jurisdiction(c)
    if (name === 'services') {
      return respond(c, format, 'services', await listServices(db))
    }
    if (name === 'requests') {
      const q = c.req.query()
      return respond(c, format, 'service_requests', await listServiceRequests(db, q))
    }
    throw new Open311Error(404, { key: 'open311.error.not_found' })
  })

  app.get(`${BASE}/services/:file`, publicAccess, async (c) => {
    const { name, format } = fileFormat(c.req.param('file'), undefined)
    jurisdiction(c)
    return respond(c, format, 'service_definition', await getServiceDefinition(c.get('deps').db, name))
  })

  app.get(`${BASE}/requests/:file`, publicAccess, async (c) => {
    const { name, format } = fileFormat(c.req.param('file'), undefined)
    jurisdiction(c)
    return respond(c, format, 'service_requests', await getServiceRequest(c.get('deps').db, name))
  })

  app.get(`${BASE}/tokens/:file`, publicAccess, async (c) => {
    const { name, format } = fileFormat(c.req.param('file'), undefined)
    jurisdiction(c)
    return respond(c, format, 'service_requests', await getToken(c.get('deps').db, name))
  })

  // Public, because clients authenticate with the api_key in the body (checked first in the service).
  app.post(`${BASE}/:file`, publicAccess, async (c) => {
    const { format } = fileFormat(c.req.param('file'), 'requests')
    const type = (c.req.header('content-type') ?? '').toLowerCase()
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw new Open311Error(400, { key: 'open311.error.content_type' })
    }
    const body = parseRequestBody(await c.req.arrayBuffer())
    const result = await createServiceRequest(c.get('deps'), body, c.get('requestId'))
    return respond(c, format, 'service_requests', result)
  })

  // Anything else under the endpoint: 404 in the GeoReport error format.
  app.all(`${BASE}/*`, publicAccess, () => {
    throw new Open311Error(404, { key: 'open311.error.not_found' })
  })

  app.get(ADMIN, staffAccess('administrator'), async (c) => {
    const done = c.req.query('erledigt')
    const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined
    return adminPage(c, { notice })
  })

  app.post(`${ADMIN}/schluessel`, staffAccess('administrator'), async (c) => {
    const staff = requireStaff(c)
    const { name = '' } = await formText(c)
    const trimmed = name.trim()
    if (trimmed === '' || trimmed.length > 100 || /\p{Cc}/u.test(trimmed)) {
      return adminPage(c, { errors: { name: t('open311.admin.key_name_invalid') }, values: { name } }, 422)
    }
    const created = await createApiKey(c.get('deps').db, staff, trimmed, c.get('requestId'))
    return adminPage(c, { newKey: { name: trimmed, key: created.key } })
  })

  app.post(`${ADMIN}/schluessel/:id/widerrufen`, staffAccess('administrator'), async (c) => {
    await revokeApiKey(c.get('deps').db, requireStaff(c), c.req.param('id'), c.get('requestId'))
    return c.redirect(`${ADMIN}?erledigt=widerrufen`, 303)
  })

  app.post(`${ADMIN}/zustellungen/:id/erneut`, staffAccess('administrator'), async (c) => {
    await retryDelivery(c.get('deps').db, requireStaff(c), c.req.param('id'), c.get('requestId'))
    return c.redirect(`${ADMIN}?erledigt=erneut`, 303)
  })

  app.post(`${ADMIN}/import`, staffAccess('administrator'), async (c) => {
    await runImport(c.get('deps'))
    return c.redirect(`${ADMIN}?erledigt=import`, 303)
  })

  return app
}
