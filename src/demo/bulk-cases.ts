// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { type PriorityRules, priorityClassOf } from '../modules/cases/priority-rules.js'
import { rulesInForce } from '../modules/cases/urgency.service.js'
import { BENEFIT_MIX } from './case-mix.js'

/**
 * Millions of synthetic cases in seconds, written by PostgreSQL itself (`generate_series`), for the inbox
 * benchmark (bench/inbox.bench.ts). Unlike the demo generator (generator.ts) the people are placeholders
 * ("Testfall 123") and the answers a small fixed document; what is realistic is what the inbox reads:
 *
 * - cases spread evenly over the given posts;
 * - a mix of benefit types (livelihood, other statutory, voluntary) → all three priority classes;
 * - a mix of statuses as an office has them after some years: most cases closed or decided, a share open;
 * - dates that make the deadlines vary: open applications from the last ten months (some past the § 88 SGG
 *   six months), decided ones whose benefit period ends soon or later, objections of the last months;
 * - priority_class and next_deadline_* computed exactly as `urgencyOf` (priority-rules.ts) does for those
 *   facts (no document requests are generated, so `documents_overdue` never applies). The test compares
 *   them row by row.
 *
 * Not for production databases: the rows carry no status history or documents.
 * @module
 */

/** Benefit types with their share of cases (the demo generator's); the class comes from the rules in force. */
export const BULK_BENEFIT_MIX = BENEFIT_MIX

/** Statuses with their share (per mille). */
export const BULK_STATUS_MIX: ReadonlyArray<readonly [string, number]> = [
  ['closed', 550],
  ['decided', 250],
  ['submitted', 40],
  ['in_review', 80],
  ['documents_requested', 40],
  ['ready_for_decision', 20],
  ['objection', 20],
]

export interface BulkCaseOptions {
  count: number
  /** Posts the cases are spread over (evenly, at random). */
  postIds: readonly string[]
  /** Same seed, same distribution (PostgreSQL's `setseed`). */
  seed: number
  /** The moment the data is generated "at". */
  now: Date
  /** Rows per INSERT statement (default 250 000). */
  batchSize?: number
}

/** `[values, cumulative upper bounds in 0..1)` for a weighted pick in SQL. */
function cumulative(mix: ReadonlyArray<readonly [string, number]>): { values: string[]; bounds: number[] } {
  const total = mix.reduce((n, [, w]) => n + w, 0)
  let sum = 0
  return {
    values: mix.map(([v]) => v),
    bounds: mix.map(([, w]) => {
      sum += w
      return sum / total
    }),
  }
}

function classes(rules: PriorityRules): number[] {
  return BULK_BENEFIT_MIX.map(([type]) => priorityClassOf(type, rules))
}

/**
 * Inserts `count` cases in batches, each its own transaction, with the urgency of the rules in force at
 * `now`. Reference numbers come from `application_reference_seq`, so they never collide with real ones.
 * @returns how many cases were inserted
 */
export async function insertBulkCases(db: Db, options: BulkCaseOptions): Promise<number> {
  if (options.postIds.length === 0) {
    throw new RangeError('insertBulkCases needs at least one post')
  }
  const { id: configId, rules } = await rulesInForce(db, options.now)
  const benefit = cumulative(BULK_BENEFIT_MIX)
  const status = cumulative(BULK_STATUS_MIX)
  const classOf = classes(rules)
  const batchSize = options.batchSize ?? 250_000
  const now = options.now.toISOString()
  let done = 0
  let batchNo = 0
  while (done < options.count) {
    const n = Math.min(batchSize, options.count - done)
    // One seed per batch keeps batches independent of the batch size's effect on earlier batches.
    const seed = ((options.seed * 7919 + batchNo) % 2_000_003) / 2_000_003
    await db.transaction().execute(async (trx) => {
      // Month arithmetic in UTC, as urgencyOf does it.
      await sql`set local timezone = 'UTC'`.execute(trx)
      await sql`select setseed(${seed}::float8)`.execute(trx)
      await sql`
        with r as (
          select i, random() as rp, random() as rb, random() as rs, random() as rt, random() as ru,
            random() as rn
          from generate_series(1, ${n}::int) as i
        ),
        picked as (
          select r.*,
            (${options.postIds as string[]}::uuid[])[1 + floor(rp * ${options.postIds.length}::int)::int] as post_id,
            (select k from unnest(${benefit.bounds}::float8[]) with ordinality as b(bound, k)
              where rb < bound order by k limit 1) as bk,
            (select k from unnest(${status.bounds}::float8[]) with ordinality as s(bound, k)
              where rs < bound order by k limit 1) as sk
          from r
        ),
        typed as (
          select p.*,
            (${benefit.values}::text[])[bk] as benefit_type,
            (${classOf}::smallint[])[bk] as priority_class,
            (${status.values}::text[])[sk] as status
          from picked p
        ),
        dated as (
          select t.*,
            date_trunc('milliseconds', ${now}::timestamptz - case
              -- open applications: the last ten months, so some are past the six months of § 88 SGG
              when status in ('submitted', 'in_review', 'documents_requested', 'ready_for_decision')
                then rt * interval '300 days'
              -- decided: one to twenty months ago; objections: two to eight months ago
              when status = 'decided' then interval '20 days' + rt * interval '580 days'
              when status = 'objection' then interval '60 days' + rt * interval '180 days'
              else interval '60 days' + rt * interval '1700 days'
            end) as submitted_at
          from typed t
        ),
        facts as (
          select d.*,
            case when status = 'objection'
              then date_trunc('milliseconds', submitted_at + interval '30 days' + ru * interval '25 days')
            end as objection_received_at,
            case when status in ('decided', 'objection', 'closed')
              then (submitted_at + interval '30 days' + interval '12 months' * (1 + floor(ru * 2)))::date
            end as benefit_period_end
          from dated d
        )
        insert into application (reference, benefit_type, status, applicant_surname, applicant_given_name,
          applicant_birth_date, answers, access_code_hash, assigned_post_id, submitted_at, status_changed_at,
          surname_key, priority_class, next_deadline_at, next_deadline_kind, objection_received_at,
          benefit_period_end, urgency_config_id)
        select 'BULK-' || lpad(nextval('application_reference_seq')::text, 9, '0'), benefit_type, status,
          'Testfall ' || i, 'Bulk', date '1950-01-01' + floor(rn * 20000)::int,
          jsonb_build_object('person', jsonb_build_object('surname', 'Testfall ' || i, 'givenName', 'Bulk',
            'city', 'Lübeck'), 'synthetic', true),
          decode(md5(i::text), 'hex'), post_id, submitted_at,
          coalesce(objection_received_at, submitted_at), 'TESTFALL ' || i, priority_class,
          case
            when status in ('submitted', 'in_review', 'documents_requested', 'ready_for_decision')
              then submitted_at + ${rules.undecidedAfterMonths}::int * interval '1 month'
            when status = 'objection'
              then objection_received_at + ${rules.objectionAfterMonths}::int * interval '1 month'
            when status = 'decided'
              then benefit_period_end::timestamp at time zone 'UTC'
                - ${rules.periodEndingWithinWeeks * 7}::int * interval '1 day'
          end,
          case
            when status in ('submitted', 'in_review', 'documents_requested', 'ready_for_decision') then 'undecided'
            when status = 'objection' then 'objection'
            when status = 'decided' then 'period_ending'
          end,
          objection_received_at, benefit_period_end, ${configId}::uuid
        from facts`.execute(trx)
    })
    done += n
    batchNo += 1
  }
  return done
}
