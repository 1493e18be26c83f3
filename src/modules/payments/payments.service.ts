// SPDX-License-Identifier: EUPL-1.2
/**
 * Monthly payment runs. A team lead or head computes a preview for a target month (what is due per case from
 * the final decisions, money-rules.ts; who is paid, payee.ts); whoever acts for the approving post (the
 * division head's post; a deputy releases "i.V.") — never the person who computed it — releases it. Release
 * writes the pain.001 file and the cash office CSV into the run; from then on the run, its items and lines are
 * immutable (database triggers). At most one preview exists at a time, so a month can never be paid twice.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { berlinDay, organisationService } from '../organisation/index.js'
import { applicationsWithCards } from '../payment-card/index.js'
import {
  addMonths,
  type CaseForPayment,
  computeDue,
  type DecisionForPayment,
  isMonth,
  type OneOffGrant,
  type PaidLine,
  type PaymentLine,
  type ReturnBooking,
  settleLedger,
} from './money-rules.js'
import { type Payee, resolvePayee } from './payee.js'
import { PaymentRefusedError } from './payments.errors.js'
import * as repo from './payments.repository.js'
import type { SkippedCase } from './payments.table.js'
import { buildOrderCsv, buildPain001, type Debtor, PaymentFileError, type RunFileInput } from './sepa.js'

/** Roles that see payment runs, compute previews and (when acting for the approving post) release them. */
export const PAYMENT_ROLES = ['team_lead', 'department_head', 'division_head'] as const

type Actor = StaffPrincipal & { requestId?: string | null }

/** One computed payment: a case, its payee and its lines. */
export interface ComputedPayment {
  applicationId: string
  reference: string
  payee: Payee
  lines: PaymentLine[]
  cents: number
}

export interface ComputedRun {
  payments: ComputedPayment[]
  skipped: SkippedCase[]
}

/** "2026-12" → "12/2026" */
export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`
}

/**
 * The default execution date of a run for `month`: the last weekday before the month starts (benefits are
 * paid in advance), but not before `today`.
 */
export function defaultExecutionDate(month: string, today: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const day = new Date(Date.UTC(y, m - 1, 0))
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) {
    day.setUTCDate(day.getUTCDate() - 1)
  }
  const iso = day.toISOString().slice(0, 10)
  return iso < today ? nextWeekday(today) : iso
}

function nextWeekday(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) {
    day.setUTCDate(day.getUTCDate() + 1)
  }
  return day.toISOString().slice(0, 10)
}

/**
 * Everything due for `targetMonth` over all cases, as of `at`: read in a handful of queries, then computed
 * per case. Cases with money due but no usable account, and cases held by a suspension, come back as skipped.
 */
export async function computeRun(
  db: Db | Transaction<Database>,
  targetMonth: string,
  at: Date,
): Promise<ComputedRun> {
  const today = berlinDay(at)
  // Benefits are paid in advance: a suspension holds the run when it is in force on the first day of the
  // target month (or on the run day, for a run computed within its month) — one entered "from 01.12." holds
  // the December run computed in November, one ended "resume from 01.12." lets it pay.
  const monthStart = `${targetMonth}-01`
  const holdDay = today > monthStart ? today : monthStart
  const [apps, decisions, oneOffs, suspended, paid, returned] = await Promise.all([
    repo.casesWithDecisions(db),
    repo.finalDecisionsWithPeriod(db),
    repo.oneOffGrants(db),
    repo.suspensionsOn(db, holdDay),
    repo.paidLedger(db),
    repo.returnBookings(db),
  ])
  const decisionsOf = new Map<string, DecisionForPayment[]>()
  for (const d of decisions) {
    const list = decisionsOf.get(d.application_id) ?? []
    list.push({
      id: d.id,
      outcome: d.outcome,
      monthlyCents: d.monthly_amount_cents,
      components: d.components,
      periodFrom: d.period_from,
      periodTo: d.period_to,
      legalBasis: d.legal_basis,
      finalAt: d.approved_at ?? d.decided_at,
    })
    decisionsOf.set(d.application_id, list)
  }
  const oneOffsOf = new Map<string, OneOffGrant[]>()
  for (const o of oneOffs) {
    const list = oneOffsOf.get(o.application_id) ?? []
    list.push({
      id: o.id,
      decisionId: o.decision_id,
      label: o.label,
      cents: o.amount_cents,
      dueOn: o.due_on,
      legalBasis: o.legal_basis,
    })
    oneOffsOf.set(o.application_id, list)
  }
  const ledgerOf = new Map<string, PaidLine[]>()
  for (const p of paid) {
    const list = ledgerOf.get(p.application_id) ?? []
    list.push({
      itemId: p.returned_item_id,
      serviceMonth: p.service_month,
      cents: Number(p.cents),
      oneOffId: p.one_off_id,
      repaysItemId: p.repays_item_id,
    })
    ledgerOf.set(p.application_id, list)
  }
  const returnsOf = new Map<string, ReturnBooking[]>()
  for (const r of returned) {
    const list = returnsOf.get(r.application_id) ?? []
    list.push({ itemId: r.item_id, reason: r.return_reason, resolved: r.resolved_at !== null })
    returnsOf.set(r.application_id, list)
  }
  const suspendedIds = new Set(suspended.map((s) => s.application_id))
  const cardHouseholds = await applicationsWithCards(
    db as Db,
    apps.map((a) => a.id),
  )
  const payments: ComputedPayment[] = []
  const skipped: SkippedCase[] = []
  for (const app of apps) {
    const input: CaseForPayment = {
      applicationId: app.id,
      decisions: decisionsOf.get(app.id) ?? [],
      oneOffs: oneOffsOf.get(app.id) ?? [],
      ...settleLedger(ledgerOf.get(app.id) ?? [], returnsOf.get(app.id) ?? []),
      closedOn: app.status === 'closed' ? berlinDay(app.status_changed_at) : null,
      suspended: suspendedIds.has(app.id),
    }
    const due = computeDue(input, targetMonth)
    if (due.held) {
      // What would be due without the hold (an open return counts as resolved here) tells the office what waits.
      const unheld: CaseForPayment = {
        ...input,
        suspended: false,
        returns: (input.returns ?? []).map((r) => ({ ...r, resolved: true })),
      }
      const wouldBe = computeDue(unheld, targetMonth).totalCents
      if (wouldBe > 0 || due.heldReason === 'return_open') {
        skipped.push({
          applicationId: app.id,
          reference: app.reference,
          reason: due.heldReason === 'return_open' ? 'return_open' : 'held',
          cents: wouldBe,
        })
      }
      continue
    }
    if (due.totalCents <= 0) {
      continue
    }
    const payee = await resolvePayee(db as Db, app, at, targetMonth, cardHouseholds)
    if (!payee) {
      skipped.push({
        applicationId: app.id,
        reference: app.reference,
        reason: 'no_account',
        cents: due.totalCents,
      })
      continue
    }
    payments.push({
      applicationId: app.id,
      reference: app.reference,
      payee,
      lines: due.lines,
      cents: due.totalCents,
    })
  }
  return { payments, skipped }
}

function remittanceOf(p: ComputedPayment): string {
  const months = [...new Set(p.lines.map((l) => l.serviceMonth))].sort().map(monthLabel)
  return t('payments.remittance', { months: months.join(' '), reference: p.reference })
}

/**
 * Inserts the items and lines of a computed run into `runId`: in batches, each sent as one JSON document that
 * PostgreSQL unpacks (jsonb_to_recordset) — far cheaper than tens of thousands of bind parameters.
 */
export async function insertPayments(
  trx: Transaction<Database>,
  runId: string,
  payments: readonly ComputedPayment[],
): Promise<void> {
  const BATCH = 2000
  for (let i = 0; i < payments.length; i += BATCH) {
    const batch = payments.slice(i, i + BATCH).map((p) => ({ p, id: randomUUID() }))
    const items = batch.map(({ p, id }) => ({
      id,
      end_to_end_id: id.replaceAll('-', ''),
      application_id: p.applicationId,
      case_reference: p.reference,
      payee_name: p.payee.name,
      payee_iban: p.payee.iban,
      payee_bic: p.payee.bic,
      payee_source: p.payee.source,
      payee_source_ref: p.payee.sourceRef,
      street: p.payee.address?.street ?? null,
      building_number: p.payee.address?.buildingNumber ?? null,
      postal_code: p.payee.address?.postalCode ?? null,
      town: p.payee.address?.town ?? null,
      country: p.payee.address?.country ?? null,
      amount_cents: p.cents,
      remittance: remittanceOf(p),
    }))
    await sql`
      insert into payment_item (id, run_id, end_to_end_id, application_id, case_reference, payee_name, payee_iban,
        payee_bic, payee_source, payee_source_ref, street, building_number, postal_code, town, country,
        amount_cents, remittance)
      select x.id, ${runId}::uuid, x.end_to_end_id, x.application_id, x.case_reference, x.payee_name,
        x.payee_iban, x.payee_bic, x.payee_source, x.payee_source_ref, x.street, x.building_number,
        x.postal_code, x.town, x.country, x.amount_cents, x.remittance
      from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(id uuid, end_to_end_id text,
        application_id uuid, case_reference text, payee_name text, payee_iban text, payee_bic text,
        payee_source text, payee_source_ref text, street text, building_number text, postal_code text,
        town text, country text, amount_cents bigint, remittance text)`.execute(trx)
    const lines = batch.flatMap(({ p, id }) =>
      p.lines.map((l) => ({
        item_id: id,
        application_id: p.applicationId,
        kind: l.kind,
        service_month: l.serviceMonth,
        amount_cents: l.cents,
        decision_id: l.decisionId,
        one_off_id: l.oneOffId,
        component: l.component,
        legal_basis: l.legalBasis,
        covered_from: l.from,
        covered_to: l.to,
        benefit_days: l.benefitDays,
        rule: l.rule,
        repays_item_id: l.repaysItemId,
        return_reason: l.returnReason,
      })),
    )
    await sql`
      insert into payment_line (item_id, application_id, kind, service_month, amount_cents, decision_id,
        one_off_id, component, legal_basis, covered_from, covered_to, benefit_days, rule, repays_item_id,
        return_reason)
      select x.item_id, x.application_id, x.kind, x.service_month, x.amount_cents, x.decision_id, x.one_off_id,
        x.component, x.legal_basis, x.covered_from, x.covered_to, x.benefit_days, x.rule, x.repays_item_id,
        x.return_reason
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as x(item_id uuid, application_id uuid,
        kind text, service_month text, amount_cents bigint, decision_id uuid, one_off_id uuid, component text,
        legal_basis text, covered_from date, covered_to date, benefit_days integer, rule text,
        repays_item_id uuid, return_reason text)`.execute(trx)
  }
}

/**
 * Computes and stores a preview run for `targetMonth`, audited as `payment.run_preview`.
 * @returns the new run's id
 * @throws PaymentRefusedError invalid_month, invalid_execution_date, no_approval_post, preview_exists, nothing_due
 */
export async function createPreview(
  db: Db,
  actor: Actor,
  input: { targetMonth: string; executionDate: string },
  at = new Date(),
): Promise<string> {
  const today = berlinDay(at)
  if (!isMonth(input.targetMonth) || input.targetMonth > addMonths(today.slice(0, 7), 2)) {
    throw new PaymentRefusedError('invalid_month')
  }
  const weekday = new Date(`${input.executionDate}T00:00:00Z`).getUTCDay()
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.executionDate) ||
    Number.isNaN(weekday) ||
    weekday === 0 ||
    weekday === 6 ||
    input.executionDate < today ||
    input.executionDate.slice(0, 7) > input.targetMonth
  ) {
    throw new PaymentRefusedError('invalid_execution_date')
  }
  const post = await repo.approvalPost(db, at)
  if (!post) {
    throw new PaymentRefusedError('no_approval_post')
  }
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('payment_run')
      .select('id')
      .where('status', '=', 'preview')
      .executeTakeFirst()
    if (existing) {
      throw new PaymentRefusedError('preview_exists')
    }
    const computed = await computeRun(trx, input.targetMonth, at)
    if (computed.payments.length === 0) {
      throw new PaymentRefusedError('nothing_due')
    }
    const sequence = (await repo.runCountFor(trx, input.targetMonth)) + 1
    const total = computed.payments.reduce((n, p) => n + p.cents, 0)
    const run = await trx
      .insertInto('payment_run')
      .values({
        reference: `ZL-${input.targetMonth}-${String(sequence).padStart(2, '0')}`,
        target_month: input.targetMonth,
        execution_date: input.executionDate,
        approval_post_id: post.id,
        created_by: actor.id,
        item_count: computed.payments.length,
        total_cents: total,
        held_count: computed.skipped.filter((s) => s.reason === 'held').length,
        skipped: JSON.stringify(computed.skipped),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // The partial unique index: another preview was stored at the same moment.
        if (error instanceof Error && 'code' in error && error.code === '23505') {
          throw new PaymentRefusedError('preview_exists', { cause: error })
        }
        throw error
      })
    await insertPayments(trx, run.id, computed.payments)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.run_preview',
      subject: { type: 'payment_run', id: run.id },
      requestId: actor.requestId ?? null,
      details: {
        targetMonth: input.targetMonth,
        items: computed.payments.length,
        totalCents: total,
        skipped: computed.skipped.length,
      },
    })
    return run.id
  })
}

async function loadRunRow(db: Db | Transaction<Database>, id: string) {
  if (!isUuid(id)) {
    throw new PaymentRefusedError('not_found')
  }
  const run = await repo.runById(db, id)
  if (!run) {
    throw new PaymentRefusedError('not_found')
  }
  return run
}

/** Who may release run `run` now: whoever acts for its approving post, if that is `actor`. */
export async function releaserFor(db: Db, actor: { id: string }, approvalPostId: string, at: Date) {
  const acting = await organisationService.whoActsFor(db, approvalPostId, at)
  return {
    acting: acting.kind === 'nobody' ? null : acting,
    isActor: acting.kind !== 'nobody' && acting.person.staffUserId === actor.id,
  }
}

/** The run with its payments and lines, for the preview and run pages; audited as `payment.run_view`. */
export async function loadRun(db: Db, actor: Actor, id: string, at = new Date()) {
  const run = await loadRunRow(db, id)
  const [items, lines, releaser] = await Promise.all([
    repo.itemsOfRun(db, run.id),
    repo.linesOfRun(db, run.id),
    releaserFor(db, actor, run.approval_post_id, at),
  ])
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.run_view',
      subject: { type: 'payment_run', id: run.id },
      requestId: actor.requestId ?? null,
      details: { items: items.length },
    }),
  )
  const linesOf = new Map<string, typeof lines>()
  for (const l of lines) {
    const list = linesOf.get(l.item_id) ?? []
    list.push(l)
    linesOf.set(l.item_id, list)
  }
  const byKind = { ongoing: 0, arrears: 0, difference: 0, one_off: 0, repayment: 0 }
  for (const l of lines) {
    byKind[l.kind] += l.amount_cents
  }
  return {
    run,
    items: items.map((i) => ({ ...i, lines: linesOf.get(i.id) ?? [] })),
    byKind,
    releaser,
    canRelease: run.status === 'preview' && releaser.isActor && run.created_by !== actor.id,
  }
}

export function listRuns(db: Db) {
  return repo.listRuns(db)
}

/** The file input of a run from its stored items and lines. */
async function fileInput(
  trx: Transaction<Database>,
  run: { id: string; reference: string; execution_date: string },
  debtor: Debtor,
  at: Date,
): Promise<RunFileInput> {
  const [items, lines] = await Promise.all([repo.itemsOfRun(trx, run.id), repo.linesOfRun(trx, run.id)])
  const months = new Map<string, Set<string>>()
  for (const l of lines) {
    const set = months.get(l.item_id) ?? new Set<string>()
    set.add(l.service_month)
    months.set(l.item_id, set)
  }
  return {
    messageId: `LOTSE-${run.reference}`,
    reference: run.reference,
    createdAt: at,
    executionDate: run.execution_date,
    debtor,
    transfers: items.map((i) => ({
      endToEndId: i.end_to_end_id,
      amountCents: i.amount_cents,
      payeeName: i.payee_name,
      iban: i.payee_iban,
      bic: i.payee_bic,
      address: i.town
        ? {
            street: i.street,
            buildingNumber: i.building_number,
            postalCode: i.postal_code,
            town: i.town,
            country: i.country,
          }
        : null,
      remittance: i.remittance,
      caseReference: i.case_reference,
      serviceMonths: [...(months.get(i.id) ?? [])].sort(),
    })),
  }
}

/**
 * Releases a preview (four eyes): the actor must act for the run's approving post and must not have computed
 * it. Writes the pain.001 file and the CSV into the run; audited as `payment.run_release`.
 * @throws PaymentRefusedError not_found, not_preview, self_release, not_acting_for_approval_post, invalid_file
 */
export async function releaseRun(db: Db, debtor: Debtor, actor: Actor, id: string, at = new Date()) {
  if (!isUuid(id)) {
    throw new PaymentRefusedError('not_found')
  }
  return db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('payment_run')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!run) {
      throw new PaymentRefusedError('not_found')
    }
    if (run.status !== 'preview') {
      throw new PaymentRefusedError('not_preview')
    }
    if (run.created_by === actor.id) {
      throw new PaymentRefusedError('self_release')
    }
    const acting = await organisationService.whoActsFor(db, run.approval_post_id, at)
    if (acting.kind === 'nobody' || acting.person.staffUserId !== actor.id) {
      throw new PaymentRefusedError('not_acting_for_approval_post')
    }
    const input = await fileInput(trx, run, debtor, at)
    let pain001: string
    let csv: string
    try {
      pain001 = buildPain001(input)
      csv = buildOrderCsv(input)
    } catch (error) {
      if (error instanceof PaymentFileError) {
        throw new PaymentRefusedError('invalid_file', { cause: error })
      }
      throw error
    }
    await trx
      .updateTable('payment_run')
      .set({
        status: 'released',
        released_by: actor.id,
        released_via_post_id: acting.actingPostId,
        released_acting_kind: acting.kind,
        released_at: at,
        message_id: input.messageId,
        pain001,
        pain001_sha256: createHash('sha256').update(pain001).digest(),
        order_csv: csv,
      })
      .where('id', '=', id)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.run_release',
      subject: { type: 'payment_run', id },
      requestId: actor.requestId ?? null,
      details: {
        targetMonth: run.target_month,
        items: run.item_count,
        totalCents: run.total_cents,
        actingFor: acting.kind === 'holder' ? undefined : run.approval_post_id,
      },
    })
  })
}

/**
 * Discards a preview (e.g. to compute it again after a decision changed); audited as `payment.run_discard`.
 * @throws PaymentRefusedError not_found, not_preview
 */
export async function discardPreview(db: Db, actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) {
    throw new PaymentRefusedError('not_found')
  }
  await db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('payment_run')
      .select(['status', 'target_month'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!run) {
      throw new PaymentRefusedError('not_found')
    }
    if (run.status !== 'preview') {
      throw new PaymentRefusedError('not_preview')
    }
    await trx.deleteFrom('payment_run').where('id', '=', id).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.run_discard',
      subject: { type: 'payment_run', id },
      requestId: actor.requestId ?? null,
      details: { targetMonth: run.target_month },
    })
  })
}

/**
 * A released run's file, audited as `payment.file_download`.
 * @throws PaymentRefusedError not_found, not_released
 */
export async function runFile(db: Db, actor: Actor, id: string, kind: 'pain001' | 'csv') {
  const run = await loadRunRow(db, id)
  if (run.status !== 'released' || !run.pain001 || !run.order_csv) {
    throw new PaymentRefusedError('not_released')
  }
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'payment.file_download',
      subject: { type: 'payment_run', id },
      requestId: actor.requestId ?? null,
      details: { kind },
    }),
  )
  return {
    reference: run.reference,
    body: kind === 'pain001' ? run.pain001 : run.order_csv,
  }
}

/**
 * The files a run for `targetMonth` would produce now, computed but not stored (a dry run: nothing is written
 * and nothing is released). For `npm run demo:payment-run`, so that anyone can inspect a real file.
 * @throws PaymentRefusedError invalid_month, nothing_due; PaymentFileError for an invalid account
 */
export async function dryRunFiles(db: Db, debtor: Debtor, targetMonth: string, at = new Date()) {
  if (!isMonth(targetMonth)) {
    throw new PaymentRefusedError('invalid_month')
  }
  const computed = await computeRun(db, targetMonth, at)
  if (computed.payments.length === 0) {
    throw new PaymentRefusedError('nothing_due')
  }
  const reference = `ZL-${targetMonth}-PROBE`
  const input: RunFileInput = {
    messageId: `LOTSE-${reference}`,
    reference,
    createdAt: at,
    executionDate: defaultExecutionDate(targetMonth, berlinDay(at)),
    debtor,
    transfers: computed.payments.map((p) => {
      const id = randomUUID().replaceAll('-', '')
      return {
        endToEndId: id,
        amountCents: p.cents,
        payeeName: p.payee.name,
        iban: p.payee.iban,
        bic: p.payee.bic,
        address: p.payee.address,
        remittance: remittanceOf(p),
        caseReference: p.reference,
        serviceMonths: [...new Set(p.lines.map((l) => l.serviceMonth))].sort(),
      }
    }),
  }
  return { computed, reference, pain001: buildPain001(input), csv: buildOrderCsv(input) }
}
