// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { OrgReviewRefusedError } from './org-review.errors.js'
import * as exportService from './org-review.service.js'
import { parseMonth } from './reports.routes.js'
import * as recording from './time-recording.service.js'
import { OrgReviewPage, RecordingPage } from './views/OrgReviewPages.js'

/** The organisational-review export: the division head's office and the department heads. */
const exporters = staffAccess('division_head', 'department_head')
/** Everyone who works cases may self-record; leads open windows (checked against the posts they head). */
const recorders = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')
const leads = staffAccess('team_lead', 'department_head', 'division_head')

const TABLES = new Set(['aufgaben', 'fallbestand', 'alle'])

function actor(c: Context<AppEnv>) {
  const staff = requireStaff(c)
  return { type: 'staff' as const, id: staff.id, requestId: c.get('requestId') }
}

async function renderRecording(
  c: Context<AppEnv>,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  notice?: string,
) {
  const staff = requireStaff(c)
  const overview = await recording.overview(c.get('deps').db, staff.id)
  return c.html(
    <RecordingPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      overview={overview}
      errors={errors}
      values={values}
      notice={notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

/** The field a refusal belongs to on the recording page. */
const RECORDING_FIELD: Partial<Record<OrgReviewRefusedError['refusal'], string>> = {
  window_invalid_dates: 'von',
  window_length: 'bis',
  window_in_past: 'von',
  window_overlaps: 'von',
  unknown_unit: 'einheit',
  not_lead_of_unit: 'einheit',
  no_open_window: 'aufgabe',
  invalid_task_type: 'aufgabe',
  invalid_minutes: 'minuten',
}

/** /organisationsuntersuchung (export) and /zeiterfassung (self-recording). */
export function orgReviewRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/organisationsuntersuchung', exporters, (c) =>
    c.html(<OrgReviewPage staff={requireStaff(c)} csrfToken={c.get('csrfToken')} errors={{}} values={{}} />),
  )

  app.get('/organisationsuntersuchung/export', exporters, async (c) => {
    const values = {
      von: c.req.query('von') ?? '',
      bis: c.req.query('bis') ?? '',
      tabelle: c.req.query('tabelle') ?? '',
    }
    const errors: Record<string, string> = {}
    const from = parseMonth(values.von)
    const to = parseMonth(values.bis)
    if (!from) {
      errors.von = t('reports.orgreview.error_month')
    }
    if (!to) {
      errors.bis = t('reports.orgreview.error_month')
    }
    if (!TABLES.has(values.tabelle)) {
      errors.tabelle = t('reports.orgreview.error_table')
    }
    let data: Awaited<ReturnType<typeof exportService.buildExport>> | null = null
    if (from && to && Object.keys(errors).length === 0) {
      try {
        data = await exportService.buildExport(c.get('deps').db, from, to, c.get('deps').config.caseloadNorm)
      } catch (error) {
        if (!(error instanceof OrgReviewRefusedError)) {
          throw error
        }
        errors.bis = t(error.messageKey)
      }
    }
    if (!data || !from || !to) {
      const page = (
        <OrgReviewPage
          staff={requireStaff(c)}
          csrfToken={c.get('csrfToken')}
          errors={errors}
          values={values}
        />
      )
      return c.html(page, 422)
    }
    const table = values.tabelle as exportService.ExportTable | 'alle'
    const format = table === 'alle' ? 'json' : 'csv'
    const rows = table === 'fallbestand' ? data.caseloads.length : data.tasks.length
    await exportService.auditExport(c.get('deps').db, actor(c), { from, to, format, table, rows })
    const name = `organisationsuntersuchung-${from}-bis-${to}`
    if (table === 'alle') {
      return c.body(exportService.exportJson(data), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.json"`,
        'X-Content-Type-Options': 'nosniff',
      })
    }
    return c.body(exportService.exportCsv(data, table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-${table}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.get('/zeiterfassung', recorders, (c) => {
    const notice = c.req.query('hinweis')
    return renderRecording(
      c,
      {},
      {},
      notice === 'erfasst'
        ? t('reports.recording.saved')
        : notice === 'geoeffnet'
          ? t('reports.recording.opened')
          : undefined,
    )
  })

  app.post('/zeiterfassung/eintrag', recorders, async (c) => {
    const values = await formText(c)
    try {
      await recording.record(c.get('deps').db, actor(c), {
        taskType: values.aufgabe ?? '',
        minutes: values.minuten ?? '',
      })
    } catch (error) {
      if (error instanceof OrgReviewRefusedError && error.status === 422) {
        return renderRecording(
          c,
          { [RECORDING_FIELD[error.refusal] ?? 'aufgabe']: t(error.messageKey) },
          values,
        )
      }
      throw error
    }
    return c.redirect('/zeiterfassung?hinweis=erfasst', 303)
  })

  app.post('/zeiterfassung/fenster', leads, async (c) => {
    const values = await formText(c)
    try {
      await recording.openWindow(c.get('deps').db, actor(c), {
        unitId: values.einheit ?? '',
        von: values.von ?? '',
        bis: values.bis ?? '',
      })
    } catch (error) {
      if (error instanceof OrgReviewRefusedError && error.status === 422) {
        return renderRecording(c, { [RECORDING_FIELD[error.refusal] ?? 'von']: t(error.messageKey) }, values)
      }
      throw error
    }
    return c.redirect('/zeiterfassung?hinweis=geoeffnet', 303)
  })

  return app
}
