// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { CamtFileError } from './camt.js'
import { PAYMENT_ROLES } from './payments.service.js'
import { importStatement, resolveReturns } from './statement.service.js'
import { STATEMENT_IMPORT_PATH, StatementPage } from './views/StatementPages.js'

/**
 * Bank statement import: the roles that see payment runs (team leads, department and division heads) read
 * the bank's camt.053 statement. Caseworkers see the outcome on their cases; administrators never.
 */
const payers = staffAccess(...PAYMENT_ROLES)
/** Who works cases (as in the workbench). */
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')

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

  // A caseworker (or lead) who can see the case marks its returned payment as clarified.
  app.post('/sachbearbeitung/antraege/:id/ruecklaeufer', workers, async (c) => {
    await formText(c)
    const id = c.req.param('id')
    await resolveReturns(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    return c.redirect(`/sachbearbeitung/antraege/${id}`, 303)
  })

  return app
}
