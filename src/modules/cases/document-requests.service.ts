// SPDX-License-Identifier: EUPL-1.2
/**
 * The citizen's side of a document request: she sees what is asked on her status page and uploads it there;
 * the file attaches to the case and fulfils the request, and when nothing is open any more the case goes back
 * from "Unterlagen angefordert" to "in Prüfung" — so the caseworker finds it in her inbox again.
 * @module
 */

import type { Db } from '../../db/database.js'
import { NotFoundError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import { isUuid } from '../../shared/ids.js'
import { checkUpload } from '../applications/applications.service.js'
import { recordAuditEvent } from '../audit/index.js'
import { transition } from './cases.service.js'
import { refreshUrgency } from './urgency.service.js'

/** What a citizen sees of the requests on her case: open ones first, by due date. */
export function listRequestsForCitizen(db: Db, applicationId: string) {
  return db
    .selectFrom('document_request as r')
    .select((eb) => [
      'r.id',
      'r.description',
      'r.due_on',
      'r.fulfilled_at',
      eb
        .selectFrom('document as d')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('d.document_request_id', '=', 'r.id')
        .as('uploaded'),
    ])
    .where('r.application_id', '=', applicationId)
    .where('r.cancelled_at', 'is', null)
    .orderBy('r.fulfilled_at', (ob) => ob.nullsFirst())
    .orderBy('r.due_on')
    .execute()
}

/**
 * Stores a file the citizen sent for a document request of her case, in one transaction with the request's
 * fulfilment, the case's urgency and status, and the audit record. The file is flushed to the store first.
 * @throws UploadRejectedError (applications module) for a file the citizen must fix
 * @throws NotFoundError when the request does not belong to the case or was withdrawn
 */
export async function attachRequestedDocument(
  db: Db,
  fileStore: FileStore,
  applicationId: string,
  documentRequestId: string,
  upload: { name: string; bytes: Uint8Array },
  maxBytes: number,
  requestId: string | null,
): Promise<{ name: string }> {
  if (!isUuid(documentRequestId)) {
    throw new NotFoundError('no such document request')
  }
  const checked = await checkUpload(upload, maxBytes)
  const stored = await fileStore.put(upload.bytes)
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('application').select('id').where('id', '=', applicationId).forUpdate().execute()
    const request = await trx
      .selectFrom('document_request')
      .select(['id', 'fulfilled_at'])
      .where('id', '=', documentRequestId)
      .where('application_id', '=', applicationId)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst()
    if (!request) {
      throw new NotFoundError('no such document request')
    }
    const document = await trx
      .insertInto('document')
      .values({
        application_id: applicationId,
        document_request_id: request.id,
        original_name: checked.name,
        media_type: checked.mime,
        size_bytes: upload.bytes.byteLength,
        sha256: stored.sha256,
        storage_key: stored.key,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (!request.fulfilled_at) {
      await trx
        .updateTable('document_request')
        .set({ fulfilled_at: new Date() })
        .where('id', '=', request.id)
        .execute()
    }
    await recordAuditEvent(trx, {
      actor: { type: 'citizen', id: null },
      action: 'case.document_upload',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { documentId: document.id, documentRequestId: request.id },
    })
    const open = await trx
      .selectFrom('document_request')
      .select('id')
      .where('application_id', '=', applicationId)
      .where('fulfilled_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst()
    const { status } = await trx
      .selectFrom('application')
      .select('status')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    if (!open && status === 'documents_requested') {
      await transition(trx, null, applicationId, 'in_review', (from) => from === 'documents_requested', {
        requestId,
        actingFor: undefined,
        details: { documentRequestId: request.id },
      })
    } else {
      await refreshUrgency(trx, applicationId)
    }
    return { name: checked.name }
  })
}
