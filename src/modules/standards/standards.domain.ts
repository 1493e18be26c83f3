// SPDX-License-Identifier: EUPL-1.2
/**
 * Process standards as plain data, and the pure rules over them: which version is in force at an instant, and
 * how two versions differ. Nothing here touches the database.
 * @module
 */
import { type Change, diffArrays, diffWords } from 'diff'
import { todayIso } from '../../shared/dates.js'
import type { StandardVersionStatus } from './standards.table.js'

/** A paragraph of a law, e.g. `{ paragraph: '§ 41', law: 'SGB XII', url: 'https://www.gesetze-im-internet.de/sgb_12/__41.html' }`. */
export interface LegalReference {
  paragraph: string
  law: string
  url?: string
}

/** One item of a step's checklist. */
export interface ChecklistItem {
  text: string
  /** A mandatory item blocks the decision until done or waived with a reason. */
  mandatory: boolean
  /** Ticking the item needs evidence in the case file. */
  evidenceRequired: boolean
}

/** One ordered step of a standard version. */
export interface StandardStep {
  key: string
  title: string
  description?: string
  /** Deadline of the step in calendar days from the start of the case. */
  deadlineDays: number
  legalReferences?: LegalReference[]
  /** Keys of the letter templates the step may use. */
  letterTemplates?: string[]
  items: ChecklistItem[]
}

/** What versionInForce needs of a version. */
export interface DatedVersion {
  version: number
  status: StandardVersionStatus
  /** Calendar date (Europe/Berlin, `YYYY-MM-DD`) from which a published version is in force. */
  validFrom: string | null
}

/**
 * The version of a standard in force at `at`: among the published versions whose valid-from date (a Berlin
 * calendar date) is on or before the Berlin date of `at`, the one with the latest valid-from date; on equal
 * dates the higher version number. Drafts and approved but unpublished versions never count.
 * A case follows the version in force when it started: `versionInForce(standard, case.startedAt)`.
 * @returns the version, or undefined when none is in force yet
 * @example versionInForce({ versions }, new Date('2026-12-01T10:00:00Z'))?.version
 */
export function versionInForce<V extends DatedVersion>(
  standard: { versions: readonly V[] },
  at: Date,
): V | undefined {
  const day = todayIso(at)
  let best: V | undefined
  for (const v of standard.versions) {
    if (v.status !== 'published' || v.validFrom === null || v.validFrom > day) {
      continue
    }
    if (
      best === undefined ||
      (best.validFrom ?? '') < v.validFrom ||
      (best.validFrom === v.validFrom && best.version < v.version)
    ) {
      best = v
    }
  }
  return best
}

/** How a step or item differs between the old and the new version. */
export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged'

/** A text as word-level changes: parts with `removed` show only on the old side, `added` only on the new. */
export type TextDiff = Change[]

export interface ItemDiff {
  status: DiffStatus
  old: ChecklistItem | undefined
  new: ChecklistItem | undefined
  text: TextDiff
}

export interface ListDiff {
  value: string
  status: 'added' | 'removed' | 'unchanged'
}

export interface StepDiff {
  key: string
  status: DiffStatus
  old: StandardStep | undefined
  new: StandardStep | undefined
  title: TextDiff
  description: TextDiff
  deadlineChanged: boolean
  legalReferences: ListDiff[]
  letterTemplates: ListDiff[]
  items: ItemDiff[]
}

/** `§ 41 SGB XII`. */
export function formatLegalReference(ref: LegalReference): string {
  return `${ref.paragraph} ${ref.law}`
}

function textDiff(a: string | undefined, b: string | undefined): TextDiff {
  return diffWords(a ?? '', b ?? '')
}

function listDiff(a: readonly string[], b: readonly string[]): ListDiff[] {
  const out: ListDiff[] = []
  for (const part of diffArrays([...a], [...b])) {
    const status = part.added ? 'added' : part.removed ? 'removed' : 'unchanged'
    for (const value of part.value) {
      out.push({ value, status })
    }
  }
  return out
}

function sameFlags(a: ChecklistItem, b: ChecklistItem): boolean {
  return a.mandatory === b.mandatory && a.evidenceRequired === b.evidenceRequired
}

/**
 * Items matched by their text; a run of removed items followed by a run of added ones is paired up in order
 * as changed items (reworded), the rest stay removed or added.
 */
function itemDiffs(a: readonly ChecklistItem[], b: readonly ChecklistItem[]): ItemDiff[] {
  const out: ItemDiff[] = []
  const parts = diffArrays([...a], [...b], { comparator: (x, y) => x.text === y.text })
  // Positions on both sides, so that items are always read from their own version (not from the diff's copy).
  let ai = 0
  let bi = 0
  const push = (oldItem: ChecklistItem | undefined, newItem: ChecklistItem | undefined) => {
    const status: DiffStatus =
      oldItem && newItem
        ? oldItem.text === newItem.text && sameFlags(oldItem, newItem)
          ? 'unchanged'
          : 'changed'
        : oldItem
          ? 'removed'
          : 'added'
    out.push({ status, old: oldItem, new: newItem, text: textDiff(oldItem?.text, newItem?.text) })
  }
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (!part) {
      continue
    }
    const count = part.value.length
    if (!part.added && !part.removed) {
      for (let j = 0; j < count; j++) {
        push(a[ai + j], b[bi + j])
      }
      ai += count
      bi += count
      continue
    }
    const next = parts[i + 1]
    if ((part.removed && next?.added) || (part.added && next?.removed)) {
      const removedCount = part.removed ? count : next.value.length
      const addedCount = part.added ? count : next.value.length
      for (let j = 0; j < Math.max(removedCount, addedCount); j++) {
        push(j < removedCount ? a[ai + j] : undefined, j < addedCount ? b[bi + j] : undefined)
      }
      ai += removedCount
      bi += addedCount
      i += 1
      continue
    }
    for (let j = 0; j < count; j++) {
      if (part.removed) {
        push(a[ai + j], undefined)
      } else {
        push(undefined, b[bi + j])
      }
    }
    if (part.removed) {
      ai += count
    } else {
      bi += count
    }
  }
  return out
}

function stepDiff(key: string, a: StandardStep | undefined, b: StandardStep | undefined): StepDiff {
  const items = itemDiffs(a?.items ?? [], b?.items ?? [])
  const legalReferences = listDiff(
    (a?.legalReferences ?? []).map(formatLegalReference),
    (b?.legalReferences ?? []).map(formatLegalReference),
  )
  const letterTemplates = listDiff(a?.letterTemplates ?? [], b?.letterTemplates ?? [])
  const deadlineChanged = a !== undefined && b !== undefined && a.deadlineDays !== b.deadlineDays
  const changed =
    a?.title !== b?.title ||
    (a?.description ?? '') !== (b?.description ?? '') ||
    deadlineChanged ||
    legalReferences.some((r) => r.status !== 'unchanged') ||
    letterTemplates.some((r) => r.status !== 'unchanged') ||
    items.some((i) => i.status !== 'unchanged')
  return {
    key,
    status: a === undefined ? 'added' : b === undefined ? 'removed' : changed ? 'changed' : 'unchanged',
    old: a,
    new: b,
    title: textDiff(a?.title, b?.title),
    description: textDiff(a?.description, b?.description),
    deadlineChanged,
    legalReferences,
    letterTemplates,
    items,
  }
}

/**
 * Compares two versions' steps, matched by step key, in the new version's order with removed steps placed
 * after the step that preceded them in the old version.
 */
export function diffSteps(oldSteps: readonly StandardStep[], newSteps: readonly StandardStep[]): StepDiff[] {
  const oldByKey = new Map(oldSteps.map((s) => [s.key, s]))
  const newKeys = new Set(newSteps.map((s) => s.key))
  const out: StepDiff[] = newSteps.map((s) => stepDiff(s.key, oldByKey.get(s.key), s))
  oldSteps.forEach((s, index) => {
    if (newKeys.has(s.key)) {
      return
    }
    const before = oldSteps[index - 1]?.key
    const at = before === undefined ? 0 : out.findIndex((d) => d.key === before) + 1
    out.splice(at, 0, stepDiff(s.key, s, undefined))
  })
  return out
}
