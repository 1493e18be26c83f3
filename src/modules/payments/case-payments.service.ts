// SPDX-License-Identifier: EUPL-1.2
/**
 * Payments on one case, for the caseworker: one-off grants (einmalige Leistungen), suspending and resuming
 * payments (Zahlungseinstellung), and resolving a returned payment with a new bank account. Every read and
 * change goes through the workbench's need-to-know rule (`withVisibleCase`), is audited in the same
 * transaction and leaves a note in the case timeline. The next payment run reads these rows (money-rules.ts).
 * @module
 */
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { formatIsoDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { formatCents } from '../../shared/money.js'
import { recordAuditEvent } from '../audit/index.js'
import { type CaseScope, casesService } from '../cases/index.js'
import { berlinDay } from '../organisation/index.js'
import { returnReasonLabel } from './camt.js'
import type { AccountInput, DatedReasonInput, OneOffInput } from './case-payments.schema.js'

/** A change on a case's payments the rules refuse; shown at `field` of the form, HTTP 422. */
export class CasePaymentRefusedError extends AppError {
  readonly code = 'payment.refused'
  readonly status = 422
  readonly messageKey: MessageKey
  override readonly messageParams: Record<string, string>

  constructor(
    readonly field: string,
    key: MessageKey,
    params: Record<string, string> = {},
  ) {
    super(`case payment refused: ${key}`)
    this.messageKey = key
    this.messageParams = params
  }
}

type Actor = StaffPrincipal & { requestId?: string | null | undefined }

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

function monthLabelOf(day: string): string {
  return `${day.slice(5, 7)}/${day.slice(0, 4)}`
}

/** "DE02 … 2051": enough to recognise an account on screen. */
export function maskIban(iban: string): string {
  return `${iban.slice(0, 4)} … ${iban.slice(-4)}`
}

/**
 * The trail every change on the case's payment page leaves, in the change's transaction: a timeline note in
 * the name of the post the actor acts for, and an audit event whose details name that post too.
 */
async function recordCaseChange(
  trx: Transaction<Database>,
  scope: CaseScope,
  actor: Actor,
  applicationId: string,
  change: { note: string; action: string; details: Record<string, unknown> },
) {
  const { actingFor } = await casesService.actingForOfCase(trx, scope, applicationId)
  await trx
    .insertInto('case_note')
    .values({
      application_id: applicationId,
      author_id: actor.id,
      acting_for_post_id: actingFor ?? null,
      body: change.note,
    })
    .execute()
  await recordAuditEvent(trx, {
    actor: { type: 'staff', id: actor.id },
    action: change.action,
    subject: { type: 'application', id: applicationId },
    requestId: actor.requestId ?? null,
    details: { ...change.details, actingFor },
  })
}

/** What the case's payment page shows; audited as `payment.case_view`. */
export async function loadCasePayments(db: Db, actor: Actor, applicationId: string, at = new Date()) {
  return casesService.withVisibleCase(db, actor, applicationId, async (trx) => {
    const today = berlinDay(at)
    const [app, oneOffs, suspensions, returns, account, paidOneOffs] = await Promise.all([
      trx
        .selectFrom('application')
        .select(['id', 'reference', 'applicant_surname'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow(),
      trx
        .selectFrom('payment_one_off')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('due_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
      trx
        .selectFrom('payment_suspension')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('valid_from', 'desc')
        .execute(),
      trx
        .selectFrom('payment_booking as b')
        .innerJoin('payment_item as i', 'i.id', 'b.item_id')
        .innerJoin('payment_run as r', 'r.id', 'i.run_id')
        .select([
          'b.id',
          'b.booking_date',
          'b.amount_cents',
          'b.return_reason',
          'b.resolved_at',
          'i.end_to_end_id',
          'r.reference as run_reference',
        ])
        .where('b.application_id', '=', applicationId)
        .where('b.status', '=', 'returned')
        .orderBy('b.booking_date', 'desc')
        .execute(),
      trx
        .selectFrom('payment_account')
        .select(['account_holder', 'iban', 'recorded_at'])
        .where('application_id', '=', applicationId)
        .orderBy('recorded_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
      trx
        .selectFrom('payment_line as l')
        .innerJoin('payment_item as i', 'i.id', 'l.item_id')
        .innerJoin('payment_run as r', 'r.id', 'i.run_id')
        .select('l.one_off_id')
        .where('l.application_id', '=', applicationId)
        .where('r.status', '=', 'released')
        .where('l.one_off_id', 'is not', null)
        .execute(),
    ])
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.case_view',
      subject: { type: 'application', id: applicationId },
      requestId: actor.requestId ?? null,
      details: { oneOffs: oneOffs.length, suspensions: suspensions.length, returns: returns.length },
    })
    const paid = new Set(paidOneOffs.map((p) => p.one_off_id))
    const open = suspensions.find((s) => s.valid_to === null) ?? null
    const current = open ?? suspensions.find((s) => s.valid_to !== null && s.valid_to >= today) ?? null
    return {
      application: app,
      oneOffs: oneOffs.map((o) => ({ ...o, paid: paid.has(o.id) })),
      suspensions,
      /** The open-ended suspension, which "resume" ends. */
      openSuspension: open,
      /** The suspension in force today or later (open-ended or with an end not yet passed). */
      currentSuspension: current,
      returns: returns.map((r) => ({ ...r, reasonLabel: returnReasonLabel(r.return_reason) })),
      openReturns: returns.filter((r) => r.resolved_at === null).length,
      account: account
        ? { holder: account.account_holder, iban: maskIban(account.iban), at: account.recorded_at }
        : null,
    }
  })
}

/**
 * Records a one-off grant on a case; paid by the first run whose target month is not before its due month.
 * @throws CasePaymentRefusedError when the case has no final decision with a benefit period (nothing stored)
 */
export async function recordOneOff(db: Db, actor: Actor, applicationId: string, input: OneOffInput) {
  return casesService.withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const decision = await trx
      .selectFrom('decision')
      .select('id')
      .where('application_id', '=', applicationId)
      .where('status', '=', 'final')
      .where('outcome', '<>', 'refused')
      .where('period_from', 'is not', null)
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!decision) {
      throw new CasePaymentRefusedError('betrag', 'payments.case.error_no_decision')
    }
    const row = await trx
      .insertInto('payment_one_off')
      .values({
        application_id: applicationId,
        decision_id: decision.id,
        label: input.label,
        amount_cents: input.cents,
        due_on: input.dueOn,
        legal_basis: input.legalBasis,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordCaseChange(trx, scope, actor, applicationId, {
      note: t('payments.case.note_one_off', {
        amount: formatCents(input.cents),
        purpose: input.label,
        basis: input.legalBasis,
        month: monthLabelOf(input.dueOn),
      }),
      action: 'payment.one_off_recorded',
      details: { oneOffId: row.id, cents: input.cents, dueOn: input.dueOn },
    })
    return row.id
  })
}

/**
 * Suspends payments of a case from a day: every run from then on holds the case; the held months are paid
 * as arrears once payments resume.
 * @throws CasePaymentRefusedError when a suspension is already open or in force from that day
 */
export async function suspendPayments(db: Db, actor: Actor, applicationId: string, input: DatedReasonInput) {
  return casesService.withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const overlapping = await trx
      .selectFrom('payment_suspension')
      .select('id')
      .where('application_id', '=', applicationId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', input.from)]))
      .executeTakeFirst()
    if (overlapping) {
      throw new CasePaymentRefusedError('ab', 'payments.case.error_already_suspended')
    }
    const row = await trx
      .insertInto('payment_suspension')
      .values({
        application_id: applicationId,
        valid_from: input.from,
        valid_to: null,
        reason: input.reason,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordCaseChange(trx, scope, actor, applicationId, {
      note: t('payments.case.note_suspended', { from: formatIsoDate(input.from), reason: input.reason }),
      action: 'payment.suspended',
      details: { suspensionId: row.id, from: input.from },
    })
    return row.id
  })
}

/**
 * Resumes payments from a day: the open suspension ends the day before.
 * @throws CasePaymentRefusedError when no suspension is open, or the day is not after its start
 */
export async function resumePayments(db: Db, actor: Actor, applicationId: string, input: DatedReasonInput) {
  return casesService.withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const open = await trx
      .selectFrom('payment_suspension')
      .select(['id', 'valid_from'])
      .where('application_id', '=', applicationId)
      .where('valid_to', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!open) {
      throw new CasePaymentRefusedError('ab', 'payments.case.error_not_suspended')
    }
    if (input.from <= open.valid_from) {
      throw new CasePaymentRefusedError('ab', 'payments.case.error_resume_before', {
        from: formatIsoDate(open.valid_from),
      })
    }
    await trx
      .updateTable('payment_suspension')
      .set({
        valid_to: dayBefore(input.from),
        ended_by: actor.id,
        ended_at: new Date(),
        end_reason: input.reason,
      })
      .where('id', '=', open.id)
      .execute()
    await recordCaseChange(trx, scope, actor, applicationId, {
      note: t('payments.case.note_resumed', { from: formatIsoDate(input.from), reason: input.reason }),
      action: 'payment.resumed',
      details: { suspensionId: open.id, from: input.from },
    })
  })
}

/**
 * Records a new bank account for a case inside a transaction that already checked need-to-know (used when
 * resolving a returned payment). The account is the payee from the next run on, unless a card is active.
 */
export async function recordAccount(
  trx: Transaction<Database>,
  actor: Actor,
  applicationId: string,
  account: AccountInput,
): Promise<string> {
  const row = await trx
    .insertInto('payment_account')
    .values({
      application_id: applicationId,
      account_holder: account.holder,
      iban: account.iban,
      bic: account.bic,
      recorded_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
