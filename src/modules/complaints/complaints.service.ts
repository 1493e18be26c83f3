// SPDX-License-Identifier: EUPL-1.2
import { fileTypeFromBuffer } from 'file-type'
import type { Transaction } from 'kysely'
import type { ComplaintsConfig, Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { formatBytes } from '../../shared/bytes.js'
import { berlinYear, formatIsoDate, todayIso } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import { t } from '../../shared/i18n.js'
import { hashCode, isUuid, randomCode } from '../../shared/ids.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import {
  type ComplaintFieldErrors,
  ComplaintRejectedError,
  ComplaintStateError,
} from './complaints.errors.js'
import { complaintScope, inScope, mayOpenCase } from './complaints.policy.js'
import * as repo from './complaints.repository.js'
import { routeComplaint } from './complaints.routing.js'
import type {
  ComplaintChannel,
  ComplaintMediaType,
  ComplaintRow,
  ComplaintStatus,
  ReplyChannel,
  RootCause,
} from './complaints.table.js'
import { renderReplyLetter } from './reply-letter.js'
import { addCalendarDays, addWorkingDays } from './working-days.js'

export const CHANNELS: readonly ComplaintChannel[] = [
  'web',
  'phone',
  'letter',
  'in_person',
  'open311',
  'webhook',
]
/** Channels staff enter by hand (a call, a letter, a visit). */
export const STAFF_CHANNELS: readonly ComplaintChannel[] = ['phone', 'letter', 'in_person']
export const STATUSES: readonly ComplaintStatus[] = [
  'received',
  'acknowledged',
  'in_progress',
  'answered',
  'closed',
]
export const ROOT_CAUSES: readonly RootCause[] = [
  'staff_shortage',
  'process',
  'communication',
  'it_system',
  'legal_framework',
  'individual_error',
  'unfounded',
  'other',
]
export const MAX_ATTACHMENTS = 5
export const MAX_DESCRIPTION = 10_000
const ALLOWED_TYPES: ReadonlySet<string> = new Set<ComplaintMediaType>([
  'application/pdf',
  'image/jpeg',
  'image/png',
])
/** Feedback links: 5 groups of 4 base32 characters = 100 bits. */
const FEEDBACK_TOKEN_GROUPS = 5
const CASE_REFERENCE = /^[A-Z]{2,4}-\d{4}-\d{7}$/
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/
const PHONE = /^\+?[0-9 ()/.-]{3,40}$/
// Control characters other than tab and line feed have no place in typed text.
const CONTROL = /[^\P{Cc}\t\n]/u

/** A file as received, before its checks. */
export interface Upload {
  name: string
  bytes: Uint8Array
}

/**
 * A complaint as any channel delivers it. Web form, staff intake, Open311 and webhooks all create complaints
 * through {@link createComplaint} with this shape; texts are raw and checked there.
 */
export interface ComplaintInput {
  /** One of the channels the caller allows (see `options.channels`); anything else is refused. */
  channel: string
  categoryCode: string
  description: string
  contactName?: string | undefined
  contactEmail?: string | undefined
  contactPhone?: string | undefined
  contactAddress?: string | undefined
  caseReference?: string | undefined
  attachments?: Upload[]
  /** Id in the sending system (Open311 request id, webhook event id): the same id creates one complaint only. */
  externalId?: string | undefined
  /** When the office received it (a letter's date of receipt); default now. */
  receivedAt?: Date | undefined
}

/** A complaint just inserted, as the `within` hook of {@link createComplaint} sees it. */
export interface CreatedComplaint {
  id: string
  reference: string
  /** `YYYY-MM-DD` */
  responseDueOn: string
}

type Actor = { type: 'citizen'; id: null } | { type: 'system'; id: null } | StaffPrincipal

function auditActor(actor: Actor): AuditActor {
  return 'role' in actor ? { type: 'staff', id: actor.id } : actor
}

function staffId(actor: Actor): string | null {
  return 'role' in actor ? actor.id : null
}

function optionalText(
  errors: ComplaintFieldErrors,
  field: string,
  value: string | undefined,
  max: number,
): string | null {
  const text = (value ?? '').replace(/\r\n?/g, '\n').trim()
  if (text === '') {
    return null
  }
  if (CONTROL.test(text)) {
    errors[field] = { key: 'complaints.error.invalid_characters' }
  } else if (text.length > max) {
    errors[field] = { key: 'complaints.error.too_long', params: { max } }
  }
  return text
}

/** A file name safe to show and to send in a header: no path, no control characters, right extension. */
function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>]/gu, '')
    .trim()
    .slice(0, 150)
  const stem = base.replace(/\.[^.]*$/, '') || 'anlage'
  return `${stem}.${ext}`
}

/**
 * Checks attachments as the application upload does: not empty, not too large, and the type read from the
 * bytes (PDF, JPEG, PNG), never from the name.
 */
async function checkAttachments(errors: ComplaintFieldErrors, uploads: Upload[], maxBytes: number) {
  const files = uploads.filter((u) => u.bytes.byteLength > 0 || u.name !== '')
  if (files.length > MAX_ATTACHMENTS) {
    errors.attachments = { key: 'complaints.error.too_many_files', params: { max: MAX_ATTACHMENTS } }
    return []
  }
  const checked: Array<{ name: string; bytes: Uint8Array; mime: ComplaintMediaType }> = []
  for (const file of files) {
    if (file.bytes.byteLength === 0) {
      errors.attachments = { key: 'complaints.error.empty_file', params: { name: file.name } }
      return []
    }
    if (file.bytes.byteLength > maxBytes) {
      errors.attachments = {
        key: 'complaints.error.file_too_large',
        params: { name: file.name, max: formatBytes(maxBytes) },
      }
      return []
    }
    const detected = await fileTypeFromBuffer(file.bytes)
    if (!detected || !ALLOWED_TYPES.has(detected.mime)) {
      errors.attachments = { key: 'complaints.error.wrong_type', params: { name: file.name } }
      return []
    }
    checked.push({
      name: cleanFileName(file.name, detected.ext),
      bytes: file.bytes,
      mime: detected.mime as ComplaintMediaType,
    })
  }
  return checked
}

/**
 * Records a complaint from any channel: checks the input (German field errors, nothing stored on failure),
 * routes it (case post → category unit → fallback unit), computes the deadlines in working days, stores
 * complaint, attachments, first timeline entry and audit record in one transaction.
 * @returns id and public reference (e.g. `BS-2026-000001`); an `externalId` already known returns the
 *   existing complaint (`created: false`), so that a channel may safely deliver twice
 * @throws ComplaintRejectedError with the field errors
 */
export async function createComplaint(
  deps: { db: Db; fileStore: FileStore; config: Pick<Config, 'uploadMaxBytes' | 'complaints'> },
  input: ComplaintInput,
  actor: Actor,
  requestId: string | null,
  options: {
    channels?: readonly ComplaintChannel[]
    /**
     * Writes the channel's own rows (its request row, its audit entry, outbox rows) in the complaint's
     * transaction, so that a failure leaves neither the complaint nor those rows. Not called when the
     * `externalId` is already known.
     */
    within?: (trx: Transaction<Database>, created: CreatedComplaint) => Promise<void>
  } = {},
): Promise<{ id: string; reference: string; created: boolean }> {
  const { db, fileStore, config } = deps
  const errors: ComplaintFieldErrors = {}
  const channel = (options.channels ?? CHANNELS).find((ch) => ch === input.channel)
  if (!channel) {
    errors.channel = { key: 'complaints.error.channel_required' }
  }
  const category = input.categoryCode ? await repo.findCategoryByCode(db, input.categoryCode) : undefined
  if (!category) {
    errors.category = { key: 'complaints.error.category_required' }
  }
  const description = optionalText(errors, 'description', input.description, MAX_DESCRIPTION)
  if (description === null) {
    errors.description = { key: 'complaints.error.description_required' }
  }
  const contactName = optionalText(errors, 'contactName', input.contactName, 200)
  const contactEmail = optionalText(errors, 'contactEmail', input.contactEmail, 254)
  if (contactEmail !== null && !errors.contactEmail && !EMAIL.test(contactEmail)) {
    errors.contactEmail = { key: 'complaints.error.email_invalid' }
  }
  const contactPhone = optionalText(errors, 'contactPhone', input.contactPhone, 40)
  if (contactPhone !== null && !errors.contactPhone && !PHONE.test(contactPhone)) {
    errors.contactPhone = { key: 'complaints.error.phone_invalid' }
  }
  const contactAddress = optionalText(errors, 'contactAddress', input.contactAddress, 500)
  const rawReference = optionalText(errors, 'caseReference', input.caseReference, 40)
  const caseReference = rawReference === null ? null : rawReference.toUpperCase().replace(/\s+/g, '')
  if (caseReference !== null && !errors.caseReference && !CASE_REFERENCE.test(caseReference)) {
    errors.caseReference = { key: 'complaints.error.case_reference_invalid' }
  }
  const externalId = optionalText(errors, 'externalId', input.externalId, 200)
  const files = await checkAttachments(errors, input.attachments ?? [], config.uploadMaxBytes)
  if (Object.keys(errors).length > 0 || !category || description === null || !channel) {
    throw new ComplaintRejectedError(errors)
  }
  if (externalId !== null) {
    const known = await db
      .selectFrom('complaint')
      .select(['id', 'reference'])
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst()
    if (known) {
      return { ...known, created: false }
    }
  }

  const receivedAt = input.receivedAt ?? new Date()
  // An unknown reference is kept as text but links nothing; the citizen is not told whether a case exists.
  const namedCase = caseReference ? await repo.findCaseByReference(db, caseReference) : undefined
  const routing = await routeComplaint(
    db,
    { categoryUnitId: category.unit_id, casePostId: namedCase?.assigned_post_id ?? null },
    config.complaints.fallbackUnitCode,
    receivedAt,
  )
  const received = todayIso(receivedAt)
  const responseDueOn = addCalendarDays(received, config.complaints.responseDays)
  // The files are on disk (flushed) before the rows that point to them commit.
  const stored: Array<(typeof files)[number] & { key: string; sha256: Buffer }> = []
  for (const file of files) {
    stored.push({ ...file, ...(await fileStore.put(file.bytes)) })
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertComplaint(trx, {
      referencePrefix: `BS-${berlinYear(receivedAt)}-`,
      categoryId: category.id,
      description,
      channel,
      externalId,
      contactName,
      contactEmail,
      contactPhone,
      contactAddress,
      caseReference,
      applicationId: namedCase?.id ?? null,
      receivedAt,
      ackDueOn: addWorkingDays(received, config.complaints.ackWorkingDays),
      responseDueOn,
      routing,
      createdBy: staffId(actor),
    })
    for (const file of stored) {
      await trx
        .insertInto('complaint_attachment')
        .values({
          complaint_id: row.id,
          kind: 'evidence',
          original_name: file.name,
          media_type: file.mime,
          size_bytes: file.bytes.byteLength,
          sha256: file.sha256,
          storage_key: file.key,
        })
        .execute()
    }
    await repo.insertEvent(trx, row.id, 'received', staffId(actor), {
      channel,
      attachments: stored.length,
    })
    await repo.insertEvent(trx, row.id, 'routed', null, { ...routing })
    await recordAuditEvent(trx, {
      actor: auditActor(actor),
      action: 'complaint.create',
      subject: { type: 'complaint', id: row.id },
      requestId,
      details: { reference: row.reference, channel, routing: routing.reason },
    })
    await options.within?.(trx, { id: row.id, reference: row.reference, responseDueOn })
    return { ...row, created: true }
  })
}

/** Whether `staff` may see the complaint now (e.g. after entering it: it may be routed elsewhere). */
export async function isVisibleTo(db: Db, staff: StaffPrincipal, id: string): Promise<boolean> {
  const complaint = isUuid(id) ? await repo.findComplaint(db, id) : undefined
  return complaint !== undefined && inScope(await complaintScope(db, staff, new Date()), complaint)
}

export const PAGE_SIZE = 25

export interface ListFilter {
  status: ComplaintStatus | undefined
  categoryId: string | undefined
  unitId: string | undefined
  overdue: boolean
  page: number
}

/** The complaints a staff member may see, newest first, filtered; the list view is audited. */
export async function listComplaintsForStaff(
  db: Db,
  staff: StaffPrincipal,
  filter: ListFilter,
  requestId: string | null,
  now = new Date(),
) {
  const scope = await complaintScope(db, staff, now)
  const f = {
    status: filter.status,
    categoryId: filter.categoryId,
    unitId: filter.unitId,
    overdueOn: filter.overdue ? todayIso(now) : undefined,
    limit: PAGE_SIZE,
    offset: (filter.page - 1) * PAGE_SIZE,
  }
  return db.transaction().execute(async (trx) => {
    const [items, total] = await Promise.all([
      repo.listComplaints(trx, scope, f),
      repo.countComplaints(trx, scope, f),
    ])
    if (items.length > 0) {
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'complaint.list',
        subject: { type: 'complaint_list', id: 'filtered' },
        requestId,
        details: { page: filter.page, ids: items.map((i) => i.id) },
      })
    }
    return { items, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
  })
}

/** The named case as the complaint page may show it: the reference always, a link only when allowed. */
export interface CaseMention {
  reference: string
  /** Set only when the viewer may open the case. */
  applicationId: string | null
}

/**
 * One complaint with attachments and timeline for a staff member who may see it; audited. A complaint out
 * of the viewer's scope is "not found" (its existence is not confirmed).
 * @throws NotFoundError
 */
export async function getComplaintForStaff(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  requestId: string | null,
  now = new Date(),
) {
  if (!isUuid(id)) {
    throw new NotFoundError('no such complaint')
  }
  const scope = await complaintScope(db, staff, now)
  const result = await db.transaction().execute(async (trx) => {
    const complaint = await repo.findComplaint(trx, id)
    if (!complaint || !inScope(scope, complaint)) {
      throw new NotFoundError('no such complaint')
    }
    const category = await trx
      .selectFrom('complaint_category')
      .select(['label', 'code'])
      .where('id', '=', complaint.category_id)
      .executeTakeFirstOrThrow()
    const attachments = await repo.listAttachments(trx, id)
    const events = await repo.listEvents(trx, id)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'complaint.view',
      subject: { type: 'complaint', id },
      requestId,
    })
    return { complaint, category, attachments, events }
  })
  const { complaint } = result
  const caseMention: CaseMention | null = complaint.case_reference
    ? {
        reference: complaint.case_reference,
        applicationId:
          complaint.application_id && (await mayOpenCase(db, staff, complaint.application_id))
            ? complaint.application_id
            : null,
      }
    : null
  return { ...result, caseMention }
}

/**
 * An attachment's bytes for a staff member who may see the complaint; audited.
 * @throws NotFoundError
 */
export async function getAttachmentForStaff(
  db: Db,
  fileStore: FileStore,
  staff: StaffPrincipal,
  complaintId: string,
  attachmentId: string,
  requestId: string | null,
) {
  if (!isUuid(complaintId) || !isUuid(attachmentId)) {
    throw new NotFoundError('no such attachment')
  }
  const scope = await complaintScope(db, staff, new Date())
  const attachment = await db.transaction().execute(async (trx) => {
    const complaint = await repo.findComplaint(trx, complaintId)
    if (!complaint || !inScope(scope, complaint)) {
      throw new NotFoundError('no such attachment')
    }
    const row = await trx
      .selectFrom('complaint_attachment')
      .select(['id', 'original_name', 'media_type', 'storage_key'])
      .where('id', '=', attachmentId)
      .where('complaint_id', '=', complaintId)
      .executeTakeFirst()
    if (!row) {
      throw new NotFoundError('no such attachment')
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'complaint.attachment_view',
      subject: { type: 'complaint', id: complaintId },
      requestId,
      details: { attachmentId },
    })
    return row
  })
  return { ...attachment, bytes: await fileStore.get(attachment.storage_key) }
}

/**
 * Runs a workflow step on a complaint the staff member may see: locks the row, lets `step` check and write,
 * and records the timeline entry and the audit event in the same transaction.
 */
async function workflowStep<T>(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  action: string,
  requestId: string | null,
  step: (
    trx: Transaction<Database>,
    complaint: ComplaintRow,
  ) => Promise<{ details: Record<string, unknown>; result: T }>,
): Promise<T> {
  if (!isUuid(id)) {
    throw new NotFoundError('no such complaint')
  }
  const scope = await complaintScope(db, staff, new Date())
  return db.transaction().execute(async (trx) => {
    const complaint = await repo.lockComplaint(trx, id)
    if (!complaint || !inScope(scope, complaint)) {
      throw new NotFoundError('no such complaint')
    }
    const { details, result } = await step(trx, complaint)
    await repo.insertEvent(trx, id, action, staff.id, details)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: `complaint.${action}`,
      subject: { type: 'complaint', id },
      requestId,
      details,
    })
    return result
  })
}

/**
 * Confirms receipt to the complainant: status "bestätigt", and an e-mail when an address is known.
 * @throws NotFoundError, ComplaintStateError
 */
export function acknowledgeComplaint(db: Db, staff: StaffPrincipal, id: string, requestId: string | null) {
  return workflowStep(db, staff, id, 'acknowledged', requestId, async (trx, c) => {
    if (c.status !== 'received') {
      throw new ComplaintStateError('complaints.error.already_acknowledged')
    }
    await trx
      .updateTable('complaint')
      .set({ status: 'acknowledged', acknowledged_at: new Date() })
      .where('id', '=', c.id)
      .execute()
    if (c.contact_email) {
      await repo.enqueueMail(trx, {
        complaintId: c.id,
        kind: 'acknowledgement',
        recipient: c.contact_email,
        subject: t('complaints.mail.ack_subject', { reference: c.reference }),
        body: t('complaints.mail.ack_body', {
          reference: c.reference,
          due: formatIsoDate(c.response_due_on),
          greeting: greeting(c.contact_name),
        }),
      })
    }
    return { details: { mailed: c.contact_email !== null }, result: undefined }
  })
}

function greeting(name: string | null): string {
  return name ? t('complaints.mail.greeting_named', { name }) : t('complaints.mail.greeting')
}

function assertOpen(c: ComplaintRow) {
  if (c.status === 'answered' || c.status === 'closed') {
    throw new ComplaintStateError('complaints.error.not_open')
  }
}

/**
 * Forwards a complaint to another unit (routed through whoever acts for its head post). An acknowledged
 * complaint moves to "in Bearbeitung".
 * @throws NotFoundError, ComplaintStateError, ComplaintRejectedError (unknown unit)
 */
export async function forwardComplaint(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  unitId: string,
  requestId: string | null,
) {
  const now = new Date()
  const unit = isUuid(unitId) ? await repo.findUnitValidAt(db, unitId, now) : undefined
  if (!unit) {
    throw new ComplaintRejectedError({ unitId: { key: 'complaints.error.unit_required' } })
  }
  const routing = await routeComplaint(db, { categoryUnitId: unit.id, casePostId: null }, undefined, now)
  // A unit nobody can act for still takes the complaint: the coordinator sees it there and can forward again.
  const decided =
    routing.unitId === null
      ? { ...routing, reason: 'category' as const, unitId: unit.id, unitName: unit.name }
      : routing
  return workflowStep(db, staff, id, 'forwarded', requestId, async (trx, c) => {
    assertOpen(c)
    await trx
      .updateTable('complaint')
      .set({
        responsible_unit_id: decided.unitId,
        responsible_post_id: decided.postId,
        routing: JSON.stringify(decided),
        status: c.status === 'acknowledged' ? 'in_progress' : c.status,
      })
      .where('id', '=', c.id)
      .execute()
    return { details: { ...decided, from: c.routing.unitName }, result: undefined }
  })
}

/**
 * Records the root cause and the measure taken (may be changed until the complaint is closed).
 * @throws NotFoundError, ComplaintStateError, ComplaintRejectedError
 */
export function recordRootCause(
  db: Db,
  staff: StaffPrincipal,
  id: string,
  input: { rootCause: string; note: string; measure: string },
  requestId: string | null,
) {
  const errors: ComplaintFieldErrors = {}
  const rootCause = ROOT_CAUSES.find((r) => r === input.rootCause)
  if (!rootCause) {
    errors.rootCause = { key: 'complaints.error.root_cause_required' }
  }
  const note = optionalText(errors, 'rootCauseNote', input.note, 2000)
  const measure = optionalText(errors, 'measure', input.measure, 2000)
  if (Object.keys(errors).length > 0 || !rootCause) {
    return Promise.reject(new ComplaintRejectedError(errors))
  }
  return workflowStep(db, staff, id, 'root_cause', requestId, async (trx, c) => {
    if (c.status === 'closed') {
      throw new ComplaintStateError('complaints.error.closed')
    }
    await trx
      .updateTable('complaint')
      .set({
        root_cause: rootCause,
        root_cause_note: note,
        measure,
        status: c.status === 'acknowledged' ? 'in_progress' : c.status,
      })
      .where('id', '=', c.id)
      .execute()
    return { details: { rootCause }, result: undefined }
  })
}

/**
 * Answers the complainant by e-mail (through the outbox) or by a PDF letter (stored with the complaint,
 * sent by post). Status "beantwortet"; a complaint answered before it was acknowledged counts as
 * acknowledged by the answer.
 * @throws NotFoundError, ComplaintStateError, ComplaintRejectedError
 */
export async function replyToComplaint(
  deps: { db: Db; fileStore: FileStore },
  staff: StaffPrincipal,
  id: string,
  input: { channel: string; text: string },
  requestId: string | null,
) {
  const { db, fileStore } = deps
  const errors: ComplaintFieldErrors = {}
  const channel: ReplyChannel | undefined =
    input.channel === 'email' || input.channel === 'letter' ? input.channel : undefined
  if (!channel) {
    errors.replyChannel = { key: 'complaints.error.reply_channel_required' }
  }
  const text = optionalText(errors, 'replyText', input.text, MAX_DESCRIPTION)
  if (text === null) {
    errors.replyText = { key: 'complaints.error.reply_text_required' }
  }
  if (Object.keys(errors).length > 0 || !channel || text === null) {
    throw new ComplaintRejectedError(errors)
  }
  const current = isUuid(id) ? await repo.findComplaint(db, id) : undefined
  if (current && channel === 'email' && !current.contact_email) {
    throw new ComplaintRejectedError({ replyChannel: { key: 'complaints.error.no_email' } })
  }
  // The letter is rendered and stored before the transaction; its row commits with the status change.
  const now = new Date()
  const letter =
    current && channel === 'letter'
      ? await fileStore.put(
          await renderReplyLetter({
            reference: current.reference,
            name: current.contact_name,
            address: current.contact_address,
            text,
            date: now,
            signer: staff.displayName,
          }),
        )
      : undefined
  return workflowStep(db, staff, id, 'answered', requestId, async (trx, c) => {
    assertOpen(c)
    await trx
      .updateTable('complaint')
      .set({
        status: 'answered',
        answered_at: now,
        acknowledged_at: c.acknowledged_at ?? now,
        reply_text: text,
        reply_channel: channel,
      })
      .where('id', '=', c.id)
      .execute()
    if (letter) {
      const bytes = await fileStore.get(letter.key)
      await trx
        .insertInto('complaint_attachment')
        .values({
          complaint_id: c.id,
          kind: 'reply_letter',
          original_name: `Antwort-${c.reference}.pdf`,
          media_type: 'application/pdf',
          size_bytes: bytes.byteLength,
          sha256: letter.sha256,
          storage_key: letter.key,
        })
        .execute()
    }
    if (channel === 'email' && c.contact_email) {
      await repo.enqueueMail(trx, {
        complaintId: c.id,
        kind: 'reply',
        recipient: c.contact_email,
        subject: t('complaints.mail.reply_subject', { reference: c.reference }),
        body: t('complaints.mail.reply_body', {
          reference: c.reference,
          greeting: greeting(c.contact_name),
          text,
          signer: staff.displayName,
        }),
      })
    }
    return { details: { channel }, result: undefined }
  })
}

/**
 * Closes an answered complaint whose root cause is recorded. The complainant gets a link for feedback
 * (by e-mail when an address is known); the token is stored only as a hash.
 * @returns the feedback link's token (to print on a letter when there is no e-mail address)
 * @throws NotFoundError, ComplaintStateError
 */
export function closeComplaint(
  db: Db,
  config: Pick<Config, 'publicBaseUrl'>,
  staff: StaffPrincipal,
  id: string,
  requestId: string | null,
): Promise<{ feedbackToken: string }> {
  return workflowStep(db, staff, id, 'closed', requestId, async (trx, c) => {
    if (c.status !== 'answered') {
      throw new ComplaintStateError('complaints.error.close_unanswered')
    }
    if (!c.root_cause) {
      throw new ComplaintStateError('complaints.error.close_without_root_cause')
    }
    const token = randomCode(FEEDBACK_TOKEN_GROUPS)
    await trx
      .updateTable('complaint')
      .set({ status: 'closed', closed_at: new Date(), feedback_token_hash: hashCode(token) })
      .where('id', '=', c.id)
      .execute()
    if (c.contact_email) {
      await repo.enqueueMail(trx, {
        complaintId: c.id,
        kind: 'feedback_request',
        recipient: c.contact_email,
        subject: t('complaints.mail.feedback_subject', { reference: c.reference }),
        body: t('complaints.mail.feedback_body', {
          reference: c.reference,
          greeting: greeting(c.contact_name),
          link: feedbackLink(config.publicBaseUrl, token),
        }),
      })
    }
    return { details: { mailed: c.contact_email !== null }, result: { feedbackToken: token } }
  })
}

export function feedbackLink(baseUrl: string, token: string): string {
  return `${baseUrl}/beschwerde/rueckmeldung/${encodeURIComponent(token)}`
}

/** The complaint a feedback link points to, if it is closed and has no feedback yet. */
export async function findFeedbackTarget(db: Db, token: string) {
  if (!/^[0-9A-Z-]{20,30}$/i.test(token)) {
    return undefined
  }
  const row = await repo.findComplaintByFeedbackToken(db, hashCode(token))
  return row && row.status === 'closed' && row.feedback_at === null ? row : undefined
}

/**
 * Stores the complainant's satisfaction (1–5) and comment, once.
 * @throws ComplaintRejectedError for a missing rating; NotFoundError when the link is unknown or used
 */
export async function submitFeedback(
  db: Db,
  token: string,
  input: { rating: string; comment: string },
  requestId: string | null,
) {
  const errors: ComplaintFieldErrors = {}
  const rating = /^[1-5]$/.test(input.rating) ? Number(input.rating) : undefined
  if (rating === undefined) {
    errors.rating = { key: 'complaints.error.rating_required' }
  }
  const comment = optionalText(errors, 'comment', input.comment, 2000)
  if (Object.keys(errors).length > 0 || rating === undefined) {
    throw new ComplaintRejectedError(errors)
  }
  const target = await findFeedbackTarget(db, token)
  if (!target) {
    throw new NotFoundError('no such feedback link')
  }
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('complaint')
      .set({ feedback_rating: rating, feedback_comment: comment, feedback_at: new Date() })
      .where('id', '=', target.id)
      .where('feedback_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new NotFoundError('feedback already given')
    }
    await repo.insertEvent(trx, target.id, 'feedback', null, { rating })
    await recordAuditEvent(trx, {
      actor: { type: 'citizen', id: null },
      action: 'complaint.feedback',
      subject: { type: 'complaint', id: target.id },
      requestId,
      details: { rating },
    })
  })
  return { reference: target.reference }
}

/** Active categories for forms. */
export function listCategories(db: Db) {
  return repo.listCategories(db)
}

/** Units in force now (forwarding targets, list filter). */
export function listUnits(db: Db) {
  return repo.listUnitsValidAt(db, new Date())
}

export type { ComplaintsConfig }
