// SPDX-License-Identifier: EUPL-1.2
import { timingSafeEqual } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { formatBytes } from '../../shared/bytes.js'
import { berlinYear } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import type { MessageKey } from '../../shared/i18n.js'
import { hashCode, isUuid, normaliseCode, randomCode } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { urgencyOf } from '../cases/priority-rules.js'
import { surnameKey } from '../cases/routing.js'
import { rulesInForce } from '../cases/urgency.service.js'
import * as repo from './applications.repository.js'
import type { ApplicationDraftRow, DocumentMediaType } from './applications.table.js'
import { isStepComplete } from './form/form.engine.js'
import type { FormAnswers, FormDef, StepAnswers } from './form/form.types.js'

const ALLOWED_TYPES: ReadonlySet<string> = new Set<DocumentMediaType>([
  'application/pdf',
  'image/jpeg',
  'image/png',
])
/** Uploads per draft; enough for a complete application, small enough to bound storage per anonymous user. */
export const MAX_DOCUMENTS = 20
/** Resume codes: 5 groups of 4 base32 characters = 100 bits. */
const RESUME_CODE_GROUPS = 5
/** Access codes for the status page: 3 groups = 60 bits, plus rate limiting. */
const ACCESS_CODE_GROUPS = 3

export class DraftMissingError extends AppError {
  readonly code = 'application.draft_missing'
  readonly status = 404
  readonly messageKey = 'draft.missing_text'
}

export class ApplicationIncompleteError extends AppError {
  readonly code = 'application.incomplete'
  readonly status = 422
  readonly messageKey = 'error.bad_request'
  constructor(readonly incompleteSteps: string[]) {
    super(`incomplete steps: ${incompleteSteps.join(', ')}`)
  }
}

/** An upload the citizen must fix; shown next to the file field, not as an error page. */
export class UploadRejectedError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey)
  }
}

function expiry(retentionDays: number, now = new Date()): Date {
  return new Date(now.getTime() + retentionDays * 86_400_000)
}

/** Starts a draft and returns it with its resume code (shown to the citizen, stored only as a hash). */
export async function startDraft(db: Db, form: FormDef, retentionDays: number) {
  const resumeCode = randomCode(RESUME_CODE_GROUPS)
  const draft = await repo.insertDraft(db, {
    resumeCodeHash: hashCode(resumeCode),
    benefitType: form.benefitType,
    expiresAt: expiry(retentionDays),
  })
  return { draft, resumeCode }
}

/** The live draft for a resume code, or undefined. Callers rate-limit attempts. */
export function findDraft(db: Db, resumeCode: string): Promise<ApplicationDraftRow | undefined> {
  if (!/^[0-9A-Z]{20}$/.test(normaliseCode(resumeCode))) {
    return Promise.resolve(undefined)
  }
  return repo.findLiveDraftByCodeHash(db, hashCode(resumeCode), new Date())
}

/** Stores a step's answers; `complete` says whether they passed validation. Extends the draft's life. */
export async function saveDraftStep(
  db: Db,
  draft: ApplicationDraftRow,
  stepId: string,
  answers: StepAnswers,
  complete: boolean,
  retentionDays: number,
): Promise<void> {
  await repo.updateDraftStep(db, draft.id, { stepId, answers, complete, expiresAt: expiry(retentionDays) })
}

export function listDraftDocuments(db: Db, draftId: string) {
  return repo.listDraftDocuments(db, draftId)
}

/**
 * Checks an uploaded evidence file: not empty, not too large, and a PDF, JPEG or PNG by its bytes.
 * @returns the detected type and the cleaned file name
 * @throws UploadRejectedError for anything the citizen must fix
 */
export async function checkUpload(
  upload: { name: string; bytes: Uint8Array },
  maxBytes: number,
): Promise<{ mime: DocumentMediaType; ext: string; name: string }> {
  if (upload.bytes.byteLength === 0) {
    throw new UploadRejectedError('documents.empty_file')
  }
  if (upload.bytes.byteLength > maxBytes) {
    throw new UploadRejectedError('documents.too_large', { max: formatBytes(maxBytes) })
  }
  const detected = await fileTypeFromBuffer(upload.bytes)
  if (!detected || !ALLOWED_TYPES.has(detected.mime)) {
    throw new UploadRejectedError('documents.wrong_type')
  }
  return {
    mime: detected.mime as DocumentMediaType,
    ext: detected.ext,
    name: cleanFileName(upload.name, detected.ext),
  }
}

/**
 * Checks and stores an uploaded file for a draft. The type is read from the file's bytes (magic numbers),
 * never from its name or the browser's claim.
 * @throws UploadRejectedError for anything the citizen must fix
 */
export async function addDraftDocument(
  db: Db,
  fileStore: FileStore,
  draft: ApplicationDraftRow,
  upload: { name: string; bytes: Uint8Array },
  maxBytes: number,
): Promise<{ name: string }> {
  const detected = await checkUpload(upload, maxBytes)
  const existing = await repo.listDraftDocuments(db, draft.id)
  if (existing.length >= MAX_DOCUMENTS) {
    throw new UploadRejectedError('documents.too_many', { max: MAX_DOCUMENTS })
  }
  const name = detected.name
  // The file is on disk (flushed) before the row that points to it commits.
  const stored = await fileStore.put(upload.bytes)
  await db
    .insertInto('document')
    .values({
      draft_id: draft.id,
      original_name: name,
      media_type: detected.mime,
      size_bytes: upload.bytes.byteLength,
      sha256: stored.sha256,
      storage_key: stored.key,
    })
    .execute()
  return { name }
}

/** Removes one of the draft's own documents (the file stays: contents are shared by hash). */
export async function removeDraftDocument(
  db: Db,
  draft: ApplicationDraftRow,
  documentId: string,
): Promise<void> {
  if (!isUuid(documentId)) {
    return
  }
  await db.deleteFrom('document').where('id', '=', documentId).where('draft_id', '=', draft.id).execute()
}

/** Names of steps whose stored answers are missing or no longer valid. */
export function incompleteSteps(form: FormDef, answers: FormAnswers): string[] {
  return form.steps.filter((s) => !isStepComplete(s, answers[s.id])).map((s) => s.id)
}

export interface Receipt {
  applicationId: string
  reference: string
  accessCode: string
  submittedAt: Date
}

/**
 * Turns a complete draft into a submitted application in one transaction: reference number, application
 * row, documents, first status, audit record, and the draft is gone. Only after the commit does the
 * caller show the receipt.
 * @throws DraftMissingError when the draft was submitted meanwhile or has expired
 * @throws ApplicationIncompleteError when a step is not complete
 */
export async function submitDraft(
  db: Db,
  form: FormDef,
  draftId: string,
  requestId: string | null,
): Promise<Receipt> {
  return db.transaction().execute(async (trx) => {
    const draft = await repo.lockDraft(trx, draftId)
    if (!draft || draft.expires_at <= new Date()) {
      throw new DraftMissingError('draft gone')
    }
    const receipt = await insertApplication(trx, form, draft.answers as FormAnswers, requestId)
    await trx
      .updateTable('document')
      .set({ application_id: receipt.applicationId, draft_id: null })
      .where('draft_id', '=', draft.id)
      .execute()
    await repo.deleteDraft(trx, draft.id)
    return receipt
  })
}

/**
 * Stores a complete application (validated again against the form) with its reference number, first status
 * and audit record, in one atomic statement. Used inside the draft flow's transaction and, for machine
 * submissions, on its own.
 * @throws ApplicationIncompleteError
 */
export async function insertApplication(
  conn: Db | Transaction<Database>,
  form: FormDef,
  answers: FormAnswers,
  requestId: string | null,
): Promise<Receipt> {
  const missing = incompleteSteps(form, answers)
  if (missing.length > 0) {
    throw new ApplicationIncompleteError(missing)
  }
  const person = answers.person ?? {}
  const submittedAt = new Date()
  const accessCode = randomCode(ACCESS_CODE_GROUPS)
  const surname = String(person.surname)
  const { id: configId, rules } = await rulesInForce(conn, submittedAt)
  const urgency = urgencyOf(
    {
      benefitType: form.benefitType,
      status: 'submitted',
      submittedAt,
      objectionReceivedAt: null,
      benefitPeriodEnd: null,
      openDocumentRequestsDue: [],
    },
    rules,
  )
  const { id, reference } = await repo.insertSubmission(conn, {
    referencePrefix: `${form.referencePrefix}-${berlinYear(submittedAt)}-`,
    benefitType: form.benefitType,
    surname,
    surnameKey: surnameKey(surname),
    urgency: {
      configId,
      priorityClass: urgency.priorityClass,
      deadlineAt: urgency.nextDeadline?.at ?? null,
      deadlineKind: urgency.nextDeadline?.kind ?? null,
    },
    givenName: String(person.givenName),
    birthDate: String(person.birthDate),
    answersJson: JSON.stringify(answers),
    accessCodeHash: hashCode(accessCode),
    submittedAt,
    requestId,
  })
  return { applicationId: id, reference, accessCode, submittedAt }
}

/**
 * The application a citizen may see with reference and access code; the view is audited.
 * Returns undefined for any mismatch, without saying which part was wrong.
 */
export async function findApplicationForCitizen(
  db: Db,
  reference: string,
  accessCode: string,
  requestId: string | null,
) {
  const ref = reference.trim().toUpperCase()
  if (!/^[A-Z]{2,4}-\d{4}-\d{7}$/.test(ref)) {
    return undefined
  }
  return db.transaction().execute(async (trx) => {
    const application = await repo.findApplicationByReference(trx, ref)
    const expected = application?.access_code_hash ?? Buffer.alloc(32)
    const given = hashCode(accessCode)
    if (!application || !timingSafeEqual(expected, given)) {
      return undefined
    }
    await recordAuditEvent(trx, {
      actor: { type: 'citizen', id: null },
      action: 'application.view',
      subject: { type: 'application', id: application.id },
      requestId,
      details: { via: 'access_code' },
    })
    return application
  })
}

export { isUuid }

/** A file name safe to show and to send in a header: no path, no control characters, right extension. */
function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>]/gu, '')
    .trim()
    .slice(0, 150)
  const stem = base.replace(/\.[^.]*$/, '') || 'nachweis'
  return `${stem}.${ext === 'jpg' ? 'jpg' : ext}`
}

/** Deletes drafts past their retention date (with their documents' rows); returns how many. */
export async function deleteExpiredDrafts(db: Db, now = new Date()): Promise<number> {
  const result = await repo.deleteExpiredDrafts(db, now)
  return Number(result.numDeletedRows)
}

export { formatBytes } from '../../shared/bytes.js'
export { readStep as readStepInput } from './form/form.engine.js'
