// SPDX-License-Identifier: EUPL-1.2
/**
 * The committee report's lifecycle: draft (the division head's office writes the texts) → in review →
 * released by whoever acts for the division head's post (a deputy releases "i.V."). A released version is
 * immutable (a trigger refuses any change), keeps the snapshots it was built from and its PDF.
 * @module
 */
import { createHash } from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { recordAuditEvent } from '../audit/index.js'
import { organisationService } from '../organisation/index.js'
import { addMonths } from './key-figures.js'
import { buildReportModel, type ReportModel, type ReportState } from './report-model.js'
import { renderReportPdf } from './report-pdf.js'
import { ReportRefusedError } from './reports.errors.js'
import * as repo from './reports.repository.js'
import type { CommitteeReportRow, CommitteeReportStatus } from './reports.table.js'
import {
  ensureSnapshots,
  isMonth,
  type Snapshot,
  snapshotsByIdsParsed,
  toSnapshot,
} from './snapshots.service.js'

/** Months a report covers: its reference month and the eleven before it. */
export const REPORT_MONTHS = 12

/** Roles that read reports in the app and may draft them. */
export const REPORT_ROLES = ['division_head', 'department_head'] as const

/** Keys of the free texts besides one per department (`dept:<unit id>`). */
export const TEXT_KEYS = ['situation', 'staffing', 'finances', 'outlook'] as const
const DEPT_KEY = /^dept:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const TEXT_MAX = 20_000

type Actor = StaffPrincipal & { requestId?: string | null }

export function windowMonths(month: string): string[] {
  return Array.from({ length: REPORT_MONTHS }, (_, i) => addMonths(month, i - REPORT_MONTHS + 1))
}

async function load(db: Db, id: string): Promise<CommitteeReportRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    throw new ReportRefusedError('not_found')
  }
  const row = await repo.findReport(db, id)
  if (!row) {
    throw new ReportRefusedError('not_found')
  }
  return row
}

/**
 * Creates a new draft for a month (version n+1 of that month), taking first snapshots of months that have
 * none; audited as `report.create`.
 * @throws ReportRefusedError invalid_month
 */
export async function createDraft(
  db: Db,
  actor: Actor,
  month: string,
  norm: { min: number; max: number },
  now: Date = new Date(),
): Promise<CommitteeReportRow> {
  if (!isMonth(month) || month > todayIso(now).slice(0, 7)) {
    throw new ReportRefusedError('invalid_month')
  }
  await ensureSnapshots(
    db,
    { type: 'staff', id: actor.id, requestId: actor.requestId ?? null },
    windowMonths(month),
    norm,
    now,
  )
  return db.transaction().execute(async (trx) => {
    const version = await repo.nextReportVersion(trx, month)
    const row = await trx
      .insertInto('committee_report')
      .values({ month, version, created_by: actor.id, texts: '{}' })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      requestId: actor.requestId ?? null,
      action: 'report.create',
      subject: { type: 'committee_report', id: row.id },
      details: { month, version },
    })
    return row
  })
}

/** Checks the submitted texts: known keys only, each at most TEXT_MAX characters. */
export function validateTexts(texts: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(texts)) {
    if (!(TEXT_KEYS as readonly string[]).includes(key) && !DEPT_KEY.test(key)) {
      continue
    }
    const text = value.replace(/\r\n?/g, '\n').trim()
    if (text.length > TEXT_MAX) {
      throw new ReportRefusedError('text_too_long')
    }
    if (text !== '') {
      out[key] = text
    }
  }
  return out
}

async function transition(
  db: Db,
  actor: Actor,
  id: string,
  from: CommitteeReportStatus,
  action: string,
  change: (
    row: CommitteeReportRow,
  ) => Promise<{ set: Record<string, unknown>; details?: Record<string, unknown> }>,
): Promise<CommitteeReportRow> {
  return db.transaction().execute(async (trx) => {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findReportForUpdate(trx, id) : undefined
    if (!row) {
      throw new ReportRefusedError('not_found')
    }
    if (row.status === 'released') {
      throw new ReportRefusedError('released_immutable')
    }
    if (row.status !== from) {
      throw new ReportRefusedError('invalid_transition')
    }
    const { set, details } = await change(row)
    const updated = await trx
      .updateTable('committee_report')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      requestId: actor.requestId ?? null,
      action,
      subject: { type: 'committee_report', id },
      details: { month: row.month, version: row.version, ...details },
    })
    return updated
  })
}

/**
 * Saves the free texts of a draft (replacing them); audited as `report.texts_save`.
 * @throws ReportRefusedError not_found, released_immutable, invalid_transition (not a draft), text_too_long
 */
export function saveTexts(db: Db, actor: Actor, id: string, texts: Record<string, string>) {
  const clean = validateTexts(texts)
  return transition(db, actor, id, 'draft', 'report.texts_save', async () => ({
    set: { texts: JSON.stringify(clean) },
    details: { keys: Object.keys(clean) },
  }))
}

/** draft → in_review; audited as `report.submit`. */
export function submitForReview(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  return transition(db, actor, id, 'draft', 'report.submit', async () => ({
    set: { status: 'in_review', submitted_by: actor.id, submitted_at: now },
  }))
}

/** Who acts for the division head's post at `at`, and whether that is `actor`. */
export async function reviewerFor(db: Db, actor: { id: string }, at: Date) {
  const post = await repo.divisionHeadPost(db, at)
  if (!post) {
    return { post: null, acting: null, isActor: false }
  }
  const acting = await organisationService.whoActsFor(db, post.id, at)
  return {
    post,
    acting: acting.kind === 'nobody' ? null : acting,
    isActor: acting.kind !== 'nobody' && acting.person.staffUserId === actor.id,
  }
}

async function assertReviewer(db: Db, actor: Actor, at: Date) {
  const reviewer = await reviewerFor(db, actor, at)
  if (!reviewer.post) {
    throw new ReportRefusedError('no_division_head_post')
  }
  if (!reviewer.isActor || !reviewer.acting) {
    throw new ReportRefusedError('not_acting_for_division_head')
  }
  return { post: reviewer.post, acting: reviewer.acting }
}

/** in_review → draft, by whoever acts for the division head; audited as `report.return`. */
export async function returnToDraft(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  await assertReviewer(db, actor, now)
  return transition(db, actor, id, 'in_review', 'report.return', async () => ({
    set: { status: 'draft', submitted_by: null, submitted_at: null },
  }))
}

/** Everything needed to show or print a report: its row, snapshots, the previous released one. */
export async function loadReport(
  db: Db,
  id: string,
): Promise<{ row: CommitteeReportRow; model: ReportModel }> {
  const row = await load(db, id)
  return { row, model: await modelOf(db, row) }
}

async function snapshotsOf(db: Db, row: CommitteeReportRow): Promise<Snapshot[]> {
  if (row.snapshot_ids) {
    return snapshotsByIdsParsed(db, Object.values(row.snapshot_ids))
  }
  const rows = await repo.latestSnapshots(db, windowMonths(row.month))
  return rows.map(toSnapshot)
}

function stateOf(row: CommitteeReportRow): ReportState {
  return {
    id: row.id,
    month: row.month,
    version: row.version,
    status: row.status,
    texts: row.texts,
    releasedAt: row.released_at,
    releasedByName: row.released_by_name,
    releasedActingKind: row.released_acting_kind,
  }
}

async function modelOf(
  db: Db,
  row: CommitteeReportRow,
  override?: Partial<ReportState>,
): Promise<ReportModel> {
  const snapshots = await snapshotsOf(db, row)
  const previous = await repo.previousReleased(db, row.id, row.released_at)
  const previousSnapshots = previous ? await snapshotsOf(db, previous) : []
  const previousFigures = previous
    ? previousSnapshots.find((s) => s.month === previous.month)?.figures
    : undefined
  return buildReportModel({
    report: { ...stateOf(row), ...override },
    snapshots,
    previous:
      previous && previousFigures
        ? { month: previous.month, version: previous.version, figures: previousFigures }
        : null,
  })
}

/**
 * in_review → released, by whoever acts for the division head's post at `now` (a deputy releases "i.V."):
 * pins the snapshots, renders and stores the PDF; audited as `report.release`. From then on immutable.
 * @throws ReportRefusedError no_division_head_post, not_acting_for_division_head, invalid_transition
 */
export async function release(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  const { post, acting } = await assertReviewer(db, actor, now)
  const row = await load(db, id)
  const snapshots = await snapshotsOf(db, row)
  const snapshotIds = Object.fromEntries(snapshots.map((s) => [s.month, s.id]))
  const model = await modelOf(
    db,
    { ...row, snapshot_ids: snapshotIds },
    {
      status: 'released',
      releasedAt: now,
      releasedByName: acting.person.displayName,
      releasedActingKind: acting.kind,
    },
  )
  const pdf = await renderReportPdf(model, now)
  return transition(db, actor, id, 'in_review', 'report.release', async (locked) => {
    if (locked.updated_at.getTime() !== row.updated_at.getTime()) {
      // Changed between rendering and locking: refuse rather than release what was not rendered.
      throw new ReportRefusedError('invalid_transition')
    }
    return {
      set: {
        status: 'released',
        snapshot_ids: JSON.stringify(snapshotIds),
        released_by: actor.id,
        released_by_name: acting.person.displayName,
        released_for_post_id: post.id,
        released_acting_kind: acting.kind,
        released_at: now,
        pdf: Buffer.from(pdf),
        pdf_sha256: createHash('sha256').update(pdf).digest(),
      },
      details: { divisionHeadPostId: post.id, actingKind: acting.kind, onBehalf: acting.kind !== 'holder' },
    }
  })
}

/** The stored PDF of a released report; a draft's PDF is rendered on request (marked as a draft). */
export async function reportPdf(db: Db, id: string): Promise<{ row: CommitteeReportRow; pdf: Uint8Array }> {
  const row = await load(db, id)
  if (row.status === 'released' && row.pdf) {
    return { row, pdf: row.pdf }
  }
  return { row, pdf: await renderReportPdf(await modelOf(db, row), new Date()) }
}

/**
 * A released report for the public: only released versions exist there.
 * @throws ReportRefusedError not_found for anything else
 */
export async function releasedReport(db: Db, id: string) {
  const row = await load(db, id)
  if (row.status !== 'released') {
    throw new ReportRefusedError('not_found')
  }
  return { row, model: await modelOf(db, row) }
}

export function listReports(db: Db) {
  return repo.listReports(db)
}

export { stateOf }
