// SPDX-License-Identifier: EUPL-1.2
import { Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { t } from '../../shared/i18n.js'
import { CASE_ROLES, requireStaff, staffAccess } from '../auth/index.js'
import * as service from './applications.service.js'
import type { ApplicationStatus } from './applications.table.js'
import { summarizeStep } from './form/form.engine.js'
import type { FormAnswers } from './form/form.types.js'
import { formByBenefitType } from './form/grundsicherung.form.js'
import { ApplicationDetailPage, ApplicationListPage } from './views/StaffPages.js'

const caseworkers = staffAccess(...CASE_ROLES)

function parseStatus(value: string | undefined): ApplicationStatus | undefined {
  return value === 'submitted' || value === 'in_review' ? value : undefined
}

function benefitTitle(benefitType: string): string {
  const form = formByBenefitType(benefitType)
  return form ? t(form.title) : benefitType
}

/** The caseworker's view of incoming applications. Every read of social data is audited by the service. */
export function caseworkerRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/sachbearbeitung/antraege', caseworkers, async (c) => {
    const staff = requireStaff(c)
    const status = parseStatus(c.req.query('status'))
    const page = Math.min(Math.max(Number.parseInt(c.req.query('seite') ?? '1', 10) || 1, 1), 100_000)
    const result = await service.listApplicationsForStaff(
      c.get('deps').db,
      staff,
      { status, page },
      c.get('requestId'),
    )
    return c.html(
      <ApplicationListPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        items={result.items.map((i) => ({
          id: i.id,
          reference: i.reference,
          name: `${i.applicant_surname}, ${i.applicant_given_name}`,
          benefit: benefitTitle(i.benefit_type),
          submittedAt: i.submitted_at,
          status: i.status,
        }))}
        total={result.total}
        page={page}
        pages={result.pages}
        status={status}
      />,
    )
  })

  app.get('/sachbearbeitung/antraege/:id', caseworkers, async (c) => {
    const staff = requireStaff(c)
    const { application, documents } = await service.getApplicationForStaff(
      c.get('deps').db,
      staff,
      c.req.param('id'),
      c.get('requestId'),
    )
    const form = formByBenefitType(application.benefit_type)
    const answers = application.answers as FormAnswers
    const changed = parseStatus(c.req.query('geaendert'))
    return c.html(
      <ApplicationDetailPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        id={application.id}
        reference={application.reference}
        benefit={benefitTitle(application.benefit_type)}
        status={application.status}
        submittedAt={application.submitted_at}
        sections={(form?.steps ?? []).map((s) => ({
          id: s.id,
          title: t(s.title),
          rows: summarizeStep(s, answers[s.id]),
        }))}
        documents={documents.map((d) => ({
          id: d.id,
          name: d.original_name,
          size: service.formatBytes(d.size_bytes),
        }))}
        notice={
          changed
            ? t('staff.application.status_changed', { status: t(`application_status.${changed}`) })
            : undefined
        }
      />,
    )
  })

  app.get('/sachbearbeitung/antraege/:id/dokumente/:documentId', caseworkers, async (c) => {
    const { db, fileStore } = c.get('deps')
    const doc = await service.getDocumentForStaff(
      db,
      fileStore,
      requireStaff(c),
      c.req.param('id'),
      c.req.param('documentId'),
      c.get('requestId'),
    )
    return c.body(new Uint8Array(doc.bytes), 200, {
      'Content-Type': doc.media_type,
      // Attachment + nosniff: an uploaded file is never rendered as a page of ours.
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(doc.original_name)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.post('/sachbearbeitung/antraege/:id/status', caseworkers, async (c) => {
    const to = parseStatus((await formText(c)).status)
    if (!to) {
      return c.redirect(`/sachbearbeitung/antraege/${encodeURIComponent(c.req.param('id'))}`, 303)
    }
    const id = c.req.param('id')
    await service.changeApplicationStatus(c.get('deps').db, requireStaff(c), id, to, c.get('requestId'))
    return c.redirect(`/sachbearbeitung/antraege/${id}?geaendert=${to}`, 303)
  })

  return app
}
