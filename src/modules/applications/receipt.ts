// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { renderSummaryPdf } from '../../shared/pdf/summary-pdf.js'
import type { ApplicationRow } from './applications.table.js'
import { summarizeStep } from './form/form.engine.js'
import type { FormAnswers, FormDef } from './form/form.types.js'

/** The receipt (Eingangsbestätigung) as an A4 PDF: reference, time of receipt and a summary of the answers. */
export function renderReceiptPdf(form: FormDef, application: ApplicationRow): Promise<Uint8Array> {
  const answers = application.answers as FormAnswers
  const benefit = t(form.title)
  return renderSummaryPdf({
    title: t('receipt.pdf_title'),
    issuer: t('app.issuer'),
    keyFacts: [
      { label: t('receipt.reference'), value: application.reference },
      { label: t('receipt.submitted_at'), value: formatDateTime(application.submitted_at) },
      { label: t('staff.application.benefit'), value: benefit },
    ],
    paragraphs: [t('receipt.pdf_intro', { benefit })],
    sections: form.steps.map((step) => ({
      heading: t(step.title),
      rows: summarizeStep(step, answers[step.id]),
    })),
    footer: t('receipt.pdf_footer'),
    metadata: {
      author: t('app.issuer'),
      subject: `${t('receipt.pdf_subject')} ${application.reference}`,
      language: 'de-DE',
    },
    createdAt: application.submitted_at,
  })
}
