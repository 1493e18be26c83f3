// SPDX-License-Identifier: EUPL-1.2
import type { Generated, Selectable } from 'kysely'

/** When a task of a plan is due, counted from the first day on the post. */
export type OnboardingPeriod = 'week1' | 'week2' | 'week3' | 'month2' | 'month3'

/** A plan template for newcomers of a staff role. No personal data. */
export interface OnboardingTemplateTable {
  id: Generated<string>
  key: string
  title: string
  /** Staff role of the newcomers it applies to, e.g. `caseworker`. */
  role: string
  /** The post whose holder mentors newcomers (null: the head of the newcomer's unit). */
  mentor_post_id: string | null
  /** Days from the first day until the newcomer handles cases alone. */
  solo_after_days: number
  /** Applies to post holdings starting on or after this date ('YYYY-MM-DD'). */
  valid_from: string
  created_at: Generated<Date>
}

export interface OnboardingTemplateTaskTable {
  id: Generated<string>
  template_id: string
  position: number
  period: OnboardingPeriod
  title: string
  description: Generated<string>
  /** Knowledge entry to read (slug), if any. */
  knowledge_slug: string | null
  /** Process standard to learn (key), if any. */
  standard_key: string | null
}

/** One person's plan, started by a post holding. Personal data of staff; deleted a year after completion. */
export interface OnboardingPlanTable {
  id: Generated<string>
  template_id: string
  post_holding_id: string
  person_id: string
  post_id: string
  mentor_post_id: string | null
  started_on: string
  solo_on: string
  completed_at: Date | null
  created_at: Generated<Date>
}

export interface OnboardingPlanTaskTable {
  id: Generated<string>
  plan_id: string
  template_task_id: string
  position: number
  period: OnboardingPeriod
  title: string
  knowledge_slug: string | null
  standard_key: string | null
  due_on: string
  done_at: Date | null
  done_by: string | null
  confirmed_at: Date | null
  confirmed_by: string | null
}

export type OnboardingPlanRow = Selectable<OnboardingPlanTable>
export type OnboardingPlanTaskRow = Selectable<OnboardingPlanTaskTable>
