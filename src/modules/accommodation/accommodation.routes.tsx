// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { todayIso } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import { staffFrame } from '../../views/layout.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { PROVIDER_READ_ROLES } from '../providers/index.js'
import {
  ACCOMMODATION_EDIT_ROLES,
  ACCOMMODATION_MOVE_ROLES,
  ACCOMMODATION_READ_ROLES,
} from './accommodation.policy.js'
import * as service from './accommodation.service.js'
import { recordCapacity, updateSite } from './capacity.service.js'
import { occupancyByMonth } from './occupancy.js'
import { SiteFormPage, SitePage, SitesPage } from './views/AccommodationPages.js'

const read = staffAccess(...ACCOMMODATION_READ_ROLES)
const move = staffAccess(...ACCOMMODATION_MOVE_ROLES)
const edit = staffAccess(...ACCOMMODATION_EDIT_ROLES)
const UUID = '{[0-9a-fA-F-]{36}}'
const NOTICES = ['site_created', 'site_updated', 'capacity_recorded', 'place_added', 'moved_in', 'moved_out']

function frame(c: Context<AppEnv>) {
  return staffFrame(requireStaff(c), c.get('csrfToken'))
}

async function renderSite(
  c: Context<AppEnv>,
  siteId: string,
  form: { values?: FieldValues; errors?: FieldErrors } = {},
  status: 200 | 422 = 200,
) {
  const staff = requireStaff(c)
  const day = todayIso()
  const data = await service.getSite(c.get('deps').db, staff, siteId, day, c.get('requestId'))
  const notice = c.req.query('erledigt')
  return c.html(
    <SitePage
      staff={frame(c)}
      csrfToken={c.get('csrfToken')}
      day={day}
      data={data}
      mayEdit={ACCOMMODATION_EDIT_ROLES.includes(staff.role)}
      mayMove={ACCOMMODATION_MOVE_ROLES.includes(staff.role)}
      mayOpenContracts={PROVIDER_READ_ROLES.includes(staff.role)}
      notice={
        notice && NOTICES.includes(notice) ? t(`accommodation.notice.${notice}` as MessageKey) : undefined
      }
      {...form}
    />,
    status,
  )
}

/** Staff screens of the shared accommodation under /unterkuenfte (ADR 0025). */
export function accommodationRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/unterkuenfte', read, async (c) => {
    const staff = requireStaff(c)
    const { db } = c.get('deps')
    const day = todayIso()
    const month = day.slice(0, 7)
    return c.html(
      <SitesPage
        staff={frame(c)}
        day={day}
        sites={await service.listSites(db, day)}
        series={await occupancyByMonth(db, service.monthMinus(month, 11), month)}
        mayEdit={ACCOMMODATION_EDIT_ROLES.includes(staff.role)}
      />,
    )
  })

  app.get('/unterkuenfte/neu', edit, (c) =>
    c.html(<SiteFormPage staff={frame(c)} csrfToken={c.get('csrfToken')} values={{}} errors={{}} />),
  )

  app.post('/unterkuenfte/neu', edit, async (c) => {
    const values = await formText(c)
    const result = await service.createSite(c.get('deps').db, requireStaff(c), values, c.get('requestId'))
    if (!result.ok) {
      return c.html(
        <SiteFormPage
          staff={frame(c)}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={result.errors}
        />,
        422,
      )
    }
    return c.redirect(`/unterkuenfte/${result.id}?erledigt=site_created`, 303)
  })

  app.get(`/unterkuenfte/:id${UUID}`, read, (c) => renderSite(c, c.req.param('id')))

  app.get(`/unterkuenfte/:id${UUID}/bearbeiten`, edit, async (c) => {
    const id = c.req.param('id')
    const { site } = await service.getSite(
      c.get('deps').db,
      requireStaff(c),
      id,
      todayIso(),
      c.get('requestId'),
    )
    return c.html(
      <SiteFormPage
        staff={frame(c)}
        csrfToken={c.get('csrfToken')}
        values={{ name: site.name, address: site.address }}
        errors={{}}
        edit={{ id, name: site.name }}
      />,
    )
  })

  app.post(`/unterkuenfte/:id${UUID}/bearbeiten`, edit, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const { db } = c.get('deps')
    const result = await updateSite(db, requireStaff(c), id, values, c.get('requestId'))
    if (!result.ok) {
      const { site } = await service.getSite(db, requireStaff(c), id, todayIso(), c.get('requestId'))
      return c.html(
        <SiteFormPage
          staff={frame(c)}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={result.errors}
          edit={{ id, name: site.name }}
        />,
        422,
      )
    }
    return c.redirect(`/unterkuenfte/${id}?erledigt=site_updated`, 303)
  })

  app.post(`/unterkuenfte/:id${UUID}/kapazitaet`, edit, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await recordCapacity(c.get('deps').db, requireStaff(c), id, values, c.get('requestId'))
    if (!result.ok) {
      return renderSite(c, id, { values, errors: result.errors }, 422)
    }
    return c.redirect(`/unterkuenfte/${id}?erledigt=capacity_recorded`, 303)
  })

  app.post(`/unterkuenfte/:id${UUID}/plaetze`, edit, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await service.addPlace(c.get('deps').db, requireStaff(c), id, values, c.get('requestId'))
    if (!result.ok) {
      return renderSite(c, id, { values, errors: result.errors }, 422)
    }
    return c.redirect(`/unterkuenfte/${id}?erledigt=place_added`, 303)
  })

  app.post(`/unterkuenfte/:id${UUID}/einzug`, move, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await service.moveIn(c.get('deps').db, requireStaff(c), id, values, c.get('requestId'))
    if (!result.ok) {
      return renderSite(c, id, { values, errors: result.errors }, 422)
    }
    return c.redirect(`/unterkuenfte/${id}?erledigt=moved_in`, 303)
  })

  app.post(`/unterkuenfte/:id${UUID}/auszug`, move, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await service.moveOut(c.get('deps').db, requireStaff(c), id, values, c.get('requestId'))
    if (!result.ok) {
      return renderSite(c, id, { values, errors: result.errors }, 422)
    }
    return c.redirect(`/unterkuenfte/${id}?erledigt=moved_out`, 303)
  })

  return app
}
