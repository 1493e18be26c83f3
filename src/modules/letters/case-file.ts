// SPDX-License-Identifier: EUPL-1.2
/**
 * The audit-ready case file (Prüfakte) of one case, in two forms from the same {@link CaseFileBundle}:
 * a PDF for people ({@link renderCaseFilePdf}) and a versioned JSON document for machines
 * ({@link caseFileJson}, format described in docs/case-file-format.md). Both are pure.
 * @module
 */
import { z } from 'zod'
import { formatDateTime, formatIsoDate, parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { formatCents } from '../../shared/money.js'
import { LetterInputError } from './letters.errors.js'
import type {
  CaseFileActor,
  CaseFileBundle,
  CaseFileDecision,
  CaseFileDocument,
  DateRange,
  PaymentPeriod,
} from './letters.types.js'
import {
  type ReportBlock,
  type ReportLayout,
  type ReportSection,
  renderReportLayout,
} from './report-layout.js'

/** Version of the JSON format; raise it on any change that is not purely additive. */
export const CASE_FILE_SCHEMA_VERSION = 1
export const CASE_FILE_FORMAT = 'lotse.case-file'

// --- Checks ----------------------------------------------------------------------------------------

const SHA256 = /^[0-9a-f]{64}$/

function checkSha256(value: string, field: string): string {
  if (!SHA256.test(value)) {
    throw new LetterInputError(`${field} is not a lower-case hex SHA-256`)
  }
  return value
}

function checkIsoDate(value: string, field: string): string {
  if (parseGermanDate(value) !== value) {
    throw new LetterInputError(`${field} is not an ISO date: ${value}`)
  }
  return value
}

function checkInstant(value: Date, field: string): string {
  if (Number.isNaN(value.getTime())) {
    throw new LetterInputError(`${field} is not a valid point in time`)
  }
  return value.toISOString()
}

function checkCents(value: number, field: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new LetterInputError(`${field} is not integer cents`)
  }
  return value
}

/** Stable chronological order (equal times keep the caller's order). */
function byTime<T>(items: T[], at: (item: T) => Date): T[] {
  return [...items].sort((a, b) => at(a).getTime() - at(b).getTime())
}

// --- JSON ------------------------------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const instant = z.iso.datetime()
const nullableString = z.string().nullable()
const actorSchema = z.strictObject({ name: z.string(), post: nullableString, actingFor: nullableString })
const rangeSchema = z.strictObject({ from: isoDate, to: isoDate })
const paymentSchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  components: z.array(z.strictObject({ label: z.string(), cents: z.number().int() })),
  totalCents: z.number().int(),
})

/**
 * The JSON form of a case file, version 1. Keys appear in the order of this schema; absent optional values
 * are `null`; points in time are ISO 8601 in UTC (`2026-01-05T10:12:00.000Z`), calendar dates `YYYY-MM-DD`,
 * money integer cents. Documents are referenced by SHA-256, their content is not included.
 */
export const CaseFileJsonSchema = z.strictObject({
  schemaVersion: z.literal(CASE_FILE_SCHEMA_VERSION),
  format: z.literal(CASE_FILE_FORMAT),
  generatedAt: instant,
  generatedBy: actorSchema,
  case: z.strictObject({
    id: z.string(),
    reference: z.string(),
    benefitType: z.string(),
    benefit: z.string(),
    applicantName: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    openedAt: instant,
    assignedPost: nullableString,
  }),
  gaps: z.array(
    z.strictObject({
      kind: z.enum(['missing_evidence', 'missing_approval', 'other']),
      description: z.string(),
    }),
  ),
  application: z.strictObject({
    submittedAt: instant.nullable(),
    sections: z.array(
      z.strictObject({
        heading: z.string(),
        rows: z.array(z.strictObject({ label: z.string(), value: z.string() })),
      }),
    ),
  }),
  documents: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      type: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number().int().nonnegative(),
      sha256: z.string().regex(SHA256),
      uploadedAt: instant,
      uploadedBy: nullableString,
    }),
  ),
  notes: z.array(z.strictObject({ at: instant, author: z.string(), text: z.string() })),
  statusHistory: z.array(
    z.strictObject({
      at: instant,
      status: z.string(),
      statusLabel: z.string(),
      by: nullableString,
      reason: nullableString,
    }),
  ),
  decisions: z.array(
    z.strictObject({
      id: z.string(),
      outcome: z.enum(['granted', 'partly_granted', 'refused']),
      decidedAt: instant,
      decidedBy: actorSchema,
      approvalRequired: z.boolean(),
      approvedBy: actorSchema.nullable(),
      approvedAt: instant.nullable(),
      benefitPeriod: rangeSchema.nullable(),
      payments: z.array(paymentSchema),
      legalBasis: z.array(z.string()),
      letterSha256: z.string().regex(SHA256).nullable(),
    }),
  ),
  deadlines: z.array(
    z.strictObject({ label: z.string(), dueOn: isoDate, state: z.enum(['open', 'met', 'overdue']) }),
  ),
  auditEvents: z.array(
    z.strictObject({ at: instant, actor: z.string(), action: z.string(), actingFor: nullableString }),
  ),
})

export type CaseFileJson = z.infer<typeof CaseFileJsonSchema>

function actorJson(actor: CaseFileActor): CaseFileJson['generatedBy'] {
  return { name: actor.name, post: actor.post ?? null, actingFor: actor.actingFor ?? null }
}

function rangeJson(range: DateRange, field: string) {
  return { from: checkIsoDate(range.from, `${field}.from`), to: checkIsoDate(range.to, `${field}.to`) }
}

function paymentJson(payment: PaymentPeriod, field: string) {
  const components = payment.components.map((c, i) => ({
    label: c.label,
    cents: checkCents(c.cents, `${field}.components[${i}].cents`),
  }))
  return {
    ...rangeJson(payment, field),
    components,
    totalCents: components.reduce((sum, c) => sum + c.cents, 0),
  }
}

/**
 * The case file as a plain object in the JSON format (version {@link CASE_FILE_SCHEMA_VERSION}); keys are
 * written in a fixed order whatever the order of the input, lists are in chronological order.
 * @throws LetterInputError when a hash, date or amount in the bundle is malformed
 */
export function caseFileObject(bundle: CaseFileBundle): CaseFileJson {
  const c = bundle.case
  return {
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    format: CASE_FILE_FORMAT,
    generatedAt: checkInstant(bundle.generatedAt, 'generatedAt'),
    generatedBy: actorJson(bundle.generatedBy),
    case: {
      id: c.id,
      reference: c.reference,
      benefitType: c.benefitType,
      benefit: c.benefit,
      applicantName: c.applicantName,
      status: c.status,
      statusLabel: c.statusLabel,
      openedAt: checkInstant(c.openedAt, 'case.openedAt'),
      assignedPost: c.assignedPost ?? null,
    },
    gaps: bundle.gaps.map((gap) => ({ kind: gap.kind, description: gap.description })),
    application: {
      submittedAt: bundle.application.submittedAt
        ? checkInstant(bundle.application.submittedAt, 'application.submittedAt')
        : null,
      sections: bundle.application.sections.map((section) => ({
        heading: section.heading,
        rows: section.rows.map((row) => ({ label: row.label, value: row.value })),
      })),
    },
    documents: byTime(bundle.documents, (d) => d.uploadedAt).map((d, i) => ({
      id: d.id,
      name: d.name,
      type: d.type,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: checkSha256(d.sha256, `documents[${i}].sha256`),
      uploadedAt: checkInstant(d.uploadedAt, `documents[${i}].uploadedAt`),
      uploadedBy: d.uploadedBy ?? null,
    })),
    notes: byTime(bundle.notes, (n) => n.at).map((n, i) => ({
      at: checkInstant(n.at, `notes[${i}].at`),
      author: n.author,
      text: n.text,
    })),
    statusHistory: byTime(bundle.statusHistory, (h) => h.at).map((h, i) => ({
      at: checkInstant(h.at, `statusHistory[${i}].at`),
      status: h.status,
      statusLabel: h.statusLabel,
      by: h.by ?? null,
      reason: h.reason ?? null,
    })),
    decisions: byTime(bundle.decisions, (d) => d.decidedAt).map((d, i) => ({
      id: d.id,
      outcome: d.outcome,
      decidedAt: checkInstant(d.decidedAt, `decisions[${i}].decidedAt`),
      decidedBy: actorJson(d.decidedBy),
      approvalRequired: d.approvalRequired,
      approvedBy: d.approvedBy ? actorJson(d.approvedBy) : null,
      approvedAt: d.approvedAt ? checkInstant(d.approvedAt, `decisions[${i}].approvedAt`) : null,
      benefitPeriod: d.benefitPeriod ? rangeJson(d.benefitPeriod, `decisions[${i}].benefitPeriod`) : null,
      payments: d.payments.map((p, j) => paymentJson(p, `decisions[${i}].payments[${j}]`)),
      legalBasis: [...d.legalBasis],
      letterSha256: d.letterSha256 ? checkSha256(d.letterSha256, `decisions[${i}].letterSha256`) : null,
    })),
    deadlines: bundle.deadlines.map((d, i) => ({
      label: d.label,
      dueOn: checkIsoDate(d.dueOn, `deadlines[${i}].dueOn`),
      state: d.state,
    })),
    auditEvents: byTime(bundle.auditEvents, (e) => e.at).map((e, i) => ({
      at: checkInstant(e.at, `auditEvents[${i}].at`),
      actor: e.actor,
      action: e.action,
      actingFor: e.actingFor ?? null,
    })),
  }
}

/**
 * The case file as JSON text (two-space indent, trailing newline), UTF-8 when written. Same bundle, same
 * bytes.
 * @throws LetterInputError when a hash, date or amount in the bundle is malformed
 * @example await writeFile('GS-2026-0000042.json', caseFileJson(bundle))
 */
export function caseFileJson(bundle: CaseFileBundle): string {
  return `${JSON.stringify(caseFileObject(bundle), null, 2)}\n`
}

/**
 * Reads a case file JSON back, checking it against version {@link CASE_FILE_SCHEMA_VERSION} of the format.
 * @throws z.ZodError when the text is not a case file of this version
 */
export function parseCaseFileJson(text: string): CaseFileJson {
  return CaseFileJsonSchema.parse(JSON.parse(text))
}

// --- PDF -------------------------------------------------------------------------------------------

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 })

function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return t('letters.case_file.size.bytes', { value: number.format(bytes) })
  }
  if (bytes < 1024 * 1024) {
    return t('letters.case_file.size.kb', { value: number.format(bytes / 1024) })
  }
  return t('letters.case_file.size.mb', { value: number.format(bytes / (1024 * 1024)) })
}

/** The hash in two halves, so it wraps in the middle rather than wherever the column ends. */
function splitHash(sha256: string): string {
  return `${sha256.slice(0, 32)} ${sha256.slice(32)}`
}

function actorText(actor: CaseFileActor): string {
  const name = actor.post ? `${actor.name} (${actor.post})` : actor.name
  return actor.actingFor
    ? t('letters.case_file.actor_acting_for', { actor: name, for: actor.actingFor })
    : name
}

function periodText(range: DateRange): string {
  return t('letters.case_file.period', { from: formatIsoDate(range.from), to: formatIsoDate(range.to) })
}

function orEmpty(blocks: ReportBlock[]): ReportBlock[] {
  return blocks.length > 0 ? blocks : [{ kind: 'paragraph', text: t('letters.case_file.empty'), muted: true }]
}

function decisionBlocks(decision: CaseFileDecision): ReportBlock[] {
  const outcome = t(`letters.outcome.${decision.outcome}`)
  const approval = decision.approvedBy
    ? t('letters.case_file.decision.approved_by', {
        actor: actorText(decision.approvedBy),
        at: decision.approvedAt ? formatDateTime(decision.approvedAt) : '–',
      })
    : decision.approvalRequired
      ? t('letters.case_file.decision.approval_missing')
      : t('letters.case_file.decision.approval_not_required')
  const rows = [
    { label: t('letters.case_file.decision.outcome'), value: outcome },
    ...(decision.benefitPeriod
      ? [{ label: t('letters.case_file.decision.period'), value: periodText(decision.benefitPeriod) }]
      : []),
    { label: t('letters.case_file.decision.decided_by'), value: actorText(decision.decidedBy) },
    { label: t('letters.case_file.decision.decided_at'), value: formatDateTime(decision.decidedAt) },
    { label: t('letters.case_file.decision.approval'), value: approval },
    { label: t('letters.case_file.decision.legal_basis'), value: decision.legalBasis.join('\n') },
    ...(decision.letterSha256
      ? [{ label: t('letters.case_file.decision.letter'), value: splitHash(decision.letterSha256) }]
      : []),
  ]
  const blocks: ReportBlock[] = [
    {
      kind: 'subheading',
      text: t('letters.case_file.decision.heading', { at: formatDateTime(decision.decidedAt), outcome }),
      toc: true,
    },
    { kind: 'rows', rows },
  ]
  for (const payment of decision.payments) {
    const total = payment.components.reduce((sum, c) => sum + c.cents, 0)
    blocks.push({
      kind: 'table',
      columns: [
        { title: periodText(payment), share: 0.75 },
        { title: t('letters.case_file.decision.monthly', { amount: formatCents(total) }), share: 0.25 },
      ],
      rows: payment.components.map((c) => [c.label, formatCents(c.cents)]),
    })
  }
  return blocks
}

function documentRows(
  documents: CaseFileDocument[],
  attachmentNumber: Map<CaseFileDocument, number>,
): string[][] {
  return documents.map((d) => {
    const number = attachmentNumber.get(d)
    const note =
      number === undefined
        ? t('letters.case_file.document.not_attached')
        : t('letters.case_file.document.attached', { number })
    return [
      `${d.name}\n${d.type} · ${d.mediaType}\n${note}`,
      formatSize(d.sizeBytes),
      d.uploadedBy ? `${formatDateTime(d.uploadedAt)}\n${d.uploadedBy}` : formatDateTime(d.uploadedAt),
      splitHash(d.sha256),
    ]
  })
}

/**
 * Words the case file: cover with the gaps box ("Fehlende Nachweise und Freigaben") and key facts, then
 * the sections application data, documents (with SHA-256), notes, status history, decisions (who decided,
 * who approved, i.V.), deadlines, access and change history, and attachments. Texts from `letters.*`.
 * @throws LetterInputError when a hash, date or amount in the bundle is malformed
 */
export function buildCaseFile(bundle: CaseFileBundle): ReportLayout {
  // The JSON form checks every hash, date and amount; the PDF prints the same, checked data.
  const json = caseFileObject(bundle)
  const c = bundle.case
  const documents = byTime(bundle.documents, (d) => d.uploadedAt)
  const attachable = documents.filter(
    (d): d is CaseFileDocument & { content: Uint8Array } => d.content !== undefined,
  )
  const attachmentNumber = new Map<CaseFileDocument, number>(attachable.map((d, i) => [d, i + 1]))

  const sections: ReportSection[] = [
    {
      title: t('letters.case_file.section.application'),
      blocks: [
        ...(bundle.application.submittedAt
          ? [
              {
                kind: 'paragraph' as const,
                text: t('letters.case_file.submitted_at', {
                  at: formatDateTime(bundle.application.submittedAt),
                }),
              },
            ]
          : []),
        ...orEmpty(
          bundle.application.sections.flatMap((section): ReportBlock[] => [
            { kind: 'subheading', text: section.heading, toc: true },
            { kind: 'rows', rows: section.rows },
          ]),
        ),
      ],
    },
    {
      title: t('letters.case_file.section.documents'),
      blocks: orEmpty(
        documents.length === 0
          ? []
          : [
              {
                kind: 'table',
                columns: [
                  { title: t('letters.case_file.document.name'), share: 0.33 },
                  { title: t('letters.case_file.document.size'), share: 0.1 },
                  { title: t('letters.case_file.document.uploaded'), share: 0.2 },
                  { title: t('letters.case_file.document.sha256'), share: 0.37, mono: true },
                ],
                rows: documentRows(documents, attachmentNumber),
              },
            ],
      ),
    },
    {
      title: t('letters.case_file.section.notes'),
      blocks: orEmpty(
        byTime(bundle.notes, (n) => n.at).flatMap((note): ReportBlock[] => [
          {
            kind: 'paragraph',
            text: t('letters.case_file.note_meta', { at: formatDateTime(note.at), author: note.author }),
            muted: true,
          },
          { kind: 'paragraph', text: note.text },
        ]),
      ),
    },
    {
      title: t('letters.case_file.section.status'),
      blocks: orEmpty(
        bundle.statusHistory.length === 0
          ? []
          : [
              {
                kind: 'table',
                columns: [
                  { title: t('letters.case_file.col.at'), share: 0.2 },
                  { title: t('letters.case_file.col.status'), share: 0.25 },
                  { title: t('letters.case_file.col.by'), share: 0.22 },
                  { title: t('letters.case_file.col.reason'), share: 0.33 },
                ],
                rows: byTime(bundle.statusHistory, (h) => h.at).map((h) => [
                  formatDateTime(h.at),
                  h.statusLabel,
                  h.by ?? '',
                  h.reason ?? '',
                ]),
              },
            ],
      ),
    },
    {
      title: t('letters.case_file.section.decisions'),
      blocks: orEmpty(byTime(bundle.decisions, (d) => d.decidedAt).flatMap(decisionBlocks)),
    },
    {
      title: t('letters.case_file.section.deadlines'),
      blocks: orEmpty(
        bundle.deadlines.length === 0
          ? []
          : [
              {
                kind: 'table',
                columns: [
                  { title: t('letters.case_file.col.deadline'), share: 0.55 },
                  { title: t('letters.case_file.col.due_on'), share: 0.2 },
                  { title: t('letters.case_file.col.state'), share: 0.25 },
                ],
                rows: bundle.deadlines.map((d) => [
                  d.label,
                  formatIsoDate(d.dueOn),
                  t(`letters.case_file.deadline.${d.state}`),
                ]),
              },
            ],
      ),
    },
    {
      title: t('letters.case_file.section.audit'),
      blocks: orEmpty(
        bundle.auditEvents.length === 0
          ? []
          : [
              {
                kind: 'table',
                columns: [
                  { title: t('letters.case_file.col.at'), share: 0.18 },
                  { title: t('letters.case_file.col.actor'), share: 0.3 },
                  { title: t('letters.case_file.col.action'), share: 0.3 },
                  { title: t('letters.case_file.col.acting_for'), share: 0.22 },
                ],
                rows: byTime(bundle.auditEvents, (e) => e.at).map((e) => [
                  formatDateTime(e.at),
                  e.actor,
                  e.action,
                  e.actingFor ?? '',
                ]),
              },
            ],
      ),
    },
  ]

  return {
    metadata: {
      title: `${t('letters.case_file.title')} ${c.reference}`,
      author: actorText(bundle.generatedBy),
      subject: t('letters.case_file.pdf_subject', { reference: c.reference }),
      language: 'de-DE',
      createdAt: bundle.generatedAt,
    },
    cover: {
      title: t('letters.case_file.title'),
      subtitle: t('letters.case_file.subtitle', { reference: c.reference }),
      confidential: t('letters.case_file.confidential'),
      facts: [
        { label: t('letters.case_file.fact.reference'), value: c.reference },
        { label: t('letters.case_file.fact.benefit'), value: c.benefit },
        { label: t('letters.case_file.fact.applicant'), value: c.applicantName },
        { label: t('letters.case_file.fact.status'), value: c.statusLabel },
        { label: t('letters.case_file.fact.opened_at'), value: formatDateTime(c.openedAt) },
        ...(c.assignedPost
          ? [{ label: t('letters.case_file.fact.assigned_post'), value: c.assignedPost }]
          : []),
        { label: t('letters.case_file.fact.generated_at'), value: formatDateTime(bundle.generatedAt) },
        { label: t('letters.case_file.fact.generated_by'), value: actorText(bundle.generatedBy) },
        {
          label: t('letters.case_file.fact.json'),
          value: t('letters.case_file.json_version', { version: json.schemaVersion }),
        },
      ],
    },
    alert: {
      heading: t('letters.case_file.gaps.heading', { count: bundle.gaps.length }),
      intro: t('letters.case_file.gaps.intro'),
      items: bundle.gaps.map((gap) => `${t(`letters.case_file.gaps.${gap.kind}`)}: ${gap.description}`),
      empty: t('letters.case_file.gaps.none'),
    },
    tocTitle: t('letters.case_file.toc'),
    header: t('letters.case_file.header', { reference: c.reference }),
    pageLabel: t('letters.page'),
    sections,
    attachmentsTitle: t('letters.case_file.section.attachments'),
    attachments: attachable.map((d, i) => ({
      title: t('letters.case_file.attachment', { number: i + 1, name: d.name }),
      stamp: t('letters.case_file.attachment_stamp', {
        reference: c.reference,
        number: i + 1,
        sha256: d.sha256,
      }),
      mediaType: d.mediaType,
      content: d.content,
      unreadable: t('letters.case_file.attachment_unreadable'),
    })),
  }
}

/**
 * Renders the case file (Prüfakte) as an A4 PDF: cover with the missing evidence and approvals shown
 * first, table of contents with page numbers, one section per part of the file, the pages of attached
 * PDF/JPEG/PNG documents (when their `content` is given), "Seite x von y", bookmarks, embedded DejaVu
 * fonts. Pure and deterministic.
 * @returns the bytes of the PDF file
 * @throws LetterInputError when a hash, date or amount in the bundle is malformed
 */
export async function renderCaseFilePdf(bundle: CaseFileBundle): Promise<Uint8Array> {
  const { bytes } = await renderReportLayout(buildCaseFile(bundle))
  return bytes
}
