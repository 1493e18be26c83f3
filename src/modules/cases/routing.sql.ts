// SPDX-License-Identifier: EUPL-1.2
/**
 * The routing of `routing.ts` (`routeCase`) as SQL, for the submission statement
 * (applications.repository.ts `insertSubmission`), which must stay one atomic statement. `routing.test.ts`
 * holds this SQL to the TypeScript reference on generated surnames, with office-wide and team rules.
 * @module
 */
import { sql } from 'kysely'

/** What a new case is routed by. */
export interface RoutingFacts {
  at: Date
  benefitType: string
  /** routing.surnameKey(surname) */
  surnameKey: string
}

/** One stage's match conditions on `routing_rule` aliased `r` (in force at `at`, benefit type, letters). */
function matches(f: RoutingFacts) {
  return sql`r.valid_from <= ${f.at} and (r.valid_to is null or r.valid_to > ${f.at})
    and (r.benefit_type is null or r.benefit_type = ${f.benefitType})
    and (r.surname_from is null or ${f.surnameKey}::text collate "C" >= r.surname_from collate "C")
    and (r.surname_to is null or left(${f.surnameKey}::text, length(r.surname_to)) collate "C" <= r.surname_to collate "C")`
}

/**
 * CTEs (to follow `with`) ending in `rule`: exactly one row (id, target_post_id, queue_unit_id), all null
 * when no office-wide rule matched (global fallback queue). Read it with scalar subqueries.
 * @example sql`with ${routingCtes(facts)}, app as (insert … values (…, (select target_post_id from rule), …))`
 */
export function routingCtes(f: RoutingFacts) {
  return sql`office_rule as (
      select r.id, r.target_post_id, r.target_unit_id from routing_rule r
      where r.within_unit_id is null and ${matches(f)}
      order by r.position
      limit 1
    ), team_rule as (
      select r.id, r.target_post_id from routing_rule r
      where r.within_unit_id = (select target_unit_id from office_rule) and ${matches(f)}
      order by r.position
      limit 1
    ), rule as (
      select coalesce((select id from team_rule), (select id from office_rule)) as id,
        coalesce((select target_post_id from team_rule), (select target_post_id from office_rule)) as target_post_id,
        case when exists (select 1 from team_rule) then null else (select target_unit_id from office_rule) end
          as queue_unit_id
    )`
}
