// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { berlinDay } from '../organisation/index.js'
import { PaymentRefusedError } from './payments.errors.js'
import * as service from './payments.service.js'
import { RunListPage, RunPage } from './views/PaymentPages.js'

/**
 * Team leads and heads see payment runs and compute previews; whoever of them acts for the approving post
 * releases (checked in the service). Caseworkers never; administrators never see payee data.
 */
const payers = staffAccess(...service.PAYMENT_ROLES)

/** "12.2026" or "2026-12" → "2026-12"; anything else → null. */
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
  const runs = await service.listRuns(c.get('deps').db)
  return c.html(
    <RunListPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      runs={runs}
      errors={errors}
      values={values}
      notice={notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

const NOTICES = {
  berechnet: 'payments.run.notice_computed',
  freigegeben: 'payments.run.notice_released',
} as const

const FORM_REFUSALS: Record<string, 'monat' | 'ausfuehrung'> = {
  invalid_month: 'monat',
  nothing_due: 'monat',
  preview_exists: 'monat',
  no_approval_post: 'monat',
  invalid_execution_date: 'ausfuehrung',
}

/** /zahlungen: monthly payment runs (preview, four-eyes release, files). */
export function paymentsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/zahlungen', payers, (c) => {
    const notice = c.req.query('hinweis') === 'verworfen' ? t('payments.list.notice_discarded') : undefined
    return renderList(c, {}, {}, notice)
  })

  app.post('/zahlungen/neu', payers, async (c) => {
    const values = await formText(c)
    const month = parseMonth(values.monat)
    if (!month) {
      return renderList(c, { monat: t('payments.error.invalid_month') }, values)
    }
    let executionDate: string
    if ((values.ausfuehrung ?? '').trim() === '') {
      executionDate = service.defaultExecutionDate(month, berlinDay(new Date()))
    } else {
      const parsed = parseGermanDate(values.ausfuehrung ?? '')
      if (!parsed) {
        return renderList(c, { ausfuehrung: t('payments.error.invalid_execution_date') }, values)
      }
      executionDate = parsed
    }
    try {
      const id = await service.createPreview(c.get('deps').db, actor(c), {
        targetMonth: month,
        executionDate,
      })
      return c.redirect(`/zahlungen/${id}?hinweis=berechnet`, 303)
    } catch (error) {
      const field = error instanceof PaymentRefusedError ? FORM_REFUSALS[error.refusal] : undefined
      if (error instanceof PaymentRefusedError && field) {
        return renderList(c, { [field]: t(error.messageKey) }, values)
      }
      throw error
    }
  })

  app.get('/zahlungen/:id', payers, async (c) => {
    const staff = requireStaff(c)
    const loaded = await service.loadRun(c.get('deps').db, actor(c), c.req.param('id'))
    const acting = loaded.releaser.acting
    const key = c.req.query('hinweis') ?? ''
    const notice = key in NOTICES ? t(NOTICES[key as keyof typeof NOTICES]) : undefined
    return c.html(
      <RunPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        run={loaded.run}
        items={loaded.items}
        byKind={loaded.byKind}
        releaserName={
          acting ? `${acting.kind === 'holder' ? '' : 'i.V. '}${acting.person.displayName}` : null
        }
        canRelease={loaded.canRelease}
        notice={notice}
      />,
    )
  })

  app.post('/zahlungen/:id/freigeben', payers, async (c) => {
    await formText(c)
    await service.releaseRun(
      c.get('deps').db,
      c.get('deps').config.paymentDebtor,
      actor(c),
      c.req.param('id'),
    )
    return c.redirect(`/zahlungen/${c.req.param('id')}?hinweis=freigegeben`, 303)
  })

  app.post('/zahlungen/:id/verwerfen', payers, async (c) => {
    await formText(c)
    await service.discardPreview(c.get('deps').db, actor(c), c.req.param('id'))
    return c.redirect('/zahlungen?hinweis=verworfen', 303)
  })

  app.get('/zahlungen/:id/pain001.xml', payers, async (c) => {
    const file = await service.runFile(c.get('deps').db, actor(c), c.req.param('id'), 'pain001')
    return c.body(file.body, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.reference}.pain.001.001.09.xml"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.get('/zahlungen/:id/zahlungsanordnung.csv', payers, async (c) => {
    const file = await service.runFile(c.get('deps').db, actor(c), c.req.param('id'), 'csv')
    return c.body(file.body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.reference}-zahlungsanordnung.csv"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  return app
}
