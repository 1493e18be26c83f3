// SPDX-License-Identifier: EUPL-1.2
/**
 * Onboarding plans as plain data — pure: when a task is due, which period a newcomer is in, and whether a
 * plan is on track, overdue or completed.
 * @module
 */
import type { OnboardingPeriod } from './onboarding.table.js'

const DAY_MS = 86_400_000

/** The periods in order, each with the day (counted from the first day on the post) by which it is done. */
export const PERIODS: ReadonlyArray<{ period: OnboardingPeriod; days: number }> = [
  { period: 'week1', days: 7 },
  { period: 'week2', days: 14 },
  { period: 'week3', days: 21 },
  { period: 'month2', days: 60 },
  { period: 'month3', days: 90 },
]

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS,
  )
}

/**
 * The last day of a period: the first day on the post plus the period's days, minus one.
 * @example taskDueOn('2026-12-01', 'week1') // '2026-12-07'
 */
export function taskDueOn(startedOn: string, period: OnboardingPeriod): string {
  const days = PERIODS.find((p) => p.period === period)?.days ?? 7
  return addDays(startedOn, days - 1)
}

/** The period `today` falls in (the last one once the plan's time is over). */
export function currentPeriod(startedOn: string, today: string): OnboardingPeriod {
  const day = daysBetween(startedOn, today)
  return PERIODS.find((p) => day < p.days)?.period ?? 'month3'
}

export interface TaskFact {
  dueOn: string
  doneAt: Date | null
  confirmedAt: Date | null
}

export type PlanState = 'completed' | 'overdue' | 'on_track'

/** Completed when every task is confirmed; overdue when a task not done is past its due date. */
export function planState(tasks: readonly TaskFact[], today: string): PlanState {
  if (tasks.length > 0 && tasks.every((t) => t.confirmedAt !== null)) {
    return 'completed'
  }
  return tasks.some((t) => t.doneAt === null && t.dueOn < today) ? 'overdue' : 'on_track'
}

/** A task not done whose due date has passed. */
export function isOverdue(task: TaskFact, today: string): boolean {
  return task.doneAt === null && task.dueOn < today
}
