// SPDX-License-Identifier: EUPL-1.2
/**
 * Loads the facts of the organisational-review export, builds it (org-review.ts) with a fresh pseudonymisation
 * key that is never stored, audits the download, and formats it as CSV or JSON.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { todayIso } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import { priorityRulesSchema } from '../cases/index.js'
import { organisationService } from '../organisation/index.js'
import { addMonths, type CaseStatus, monthStart } from './key-figures.js'
import { OrgReviewRefusedError } from './org-review.errors.js'
import {
  buildOrgReview,
  monthsBetween,
  type OrgCaseFact,
  type OrgReviewExport,
  type RecordingFact,
  type TaskCatalogue,
  taskCatalogueSchema,
} from './org-review.js'
import {
  assignmentFactsQuery,
  caseFactsQuery,
  decisionFactsQuery,
  statusChangeFactsQuery,
} from './reports.repository.js'

/** The longest period one export covers. */
export const MAX_MONTHS = 24

/** The task catalogue in force at `at`. */
export async function catalogueAt(db: Db, at: Date): Promise<TaskCatalogue> {
  const row = await db
    .selectFrom('org_review_catalogue')
    .select('catalogue')
    .where('valid_from', '<=', at)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst()
  return taskCatalogueSchema.parse(row?.catalogue ?? null)
}

/** Whether each benefit type is a statutory duty, from the priority rules in force at `at`. */
async function statutoryOfBenefitType(db: Db, at: Date): Promise<(benefitType: string) => boolean> {
  const row = await db
    .selectFrom('priority_config')
    .select('rules')
    .where('valid_from', '<=', at)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) {
    return () => true
  }
  const rules = priorityRulesSchema.parse(row.rules)
  return (type) => (rules.benefitTypes[type] ?? rules.unknownBenefitType).statutory
}

/**
 * Every case submitted before `end` with its decisions, status changes, assignments and the instants of its
 * audited staff events (touches: every staff event on the case except reads and the case-file export).
 * No content, no names; the case id is used only to join and never leaves this function.
 */
export async function loadOrgCaseFacts(db: Db, end: Date): Promise<OrgCaseFact[]> {
  const [cases, decisions, changes, assignments, touches] = await Promise.all([
    caseFactsQuery(db, end).execute(),
    decisionFactsQuery(db, end).execute(),
    statusChangeFactsQuery(db, end).execute(),
    assignmentFactsQuery(db, end).execute(),
    db
      .selectFrom('audit_event')
      .select(['subject_id', 'occurred_at'])
      .where('subject_type', '=', 'application')
      .where('actor_type', '=', 'staff')
      .where('occurred_at', '<', end)
      .where(sql<boolean>`outcome is distinct from 'denied'`)
      .where('action', 'not like', '%view')
      .where('action', '<>', 'case.export')
      .execute(),
  ])
  const facts = new Map<string, OrgCaseFact>()
  for (const c of cases) {
    facts.set(c.id, {
      benefitType: c.benefit_type,
      submittedAt: c.submitted_at,
      householdSize: Number(c.household_size),
      decisions: [],
      statusChanges: [],
      objectionReceivedAt: c.objection_received_at,
      assignments: [],
      currentPostId: c.assigned_post_id,
      touches: [],
    })
  }
  for (const d of decisions) {
    facts.get(d.application_id)?.decisions.push({
      kind: d.kind,
      outcome: d.outcome,
      finalAt: new Date(d.final_at),
      periodFrom: d.period_from,
      periodTo: d.period_to,
      monthlyCents: Number(d.monthly_amount_cents),
    })
  }
  for (const s of changes) {
    facts.get(s.application_id)?.statusChanges.push({ to: s.to_status as CaseStatus, at: s.changed_at })
  }
  for (const a of assignments) {
    facts.get(a.application_id)?.assignments.push({ postId: a.post_id, at: a.assigned_at })
  }
  for (const e of touches) {
    facts.get(e.subject_id)?.touches.push(e.occurred_at)
  }
  return [...facts.values()]
}

/** Self-recorded minutes of the period, with the unit of their window; staff ids only to count people. */
async function loadRecordings(db: Db, from: string, to: string): Promise<RecordingFact[]> {
  const rows = await db
    .selectFrom('time_recording')
    .innerJoin('time_recording_window', 'time_recording_window.id', 'time_recording.window_id')
    .select([
      'time_recording_window.unit_id',
      'time_recording.staff_user_id',
      'time_recording.task_type',
      'time_recording.minutes',
      'time_recording.recorded_on',
    ])
    .where('time_recording.recorded_on', '>=', `${from}-01`)
    .where('time_recording.recorded_on', '<', `${addMonths(to, 1)}-01`)
    .execute()
  return rows.map((r) => ({
    unitId: r.unit_id,
    person: r.staff_user_id,
    taskType: r.task_type,
    minutes: r.minutes,
    recordedOn: r.recorded_on,
  }))
}

/**
 * Builds the export of the months `from`..`to` with a fresh key (discarded when this returns).
 * @throws OrgReviewRefusedError invalid_period (to before from, in the future, or more than 24 months)
 */
export async function buildExport(
  db: Db,
  from: string,
  to: string,
  norm: { min: number; max: number },
  now: Date = new Date(),
): Promise<OrgReviewExport> {
  if (to < from || to > todayIso(now).slice(0, 7) || monthsBetween(from, to).length > MAX_MONTHS) {
    throw new OrgReviewRefusedError('invalid_period')
  }
  const end = monthStart(addMonths(to, 1))
  const months = monthsBetween(from, to)
  const [facts, recordings, catalogue, statutory, orgs] = await Promise.all([
    loadOrgCaseFacts(db, end),
    loadRecordings(db, from, to),
    catalogueAt(db, end),
    statutoryOfBenefitType(db, end),
    Promise.all(months.map((m) => organisationService.loadOrganisationAt(db, monthStart(addMonths(m, 1))))),
  ])
  return buildOrgReview({
    from,
    to,
    facts,
    recordings,
    catalogue,
    benefitTypeStatutory: statutory,
    orgAtEnd: new Map(months.map((m, i) => [m, orgs[i] as (typeof orgs)[number]])),
    norm,
    key: randomBytes(32),
  })
}

export type ExportTable = 'aufgaben' | 'fallbestand'
export type ExportFormat = 'csv' | 'json'

function num(n: number | null): string {
  return n === null ? '' : String(n).replace('.', ',')
}

/** One table of the export as CSV (semicolon, UTF-8 with BOM, decimal comma). */
export function exportCsv(data: OrgReviewExport, table: ExportTable): string {
  const rows =
    table === 'aufgaben'
      ? [
          [
            t('reports.orgreview.col.month'),
            t('reports.orgreview.col.department'),
            t('reports.orgreview.col.department_name'),
            t('reports.orgreview.col.task_type'),
            t('reports.orgreview.col.task_label'),
            t('reports.orgreview.col.statutory'),
            t('reports.orgreview.col.opened'),
            t('reports.orgreview.col.closed'),
            t('reports.orgreview.col.lead_mean'),
            t('reports.orgreview.col.lead_median'),
            t('reports.orgreview.col.lead_p90'),
            t('reports.orgreview.col.touches'),
            t('reports.orgreview.col.recorded_entries'),
            t('reports.orgreview.col.recorded_mean'),
            t('reports.orgreview.col.fte_planned'),
            t('reports.orgreview.col.fte_filled'),
            t('reports.orgreview.col.fte_present'),
          ],
          ...data.tasks.map((r) => [
            r.month,
            r.departmentCode,
            r.departmentName,
            r.taskType,
            r.taskLabel,
            r.statutory ? t('reports.orgreview.statutory') : t('reports.orgreview.voluntary'),
            num(r.opened),
            num(r.closed),
            num(r.leadTime.mean),
            num(r.leadTime.median),
            num(r.leadTime.p90),
            num(r.touches),
            num(r.recordedEntries),
            num(r.recordedMinutesMean),
            num(r.ftePlanned),
            num(r.fteFilled),
            num(r.ftePresent),
          ]),
        ]
      : [
          [
            t('reports.orgreview.col.month'),
            t('reports.orgreview.col.department'),
            t('reports.orgreview.col.pseudonym'),
            t('reports.orgreview.col.open_cases'),
          ],
          ...data.caseloads.map((r) => [r.month, r.departmentCode, r.pseudonym, String(r.openCases)]),
        ]
  return `\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`
}

/** The whole export as JSON (both tables; the pseudonyms of one file belong together). */
export function exportJson(data: OrgReviewExport): string {
  return JSON.stringify(
    {
      format: 'lotse-organisationsuntersuchung/1',
      pseudonymisation: 'HMAC-SHA256, key per export, not stored',
      ...data,
    },
    null,
    2,
  )
}

/** Audits a download (`report.org_review_export`): who, which period, which table and format, how many rows. */
export async function auditExport(
  db: Db,
  actor: AuditActor & { requestId?: string | null },
  details: { from: string; to: string; format: ExportFormat; table: ExportTable | 'alle'; rows: number },
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor: { type: actor.type, id: actor.id },
      requestId: actor.requestId ?? null,
      action: 'report.org_review_export',
      subject: { type: 'org_review_export', id: randomUUID() },
      details,
    }),
  )
}
