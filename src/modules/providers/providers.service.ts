// SPDX-License-Identifier: EUPL-1.2
/**
 * The provider register (Träger) and its contracts: budget contracts with payments, documents and a history
 * across renegotiations, and the operator, care and guarding contracts of accommodation sites. Every change
 * is audited in its own transaction. No social data lives here.
 * @module
 */
import { fileTypeFromBuffer } from 'file-type'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { formatBytes } from '../../shared/bytes.js'
import { NotFoundError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import type { FieldErrors } from '../../views/components/form.js'
import { recordAuditEvent } from '../audit/index.js'
import {
  parseContractForm,
  parsePaymentForm,
  parseProviderForm,
  parseReminderForm,
} from './providers.forms.js'

type ContractInput = Extract<ReturnType<typeof parseContractForm>, { ok: true }>['input']

import { budgetByYear, dueReminders, noticeDeadline, type Reminder } from './providers.rules.js'
import type { ContractKind, ProviderContractRow, ProviderRow } from './providers.table.js'

export const CONTRACT_KINDS: readonly ContractKind[] = ['budget', 'operator', 'care', 'guarding']
/** Contract documents the office accepts, read from the bytes: PDF, JPEG, PNG (as elsewhere). */
const ALLOWED_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png'])

/** Result of a form command: the new or changed record's id, or German field errors (nothing stored). */
export type FormResult = { ok: true; id: string } | { ok: false; errors: FieldErrors }

function actor(staff: StaffPrincipal) {
  return { type: 'staff' as const, id: staff.id }
}

/** All providers by name, with the number of their contracts. */
export async function listProviders(db: Db) {
  return db
    .selectFrom('provider as p')
    .leftJoin('provider_contract as c', 'c.provider_id', 'p.id')
    .select(['p.id', 'p.name', 'p.address', 'p.contact_role', 'p.contact_email'])
    .select((eb) => eb.fn.count<number>('c.id').as('contracts'))
    .groupBy('p.id')
    .orderBy('p.name')
    .execute()
}

/**
 * Registers a provider.
 * @returns the new id, or field errors when the form is incomplete or the name is taken
 */
export async function createProvider(
  db: Db,
  staff: StaffPrincipal,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const parsed = parseProviderForm(values)
  if (!parsed.ok) {
    return parsed
  }
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('provider')
      .select('id')
      .where('name', '=', parsed.input.name)
      .executeTakeFirst()
    if (taken) {
      return { ok: false as const, errors: { name: t('providers.error.name_taken') } }
    }
    const row = await trx
      .insertInto('provider')
      .values(parsed.input)
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'provider.create',
      subject: { type: 'provider', id: row.id },
      requestId,
      details: { name: parsed.input.name },
    })
    return { ok: true as const, id: row.id }
  })
}

/**
 * A provider with its contracts, newest first.
 * @throws NotFoundError
 */
export async function getProvider(db: Db, id: string) {
  const provider = isUuid(id)
    ? await db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined
  if (!provider) {
    throw new NotFoundError('no such provider')
  }
  const contracts = await db
    .selectFrom('provider_contract as c')
    .leftJoin('accommodation_site as s', 's.id', 'c.site_id')
    .selectAll('c')
    .select('s.name as site_name')
    .where('c.provider_id', '=', id)
    .orderBy('c.valid_from', 'desc')
    .execute()
  return { provider, contracts }
}

/** Sites for the contract form (operator, care and guarding contracts belong to a site). */
export async function siteOptions(db: Db) {
  return db.selectFrom('accommodation_site').select(['id', 'name']).orderBy('name').execute()
}

async function loadContract(conn: Db | Transaction<Database>, id: string): Promise<ProviderContractRow> {
  const row = isUuid(id)
    ? await conn.selectFrom('provider_contract').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined
  if (!row) {
    throw new NotFoundError('no such contract')
  }
  return row
}

/**
 * Records a contract of a provider; with `predecessorId` it is the renegotiated successor of that contract
 * (same provider and kind; a contract is renegotiated once — a second attempt is refused with a field error).
 * @throws NotFoundError for an unknown provider or predecessor
 */
export async function createContract(
  db: Db,
  staff: StaffPrincipal,
  providerId: string,
  values: Record<string, string>,
  requestId: string | null,
  predecessorId: string | null = null,
): Promise<FormResult> {
  await getProvider(db, providerId)
  const predecessor = predecessorId ? await loadContract(db, predecessorId) : null
  if (predecessor && predecessor.provider_id !== providerId) {
    throw new NotFoundError('predecessor of another provider')
  }
  const sites = (await siteOptions(db)).map((s) => s.id)
  const parsed = parseContractForm(predecessor ? { ...values, kind: predecessor.kind } : values, sites)
  if (!parsed.ok) {
    return parsed
  }
  const errors: FieldErrors = {}
  if (predecessor && parsed.input.valid_from <= predecessor.valid_from) {
    errors.validFrom = t('providers.error.successor_starts_before')
  }
  try {
    return await insertContract(db, staff, providerId, parsed.input, predecessor, errors, requestId)
  } catch (error) {
    // Two people saving the same reference or renegotiating the same contract at once: the unique
    // constraints decide, and the loser gets the same answer as if she had been second.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505') {
      const onPredecessor = 'constraint' in error && String(error.constraint).includes('predecessor')
      return {
        ok: false,
        errors: onPredecessor
          ? { reference: t('providers.error.already_renegotiated') }
          : { reference: t('providers.error.reference_taken') },
      }
    }
    throw error
  }
}

function insertContract(
  db: Db,
  staff: StaffPrincipal,
  providerId: string,
  input: ContractInput,
  predecessor: ProviderContractRow | null,
  errors: FieldErrors,
  requestId: string | null,
): Promise<FormResult> {
  const parsed = { input }
  return db.transaction().execute(async (trx) => {
    const sameReference = await trx
      .selectFrom('provider_contract')
      .select('id')
      .where('reference', '=', parsed.input.reference)
      .executeTakeFirst()
    if (sameReference) {
      errors.reference = t('providers.error.reference_taken')
    }
    if (predecessor) {
      const successor = await trx
        .selectFrom('provider_contract')
        .select('id')
        .where('predecessor_id', '=', predecessor.id)
        .forUpdate()
        .executeTakeFirst()
      if (successor) {
        errors.reference = t('providers.error.already_renegotiated')
      }
    }
    if (Object.keys(errors).length > 0) {
      return { ok: false as const, errors }
    }
    const row = await trx
      .insertInto('provider_contract')
      .values({
        ...parsed.input,
        ...(predecessor ? { site_id: predecessor.site_id } : {}),
        provider_id: providerId,
        predecessor_id: predecessor?.id ?? null,
        created_by: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: predecessor ? 'provider_contract.renegotiate' : 'provider_contract.create',
      subject: { type: 'provider_contract', id: row.id },
      requestId,
      details: {
        providerId,
        kind: parsed.input.kind,
        reference: parsed.input.reference,
        annualBudgetCents: parsed.input.annual_budget_cents,
        ...(predecessor ? { predecessorId: predecessor.id } : {}),
      },
    })
    return { ok: true as const, id: row.id }
  })
}

/** Everything the contract page shows, computed at `today`. */
export async function getContract(db: Db, id: string, today: string) {
  const contract = await loadContract(db, id)
  const provider = await db
    .selectFrom('provider')
    .selectAll()
    .where('id', '=', contract.provider_id)
    .executeTakeFirstOrThrow()
  const site = contract.site_id
    ? await db
        .selectFrom('accommodation_site')
        .select(['id', 'name'])
        .where('id', '=', contract.site_id)
        .executeTakeFirst()
    : undefined
  const payments = await db
    .selectFrom('provider_payment')
    .selectAll()
    .where('contract_id', '=', id)
    .orderBy('paid_on', 'desc')
    .orderBy('booked_at', 'desc')
    .execute()
  const documents = await db
    .selectFrom('provider_contract_document')
    .select(['id', 'original_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('contract_id', '=', id)
    .orderBy('uploaded_at')
    .execute()
  const successor = await db
    .selectFrom('provider_contract')
    .select(['id', 'reference'])
    .where('predecessor_id', '=', id)
    .executeTakeFirst()
  const years =
    contract.annual_budget_cents === null
      ? []
      : budgetByYear(
          contract.valid_from,
          contract.valid_to,
          contract.annual_budget_cents,
          payments.map((p) => ({ paidOn: p.paid_on, amountCents: p.amount_cents })),
          today,
        )
  return {
    contract,
    provider,
    site: site ?? null,
    payments,
    documents: documents.map((d) => ({ ...d, size: formatBytes(d.size_bytes) })),
    successor: successor ?? null,
    years,
    noticeDeadline: noticeDeadline(contract.valid_to, contract.notice_months),
    reminders: remindersOf(contract, today),
  }
}

/** The reminders of one contract at `today`, from its own dates and lead time. */
function remindersOf(c: ProviderContractRow, today: string): Reminder[] {
  return dueReminders(
    {
      validTo: c.valid_to,
      noticeMonths: c.notice_months,
      renegotiationOn: c.renegotiation_on,
      leadDays: c.reminder_lead_days,
    },
    today,
  )
}

/** A reminder with the contract and provider it belongs to (the overview's due-soon list). */
export interface DueItem extends Reminder {
  contractId: string
  reference: string
  title: string
  providerName: string
}

/**
 * The due-soon list: every reminder of every contract not yet renegotiated (a renegotiated contract's
 * successor carries the dates that matter), nearest first, each contract with its own lead time.
 */
export async function dueSoon(db: Db, today: string): Promise<DueItem[]> {
  const rows = await db
    .selectFrom('provider_contract as c')
    .innerJoin('provider as p', 'p.id', 'c.provider_id')
    .selectAll('c')
    .select('p.name as provider_name')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('provider_contract as s').select('s.id').whereRef('s.predecessor_id', '=', 'c.id'),
        ),
      ),
    )
    .execute()
  return rows
    .flatMap((row) =>
      remindersOf(row, today).map((r) => ({
        ...r,
        contractId: row.id,
        reference: row.reference,
        title: row.title,
        providerName: row.provider_name,
      })),
    )
    .sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference))
}

/**
 * Books a payment against a contract with an agreed budget.
 * @throws NotFoundError
 */
export async function bookPayment(
  db: Db,
  staff: StaffPrincipal,
  contractId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const contract = await loadContract(db, contractId)
  const parsed = parsePaymentForm(values)
  if (!parsed.ok) {
    return parsed
  }
  if (contract.annual_budget_cents === null) {
    return { ok: false, errors: { amount: t('providers.error.no_budget') } }
  }
  if (
    parsed.input.paid_on < contract.valid_from ||
    (contract.valid_to !== null && parsed.input.paid_on > contract.valid_to)
  ) {
    return { ok: false, errors: { paidOn: t('providers.error.payment_outside_term') } }
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('provider_payment')
      .values({ ...parsed.input, contract_id: contractId, booked_by: staff.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'provider_payment.book',
      subject: { type: 'provider_contract', id: contractId },
      requestId,
      details: { paymentId: row.id, amountCents: parsed.input.amount_cents, paidOn: parsed.input.paid_on },
    })
    return { ok: true as const, id: row.id }
  })
}

/**
 * Changes when the contract reminds: the renegotiation date and the lead time. The contract's terms (dates,
 * budget) are not changed here — a change of terms is a renegotiation.
 * @throws NotFoundError
 */
export async function updateReminders(
  db: Db,
  staff: StaffPrincipal,
  contractId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const contract = await loadContract(db, contractId)
  const parsed = parseReminderForm(values)
  if (!parsed.ok) {
    return parsed
  }
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('provider_contract').set(parsed.input).where('id', '=', contractId).execute()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'provider_contract.reminders_change',
      subject: { type: 'provider_contract', id: contractId },
      requestId,
      details: {
        before: { renegotiationOn: contract.renegotiation_on, leadDays: contract.reminder_lead_days },
        after: { renegotiationOn: parsed.input.renegotiation_on, leadDays: parsed.input.reminder_lead_days },
      },
    })
    return { ok: true as const, id: contractId }
  })
}

function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>]/gu, '')
    .trim()
    .slice(0, 150)
  return `${base.replace(/\.[^.]*$/, '') || 'vertrag'}.${ext}`
}

/**
 * Stores a contract document in the encrypted file store (ADR 0019): not empty, within the upload limit,
 * PDF, JPEG or PNG by its bytes.
 * @throws NotFoundError
 */
export async function addDocument(
  deps: { db: Db; fileStore: FileStore; maxBytes: number },
  staff: StaffPrincipal,
  contractId: string,
  upload: { name: string; bytes: Uint8Array } | null,
  requestId: string | null,
): Promise<FormResult> {
  await loadContract(deps.db, contractId)
  if (!upload || upload.bytes.byteLength === 0) {
    return { ok: false, errors: { file: t('providers.error.choose_file') } }
  }
  if (upload.bytes.byteLength > deps.maxBytes) {
    return {
      ok: false,
      errors: { file: t('providers.error.file_too_large', { max: formatBytes(deps.maxBytes) }) },
    }
  }
  const detected = await fileTypeFromBuffer(upload.bytes)
  if (!detected || !ALLOWED_TYPES.has(detected.mime)) {
    return { ok: false, errors: { file: t('providers.error.wrong_type') } }
  }
  const stored = await deps.fileStore.put(upload.bytes)
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('provider_contract_document')
      .values({
        contract_id: contractId,
        original_name: cleanFileName(upload.name, detected.ext),
        media_type: detected.mime,
        size_bytes: upload.bytes.byteLength,
        storage_key: stored.key,
        uploaded_by: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'provider_contract.document_upload',
      subject: { type: 'provider_contract', id: contractId },
      requestId,
      details: { documentId: row.id },
    })
    return { ok: true as const, id: row.id }
  })
}

/**
 * A contract document's bytes; audited.
 * @throws NotFoundError
 */
export async function getDocument(
  deps: { db: Db; fileStore: FileStore },
  staff: StaffPrincipal,
  contractId: string,
  documentId: string,
  requestId: string | null,
) {
  if (!isUuid(contractId) || !isUuid(documentId)) {
    throw new NotFoundError('no such document')
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const doc = await trx
      .selectFrom('provider_contract_document')
      .selectAll()
      .where('id', '=', documentId)
      .where('contract_id', '=', contractId)
      .executeTakeFirst()
    if (!doc) {
      throw new NotFoundError('no such document')
    }
    await recordAuditEvent(trx, {
      actor: actor(staff),
      action: 'provider_contract.document_view',
      subject: { type: 'provider_contract', id: contractId },
      requestId,
      details: { documentId },
    })
    return doc
  })
  return { ...row, bytes: await deps.fileStore.get(row.storage_key) }
}

/** One link of a contract's history, with the change of the annual budget against its predecessor. */
export interface HistoryEntry {
  contract: ProviderContractRow
  budgetChangeCents: number | null
}

/**
 * The chain of renegotiations a contract belongs to, oldest first: its predecessors back to the first
 * contract and its successors up to the current one.
 * @throws NotFoundError
 */
export async function contractHistory(
  db: Db,
  id: string,
): Promise<{ provider: ProviderRow; chain: HistoryEntry[] }> {
  const start = await loadContract(db, id)
  const chain: ProviderContractRow[] = [start]
  for (let cur = start; cur.predecessor_id !== null && chain.length < 100; ) {
    cur = await loadContract(db, cur.predecessor_id)
    chain.unshift(cur)
  }
  for (let cur: ProviderContractRow | undefined = start; cur && chain.length < 100; ) {
    const curId: string = cur.id
    cur = await db
      .selectFrom('provider_contract')
      .selectAll()
      .where('predecessor_id', '=', curId)
      .executeTakeFirst()
    if (cur) {
      chain.push(cur)
    }
  }
  const provider = await db
    .selectFrom('provider')
    .selectAll()
    .where('id', '=', start.provider_id)
    .executeTakeFirstOrThrow()
  return {
    provider,
    chain: chain.map((contract, i) => {
      const before = chain[i - 1]?.annual_budget_cents
      return {
        contract,
        budgetChangeCents:
          i > 0 && before != null && contract.annual_budget_cents !== null
            ? contract.annual_budget_cents - before
            : null,
      }
    }),
  }
}
