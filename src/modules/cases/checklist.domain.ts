// SPDX-License-Identifier: EUPL-1.2
/**
 * A case's checklist as plain data — pure. The steps come from the pinned process standard version, the
 * marks from the case; this module answers which items are open, when each step is due (calendar days from
 * the start of the case), which steps are overdue and which mandatory items still block the decision.
 * @module
 */
import { todayIso } from '../../shared/dates.js'
import type { StandardStep } from '../standards/index.js'
import type { ChecklistMarkState } from './checklist.table.js'

const DAY_MS = 86_400_000

/** The state of one mark as the domain needs it. */
export interface MarkFact {
  stepKey: string
  itemIndex: number
  state: ChecklistMarkState
  reason: string | null
  by: string | null
  at: Date
}

export interface ItemView {
  stepKey: string
  index: number
  text: string
  mandatory: boolean
  evidenceRequired: boolean
  state: 'open' | ChecklistMarkState
  reason: string | null
  by: string | null
  at: Date | null
}

export interface StepView {
  key: string
  title: string
  description: string | undefined
  /** 'YYYY-MM-DD' (Europe/Berlin): the Berlin date of the start plus the step's deadline days. */
  dueOn: string
  /** Every item is done or waived. */
  complete: boolean
  /** Not complete and its due date has passed. */
  overdue: boolean
  items: ItemView[]
}

/**
 * The due date of a step: the Berlin calendar date of the case start plus `deadlineDays` days.
 * @example stepDueOn(new Date('2026-12-01T09:00:00Z'), 3) // '2026-12-04'
 */
export function stepDueOn(startedAt: Date, deadlineDays: number): string {
  const start = new Date(`${todayIso(startedAt)}T00:00:00Z`)
  return new Date(start.getTime() + deadlineDays * DAY_MS).toISOString().slice(0, 10)
}

/** The steps of a version with the case's marks applied, in the version's order. */
export function checklistView(
  steps: readonly StandardStep[],
  marks: readonly MarkFact[],
  startedAt: Date,
  now: Date,
): StepView[] {
  const today = todayIso(now)
  const byItem = new Map(marks.map((m) => [`${m.stepKey}\u0000${m.itemIndex}`, m]))
  return steps.map((step) => {
    const items: ItemView[] = step.items.map((item, index) => {
      const mark = byItem.get(`${step.key}\u0000${index}`)
      return {
        stepKey: step.key,
        index,
        text: item.text,
        mandatory: item.mandatory,
        evidenceRequired: item.evidenceRequired,
        state: mark?.state ?? 'open',
        reason: mark?.reason ?? null,
        by: mark?.by ?? null,
        at: mark?.at ?? null,
      }
    })
    const dueOn = stepDueOn(startedAt, step.deadlineDays)
    const complete = items.every((i) => i.state !== 'open')
    return {
      key: step.key,
      title: step.title,
      description: step.description,
      dueOn,
      complete,
      overdue: !complete && dueOn < today,
      items,
    }
  })
}

/** Mandatory items neither done nor waived: they block the decision. */
export function openMandatoryItems(view: readonly StepView[]): ItemView[] {
  return view.flatMap((s) => s.items.filter((i) => i.mandatory && i.state === 'open'))
}

/** Due dates of the steps not yet complete, earliest first (what the case's urgency reads). */
export function openStepDueDates(view: readonly StepView[]): string[] {
  return view
    .filter((s) => !s.complete)
    .map((s) => s.dueOn)
    .sort()
}

/**
 * Carries marks over to another version when adopting it: a mark moves to the item with the same text in
 * the step with the same key; marks of items that no longer exist (or were reworded) are dropped, so the
 * caseworker checks the new wording.
 */
export function carryOverMarks<M extends { stepKey: string; itemIndex: number }>(
  oldSteps: readonly StandardStep[],
  newSteps: readonly StandardStep[],
  marks: readonly M[],
): M[] {
  const out: M[] = []
  for (const mark of marks) {
    const text = oldSteps.find((s) => s.key === mark.stepKey)?.items[mark.itemIndex]?.text
    const target = newSteps.find((s) => s.key === mark.stepKey)
    const index = target?.items.findIndex((i) => i.text === text) ?? -1
    if (text !== undefined && index >= 0) {
      out.push({ ...mark, itemIndex: index })
    }
  }
  return out
}
