// SPDX-License-Identifier: EUPL-1.2
/**
 * Bank statement import: reads a camt.053 statement of the office's payment account and records, per
 * transaction matched by EndToEndId to a released payment item, whether the bank executed or returned it.
 * Released items are immutable, so the status goes to `payment_booking`. A return adds a note to the case and
 * raises it in the inbox of whoever acts for its post (deadline kind 'payment_returned') until resolved.
 * Idempotent: a transaction already read (statement + entry + position) is never booked twice.
 * @module
 */
import { electronicFormatIBAN } from 'ibantools'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { formatIsoDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { formatCents } from '../../shared/money.js'
import { recordAuditEvent } from '../audit/index.js'
import { casesService } from '../cases/index.js'
import { refreshUrgency } from '../cases/urgency.service.js'
import {
  type CamtEntry,
  CamtFileError,
  type CamtTransaction,
  parseCamt053,
  returnReasonLabel,
} from './camt.js'
import type { AccountInput } from './case-payments.schema.js'
import { CasePaymentRefusedError, maskIban, recordAccount } from './case-payments.service.js'

export interface ImportActor {
  id: string
  requestId?: string | undefined
}

export interface BookedLine {
  entry: string
  bookingDate: string
  endToEndId: string
  caseReference: string
  amountCents: number
  returnReason: string | null
}

export interface UnmatchedLine {
  entry: string
  bookingDate: string
  endToEndId: string | null
  amountCents: number
  direction: 'credit' | 'debit'
  why: string
}

export interface MismatchLine extends BookedLine {
  bankAmountCents: number
}

export interface ImportResult {
  statementRowId: string
  statementId: string
  executed: BookedLine[]
  returned: BookedLine[]
  already: number
  unmatched: UnmatchedLine[]
  mismatched: MismatchLine[]
}

type Classified = { kind: 'executed' | 'returned'; endToEndId: string } | { kind: 'unmatched'; why: string }

function classify(entry: CamtEntry, tx: CamtTransaction): Classified {
  if (entry.status !== 'BOOK') {
    return { kind: 'unmatched', why: t('payments.camt.unmatched_not_booked', { status: entry.status }) }
  }
  if (tx.endToEndId === null) {
    return { kind: 'unmatched', why: t('payments.camt.unmatched_no_id') }
  }
  // A reversal (Storno) of our debit, or a credit that names a return reason: the money came back.
  if (entry.reversal || (tx.direction === 'credit' && tx.returnReason !== null)) {
    return { kind: 'returned', endToEndId: tx.endToEndId }
  }
  if (tx.direction === 'debit') {
    return { kind: 'executed', endToEndId: tx.endToEndId }
  }
  return { kind: 'unmatched', why: t('payments.camt.unmatched_credit') }
}

/** EndToEndIds are the item UUID without hyphens; accept them with hyphens or in upper case too. */
function normalise(endToEndId: string): string {
  return endToEndId.replace(/-/g, '').toLowerCase()
}

/**
 * Reads and books one statement in one transaction.
 * @throws CamtFileError (422) when the file cannot be read or belongs to another account; nothing is stored
 */
export async function importStatement(
  db: Db,
  actor: ImportActor,
  input: { bytes: Uint8Array; debtorIban: string; maxBytes: number },
): Promise<ImportResult> {
  if (input.bytes.length > input.maxBytes) {
    throw new CamtFileError('too_large', { mb: String(Math.floor(input.maxBytes / (1024 * 1024))) })
  }
  const statement = parseCamt053(input.bytes)
  const ours = electronicFormatIBAN(input.debtorIban) ?? input.debtorIban
  if (statement.iban !== ours) {
    throw new CamtFileError('wrong_account', { iban: statement.iban.slice(0, 34) })
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payment_statement')
      .values({
        statement_id: statement.statementId,
        account_iban: statement.iban,
        message_id: statement.messageId,
        camt_version: statement.version,
        imported_by: actor.id,
      })
      .onConflict((oc) => oc.columns(['account_iban', 'statement_id']).doNothing())
      .execute()
    const stmtRow = await trx
      .selectFrom('payment_statement')
      .select('id')
      .where('account_iban', '=', statement.iban)
      .where('statement_id', '=', statement.statementId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const seenKeys = new Set(
      (
        await trx
          .selectFrom('payment_booking')
          .select('entry_key')
          .where('statement_id', '=', stmtRow.id)
          .execute()
      ).map((r) => r.entry_key),
    )
    const ids = [
      ...new Set(
        statement.entries.flatMap((e) =>
          e.transactions.flatMap((tx) => (tx.endToEndId ? [normalise(tx.endToEndId)] : [])),
        ),
      ),
    ]
    const items =
      ids.length === 0
        ? []
        : await trx
            .selectFrom('payment_item as i')
            .innerJoin('payment_run as r', 'r.id', 'i.run_id')
            .select([
              'i.id',
              'i.end_to_end_id',
              'i.application_id',
              'i.case_reference',
              'i.amount_cents',
              'r.reference',
            ])
            .where('r.status', '=', 'released')
            .where('i.end_to_end_id', 'in', ids)
            .execute()
    const byE2e = new Map(items.map((i) => [i.end_to_end_id, i]))
    const existing = new Set(
      items.length === 0
        ? []
        : (
            await trx
              .selectFrom('payment_booking')
              .select(['item_id', 'status'])
              .where(
                'item_id',
                'in',
                items.map((i) => i.id),
              )
              .execute()
          ).map((b) => `${b.item_id}/${b.status}`),
    )

    const result: ImportResult = {
      statementRowId: stmtRow.id,
      statementId: statement.statementId,
      executed: [],
      returned: [],
      already: 0,
      unmatched: [],
      mismatched: [],
    }
    const touchedCases = new Set<string>()
    for (const entry of statement.entries) {
      const txs: CamtTransaction[] =
        entry.transactions.length > 0
          ? entry.transactions
          : [
              {
                index: 0,
                endToEndId: null,
                amountCents: entry.amountCents,
                direction: entry.direction,
                returnReason: null,
                returnInfo: null,
              },
            ]
      for (const tx of txs) {
        const key = `${entry.reference}/${tx.index}`
        const base = { entry: entry.reference, bookingDate: entry.bookingDate, amountCents: tx.amountCents }
        if (seenKeys.has(key)) {
          result.already += 1
          continue
        }
        const c = classify(entry, tx)
        // Kept for the payment office (one row per statement entry: a re-import adds nothing).
        const keep = (row: {
          kind: 'unmatched' | 'amount_mismatch'
          why: string
          itemId?: string
          applicationId?: string
          expectedCents?: number
        }) =>
          trx
            .insertInto('payment_statement_exception')
            .values({
              statement_id: stmtRow.id,
              entry_key: key,
              entry_reference: entry.reference.slice(0, 200),
              kind: row.kind,
              booking_date: entry.bookingDate,
              direction: tx.direction,
              amount_cents: tx.amountCents,
              end_to_end_id: tx.endToEndId?.slice(0, 35) ?? null,
              item_id: row.itemId ?? null,
              application_id: row.applicationId ?? null,
              expected_cents: row.expectedCents ?? null,
              why: row.why.slice(0, 500),
            })
            .onConflict((oc) => oc.columns(['statement_id', 'entry_key']).doNothing())
            .execute()
        if (c.kind === 'unmatched') {
          result.unmatched.push({ ...base, endToEndId: tx.endToEndId, direction: tx.direction, why: c.why })
          await keep({ kind: 'unmatched', why: c.why })
          continue
        }
        const item = byE2e.get(normalise(c.endToEndId))
        if (!item) {
          const why = t('payments.camt.unmatched_unknown')
          result.unmatched.push({ ...base, endToEndId: tx.endToEndId, direction: tx.direction, why })
          await keep({ kind: 'unmatched', why })
          continue
        }
        const line: BookedLine = {
          ...base,
          endToEndId: item.end_to_end_id,
          caseReference: item.case_reference,
          amountCents: item.amount_cents,
          returnReason: c.kind === 'returned' ? tx.returnReason : null,
        }
        if (tx.amountCents !== item.amount_cents) {
          result.mismatched.push({ ...line, bankAmountCents: tx.amountCents })
          await keep({
            kind: 'amount_mismatch',
            why: t('payments.camt.mismatch_why', {
              reference: item.case_reference,
              expected: formatCents(item.amount_cents),
            }),
            itemId: item.id,
            applicationId: item.application_id,
            expectedCents: item.amount_cents,
          })
          continue
        }
        if (existing.has(`${item.id}/${c.kind}`)) {
          result.already += 1
          continue
        }
        existing.add(`${item.id}/${c.kind}`)
        seenKeys.add(key)
        await trx
          .insertInto('payment_booking')
          .values({
            item_id: item.id,
            application_id: item.application_id,
            statement_id: stmtRow.id,
            entry_key: key,
            status: c.kind,
            booking_date: entry.bookingDate,
            amount_cents: item.amount_cents,
            return_reason: line.returnReason,
            return_info: c.kind === 'returned' ? (tx.returnInfo?.slice(0, 500) ?? null) : null,
          })
          .execute()
        if (c.kind === 'executed') {
          result.executed.push(line)
          continue
        }
        result.returned.push(line)
        await trx
          .insertInto('case_note')
          .values({
            application_id: item.application_id,
            author_id: actor.id,
            acting_for_post_id: null,
            body: t('payments.camt.note_returned', {
              statement: statement.statementId,
              date: formatIsoDate(entry.bookingDate),
              amount: formatCents(item.amount_cents),
              run: item.reference,
              reason: returnReasonLabel(line.returnReason),
            }),
          })
          .execute()
        await recordAuditEvent(trx, {
          actor: { type: 'staff', id: actor.id },
          action: 'payment.returned',
          subject: { type: 'application', id: item.application_id },
          requestId: actor.requestId ?? null,
          details: { itemId: item.id, statementId: statement.statementId, reason: line.returnReason },
        })
        touchedCases.add(item.application_id)
      }
    }
    for (const applicationId of touchedCases) {
      await refreshUrgency(trx, applicationId)
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.statement_import',
      subject: { type: 'payment_statement', id: stmtRow.id },
      requestId: actor.requestId ?? null,
      details: {
        statementId: statement.statementId,
        version: statement.version,
        executed: result.executed.length,
        returned: result.returned.length,
        already: result.already,
        unmatched: result.unmatched.length,
        mismatched: result.mismatched.length,
      },
    })
    return result
  })
}

/**
 * Marks the open returned payments of a case as resolved (the caseworker clarified the account), with a
 * timeline note; the case loses its returned-payment deadline, and the next payment run pays the returned
 * amounts again (money-rules.ts, "Rückläufer") to whoever `resolvePayee` names then: an active payment card,
 * else `account` when one is given here (recorded in `payment_account`), else the account from the form.
 * @returns how many returns were resolved (0 when none was open and no account was given)
 * @throws CasePaymentRefusedError when an account is given but no return is open (nothing stored)
 */
export async function resolveReturns(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  requestId: string | null,
  account: AccountInput | null = null,
): Promise<number> {
  return casesService.withVisibleCase(db, staff, applicationId, async (trx, scope) => {
    const resolved = await trx
      .updateTable('payment_booking')
      .set({ resolved_at: new Date(), resolved_by: staff.id })
      .where('application_id', '=', applicationId)
      .where('status', '=', 'returned')
      .where('resolved_at', 'is', null)
      .returning('id')
      .execute()
    if (resolved.length === 0) {
      if (account) {
        throw new CasePaymentRefusedError('iban', 'payments.case.error_no_open_return')
      }
      return 0
    }
    const { actingFor } = await casesService.actingForOfCase(trx, scope, applicationId)
    const accountId = account
      ? await recordAccount(trx, { ...staff, requestId }, applicationId, account)
      : null
    const body = account
      ? `${t('payments.camt.note_resolved')} ${t('payments.case.note_account', {
          holder: account.holder,
          iban: maskIban(account.iban),
        })}`
      : t('payments.camt.note_resolved')
    await trx
      .insertInto('case_note')
      .values({
        application_id: applicationId,
        author_id: staff.id,
        acting_for_post_id: actingFor ?? null,
        body,
      })
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'payment.return_resolved',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { bookings: resolved.map((r) => r.id), actingFor, accountId },
    })
    await refreshUrgency(trx, applicationId)
    return resolved.length
  })
}
