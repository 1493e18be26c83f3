// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { CamtFileError } from './camt.js'
import { hasControl } from './case-payments.schema.js'
import { CasePaymentRefusedError } from './case-payments.service.js'
import { PAYMENT_ROLES } from './payments.service.js'
import { importStatement } from './statement.service.js'
import {
  listStatementExceptions,
  loadStatementException,
  resolveStatementException,
} from './statement-exceptions.service.js'
import {
  EXCEPTIONS_PATH,
  StatementExceptionPage,
  StatementExceptionsPage,
} from './views/StatementExceptionPages.js'
import { STATEMENT_IMPORT_PATH, StatementPage } from './views/StatementPages.js'

/**
 * Bank statement import: the roles that see payment runs (team leads, department and division heads) read
 * the bank's camt.053 statement. Caseworkers see the outcome on their cases; administrators never.
 */
const payers = staffAccess(...PAYMENT_ROLES)

export function statementRoutes() {
  const app = new Hono<AppEnv>()

  app.post(STATEMENT_IMPORT_PATH, payers, async (c) => {
    const staff = requireStaff(c)
    const body = await c.req.parseBody({ all: true })
    const file = body.file
    const render = (
      errors: Record<string, string>,
      result: Awaited<ReturnType<typeof importStatement>> | null,
    ) =>
      c.html(
        <StatementPage staff={staff} csrfToken={c.get('csrfToken')} errors={errors} result={result} />,
        Object.keys(errors).length > 0 ? 422 : 200,
      )
    if (!(file instanceof File) || file.size === 0) {
      return render({ file: t('payments.camt.error_no_file') }, null)
    }
    try {
      const { db, config } = c.get('deps')
      const result = await importStatement(
        db,
        { id: staff.id, requestId: c.get('requestId') },
        {
          bytes: new Uint8Array(await file.arrayBuffer()),
          debtorIban: config.paymentDebtor.iban,
          maxBytes: config.uploadMaxBytes,
        },
      )
      return render({}, result)
    } catch (error) {
      if (error instanceof CamtFileError) {
        return render({ file: error.germanMessage }, null)
      }
      throw error
    }
  })

  // The kept statement entries the import could not book, for the payment office.
  app.get(EXCEPTIONS_PATH, payers, async (c) => {
    const staff = requireStaff(c)
    const { open, resolved } = await listStatementExceptions(c.get('deps').db, {
      id: staff.id,
      requestId: c.get('requestId'),
    })
    const notice =
      c.req.query('hinweis') === 'geklaert' ? t('payments.exceptions.notice_resolved') : undefined
    return c.html(
      <StatementExceptionsPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        open={open}
        resolved={resolved}
        notice={notice}
      />,
    )
  })

  app.get(`${EXCEPTIONS_PATH}/:id`, payers, async (c) => {
    const staff = requireStaff(c)
    const row = await loadStatementException(
      c.get('deps').db,
      { id: staff.id, requestId: c.get('requestId') },
      c.req.param('id'),
    )
    return c.html(
      <StatementExceptionPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        row={row}
        values={{}}
        errors={{}}
      />,
    )
  })

  app.post(`${EXCEPTIONS_PATH}/:id`, payers, async (c) => {
    const staff = requireStaff(c)
    const values = await formText(c)
    const actorOf = { id: staff.id, requestId: c.get('requestId') }
    const { db } = c.get('deps')
    const id = c.req.param('id')
    const text = (values.vermerk ?? '').trim()
    const rerender = async (errors: Record<string, string>) => {
      const row = await loadStatementException(db, actorOf, id)
      return c.html(
        <StatementExceptionPage
          staff={staff}
          csrfToken={c.get('csrfToken')}
          row={row}
          values={values}
          errors={errors}
        />,
        422,
      )
    }
    if (text.length < 3 || text.length > 1000 || hasControl(text)) {
      return rerender({ vermerk: t('payments.exceptions.error_note', { min: 3, max: 1000 }) })
    }
    try {
      await resolveStatementException(db, actorOf, id, text)
    } catch (error) {
      if (error instanceof CasePaymentRefusedError) {
        return rerender({ vermerk: t(error.messageKey) })
      }
      throw error
    }
    return c.redirect(`${EXCEPTIONS_PATH}?hinweis=geklaert`, 303)
  })

  return app
}
