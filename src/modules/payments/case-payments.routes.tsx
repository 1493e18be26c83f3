// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { berlinDay } from '../organisation/index.js'
import { parseAccountForm, parseDatedReasonForm, parseOneOffForm } from './case-payments.schema.js'
import {
  CasePaymentRefusedError,
  loadCasePayments,
  recordOneOff,
  resumePayments,
  suspendPayments,
} from './case-payments.service.js'
import { resolveReturns } from './statement.service.js'
import { CasePaymentsPage, casePaymentsPath } from './views/CasePaymentsPage.js'

/**
 * A case's payments for the caseworker: one-off grants, suspending and resuming payments, resolving a returned
 * payment with a new account. Roles as in the workbench: readers see (the auditor read-only), workers change;
 * need-to-know through `withVisibleCase` in every service call (a case outside one's scope is 404).
 */
const readers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head', 'auditor')
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')

const NOTICES = {
  einmalig: 'payments.case.notice_one_off',
  eingestellt: 'payments.case.notice_suspended',
  aufgenommen: 'payments.case.notice_resumed',
  geklaert: 'payments.case.notice_resolved',
} as const

function actor(c: Context<AppEnv>) {
  return { ...requireStaff(c), requestId: c.get('requestId') }
}

async function renderPage(
  c: Context<AppEnv>,
  id: string,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  notice?: string,
) {
  const staff = requireStaff(c)
  const data = await loadCasePayments(c.get('deps').db, actor(c), id)
  return c.html(
    <CasePaymentsPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      data={data}
      readOnly={staff.role === 'auditor'}
      values={values}
      errors={errors}
      notice={notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

/** Runs a change; a refusal of the rules re-renders the page with the German message at its field (422). */
async function change(
  c: Context<AppEnv>,
  values: Record<string, string>,
  work: () => Promise<unknown>,
  hint: keyof typeof NOTICES,
) {
  const id = c.req.param('id') ?? ''
  try {
    await work()
  } catch (error) {
    if (error instanceof CasePaymentRefusedError) {
      return renderPage(c, id, values, { [error.field]: t(error.messageKey, error.messageParams) })
    }
    throw error
  }
  return c.redirect(`${casePaymentsPath(id)}?hinweis=${hint}`, 303)
}

export function casePaymentsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/sachbearbeitung/antraege/:id/zahlungen', readers, (c) => {
    const key = c.req.query('hinweis') ?? ''
    const notice = key in NOTICES ? t(NOTICES[key as keyof typeof NOTICES]) : undefined
    return renderPage(c, c.req.param('id'), {}, {}, notice)
  })

  app.post('/sachbearbeitung/antraege/:id/zahlungen/einmalige-leistung', workers, async (c) => {
    const values = await formText(c)
    const parsed = parseOneOffForm(values, berlinDay(new Date()))
    if (!parsed.value) {
      return renderPage(c, c.req.param('id'), values, parsed.errors)
    }
    const input = parsed.value
    return change(
      c,
      values,
      () => recordOneOff(c.get('deps').db, actor(c), c.req.param('id'), input),
      'einmalig',
    )
  })

  // Suspending and resuming take the same form (from a date, with a reason) and differ only in what they do.
  for (const [action, run, notice] of [
    ['einstellen', suspendPayments, 'eingestellt'],
    ['fortsetzen', resumePayments, 'aufgenommen'],
  ] as const) {
    app.post(`/sachbearbeitung/antraege/:id/zahlungen/${action}`, workers, async (c) => {
      const values = await formText(c)
      const parsed = parseDatedReasonForm(values)
      if (!parsed.value) {
        return renderPage(c, c.req.param('id'), values, parsed.errors)
      }
      const input = parsed.value
      return change(c, values, () => run(c.get('deps').db, actor(c), c.req.param('id'), input), notice)
    })
  }

  // A caseworker (or lead) who can see the case marks its returned payment as clarified, optionally with the
  // new account the household gave. Without fields (the button on the case page): resolved as it is.
  app.post('/sachbearbeitung/antraege/:id/ruecklaeufer', workers, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const parsed = parseAccountForm(values)
    if (Object.keys(parsed.errors).length > 0) {
      return renderPage(c, id, values, parsed.errors)
    }
    try {
      await resolveReturns(c.get('deps').db, requireStaff(c), id, c.get('requestId'), parsed.account)
    } catch (error) {
      if (error instanceof CasePaymentRefusedError) {
        return renderPage(c, id, values, { [error.field]: t(error.messageKey, error.messageParams) })
      }
      throw error
    }
    // The button on the case page goes back to the case; the form on the payment page stays there.
    return values.seite === 'zahlungen'
      ? c.redirect(`${casePaymentsPath(id)}?hinweis=geklaert`, 303)
      : c.redirect(`/sachbearbeitung/antraege/${id}`, 303)
  })

  return app
}
