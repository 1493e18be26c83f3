// SPDX-License-Identifier: EUPL-1.2
/**
 * The audit-ready case file (Prüfakte) of one case: everything the database knows about it, assembled into
 * the letters module's CaseFileBundle — application data, documents (with their bytes for the PDF's
 * annexes), notes, status history, decisions with who decided and approved (i.V.), deadlines, the access and
 * change history from the audit log, and the gaps an auditor must see first. Need-to-know applies; the
 * export itself is audited (`case.export`) before the history is read, so it appears in its own file.
 * @module
 */

import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import type { FileStore } from '../../shared/file-store.js'
import { isMessageKey, t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import type { ApplicationStatus } from '../applications/applications.table.js'
import { summarizeStep } from '../applications/form/form.engine.js'
import type { FormAnswers } from '../applications/form/form.types.js'
import { formByBenefitType } from '../applications/form/grundsicherung.form.js'
import { recordAuditEvent } from '../audit/index.js'
import type {
  CaseFileActor,
  CaseFileAuditEvent,
  CaseFileBundle,
  CaseFileDeadline,
  CaseFileDecision,
} from '../letters/index.js'
import { postTitleAt, postTitlesAt } from '../organisation/post-title.js'
import { caseFileGaps } from './case-file-gaps.js'
import { listCaseNotes, listDecisions, listStatusChanges } from './case-records.repository.js'
import { actingForOfCase, withVisibleCase } from './cases.service.js'
import { benefitLabel } from './decision-letter.service.js'

export type CaseFileFormat = 'pdf' | 'json'

function statusLabel(status: string): string {
  const key = `application_status.${status}`
  return isMessageKey(key) ? t(key) : status
}

function actor(name: string, post: string | null, actingFor: string | null): CaseFileActor {
  return { name, ...(post ? { post } : {}), ...(actingFor ? { actingFor } : {}) }
}

const covered = (kind: string | null) => kind !== null && kind !== 'holder'

/** The audit log's action code as people read it. */
function auditAction(action: string, details: Record<string, unknown>): string {
  if (action === 'application.status_change' && typeof details.to === 'string') {
    return t('case_letters.audit.application.status_change', { status: statusLabel(details.to) })
  }
  const key = `case_letters.audit.${action}`
  return isMessageKey(key) ? t(key) : action
}

/** Reads the whole case inside the export's transaction (the case row is locked by withVisibleCase). */
async function loadBundle(
  trx: Transaction<Database>,
  applicationId: string,
  generatedBy: CaseFileActor,
  at: Date,
): Promise<{ bundle: CaseFileBundle; storageKeys: Map<string, string> }> {
  const application = await trx
    .selectFrom('application as a')
    .leftJoin('post as p', 'p.id', 'a.assigned_post_id')
    .selectAll('a')
    .select(postTitleAt('p', at).as('post_title'))
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const [documents, notes, requests, statuses, decisions, events] = await Promise.all([
    trx
      .selectFrom('document as d')
      .leftJoin('document_request as r', 'r.id', 'd.document_request_id')
      .select([
        'd.id',
        'd.original_name',
        'd.media_type',
        'd.size_bytes',
        'd.sha256',
        'd.storage_key',
        'd.uploaded_at',
        'r.description as request',
      ])
      .where('d.application_id', '=', applicationId)
      .orderBy('d.uploaded_at')
      .execute(),
    listCaseNotes(trx, applicationId, at),
    trx
      .selectFrom('document_request')
      .select(['description', 'due_on', 'fulfilled_at', 'cancelled_at'])
      .where('application_id', '=', applicationId)
      .orderBy('requested_at')
      .execute(),
    listStatusChanges(trx, applicationId),
    listDecisions(trx, applicationId, at),
    trx
      .selectFrom('audit_event as e')
      .select(['e.occurred_at', 'e.actor_type', 'e.actor_id', 'e.action', 'e.details'])
      .where('e.subject_type', '=', 'application')
      .where('e.subject_id', '=', applicationId)
      .orderBy('e.id')
      .execute(),
  ])
  const postIds = [
    ...new Set(
      events
        .map((e) => e.details.actingFor)
        .filter((v): v is string => typeof v === 'string' && v.length === 36),
    ),
  ]
  const postTitles = await postTitlesAt(trx, postIds, at)
  const staffIds = [
    ...new Set(
      events
        .filter((e) => e.actor_type === 'staff' && e.actor_id !== null && isUuid(e.actor_id))
        .map((e) => e.actor_id as string),
    ),
  ]
  const staffNames = new Map(
    staffIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('staff_user')
            .select(['id', 'display_name'])
            .where('id', 'in', staffIds)
            .execute()
        ).map((u) => [u.id, u.display_name]),
  )
  const today = todayIso(at)
  const form = formByBenefitType(application.benefit_type)
  const answers = application.answers as FormAnswers
  const kept = decisions.filter((d) => d.status !== 'returned')
  const deadlines: CaseFileDeadline[] = []
  if (application.next_deadline_at && application.next_deadline_kind) {
    deadlines.push({
      label: t(`inbox.deadline_${application.next_deadline_kind}`),
      dueOn: todayIso(application.next_deadline_at),
      state: application.next_deadline_at < at ? 'overdue' : 'open',
    })
  }
  for (const r of requests) {
    if (r.cancelled_at) {
      continue
    }
    deadlines.push({
      label: t('case_letters.deadline_request', { description: r.description }),
      dueOn: r.due_on,
      state: r.fulfilled_at ? 'met' : r.due_on < today ? 'overdue' : 'open',
    })
  }
  const bundle: CaseFileBundle = {
    case: {
      id: application.id,
      reference: application.reference,
      benefitType: application.benefit_type,
      benefit: benefitLabel(application.benefit_type),
      applicantName: `${application.applicant_given_name} ${application.applicant_surname}`,
      status: application.status,
      statusLabel: statusLabel(application.status),
      openedAt: application.submitted_at,
      ...(application.post_title ? { assignedPost: application.post_title } : {}),
    },
    generatedAt: at,
    generatedBy,
    application: {
      submittedAt: application.submitted_at,
      sections: (form?.steps ?? []).map((s) => ({
        heading: t(s.title),
        rows: summarizeStep(s, answers[s.id]),
      })),
    },
    documents: documents.map((d) => ({
      id: d.id,
      name: d.original_name,
      type: d.request
        ? t('case_letters.document_type_requested', { description: d.request })
        : t('case_letters.document_type'),
      mediaType: d.media_type,
      sizeBytes: d.size_bytes,
      sha256: d.sha256.toString('hex'),
      uploadedAt: d.uploaded_at,
      uploadedBy: t('case_letters.uploaded_by_applicant'),
    })),
    notes: notes.map((n) => ({
      at: n.created_at,
      author: n.acting_for ? t('case_letters.acting_for', { name: n.author, post: n.acting_for }) : n.author,
      text: n.body,
    })),
    statusHistory: statuses.map((s) => ({
      at: s.changed_at,
      status: s.to_status,
      statusLabel: statusLabel(s.to_status as ApplicationStatus),
      ...(s.by ? { by: s.by } : {}),
    })),
    decisions: kept.map(
      (d): CaseFileDecision => ({
        id: d.id,
        outcome: d.outcome,
        decidedAt: d.decided_at,
        decidedBy: covered(d.decided_acting_kind)
          ? actor(d.decided_by_name, null, d.decided_for_post_title)
          : actor(d.decided_by_name, d.decided_for_post_title, null),
        approvalRequired: d.approval_post_id !== null,
        ...(d.status === 'final' && d.approved_by_name
          ? {
              approvedBy: actor(
                d.approved_by_name,
                d.approved_via_post_title ?? (covered(d.approved_acting_kind) ? null : d.approval_post_title),
                covered(d.approved_acting_kind) ? d.approval_post_title : null,
              ),
              ...(d.approved_at ? { approvedAt: d.approved_at } : {}),
            }
          : {}),
        ...(d.period_from && d.period_to ? { benefitPeriod: { from: d.period_from, to: d.period_to } } : {}),
        payments:
          d.outcome !== 'refused' && d.period_from && d.period_to && d.components.length > 0
            ? [{ from: d.period_from, to: d.period_to, components: d.components }]
            : [],
        legalBasis: d.legal_basis
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== ''),
        ...(d.letter_sha256 ? { letterSha256: d.letter_sha256.toString('hex') } : {}),
      }),
    ),
    deadlines,
    auditEvents: events.map((e): CaseFileAuditEvent => {
      const actingFor =
        typeof e.details.actingFor === 'string' ? postTitles.get(e.details.actingFor) : undefined
      return {
        at: e.occurred_at,
        actor:
          e.actor_type === 'staff'
            ? (staffNames.get(e.actor_id ?? '') ?? t('case_letters.actor_unknown'))
            : e.actor_type === 'citizen'
              ? t('case_letters.actor_citizen')
              : t('case_letters.actor_system'),
        action: auditAction(e.action, e.details),
        ...(actingFor ? { actingFor } : {}),
      }
    }),
    gaps: caseFileGaps({
      today,
      documentCount: documents.length,
      requests: requests.map((r) => ({
        description: r.description,
        dueOn: r.due_on,
        fulfilled: r.fulfilled_at !== null,
        cancelled: r.cancelled_at !== null,
      })),
      decisions: decisions.map((d) => ({
        decidedOn: todayIso(d.decided_at),
        status: d.status,
        approvalRequired: d.approval_post_id !== null,
        approved: d.approved_by !== null && d.approved_at !== null,
        hasLetter: d.letter_storage_key !== null,
      })),
    }),
  }
  return { bundle, storageKeys: new Map(documents.map((d) => [d.id, d.storage_key])) }
}

/**
 * The case file of a case the staff member may see, audited as `case.export` with the format. For the PDF,
 * the documents' bytes are read from the file store (after the transaction) so the renderer can annex them.
 * @throws NotFoundError when the case does not exist or is not hers (same answer)
 */
export async function exportCaseFile(
  deps: { db: Db; fileStore: FileStore },
  staff: StaffPrincipal,
  applicationId: string,
  format: CaseFileFormat,
  requestId: string | null,
  at = new Date(),
): Promise<CaseFileBundle> {
  const { bundle, storageKeys } = await withVisibleCase(
    deps.db,
    staff,
    applicationId,
    async (trx, scope) => {
      const { actingFor } = await actingForOfCase(trx, scope, applicationId)
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'case.export',
        subject: { type: 'application', id: applicationId },
        requestId,
        details: { format, actingFor },
      })
      const own = await trx
        .selectFrom('post_holding as h')
        .innerJoin('person as p', 'p.id', 'h.person_id')
        .innerJoin('post', 'post.id', 'h.post_id')
        .select(postTitleAt('post', at).as('title'))
        .where('p.staff_user_id', '=', staff.id)
        .where('h.valid_from', '<=', at)
        .where((eb) => eb.or([eb('h.valid_to', 'is', null), eb('h.valid_to', '>', at)]))
        .orderBy('title')
        .executeTakeFirst()
      const coveredTitle = actingFor ? (await postTitlesAt(trx, [actingFor], at)).get(actingFor) : undefined
      return loadBundle(
        trx,
        applicationId,
        actor(staff.displayName, own?.title ?? null, coveredTitle ?? null),
        at,
      )
    },
    at,
  )
  if (format === 'json') {
    return bundle
  }
  const documents = []
  for (const d of bundle.documents) {
    const key = storageKeys.get(d.id)
    documents.push(key ? { ...d, content: await deps.fileStore.get(key) } : d)
  }
  return { ...bundle, documents }
}

/** File name of an export, e.g. `Pruefakte-GS-2026-0000042.pdf`. */
export function caseFileName(reference: string, format: CaseFileFormat): string {
  return `Pruefakte-${reference}.${format}`
}
