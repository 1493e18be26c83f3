// SPDX-License-Identifier: EUPL-1.2
/**
 * Retention and deletion (Löschfristen). `planRetention` is the dry run: for one instant it lists, per data
 * category, exactly what is due. `runRetention` computes the same plan for the same instant and deletes (or
 * anonymises) it in batches, one transaction per batch, each batch with its deletion-log row — except that
 * categories that need a release (case files, complaints) delete only ids the data-protection officer has
 * released from a report she saw. Audit rows are never deleted (ADR 0007, ADR 0020).
 */
import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { RetentionConfig } from '../../config/retention.js'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { t } from '../../shared/i18n.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import { recordFileDeletions, storageKeysOf } from './file-deletion.js'

/** The data categories with a retention rule, in the order a run handles them. */
export const RETENTION_CATEGORIES = [
  'draft',
  'case_file',
  'complaint',
  'complaint_mail',
  'staff_session',
  'rate_limit',
  'staff_name',
] as const
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number]

/** Categories whose deletion needs the DPO's release of the exact ids (ADR 0020). */
export const RELEASE_CATEGORIES: readonly RetentionCategory[] = ['case_file', 'complaint']

/** One thing due for deletion, as the DPO's report shows it (references, never names or content). */
export interface DueItem {
  id: string
  /** File number of a case or complaint; null for categories without one. */
  reference: string | null
  /** The date the period runs from (closure, expiry, sending, disabling). */
  since: Date
}

export interface CategoryPlan {
  category: RetentionCategory
  /** The rule in words, with the configured period (German, for the report and the log). */
  rule: string
  mode: 'automatic' | 'release'
  action: 'deleted' | 'anonymised'
  /** Everything due at the plan's instant. Empty for categories counted only (rate limits). */
  items: DueItem[]
  count: number
}

export interface RetentionPlan {
  at: Date
  categories: CategoryPlan[]
  /** SHA-256 over the due ids of the release categories: what the DPO saw when she releases. */
  fingerprint: string
}

/** 1 January (UTC) of `now`'s year minus `years`: rows closed before it have completed their period. */
function yearEndCutoff(now: Date, years: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear() - years, 0, 1))
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000)
}

/** The instant-dependent bounds of every rule. */
function cutoffs(config: RetentionConfig, now: Date) {
  return {
    caseFile: yearEndCutoff(now, config.caseFileYears),
    complaint: yearEndCutoff(now, config.complaintYears),
    mail: daysBefore(now, config.complaintMailDays),
    session: daysBefore(now, config.sessionDays),
    rateLimit: new Date(now.getTime() - config.rateLimitHours * 3_600_000),
    staff: daysBefore(now, config.staffNameDays),
  }
}

function fingerprintOf(categories: CategoryPlan[]): string {
  const hash = createHash('sha256')
  for (const plan of categories) {
    if (plan.mode === 'release') {
      hash.update(`${plan.category}:${plan.items.map((i) => i.id).join(',')};`)
    }
  }
  return hash.digest('hex')
}

/** Staff accounts whose names no remaining case file or complaint needs any more. */
function staffNameCandidates(db: Db | Transaction<Database>, disabledBefore: Date) {
  return db
    .selectFrom('staff_user as u')
    .select(['u.id', 'u.disabled_at'])
    .where('u.disabled_at', 'is not', null)
    .where('u.disabled_at', '<', disabledBefore)
    .where(({ not, exists, selectFrom, or }) =>
      not(
        or([
          exists(
            selectFrom('staff_anonymisation as a')
              .select('a.staff_user_id')
              .whereRef('a.staff_user_id', '=', 'u.id'),
          ),
          exists(selectFrom('case_note as n').select('n.id').whereRef('n.author_id', '=', 'u.id')),
          exists(selectFrom('decision as d').select('d.id').whereRef('d.decided_by', '=', 'u.id')),
          exists(selectFrom('decision as d').select('d.id').whereRef('d.approved_by', '=', 'u.id')),
          exists(selectFrom('document_request as r').select('r.id').whereRef('r.requested_by', '=', 'u.id')),
          exists(
            selectFrom('application_status_change as s').select('s.id').whereRef('s.changed_by', '=', 'u.id'),
          ),
          exists(selectFrom('case_assignment as c').select('c.id').whereRef('c.assigned_by', '=', 'u.id')),
          exists(selectFrom('case_share as h').select('h.id').whereRef('h.staff_user_id', '=', 'u.id')),
          exists(selectFrom('case_share as h').select('h.id').whereRef('h.shared_by', '=', 'u.id')),
          exists(selectFrom('complaint as k').select('k.id').whereRef('k.created_by', '=', 'u.id')),
          exists(selectFrom('complaint_event as e').select('e.id').whereRef('e.actor_id', '=', 'u.id')),
        ]),
      ),
    )
    .orderBy('u.id')
}

/**
 * The dry run: what a run at `now` deletes or anonymises, per category. Reads ids, references and dates only.
 * @param now the run's instant; the same instant gives the same plan as long as the data do not change
 */
export async function planRetention(db: Db, config: RetentionConfig, now: Date): Promise<RetentionPlan> {
  const cut = cutoffs(config, now)
  const [drafts, cases, complaints, mails, sessions, rateLimits, staff] = await Promise.all([
    db
      .selectFrom('application_draft')
      .select(['id', 'expires_at'])
      .where('expires_at', '<', now)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('application')
      .select(['id', 'reference', 'status_changed_at'])
      .where('status', '=', 'closed')
      .where('status_changed_at', '<', cut.caseFile)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('complaint')
      .select(['id', 'reference', 'closed_at'])
      .where('status', '=', 'closed')
      .where('closed_at', '<', cut.complaint)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('complaint_mail')
      .select(['id', 'sent_at', 'created_at'])
      .where('status', 'in', ['sent', 'failed'])
      .where((eb) => eb(eb.fn.coalesce('sent_at', 'created_at'), '<', cut.mail))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('staff_session')
      .select(['id', 'expires_at'])
      .where('expires_at', '<', cut.session)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('rate_limit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('window_start', '<', cut.rateLimit)
      .executeTakeFirstOrThrow(),
    staffNameCandidates(db, cut.staff).execute(),
  ])
  const plan = (
    category: RetentionCategory,
    items: DueItem[],
    params: Record<string, number> = {},
    count = items.length,
  ): CategoryPlan => ({
    category,
    rule: t(`retention.rule.${category}`, params),
    mode: RELEASE_CATEGORIES.includes(category) ? 'release' : 'automatic',
    action: category === 'staff_name' ? 'anonymised' : 'deleted',
    items,
    count,
  })
  const categories = [
    plan(
      'draft',
      drafts.map((d) => ({ id: d.id, reference: null, since: d.expires_at })),
    ),
    plan(
      'case_file',
      cases.map((c) => ({ id: c.id, reference: c.reference, since: c.status_changed_at })),
      { years: config.caseFileYears },
    ),
    plan(
      'complaint',
      complaints.map((c) => ({ id: c.id, reference: c.reference, since: c.closed_at ?? now })),
      { years: config.complaintYears },
    ),
    plan(
      'complaint_mail',
      mails.map((m) => ({ id: m.id, reference: null, since: m.sent_at ?? m.created_at })),
      { days: config.complaintMailDays },
    ),
    plan(
      'staff_session',
      sessions.map((s) => ({ id: s.id, reference: null, since: s.expires_at })),
      { days: config.sessionDays },
    ),
    plan('rate_limit', [], { hours: config.rateLimitHours }, Number(rateLimits.n)),
    plan(
      'staff_name',
      staff.map((s) => ({ id: s.id, reference: null, since: s.disabled_at ?? now })),
      { days: config.staffNameDays },
    ),
  ]
  return { at: now, categories, fingerprint: fingerprintOf(categories) }
}

/** Open releases (not used by a run, not expired) per category. */
async function openReleases(db: Db, now: Date) {
  return db
    .selectFrom('deletion_release')
    .selectAll()
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('released_at')
    .execute()
}

/** The release status of the release categories, for the DPO's report: released ids per category. */
export async function releasedIds(db: Db, now: Date): Promise<Map<RetentionCategory, Set<string>>> {
  const released = new Map<RetentionCategory, Set<string>>()
  for (const row of await openReleases(db, now)) {
    const category = RETENTION_CATEGORIES.find((c) => c === row.category)
    if (category) {
      const ids = released.get(category) ?? new Set<string>()
      for (const id of row.subject_ids) {
        ids.add(id)
      }
      released.set(category, ids)
    }
  }
  return released
}

/** The DPO's report: the plan, audited as a read (it lists case references). */
export async function previewRetention(
  db: Db,
  config: RetentionConfig,
  actor: AuditActor,
  requestId: string | null,
  now = new Date(),
): Promise<{ plan: RetentionPlan; released: Map<RetentionCategory, Set<string>> }> {
  const plan = await planRetention(db, config, now)
  const released = await releasedIds(db, now)
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor,
      action: 'retention.preview',
      subject: { type: 'deletion_plan', id: now.toISOString().slice(0, 10) },
      requestId,
      details: { counts: Object.fromEntries(plan.categories.map((c) => [c.category, c.count])) },
    }),
  )
  return { plan, released }
}

export class ReleaseOutdatedError extends Error {
  constructor() {
    super('the deletion report changed since it was shown')
  }
}

/**
 * Releases the due ids of the release categories for the next run — exactly those of the report whose
 * fingerprint the DPO saw. Audited.
 * @throws ReleaseOutdatedError when the plan has changed since (the DPO must look again)
 * @returns the number of ids released
 */
export async function releaseRetention(
  db: Db,
  config: RetentionConfig,
  actor: { type: 'staff'; id: string },
  fingerprint: string,
  requestId: string | null,
  now = new Date(),
): Promise<number> {
  const plan = await planRetention(db, config, now)
  if (plan.fingerprint !== fingerprint) {
    throw new ReleaseOutdatedError()
  }
  const expiresAt = new Date(now.getTime() + config.releaseDays * 86_400_000)
  return db.transaction().execute(async (trx) => {
    let released = 0
    for (const category of plan.categories) {
      if (category.mode !== 'release' || category.items.length === 0) {
        continue
      }
      const ids = category.items.map((i) => i.id)
      const row = await trx
        .insertInto('deletion_release')
        .values({
          category: category.category,
          subject_ids: ids,
          released_by: actor.id,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAuditEvent(trx, {
        actor,
        action: 'retention.release',
        subject: { type: 'deletion_release', id: row.id },
        requestId,
        details: { category: category.category, count: ids.length, expiresAt: expiresAt.toISOString() },
      })
      released += ids.length
    }
    return released
  })
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

type Trx = Transaction<Database>

/** Deletes one batch of a category; returns the ids actually deleted (rows still due, re-checked under lock). */
async function deleteBatch(
  trx: Trx,
  category: RetentionCategory,
  ids: string[],
  now: Date,
  cut: ReturnType<typeof cutoffs>,
  runId: string,
): Promise<string[]> {
  switch (category) {
    case 'draft': {
      const rows = await trx
        .deleteFrom('application_draft')
        .where('id', 'in', ids)
        .where('expires_at', '<', now)
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    }
    case 'case_file': {
      const locked = await trx
        .selectFrom('application')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'closed')
        .where('status_changed_at', '<', cut.caseFile)
        .forUpdate()
        .execute()
      const due = locked.map((r) => r.id)
      if (due.length === 0) {
        return []
      }
      // Children first (foreign keys); complaints naming the case stay (their own rule) without the link.
      await trx.deleteFrom('document').where('application_id', 'in', due).execute()
      await trx.deleteFrom('document_request').where('application_id', 'in', due).execute()
      await trx.deleteFrom('case_note').where('application_id', 'in', due).execute()
      await trx.deleteFrom('decision').where('application_id', 'in', due).execute()
      await trx.deleteFrom('case_share').where('application_id', 'in', due).execute()
      await trx.deleteFrom('case_checklist_event').where('application_id', 'in', due).execute()
      await trx
        .deleteFrom('case_checklist_mark')
        .where('checklist_id', 'in', (eb) =>
          eb.selectFrom('case_checklist').select('id').where('application_id', 'in', due),
        )
        .execute()
      await trx.deleteFrom('case_checklist').where('application_id', 'in', due).execute()
      // The audit log keeps the record of an emergency access; the grant itself goes with the case.
      await trx
        .deleteFrom('break_glass_notification')
        .where('grant_id', 'in', (eb) =>
          eb.selectFrom('break_glass_grant').select('id').where('application_id', 'in', due),
        )
        .execute()
      await trx.deleteFrom('break_glass_grant').where('application_id', 'in', due).execute()
      await trx.deleteFrom('case_assignment').where('application_id', 'in', due).execute()
      await trx.deleteFrom('application_status_change').where('application_id', 'in', due).execute()
      await trx
        .updateTable('complaint')
        .set({ application_id: null })
        .where('application_id', 'in', due)
        .execute()
      await trx.deleteFrom('application').where('id', 'in', due).execute()
      return due
    }
    case 'complaint': {
      // Attachments, events and mails go with the complaint (on delete cascade).
      const rows = await trx
        .deleteFrom('complaint')
        .where('id', 'in', ids)
        .where('status', '=', 'closed')
        .where('closed_at', '<', cut.complaint)
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    }
    case 'complaint_mail': {
      const rows = await trx
        .deleteFrom('complaint_mail')
        .where('id', 'in', ids)
        .where('status', 'in', ['sent', 'failed'])
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    }
    case 'staff_session': {
      const rows = await trx
        .deleteFrom('staff_session')
        .where('id', 'in', ids)
        .where('expires_at', '<', cut.session)
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    }
    case 'staff_name': {
      const still = await staffNameCandidates(trx, cut.staff).where('u.id', 'in', ids).forUpdate().execute()
      const done: string[] = []
      for (const { id } of still) {
        const label = t('retention.anonymised_staff', { id: id.slice(0, 8) })
        await trx
          .updateTable('staff_user')
          .set({
            display_name: label,
            username: `anonymisiert-${id}`,
            password_hash: null,
            totp_secret_enc: null,
            totp_last_step: null,
            mfa_enrolled_at: null,
            oidc_issuer: null,
            oidc_subject: null,
          })
          .where('id', '=', id)
          .execute()
        await trx.updateTable('person').set({ display_name: label }).where('staff_user_id', '=', id).execute()
        await trx.deleteFrom('staff_recovery_code').where('staff_user_id', '=', id).execute()
        await trx.deleteFrom('staff_session').where('staff_user_id', '=', id).execute()
        await trx.insertInto('staff_anonymisation').values({ staff_user_id: id, run_id: runId }).execute()
        done.push(id)
      }
      return done
    }
    case 'rate_limit':
      return []
  }
}

export interface RetentionRunResult {
  runId: string
  /** Per category: the ids deleted or anonymised (rate limits: none, see counts). */
  done: Record<RetentionCategory, string[]>
  counts: Record<RetentionCategory, number>
}

/**
 * Deletes or anonymises what is due at `now`: the automatic categories wholly, the release categories only
 * where the DPO has released the id. Batches of `config.batchSize`, each in its own transaction with its
 * deletion-log row (category, rule, count, ids — never content). Ends with one audit event for the run.
 * @param options.runDay for the daily job: claims the day, so that only one instance runs it (null = skip)
 * @returns the result, or null when another instance already ran (or runs) this day's run
 */
export async function runRetention(
  db: Db,
  config: RetentionConfig,
  options: { now?: Date; trigger?: 'scheduled' | 'manual'; runDay?: string } = {},
): Promise<RetentionRunResult | null> {
  const now = options.now ?? new Date()
  const trigger = options.trigger ?? 'manual'
  const run = await db
    .insertInto('deletion_run')
    .values({ trigger, run_day: options.runDay ?? null, finished_at: null, error: null })
    .onConflict((oc) => oc.column('run_day').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!run) {
    return null
  }
  const runId = run.id
  const cut = cutoffs(config, now)
  const plan = await planRetention(db, config, now)
  const releases = await openReleases(db, now)
  const done = Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, [] as string[]])) as Record<
    RetentionCategory,
    string[]
  >
  const counts = Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, 0])) as Record<
    RetentionCategory,
    number
  >
  try {
    for (const category of plan.categories) {
      let ids = category.items.map((i) => i.id)
      let releaseId: string | null = null
      if (category.mode === 'release') {
        const mine = releases.filter((r) => r.category === category.category)
        const allowed = new Set(mine.flatMap((r) => r.subject_ids))
        ids = ids.filter((id) => allowed.has(id))
        releaseId = mine.at(-1)?.id ?? null
      }
      if (category.category === 'rate_limit') {
        const result = await db.transaction().execute(async (trx) => {
          const deleted = await trx
            .deleteFrom('rate_limit')
            .where('window_start', '<', cut.rateLimit)
            .executeTakeFirst()
          const n = Number(deleted.numDeletedRows)
          if (n > 0) {
            await logBatch(trx, runId, category, [], n, null)
          }
          return n
        })
        counts.rate_limit = result
        continue
      }
      for (const batch of chunks(ids, config.batchSize)) {
        const deleted = await db.transaction().execute(async (trx) => {
          // The files of these rows: recorded with the deletion, deleted from disk by the sweep afterwards.
          await recordFileDeletions(trx, await storageKeysOf(trx, category.category, batch))
          const gone = await deleteBatch(trx, category.category, batch, now, cut, runId)
          if (gone.length > 0) {
            await logBatch(trx, runId, category, gone, gone.length, releaseId)
          }
          return gone
        })
        done[category.category].push(...deleted)
        counts[category.category] += deleted.length
      }
    }
    await db.transaction().execute(async (trx) => {
      const used = releases.map((r) => r.id)
      if (used.length > 0) {
        await trx
          .updateTable('deletion_release')
          .set({ consumed_at: now, run_id: runId })
          .where('id', 'in', used)
          .execute()
      }
      await trx.updateTable('deletion_run').set({ finished_at: new Date() }).where('id', '=', runId).execute()
      await recordAuditEvent(trx, {
        actor: { type: 'system', id: null },
        action: 'retention.run',
        subject: { type: 'deletion_run', id: runId },
        details: { trigger, counts, releases: used },
      })
    })
  } catch (error) {
    await db
      .updateTable('deletion_run')
      .set({
        finished_at: new Date(),
        error: error instanceof Error ? error.message.slice(0, 500) : 'failed',
      })
      .where('id', '=', runId)
      .execute()
    throw error
  }
  return { runId, done, counts }
}

async function logBatch(
  trx: Trx,
  runId: string,
  category: CategoryPlan,
  ids: string[],
  count: number,
  releaseId: string | null,
): Promise<void> {
  await trx
    .insertInto('deletion_log')
    .values({
      run_id: runId,
      category: category.category,
      rule: category.rule,
      action: category.action,
      count,
      subject_ids: ids,
      release_id: releaseId,
    })
    .execute()
}

/** The deletion log of the last runs, newest first (for the DPO's page). */
export function recentDeletionLog(db: Db, limit = 50) {
  return db
    .selectFrom('deletion_log as l')
    .innerJoin('deletion_run as r', 'r.id', 'l.run_id')
    .select(['l.id', 'l.category', 'l.rule', 'l.action', 'l.count', 'l.logged_at', 'r.trigger'])
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute()
}
