// SPDX-License-Identifier: EUPL-1.2
/**
 * The readable form of an Art. 15 bundle: an A4 PDF with embedded DejaVu fonts (the shared summary renderer,
 * which uses src/shared/pdf/fonts.ts and text.ts), every text from the German catalogue.
 */
import type { LetterheadConfig } from '../../config/config.js'
import { formatDateTime, formatIsoDate } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { formatCents } from '../../shared/money.js'
import { renderSummaryPdf, type SummaryPdfRow, type SummaryPdfSection } from '../../shared/pdf/summary-pdf.js'
import { type FormAnswers, formByBenefitType, summarizeStep } from '../applications/index.js'
import type { AccessBundle } from './subject-access.service.js'

const dt = (value: string) => formatDateTime(new Date(value))
const statusText = (status: string) => t(`application_status.${status}` as MessageKey)

function answerRows(benefitType: string, answers: Record<string, unknown>): SummaryPdfRow[] {
  const form = formByBenefitType(benefitType)
  if (!form) {
    return [{ label: t('retention.pdf.answers'), value: JSON.stringify(answers) }]
  }
  const typed = answers as FormAnswers
  return form.steps.flatMap((step) =>
    summarizeStep(step, typed[step.id]).map((row) => ({ label: row.label, value: row.value })),
  )
}

/**
 * Renders the bundle as a PDF.
 * @returns the PDF bytes
 */
export function renderAccessPdf(bundle: AccessBundle, letterhead: LetterheadConfig): Promise<Uint8Array> {
  const sections: SummaryPdfSection[] = []
  for (const app of bundle.applications) {
    sections.push({
      heading: t('retention.pdf.application', { reference: app.reference }),
      rows: [
        { label: t('retention.pdf.status'), value: statusText(app.status) },
        { label: t('retention.pdf.submitted'), value: dt(app.submittedAt) },
        ...answerRows(app.benefitType, app.answers),
        ...app.statusHistory.map((h) => ({
          label: t('retention.pdf.status_change', { at: dt(h.at) }),
          value: statusText(h.to),
        })),
        ...app.documents.map((d) => ({
          label: t('retention.pdf.document', { at: dt(d.uploadedAt) }),
          value: `${d.name} (${d.mediaType}, ${d.sizeBytes} B)`,
        })),
        ...app.decisions.map((d) => ({
          label: t('retention.pdf.decision', { at: dt(d.decidedAt) }),
          value: t('retention.pdf.decision_value', {
            outcome: t(`retention.outcome.${d.outcome}` as MessageKey),
            amount: formatCents(d.monthlyAmountCents),
            from: d.periodFrom ? formatIsoDate(d.periodFrom) : '–',
            to: d.periodTo ? formatIsoDate(d.periodTo) : '–',
            basis: d.legalBasis,
            reasons: d.reasons,
          }),
        })),
        ...app.notes.map((n) => ({ label: t('retention.pdf.note', { at: dt(n.createdAt) }), value: n.body })),
        ...app.documentRequests.map((r) => ({
          label: t('retention.pdf.document_request', { at: dt(r.requestedAt) }),
          value: t('retention.pdf.document_request_value', {
            description: r.description,
            due: formatIsoDate(r.dueOn),
          }),
        })),
      ],
    })
  }
  for (const k of bundle.complaints) {
    sections.push({
      heading: t('retention.pdf.complaint', { reference: k.reference }),
      rows: [
        { label: t('retention.pdf.received'), value: dt(k.receivedAt) },
        { label: t('retention.pdf.category'), value: k.category },
        { label: t('retention.pdf.description'), value: k.description },
        ...(k.contact.name ? [{ label: t('retention.pdf.contact_name'), value: k.contact.name }] : []),
        ...(k.contact.email ? [{ label: t('retention.pdf.contact_email'), value: k.contact.email }] : []),
        ...(k.replyText ? [{ label: t('retention.pdf.reply'), value: k.replyText }] : []),
      ],
    })
  }
  sections.push({
    heading: t('retention.pdf.access_history'),
    rows:
      bundle.accessHistory.length === 0
        ? [{ label: '–', value: t('retention.pdf.no_access') }]
        : bundle.accessHistory.map((e) => ({
            label: dt(e.at),
            value: t('retention.pdf.access_value', {
              action: e.action,
              actor: e.actorRole
                ? t(`retention.role.${e.actorRole}` as MessageKey)
                : t(`retention.actor.${e.actorType}` as MessageKey),
            }),
          })),
  })
  return renderSummaryPdf({
    title: t('retention.pdf.title'),
    issuer: `${letterhead.authority} · ${letterhead.office}`,
    keyFacts: [
      { label: t('retention.pdf.person'), value: `${bundle.person.givenName} ${bundle.person.surname}` },
      { label: t('retention.pdf.birth_date'), value: formatIsoDate(bundle.person.birthDate) },
      { label: t('retention.pdf.generated'), value: dt(bundle.generatedAt) },
    ],
    paragraphs: [t('retention.pdf.intro'), t('retention.pdf.matching')],
    sections,
    footer: t('retention.pdf.footer'),
    metadata: { author: letterhead.authority, subject: t('retention.pdf.title'), language: 'de-DE' },
    createdAt: new Date(bundle.generatedAt),
  })
}
