// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import { staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { requireStaff } from '../auth/index.js'
import { caseFileJson, renderCaseFilePdf } from '../letters/index.js'
import { type CaseFileFormat, caseFileName, exportCaseFile } from './case-file.service.js'
import { getDecisionLetter } from './decision-letter.service.js'

/** Who reads cases (the same as the workbench's readers): their need-to-know scope decides which. */
const readers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head', 'auditor')

/** Social data as a download: never rendered as a page of ours, never cached. */
function downloadHeaders(contentType: string, fileName: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
}

/** Decision letters (Bescheide) and the audit-ready case file (Prüfakte) of a case. */
export function caseLettersRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/sachbearbeitung/antraege/:id/bescheide/:decisionId', readers, async (c) => {
    const { db, fileStore } = c.get('deps')
    const letter = await getDecisionLetter(
      db,
      fileStore,
      requireStaff(c),
      c.req.param('id'),
      c.req.param('decisionId'),
      c.get('requestId'),
    )
    return c.body(
      new Uint8Array(letter.bytes),
      200,
      downloadHeaders('application/pdf', `Bescheid-${letter.reference}.pdf`),
    )
  })

  for (const format of ['pdf', 'json'] as const satisfies CaseFileFormat[]) {
    app.get(`/sachbearbeitung/antraege/:id/pruefakte/${format}`, readers, async (c) => {
      const bundle = await exportCaseFile(
        c.get('deps'),
        requireStaff(c),
        c.req.param('id'),
        format,
        c.get('requestId'),
      )
      const name = caseFileName(bundle.case.reference, format)
      return format === 'pdf'
        ? c.body(
            new Uint8Array(await renderCaseFilePdf(bundle)),
            200,
            downloadHeaders('application/pdf', name),
          )
        : c.body(caseFileJson(bundle), 200, downloadHeaders('application/json; charset=utf-8', name))
    })
  }

  return app
}
