// SPDX-License-Identifier: EUPL-1.2
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { recordAuditEvent } from '../audit/index.js'
import type { StaffRole } from '../auth/index.js'
import { organisationService } from '../organisation/index.js'
import { type StandardStep, versionInForce } from './standards.domain.js'
import { StandardRefusedError } from './standards.errors.js'
import {
  EXCHANGE_FORMAT,
  type ExchangedStandard,
  type ExchangeError,
  type ExchangeFile,
  parseExchangeFile,
} from './standards.exchange.js'
import * as repo from './standards.repository.js'
import type {
  ProcessStandardRow,
  ProcessStandardVersionRow,
  StandardVersionStatus,
} from './standards.table.js'

/** Roles that may draft, submit and publish standards. */
export const STANDARD_EDITOR_ROLES: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head']

/** The note every exported or shipped standard carries. */
export const LEGAL_REVIEW_NOTICE = 'Rechtliche Prüfung durch das Amt vor Verwendung erforderlich.'

export interface StandardVersion {
  id: string
  version: number
  status: StandardVersionStatus
  steps: StandardStep[]
  changeNote: string
  createdBy: string | null
  createdAt: Date
  submittedBy: string | null
  submittedAt: Date | null
  approvedBy: string | null
  approvedByName: string | null
  approvedForPostId: string | null
  /** A deputy approved: signed "i.V.". */
  approvedOnBehalf: boolean
  approvedAt: Date | null
  publishedAt: Date | null
  validFrom: string | null
}

export interface Standard {
  id: string
  key: string
  title: string
  description: string
  approverPostId: string | null
  fourEyes: boolean
  versions: StandardVersion[]
}

function mapVersion(row: ProcessStandardVersionRow): StandardVersion {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    steps: row.steps as StandardStep[],
    changeNote: row.change_note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name,
    approvedForPostId: row.approved_for_post_id,
    approvedOnBehalf: row.approved_on_behalf === true,
    approvedAt: row.approved_at,
    publishedAt: row.published_at,
    validFrom: row.valid_from,
  }
}

function mapStandard(row: ProcessStandardRow, versions: ProcessStandardVersionRow[]): Standard {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    description: row.description,
    approverPostId: row.approver_post_id,
    fourEyes: row.four_eyes,
    versions: versions.filter((v) => v.standard_id === row.id).map(mapVersion),
  }
}

function assertEditor(actor: StaffPrincipal): void {
  if (!STANDARD_EDITOR_ROLES.includes(actor.role)) {
    throw new StandardRefusedError('not_editor')
  }
}

/** Turns the immutability trigger's refusal (SQLSTATE 55000) into a domain error. */
function mapDbError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    if (error.code === '55000') {
      return new StandardRefusedError('published_immutable', { cause: error })
    }
    if (error.code === '23505') {
      return new StandardRefusedError('key_taken', { cause: error })
    }
  }
  return error
}

async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work)
  } catch (error) {
    throw mapDbError(error)
  }
}

function audit(
  trx: Transaction<Database>,
  actor: StaffPrincipal | null,
  action: string,
  subject: { type: string; id: string },
  details: Record<string, unknown>,
) {
  return recordAuditEvent(trx, {
    actor: actor ? { type: 'staff', id: actor.id } : { type: 'system', id: null },
    action,
    subject,
    details,
  })
}

/** Every standard with all its versions, by title. */
export async function listStandards(db: Db): Promise<Standard[]> {
  const rows = await repo.listStandards(db)
  const versions = await repo.listVersions(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => mapStandard(r, versions))
}

/**
 * One standard with its versions.
 * @throws StandardRefusedError not_found
 */
export async function getStandard(db: Db, key: string): Promise<Standard> {
  const row = await repo.findStandardByKey(db, key)
  if (!row) {
    throw new StandardRefusedError('not_found')
  }
  return mapStandard(row, await repo.listVersions(db, [row.id]))
}

/** The version of standard `key` a case started at `at` follows (undefined when none was in force). */
export async function getVersionInForce(db: Db, key: string, at: Date): Promise<StandardVersion | undefined> {
  return versionInForce(await getStandard(db, key), at)
}

/**
 * Creates a standard with a first draft version; audited as `standard.create`.
 * @throws StandardRefusedError not_editor, key_taken
 */
export async function createStandard(
  db: Db,
  actor: StaffPrincipal,
  input: {
    key: string
    title: string
    description?: string
    approverPostId?: string | null
    fourEyes?: boolean
    steps: StandardStep[]
  },
): Promise<Standard> {
  assertEditor(actor)
  await inTransaction(db, async (trx) => {
    const standard = await repo.insertStandard(trx, {
      key: input.key,
      title: input.title,
      description: input.description ?? '',
      approver_post_id: input.approverPostId ?? null,
      four_eyes: input.fourEyes ?? true,
    })
    const version = await repo.insertVersion(trx, {
      standard_id: standard.id,
      version: 1,
      steps: JSON.stringify(input.steps),
      created_by: actor.id,
    })
    await audit(
      trx,
      actor,
      'standard.create',
      { type: 'process_standard', id: standard.id },
      {
        key: standard.key,
        versionId: version.id,
      },
    )
  })
  return getStandard(db, input.key)
}

/**
 * Sets the post whose acting person approves versions; audited as `standard.approver_set`.
 * @throws StandardRefusedError not_editor, not_found
 */
export async function setApproverPost(
  db: Db,
  actor: StaffPrincipal,
  key: string,
  approverPostId: string,
): Promise<void> {
  assertEditor(actor)
  const standard = await getStandard(db, key)
  await organisationService.whoActsFor(db, approverPostId, new Date())
  await inTransaction(db, async (trx) => {
    await repo.updateStandard(trx, standard.id, { approver_post_id: approverPostId })
    await audit(
      trx,
      actor,
      'standard.approver_set',
      { type: 'process_standard', id: standard.id },
      {
        approverPostId,
      },
    )
  })
}

/**
 * Starts a new draft version from the newest version's steps; audited as `standard.version_create`.
 * @throws StandardRefusedError open_version_exists when a version is still being worked on
 */
export async function createDraftVersion(
  db: Db,
  actor: StaffPrincipal,
  key: string,
): Promise<StandardVersion> {
  assertEditor(actor)
  const standard = await getStandard(db, key)
  return inTransaction(db, async (trx) => {
    await repo.lockStandard(trx, standard.id)
    const versions = (await repo.listVersions(trx, [standard.id])).map(mapVersion)
    if (versions.some((v) => v.status !== 'published')) {
      throw new StandardRefusedError('open_version_exists')
    }
    const latest = versions[versions.length - 1]
    const row = await repo.insertVersion(trx, {
      standard_id: standard.id,
      version: (latest?.version ?? 0) + 1,
      steps: JSON.stringify(latest?.steps ?? []),
      created_by: actor.id,
    })
    await audit(
      trx,
      actor,
      'standard.version_create',
      { type: 'process_standard_version', id: row.id },
      {
        key,
        version: row.version,
      },
    )
    return mapVersion(row)
  })
}

async function transition(
  db: Db,
  actor: StaffPrincipal,
  key: string,
  version: number,
  from: StandardVersionStatus,
  action: string,
  change: (
    row: ProcessStandardVersionRow,
    trx: Transaction<Database>,
  ) => Promise<{ set: Parameters<typeof repo.updateVersion>[2]; details?: Record<string, unknown> }>,
): Promise<StandardVersion> {
  const standard = await getStandard(db, key)
  return inTransaction(db, async (trx) => {
    const row = await repo.lockVersion(trx, standard.id, version)
    if (!row) {
      throw new StandardRefusedError('not_found')
    }
    if (row.status === 'published') {
      throw new StandardRefusedError('published_immutable')
    }
    if (row.status !== from) {
      throw new StandardRefusedError('invalid_transition')
    }
    const { set, details } = await change(row, trx)
    const updated = await repo.updateVersion(trx, row.id, set)
    await audit(
      trx,
      actor,
      action,
      { type: 'process_standard_version', id: row.id },
      {
        key,
        version,
        from,
        to: updated.status,
        ...details,
      },
    )
    return mapVersion(updated)
  })
}

/**
 * Replaces a draft's steps and change note; audited as `standard.version_update`.
 * @throws StandardRefusedError published_immutable, invalid_transition (not a draft)
 */
export async function updateDraft(
  db: Db,
  actor: StaffPrincipal,
  key: string,
  version: number,
  input: { steps: StandardStep[]; changeNote: string },
): Promise<StandardVersion> {
  assertEditor(actor)
  return transition(db, actor, key, version, 'draft', 'standard.version_update', async () => ({
    set: { steps: JSON.stringify(input.steps), change_note: input.changeNote },
    details: { steps: input.steps.length },
  }))
}

/** draft → in_review; audited as `standard.version_submit`. */
export async function submitForReview(db: Db, actor: StaffPrincipal, key: string, version: number) {
  assertEditor(actor)
  return transition(db, actor, key, version, 'draft', 'standard.version_submit', async () => ({
    set: { status: 'in_review', submitted_by: actor.id, submitted_at: new Date() },
  }))
}

/** in_review → draft (sent back for changes); audited as `standard.version_return`. */
export async function returnToDraft(db: Db, actor: StaffPrincipal, key: string, version: number) {
  assertEditor(actor)
  return transition(db, actor, key, version, 'in_review', 'standard.version_return', async () => ({
    set: { status: 'draft', submitted_by: null, submitted_at: null },
  }))
}

/**
 * in_review → approved, by whoever acts for the standard's approver post at `at` (a deputy approves "i.V.");
 * audited as `standard.version_approve`.
 * @throws StandardRefusedError no_approver_post, not_acting_for_approver, four_eyes
 */
export async function approveVersion(
  db: Db,
  actor: StaffPrincipal,
  key: string,
  version: number,
  at: Date = new Date(),
): Promise<StandardVersion> {
  const standard = await getStandard(db, key)
  const postId = standard.approverPostId
  if (!postId) {
    throw new StandardRefusedError('no_approver_post')
  }
  const acting = await organisationService.whoActsFor(db, postId, at)
  if (acting.kind === 'nobody' || acting.person.staffUserId !== actor.id) {
    throw new StandardRefusedError('not_acting_for_approver')
  }
  return transition(db, actor, key, version, 'in_review', 'standard.version_approve', async (row) => {
    if (standard.fourEyes && row.submitted_by === actor.id) {
      throw new StandardRefusedError('four_eyes')
    }
    const onBehalf = acting.kind !== 'holder'
    return {
      set: {
        status: 'approved',
        approved_by: actor.id,
        approved_by_name: acting.person.displayName,
        approved_for_post_id: postId,
        approved_on_behalf: onBehalf,
        approved_at: at,
      },
      details: { approverPostId: postId, actingKind: acting.kind, onBehalf },
    }
  })
}

/**
 * approved → published, in force from `validFrom` (a Berlin calendar date, today or later); audited as
 * `standard.version_publish`. From then on the version is immutable.
 * @throws StandardRefusedError valid_from_in_past
 */
export async function publishVersion(
  db: Db,
  actor: StaffPrincipal,
  key: string,
  version: number,
  validFrom: string,
  now: Date = new Date(),
): Promise<StandardVersion> {
  assertEditor(actor)
  if (validFrom < todayIso(now)) {
    throw new StandardRefusedError('valid_from_in_past')
  }
  return transition(db, actor, key, version, 'approved', 'standard.version_publish', async () => ({
    set: { status: 'published', published_by: actor.id, published_at: now, valid_from: validFrom },
    details: { validFrom },
  }))
}

/** What an import did. */
export type ImportResult =
  | { ok: true; imported: Array<{ key: string; version: number; created: boolean }> }
  | { ok: false; errors: ExchangeError[] }

/**
 * Imports an exchange file (JSON or YAML): each standard gets a new draft version (created if its key is new);
 * approval and publication happen afterwards in this office. All or nothing: one transaction, and a file
 * with any error changes nothing. Audited as `standard.import` per standard.
 * @throws StandardRefusedError not_importer; open_version_exists when a standard has a version in progress
 */
export async function importStandards(
  db: Db,
  actor: StaffPrincipal | null,
  text: string,
): Promise<ImportResult> {
  if (actor && actor.role !== 'administrator') {
    throw new StandardRefusedError('not_importer')
  }
  const parsed = parseExchangeFile(text)
  if (!parsed.ok) {
    return parsed
  }
  const imported = await inTransaction(db, async (trx) => {
    const out: Array<{ key: string; version: number; created: boolean }> = []
    for (const incoming of parsed.value.standards) {
      const existing = await repo.findStandardByKey(trx, incoming.key)
      const standard =
        existing ??
        (await repo.insertStandard(trx, {
          key: incoming.key,
          title: incoming.title,
          description: incoming.description ?? '',
        }))
      await repo.lockStandard(trx, standard.id)
      const versions = await repo.listVersions(trx, [standard.id])
      if (versions.some((v) => v.status !== 'published')) {
        throw new StandardRefusedError('open_version_exists')
      }
      const row = await repo.insertVersion(trx, {
        standard_id: standard.id,
        version: (versions[versions.length - 1]?.version ?? 0) + 1,
        steps: JSON.stringify(incoming.steps),
        change_note: incoming.changeNote ?? '',
        created_by: actor?.id ?? null,
      })
      await audit(
        trx,
        actor,
        'standard.import',
        { type: 'process_standard_version', id: row.id },
        {
          key: incoming.key,
          version: row.version,
          created: !existing,
        },
      )
      out.push({ key: incoming.key, version: row.version, created: !existing })
    }
    return out
  })
  return { ok: true, imported }
}

/**
 * The exchange file for the given standards (all when `keys` is empty): per standard the version in force
 * now, or the newest version when none is in force yet.
 */
export async function exportStandards(db: Db, keys: readonly string[] = []): Promise<ExchangeFile> {
  const all = await listStandards(db)
  const chosen = keys.length === 0 ? all : all.filter((s) => keys.includes(s.key))
  const standards: ExchangedStandard[] = []
  for (const s of chosen) {
    const v = versionInForce(s, new Date()) ?? s.versions[s.versions.length - 1]
    if (!v) {
      continue
    }
    standards.push({
      key: s.key,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      version: v.version,
      ...(v.validFrom ? { validFrom: v.validFrom } : {}),
      ...(v.changeNote ? { changeNote: v.changeNote } : {}),
      steps: v.steps,
    })
  }
  return { format: EXCHANGE_FORMAT, notice: LEGAL_REVIEW_NOTICE, standards }
}
