// SPDX-License-Identifier: EUPL-1.2
/**
 * Monthly snapshots of the key figures. A snapshot is written once and never changed (a trigger refuses
 * it); a correction is a new snapshot of the same month with a higher sequence and a note. Reports read
 * snapshots only, so that a figure once reported stays what it was.
 * @module
 */
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import { todayIso } from '../../shared/dates.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import { organisationService } from '../organisation/index.js'
import {
  addMonths,
  computeMonthFigures,
  type MonthFigures,
  monthStart,
  type ReportSettings,
} from './key-figures.js'
import { loadOccupancyFigures } from './occupancy-figures.js'
import { ReportRefusedError } from './reports.errors.js'
import * as repo from './reports.repository.js'
import type { ReportSnapshotRow } from './reports.table.js'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

const ThresholdSchema = z.object({ yellow: z.number(), red: z.number() })
const SettingsSchema = z.object({
  population: z.record(z.string().regex(/^\d{4}$/), z.number().int().positive()),
  deadlineMonths: z.number().int().min(1).max(24),
  thresholds: z.object({
    processingDaysMedian: ThresholdSchema,
    overDeadlineShare: ThresholdSchema,
    casesPerFteOverNorm: ThresholdSchema,
    presenceRate: ThresholdSchema,
  }),
})

/** A stored snapshot with its figures parsed. */
export interface Snapshot {
  id: string
  month: string
  sequence: number
  note: string | null
  createdAt: Date
  figures: MonthFigures
}

export function toSnapshot(row: ReportSnapshotRow): Snapshot {
  return {
    id: row.id,
    month: row.month,
    sequence: row.sequence,
    note: row.note,
    createdAt: row.created_at,
    figures: row.figures as MonthFigures,
  }
}

/** Snapshots by id, in month order. */
export async function snapshotsByIdsParsed(db: Db, ids: string[]): Promise<Snapshot[]> {
  const rows = await repo.snapshotsByIds(db, ids)
  return rows.map(toSnapshot).sort((a, b) => a.month.localeCompare(b.month))
}

/** True for `YYYY-MM`. */
export function isMonth(value: string): boolean {
  return MONTH.test(value)
}

/** The settings in force at `at`. */
export async function loadSettings(db: Db, at: Date): Promise<ReportSettings> {
  const row = await repo.settingsAt(db, at)
  return SettingsSchema.parse(row?.settings ?? null)
}

/**
 * Computes the figures of several months from one load of the facts (pure computation per month).
 * @param months `YYYY-MM`, each complete (before the current month) or the current one
 */
export async function computeMonths(
  db: Db,
  months: string[],
  norm: { min: number; max: number },
): Promise<MonthFigures[]> {
  if (months.length === 0) {
    return []
  }
  const last = [...months].sort().at(-1) as string
  const end = monthStart(addMonths(last, 1))
  const [facts, complaints, settings] = await Promise.all([
    repo.loadCaseFacts(db, end),
    repo.loadComplaintFacts(db, end),
    loadSettings(db, end),
  ])
  const out: MonthFigures[] = []
  for (const month of months) {
    const [orgStart, orgEnd] = await Promise.all([
      organisationService.loadOrganisationAt(db, monthStart(month)),
      organisationService.loadOrganisationAt(db, monthStart(addMonths(month, 1))),
    ])
    out.push({
      ...computeMonthFigures({ month, facts, orgStart, orgEnd, complaints, settings, norm }),
      occupancy: await loadOccupancyFigures(db, month),
    })
  }
  return out
}

/**
 * Takes a snapshot of a month, audited as `report.snapshot_create`. The first snapshot of a month needs no
 * note; a later one is a correction and must say why.
 * @throws ReportRefusedError invalid_month (not `YYYY-MM`, or in the future), note_required, note_invalid
 */
export async function takeSnapshot(
  db: Db,
  actor: AuditActor & { requestId?: string | null },
  input: { month: string; note?: string | null; norm: { min: number; max: number } },
  now: Date = new Date(),
): Promise<Snapshot> {
  const month = input.month
  if (!isMonth(month) || month > todayIso(now).slice(0, 7)) {
    throw new ReportRefusedError('invalid_month')
  }
  const note = input.note?.trim() || null
  if (note !== null && (note.length < 3 || note.length > 1000)) {
    throw new ReportRefusedError('note_invalid')
  }
  const [figures] = await computeMonths(db, [month], input.norm)
  return db.transaction().execute(async (trx) => {
    const sequence = await repo.nextSnapshotSequence(trx, month)
    if (sequence > 1 && note === null) {
      throw new ReportRefusedError('note_required')
    }
    const row = await trx
      .insertInto('report_snapshot')
      .values({
        month,
        sequence,
        figures: JSON.stringify(figures),
        note,
        created_by: actor.type === 'staff' ? actor.id : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: actor.type, id: actor.id },
      requestId: actor.requestId ?? null,
      action: 'report.snapshot_create',
      subject: { type: 'report_snapshot', id: row.id },
      details: { month, sequence, correction: sequence > 1 },
    })
    return toSnapshot(row)
  })
}

/**
 * The latest snapshot of each month, taking a first snapshot of every month that has none yet (a report is
 * always built from snapshots).
 */
export async function ensureSnapshots(
  db: Db,
  actor: AuditActor & { requestId?: string | null },
  months: string[],
  norm: { min: number; max: number },
  now: Date = new Date(),
): Promise<Map<string, Snapshot>> {
  const existing = new Map((await repo.latestSnapshots(db, months)).map((r) => [r.month, toSnapshot(r)]))
  for (const month of months) {
    if (!existing.has(month)) {
      try {
        existing.set(month, await takeSnapshot(db, actor, { month, norm }, now))
      } catch (error) {
        // Someone else took the first snapshot meanwhile: read theirs.
        if (!(error instanceof ReportRefusedError && error.refusal === 'note_required')) {
          throw error
        }
        const [row] = await repo.latestSnapshots(db, [month])
        if (row) {
          existing.set(month, toSnapshot(row))
        }
      }
    }
  }
  return existing
}
