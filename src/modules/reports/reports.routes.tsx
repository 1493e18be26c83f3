// SPDX-License-Identifier: EUPL-1.2
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { publicAccess } from '../auth/index.js'
import type { ReportModel, TableModel } from './report-model.js'
import { ReportRefusedError } from './reports.errors.js'
import * as repo from './reports.repository.js'
import * as service from './reports.service.js'
import { takeSnapshot } from './snapshots.service.js'
import { ReportPage, ReportsListPage } from './views/ReportPages.js'

/** Read reports, draft them, and (when acting for the division head) review and release them. */
const readers = staffAccess('division_head', 'department_head')
/** The division head's office writes the drafts and takes the snapshots. */
const drafters = staffAccess('division_head')

const TABLE_ID = /^[a-z0-9.-]{1,80}$/

/** "10.2026" or "2026-10" → "2026-10"; anything else → null. */
export function parseMonth(input: string | undefined): string | null {
  const value = (input ?? '').trim()
  const german = /^(0?[1-9]|1[0-2])\.(\d{4})$/.exec(value)
  if (german) {
    return `${german[2]}-${(german[1] ?? '').padStart(2, '0')}`
  }
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null
}

function actor(c: Context<AppEnv>) {
  return { ...requireStaff(c), requestId: c.get('requestId') }
}

async function renderList(
  c: Context<AppEnv>,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  notice?: string,
) {
  const { db } = c.get('deps')
  const staff = requireStaff(c)
  const [reports, snapshots] = await Promise.all([service.listReports(db), repo.listSnapshots(db)])
  return c.html(
    <ReportsListPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      reports={reports}
      snapshots={snapshots}
      canDraft={staff.role === 'division_head'}
      errors={errors}
      values={values}
      notice={notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

async function renderReport(c: Context<AppEnv>, errors: Record<string, string> = {}, notice?: string) {
  const { db } = c.get('deps')
  const staff = requireStaff(c)
  const { model } = await service.loadReport(db, c.req.param('id') ?? '')
  const reviewer = await service.reviewerFor(db, staff, new Date())
  const reviewerName = reviewer.acting
    ? `${reviewer.acting.kind === 'holder' ? '' : 'i.V. '}${reviewer.acting.person.displayName}`
    : null
  return c.html(
    <ReportPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      model={model}
      reviewerName={reviewerName}
      canEdit={staff.role === 'division_head'}
      canReview={reviewer.isActor}
      errors={errors}
      notice={notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

const NOTICES: Record<
  string,
  'reports.page.texts_saved' | 'reports.page.submitted' | 'reports.page.released' | 'reports.page.returned'
> = {
  texte: 'reports.page.texts_saved',
  vorgelegt: 'reports.page.submitted',
  freigegeben: 'reports.page.released',
  zurueckgegeben: 'reports.page.returned',
}

/** A table of the report as CSV (semicolon, UTF-8 with BOM: opens in German spreadsheet programs). */
export function tableCsv(table: TableModel): string {
  return `\uFEFF${stringify([table.columns, ...table.rows.map((r) => [r.label, ...r.cells])], {
    delimiter: ';',
    record_delimiter: '\r\n',
  })}`
}

function csvResponse(c: Context<AppEnv>, model: ReportModel, tableFile: string) {
  const id = tableFile.replace(/\.csv$/, '')
  const table = TABLE_ID.test(id) ? model.tables.find((x) => x.id === id) : undefined
  if (!table || !tableFile.endsWith('.csv')) {
    throw new ReportRefusedError('unknown_table')
  }
  return c.body(tableCsv(table), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="lagebericht-${model.state.month}-f${model.state.version}-${table.id}.csv"`,
    'X-Content-Type-Options': 'nosniff',
  })
}

function pdfResponse(c: Context<AppEnv>, pdf: Uint8Array, month: string, version: number) {
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="lagebericht-${month}-fassung-${version}.pdf"`,
    'X-Content-Type-Options': 'nosniff',
  })
}

/** /berichte: the committee report (staff) and /oeffentlich/berichte: released reports (public). */
export function reportsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/berichte', readers, (c) => renderList(c))

  app.post('/berichte/neu', drafters, async (c) => {
    const values = await formText(c)
    const month = parseMonth(values.monat)
    if (!month) {
      return renderList(c, { monat: t('reports.list.error_month') }, values)
    }
    try {
      const row = await service.createDraft(
        c.get('deps').db,
        actor(c),
        month,
        c.get('deps').config.caseloadNorm,
      )
      return c.redirect(`/berichte/${row.id}`, 303)
    } catch (error) {
      if (error instanceof ReportRefusedError && error.refusal === 'invalid_month') {
        return renderList(c, { monat: t('reports.list.error_month') }, values)
      }
      throw error
    }
  })

  app.post('/berichte/monatsstand', drafters, async (c) => {
    const values = await formText(c)
    const month = parseMonth(values.stand_monat)
    if (!month) {
      return renderList(c, { stand_monat: t('reports.list.error_month') }, values)
    }
    try {
      const snapshot = await takeSnapshot(
        c.get('deps').db,
        { type: 'staff', ...actor(c) },
        {
          month,
          note: values.anmerkung ?? null,
          norm: c.get('deps').config.caseloadNorm,
        },
      )
      return renderList(c, {}, {}, t('reports.list.snapshot_created', { month, sequence: snapshot.sequence }))
    } catch (error) {
      if (error instanceof ReportRefusedError && error.status === 422) {
        const field = error.refusal === 'invalid_month' ? 'stand_monat' : 'anmerkung'
        return renderList(c, { [field]: t(error.messageKey) }, values)
      }
      throw error
    }
  })

  app.get('/berichte/:id', readers, (c) => {
    const notice = NOTICES[c.req.query('hinweis') ?? '']
    return renderReport(c, {}, notice ? t(notice) : undefined)
  })

  app.post('/berichte/:id/texte', drafters, async (c) => {
    const values = await formText(c)
    try {
      await service.saveTexts(c.get('deps').db, actor(c), c.req.param('id'), values)
    } catch (error) {
      if (error instanceof ReportRefusedError && error.refusal === 'text_too_long') {
        return renderReport(c, { situation: t('reports.page.error_text_too_long') })
      }
      throw error
    }
    return c.redirect(`/berichte/${c.req.param('id')}?hinweis=texte`, 303)
  })

  app.post('/berichte/:id/vorlegen', drafters, async (c) => {
    await service.submitForReview(c.get('deps').db, actor(c), c.req.param('id'))
    return c.redirect(`/berichte/${c.req.param('id')}?hinweis=vorgelegt`, 303)
  })

  app.post('/berichte/:id/zurueckgeben', readers, async (c) => {
    await service.returnToDraft(c.get('deps').db, actor(c), c.req.param('id'))
    return c.redirect(`/berichte/${c.req.param('id')}?hinweis=zurueckgegeben`, 303)
  })

  app.post('/berichte/:id/freigeben', readers, async (c) => {
    await service.release(c.get('deps').db, actor(c), c.req.param('id'))
    return c.redirect(`/berichte/${c.req.param('id')}?hinweis=freigegeben`, 303)
  })

  app.get('/berichte/:id/bericht.pdf', readers, async (c) => {
    const { row, pdf } = await service.reportPdf(c.get('deps').db, c.req.param('id'))
    return pdfResponse(c, pdf, row.month, row.version)
  })

  app.get('/berichte/:id/tabellen/:file', readers, async (c) => {
    const { model } = await service.loadReport(c.get('deps').db, c.req.param('id'))
    return csvResponse(c, model, c.req.param('file'))
  })

  // Public: a released report is a public council document (Status: öffentlich); nothing else is reachable.
  app.get('/oeffentlich/berichte/:id/bericht.pdf', publicAccess, async (c) => {
    const { row } = await service.releasedReport(c.get('deps').db, c.req.param('id'))
    return pdfResponse(c, row.pdf ?? new Uint8Array(), row.month, row.version)
  })

  app.get('/oeffentlich/berichte/:id/tabellen/:file', publicAccess, async (c) => {
    const { model } = await service.releasedReport(c.get('deps').db, c.req.param('id'))
    return csvResponse(c, model, c.req.param('file'))
  })

  return app
}
