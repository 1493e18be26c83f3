// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { berlinDay } from '../modules/organisation/index.js'
import { addMonths, daysInMonth } from '../modules/payments/money-rules.js'

/** Marks the synthetic decisions this demo writes (and makes the loader idempotent). */
export const PAYMENTS_DEMO_REASONS = 'Synthetischer Demo-Bescheid für Zahlläufe.'

/** How many demo cases get decisions with amounts. */
const DEMO_CASES = 12

/** Regelbedarfsstufe 1 as used by the demo (synthetic value). */
const REGELBEDARF_CENTS = 56_300

function cents(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0
}

/**
 * Gives the twelve oldest demo cases in review (or already decided) final decisions with amounts, so that a
 * payment run has something to pay; cases in review become decided. Regelbedarf plus the housing costs from
 * the application, a twelve-month benefit period from the first of this month (every fifth case from the
 * first of last month: arrears; every seventh from the 16th: a prorated month); one case gets a change
 * decision raising the amount, one a one-off grant, one a payment suspension. Synthetic data only; does
 * nothing once it has run.
 * @returns how many decisions it wrote
 */
export async function loadPaymentsDemo(db: Db, logger: Logger, now = new Date()): Promise<number> {
  const done = await db
    .selectFrom('decision')
    .select('id')
    .where('reasons', '=', PAYMENTS_DEMO_REASONS)
    .limit(1)
    .executeTakeFirst()
  const caseworker = await db
    .selectFrom('staff_user')
    .select('id')
    .where('username', '=', 'sachbearbeitung')
    .executeTakeFirst()
  if (done || !caseworker) {
    return 0
  }
  const thisMonth = berlinDay(now).slice(0, 7)
  const cases = await db
    .selectFrom('application')
    .select(['id', 'answers', 'status'])
    .where('status', 'in', ['in_review', 'decided', 'objection'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('decision')
            .select('decision.id')
            .whereRef('decision.application_id', '=', 'application.id')
            .where('decision.status', '=', 'final'),
        ),
      ),
    )
    .orderBy('submitted_at')
    .limit(DEMO_CASES)
    .execute()
  const last = addMonths(thisMonth, 11)
  const periodTo = `${last}-${String(daysInMonth(last)).padStart(2, '0')}`
  const decidedAt = new Date(now.getTime() - 20 * 86_400_000)
  let written = 0
  for (const [index, app] of cases.entries()) {
    const periodFrom =
      index % 7 === 3
        ? `${thisMonth}-16`
        : index % 5 === 1
          ? `${addMonths(thisMonth, -1)}-01`
          : `${thisMonth}-01`
    if (app.status === 'in_review') {
      // The oldest cases in review were decided three weeks ago (synthetic).
      await db
        .updateTable('application')
        .set({ status: 'decided', status_changed_at: decidedAt, benefit_period_end: periodTo })
        .where('id', '=', app.id)
        .execute()
      await db
        .insertInto('application_status_change')
        .values({
          application_id: app.id,
          from_status: 'in_review',
          to_status: 'decided',
          changed_by: caseworker.id,
          changed_at: decidedAt,
        })
        .execute()
    }
    const housing = (app.answers.housing ?? {}) as Record<string, unknown>
    const kdu = cents(housing.rent) + cents(housing.serviceCharges) + cents(housing.heatingCosts)
    const components = [
      { label: 'Regelbedarf (Regelbedarfsstufe 1)', cents: REGELBEDARF_CENTS },
      ...(kdu > 0 ? [{ label: 'Kosten der Unterkunft und Heizung', cents: kdu }] : []),
    ]
    const decision = await db
      .insertInto('decision')
      .values({
        application_id: app.id,
        kind: 'initial',
        outcome: 'granted',
        monthly_amount_cents: components.reduce((n, c) => n + c.cents, 0),
        components: JSON.stringify(components),
        period_from: periodFrom,
        period_to: periodTo,
        legal_basis: '§§ 41 ff. SGB XII',
        reasons: PAYMENTS_DEMO_REASONS,
        status: 'final',
        decided_by: caseworker.id,
        decided_at: decidedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    written++
    if (index === 2) {
      // A change decision: a higher rent from next month.
      const raised = components.map((c, i) => (i === 1 ? { ...c, cents: c.cents + 4_500 } : c))
      await db
        .insertInto('decision')
        .values({
          application_id: app.id,
          kind: 'initial',
          outcome: 'granted',
          monthly_amount_cents: raised.reduce((n, c) => n + c.cents, 0),
          components: JSON.stringify(raised),
          period_from: `${addMonths(thisMonth, 1)}-01`,
          period_to: periodTo,
          legal_basis: '§§ 41 ff. SGB XII; § 48 SGB X',
          reasons: PAYMENTS_DEMO_REASONS,
          status: 'final',
          decided_by: caseworker.id,
          decided_at: new Date(now.getTime() - 2 * 86_400_000),
        })
        .execute()
      written++
    }
    if (index === 4) {
      await db
        .insertInto('payment_one_off')
        .values({
          application_id: app.id,
          decision_id: decision.id,
          label: 'Erstausstattung der Wohnung',
          amount_cents: 85_000,
          due_on: `${thisMonth}-15`,
          legal_basis: '§ 31 Abs. 1 Nr. 1 SGB XII',
          created_by: caseworker.id,
        })
        .execute()
    }
    if (index === 6) {
      await db
        .insertInto('payment_suspension')
        .values({
          application_id: app.id,
          valid_from: `${thisMonth}-01`,
          valid_to: null,
          reason: 'Post kam als unzustellbar zurück; Aufenthalt wird geklärt.',
          created_by: caseworker.id,
        })
        .execute()
    }
  }
  logger.info({ decisions: written }, 'demo decisions with amounts created for payment runs')
  return written
}
