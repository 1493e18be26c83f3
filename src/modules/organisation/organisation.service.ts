// SPDX-License-Identifier: EUPL-1.2

import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { ForbiddenError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import { type AuditActor, recordAuditEvent } from '../audit/index.js'
import {
  type ActingResult,
  actingFor,
  type OrganisationResolution,
  type OrganisationSnapshot,
  resolveAll,
} from './acting.js'
import {
  mapConstraintError,
  OrganisationChangeRefusedError,
  OrganisationRecordNotFoundError,
  PostNotFoundError,
} from './organisation.errors.js'
import * as repo from './organisation.repository.js'
import type { DeputyRuleKind, OrgUnitKind, PostRow, SigningLevel } from './organisation.table.js'

/** A dated record's period: from inclusive, to exclusive (null or omitted = open-ended). */
export interface PeriodInput {
  validFrom: Date
  validTo?: Date | null
}

export interface OrgUnit {
  id: string
  parentId: string | null
  kind: OrgUnitKind
  name: string
  shortCode: string
  validFrom: Date
  validTo: Date | null
}

export interface Post {
  id: string
  unitId: string
  title: string
  fte: number
  taskArea: string | null
  signingLevel: SigningLevel
  /** Upper amount the post may sign, in cents; null = no amount cap within its level. */
  signingLimitCents: number | null
  isHeadOfUnit: boolean
  validFrom: Date
  validTo: Date | null
}

export interface Person {
  id: string
  displayName: string
  staffUserId: string | null
}

/** Who changes the organisation: the audit actor plus, from a request, its id for the audit row. */
export type OrganisationActor = AuditActor & { requestId?: string | null }

/** Runs `write` in a transaction together with its audit record, and names constraint violations. */
async function audited<T extends { id: string }>(
  db: Db,
  actor: OrganisationActor,
  action: string,
  subjectType: string,
  write: (trx: Transaction<Database>) => Promise<T>,
  details: (row: T) => Record<string, unknown>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await write(trx)
      await recordAuditEvent(trx, {
        actor: { type: actor.type, id: actor.id },
        requestId: actor.requestId ?? null,
        action,
        subject: { type: subjectType, id: row.id },
        details: details(row),
      })
      return row
    })
  } catch (error) {
    throw mapConstraintError(error)
  }
}

function period(input: PeriodInput) {
  return { valid_from: input.validFrom, valid_to: input.validTo ?? null }
}

function periodDetails(row: { valid_from: Date; valid_to: Date | null }) {
  return { validFrom: row.valid_from.toISOString(), validTo: row.valid_to?.toISOString() ?? null }
}

/**
 * Creates an org unit (Bereich, Abteilung, Team), audited as `organisation.unit_create`.
 * @throws OrganisationRecordRejectedError when the short code is taken in the period or the period is empty
 */
export async function createOrgUnit(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & { parentId?: string | null; kind: OrgUnitKind; name: string; shortCode: string },
): Promise<OrgUnit> {
  const row = await audited(
    db,
    actor,
    'organisation.unit_create',
    'org_unit',
    (trx) =>
      repo.insertOrgUnit(trx, {
        parent_id: input.parentId ?? null,
        kind: input.kind,
        name: input.name,
        short_code: input.shortCode,
        ...period(input),
      }),
    (r) => ({ parentId: r.parent_id, kind: r.kind, shortCode: r.short_code, ...periodDetails(r) }),
  )
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    shortCode: row.short_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }
}

function mapPost(row: PostRow): Post {
  return {
    id: row.id,
    unitId: row.unit_id,
    title: row.title,
    fte: Number(row.fte),
    taskArea: row.task_area,
    signingLevel: row.signing_level,
    signingLimitCents: row.signing_limit_cents,
    isHeadOfUnit: row.is_head_of_unit,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }
}

/**
 * Creates a post (Stelle) in a unit, audited as `organisation.post_create`.
 * @throws OrganisationRecordRejectedError e.g. a second head post of the unit in the same period
 */
export async function createPost(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & {
    unitId: string
    title: string
    fte: number
    taskArea?: string | null
    signingLevel?: SigningLevel
    signingLimitCents?: number | null
    isHeadOfUnit?: boolean
  },
): Promise<Post> {
  const row = await audited(
    db,
    actor,
    'organisation.post_create',
    'post',
    (trx) =>
      repo.insertPost(trx, {
        unit_id: input.unitId,
        title: input.title,
        fte: input.fte,
        task_area: input.taskArea ?? null,
        signing_level: input.signingLevel ?? 'none',
        signing_limit_cents: input.signingLimitCents ?? null,
        is_head_of_unit: input.isHeadOfUnit ?? false,
        ...period(input),
      }),
    (r) => ({ unitId: r.unit_id, fte: r.fte, isHeadOfUnit: r.is_head_of_unit, ...periodDetails(r) }),
  )
  return mapPost(row)
}

/**
 * Records a staff person, audited as `organisation.person_create` (the name stays out of the audit row).
 * @param input.staffUserId the sign-in account, when the person has one
 */
export async function createPerson(
  db: Db,
  actor: AuditActor,
  input: { displayName: string; staffUserId?: string | null },
): Promise<Person> {
  const row = await audited(
    db,
    actor,
    'organisation.person_create',
    'person',
    (trx) =>
      repo.insertPerson(trx, { display_name: input.displayName, staff_user_id: input.staffUserId ?? null }),
    (r) => ({ staffUserId: r.staff_user_id }),
  )
  return { id: row.id, displayName: row.display_name, staffUserId: row.staff_user_id }
}

/**
 * Lets a person hold a post for a period, audited as `organisation.post_holding_create`.
 * @throws OrganisationRecordRejectedError when the post has another holder in the period
 */
export async function assignPostHolder(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & { postId: string; personId: string },
): Promise<{ id: string }> {
  const row = await audited(
    db,
    actor,
    'organisation.post_holding_create',
    'post_holding',
    (trx) =>
      repo.insertPostHolding(trx, { post_id: input.postId, person_id: input.personId, ...period(input) }),
    (r) => ({ postId: r.post_id, personId: r.person_id, ...periodDetails(r) }),
  )
  return { id: row.id }
}

/** Records that a person is absent for a period (no reason is stored), audited as `organisation.absence_create`. */
export async function recordAbsence(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & { personId: string },
): Promise<{ id: string }> {
  const row = await audited(
    db,
    actor,
    'organisation.absence_create',
    'absence',
    (trx) => repo.insertAbsence(trx, { person_id: input.personId, ...period(input) }),
    (r) => ({ personId: r.person_id, ...periodDetails(r) }),
  )
  return { id: row.id }
}

/**
 * Adds a deputy rule, audited as `organisation.deputy_rule_create`. `permanent` is the ständige
 * Stellvertretung (asked first, no position); `chain` rules are asked by ascending position.
 * @throws OrganisationRecordRejectedError for a second permanent deputy or a taken position in the period
 */
export async function addDeputyRule(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & { postId: string; deputyPostId: string } & (
      | { kind: Extract<DeputyRuleKind, 'permanent'> }
      | { kind: Extract<DeputyRuleKind, 'chain'>; position: number }
    ),
): Promise<{ id: string }> {
  const row = await audited(
    db,
    actor,
    'organisation.deputy_rule_create',
    'deputy_rule',
    (trx) =>
      repo.insertDeputyRule(trx, {
        post_id: input.postId,
        deputy_post_id: input.deputyPostId,
        kind: input.kind,
        position: input.kind === 'chain' ? input.position : null,
        ...period(input),
      }),
    (r) => ({
      postId: r.post_id,
      deputyPostId: r.deputy_post_id,
      kind: r.kind,
      position: r.position,
      ...periodDetails(r),
    }),
  )
  return { id: row.id }
}

/**
 * Adds an interim assignment (Interimskonzept) that overrides holder and chain of a post for its period,
 * audited as `organisation.interim_assignment_create`.
 * @throws OrganisationRecordRejectedError when the post already has one in the period
 */
export async function addInterimAssignment(
  db: Db,
  actor: AuditActor,
  input: PeriodInput & { postId: string } & ({ actingPostId: string } | { actingPersonId: string }),
): Promise<{ id: string }> {
  const row = await audited(
    db,
    actor,
    'organisation.interim_assignment_create',
    'interim_assignment',
    (trx) =>
      repo.insertInterimAssignment(trx, {
        post_id: input.postId,
        acting_post_id: 'actingPostId' in input ? input.actingPostId : null,
        acting_person_id: 'actingPersonId' in input ? input.actingPersonId : null,
        ...period(input),
      }),
    (r) => ({
      postId: r.post_id,
      actingPostId: r.acting_post_id,
      actingPersonId: r.acting_person_id,
      ...periodDetails(r),
    }),
  )
  return { id: row.id }
}

/**
 * Loads the organisation as it stood at `at` (only records valid then), read in one repeatable-read
 * transaction so that the parts fit together even while someone edits the structure.
 */
export async function loadOrganisationSnapshot(db: Db, at: Date): Promise<OrganisationSnapshot> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const units = await repo.listUnitsValidAt(trx, at)
      const posts = await repo.listPostsValidAt(trx, at)
      const people = await repo.listPeopleActiveAt(trx, at)
      const holdings = await repo.listHoldingsValidAt(trx, at)
      const absences = await repo.listAbsencesValidAt(trx, at)
      const deputyRules = await repo.listDeputyRulesValidAt(trx, at)
      const interims = await repo.listInterimAssignmentsValidAt(trx, at)
      return {
        units: units.map((u) => ({
          id: u.id,
          parentId: u.parent_id,
          validFrom: u.valid_from,
          validTo: u.valid_to,
        })),
        posts: posts.map((p) => ({
          id: p.id,
          unitId: p.unit_id,
          isHeadOfUnit: p.is_head_of_unit,
          validFrom: p.valid_from,
          validTo: p.valid_to,
        })),
        people: people.map((p) => ({ id: p.id, displayName: p.display_name, staffUserId: p.staff_user_id })),
        holdings: holdings.map((h) => ({
          postId: h.post_id,
          personId: h.person_id,
          validFrom: h.valid_from,
          validTo: h.valid_to,
        })),
        absences: absences.map((a) => ({
          personId: a.person_id,
          validFrom: a.valid_from,
          validTo: a.valid_to,
        })),
        deputyRules: deputyRules.map((r) => ({
          postId: r.post_id,
          deputyPostId: r.deputy_post_id,
          kind: r.kind,
          position: r.position,
          validFrom: r.valid_from,
          validTo: r.valid_to,
        })),
        interimAssignments: interims.map((i) => ({
          postId: i.post_id,
          actingPostId: i.acting_post_id,
          actingPersonId: i.acting_person_id,
          validFrom: i.valid_from,
          validTo: i.valid_to,
        })),
      }
    })
}

/**
 * Who acts for post `postId` at `at`, and in whose name — the single source for routing, inboxes,
 * approvals and signatures. A post that exists but is not in force at `at` answers `nobody`
 * (`post_not_in_force`).
 * @throws PostNotFoundError when no post with this id has ever existed
 * @example
 * const acting = await whoActsFor(db, postId, new Date())
 * if (acting.kind === 'deputy') { signature = `i.V. ${acting.person.displayName}` }
 */
export async function whoActsFor(db: Db, postId: string, at: Date): Promise<ActingResult> {
  const snapshot = await loadOrganisationSnapshot(db, at)
  const { result } = actingFor(snapshot, postId, at)
  if (
    result.kind === 'nobody' &&
    result.reason === 'post_not_in_force' &&
    (!isUuid(postId) || !(await repo.postExists(db, postId)))
  ) {
    throw new PostNotFoundError(postId)
  }
  return result
}

/**
 * Resolves every post in force at `at` from one snapshot: per-post answers, the posts nobody can act for,
 * and the deputy cycles met on the way.
 */
export async function resolveOrganisation(db: Db, at: Date): Promise<OrganisationResolution> {
  return resolveAll(await loadOrganisationSnapshot(db, at), at)
}

/** A record type that can be ended, with its audit action. */
const ENDABLE = {
  org_unit: 'organisation.unit_end',
  post: 'organisation.post_end',
  post_holding: 'organisation.post_holding_end',
  absence: 'organisation.absence_end',
  deputy_rule: 'organisation.deputy_rule_end',
  interim_assignment: 'organisation.interim_assignment_end',
} as const

export type EndableRecordType = keyof typeof ENDABLE

/** True when the record covers `at` and may therefore end there: started before it, not ended by it. */
function coversForEnd(record: { valid_from: Date; valid_to: Date | null }, at: Date): boolean {
  return record.valid_from < at && (record.valid_to === null || record.valid_to > at)
}

/**
 * Ends a dated record at `at` (its valid_to becomes `at`, exclusive), audited as
 * `organisation.<type>_end`. Only shortens: the record must have started before `at` and not have ended by
 * then. A unit must have no posts or sub-units left after `at`; ending a post also ends, at the same
 * instant, its holding, attribute version, deputy rules (in both directions) and interim assignments, and is
 * refused while any of those starts on or after `at`.
 * @throws OrganisationRecordNotFoundError when there is no such record
 * @throws OrganisationChangeRefusedError `not_in_force`, `unit_in_use` or `planned_records`
 */
export async function endRecord(
  db: Db,
  actor: OrganisationActor,
  type: EndableRecordType,
  id: string,
  at: Date,
): Promise<{ id: string; ended: number }> {
  if (!isUuid(id)) {
    throw new OrganisationRecordNotFoundError(type, id)
  }
  return audited(
    db,
    actor,
    ENDABLE[type],
    type,
    async (trx) => {
      const record = await repo.lockDatedRecord(trx, type, id)
      if (!record) {
        throw new OrganisationRecordNotFoundError(type, id)
      }
      if (!coversForEnd(record, at)) {
        throw new OrganisationChangeRefusedError('not_in_force')
      }
      let ended = 0
      if (type === 'org_unit') {
        const [posts, units] = await repo.unitMembersFrom(trx, id, at)
        if (posts.length > 0 || units.length > 0) {
          throw new OrganisationChangeRefusedError('unit_in_use')
        }
      }
      if (type === 'post') {
        const dependants = await repo.postDependantsFrom(trx, id, at)
        if (dependants.some((d) => d.validFrom >= at)) {
          throw new OrganisationChangeRefusedError('planned_records')
        }
        for (const dependant of dependants) {
          await repo.setValidTo(trx, dependant.table, dependant.id, at)
        }
        ended = dependants.length
      }
      await repo.setValidTo(trx, type, id, at)
      return { id, ended }
    },
    (r) => ({ validTo: at.toISOString(), alsoEnded: r.ended }),
  )
}

/** What may change about a post from a date; the unit and the head-of-unit flag are structure (ADR 0012). */
export interface PostAttributes {
  title: string
  fte: number
  taskArea: string | null
  signingLevel: SigningLevel
  signingLimitCents: number | null
}

/**
 * Changes a post's attributes from `validFrom` on (ADR 0012), audited as `organisation.post_change`. The
 * version in force then ends at `validFrom` and a new one runs to the post's own end; the post keeps its
 * id, so its cases, holders and deputy rules stay with it.
 * @throws OrganisationRecordNotFoundError when there is no such post
 * @throws OrganisationChangeRefusedError `not_in_force` when the post does not cover `validFrom`,
 *   `planned_records` when a change from a later date is already recorded
 */
export async function changePost(
  db: Db,
  actor: OrganisationActor,
  postId: string,
  validFrom: Date,
  attributes: PostAttributes,
): Promise<{ id: string }> {
  if (!isUuid(postId)) {
    throw new OrganisationRecordNotFoundError('post', postId)
  }
  return audited(
    db,
    actor,
    'organisation.post_change',
    'post',
    async (trx) => {
      const post = await repo.lockPost(trx, postId)
      if (!post) {
        throw new OrganisationRecordNotFoundError('post', postId)
      }
      if (post.valid_from > validFrom || (post.valid_to !== null && post.valid_to <= validFrom)) {
        throw new OrganisationChangeRefusedError('not_in_force')
      }
      const versions = await repo.postVersionsFrom(trx, postId, validFrom)
      if (versions.some((v) => v.valid_from >= validFrom)) {
        throw new OrganisationChangeRefusedError('planned_records')
      }
      for (const version of versions) {
        await repo.setValidTo(trx, 'post_version', version.id, validFrom)
      }
      await repo.insertPostVersion(trx, {
        post_id: postId,
        title: attributes.title,
        fte: attributes.fte,
        task_area: attributes.taskArea,
        signing_level: attributes.signingLevel,
        signing_limit_cents: attributes.signingLimitCents,
        valid_from: validFrom,
        valid_to: post.valid_to,
      })
      return { id: postId }
    },
    () => ({
      validFrom: validFrom.toISOString(),
      fte: attributes.fte,
      signingLevel: attributes.signingLevel,
    }),
  )
}

/** A post holding with its id (for ending it) and its period. */
export interface Holding {
  id: string
  postId: string
  personId: string
  validFrom: Date
  validTo: Date | null
}

export interface Absence {
  id: string
  personId: string
  validFrom: Date
  validTo: Date | null
}

export interface DeputyRule {
  id: string
  postId: string
  deputyPostId: string
  kind: DeputyRuleKind
  position: number | null
  validFrom: Date
  validTo: Date | null
}

export interface InterimAssignment {
  id: string
  postId: string
  actingPostId: string | null
  actingPersonId: string | null
  validFrom: Date
  validTo: Date | null
}

/** The whole organisation as it stood at one instant, with names and ids, plus who acts for every post. */
export interface OrganisationAt {
  at: Date
  /** Units in force, by short code. */
  units: OrgUnit[]
  /** Posts in force, with the attributes valid at `at` (ADR 0012). */
  posts: Post[]
  /** Every person ever recorded (a handful of hundreds), by name. */
  people: Person[]
  holdings: Holding[]
  /** Absences in force at `at` or starting later. */
  absences: Absence[]
  deputyRules: DeputyRule[]
  interimAssignments: InterimAssignment[]
  resolution: OrganisationResolution
}

/**
 * Loads the organisation at `at` for the admin screens, the staffing view and the CSV export: everything in
 * force then (one repeatable-read snapshot) and who acts for each post.
 */
export async function loadOrganisationAt(db: Db, at: Date): Promise<OrganisationAt> {
  const loaded = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      units: await repo.listAllUnitsValidAt(trx, at),
      posts: await repo.listAllPostsValidAt(trx, at),
      versions: await repo.listPostVersionsValidAt(trx, at),
      people: await repo.listPeople(trx),
      holdings: await repo.listAllHoldingsValidAt(trx, at),
      absences: await repo.listAbsencesOpenAt(trx, at),
      deputyRules: await repo.listAllDeputyRulesValidAt(trx, at),
      interims: await repo.listAllInterimAssignmentsValidAt(trx, at),
    }))
  const versionByPost = new Map(loaded.versions.map((v) => [v.post_id, v]))
  const units: OrgUnit[] = loaded.units.map((u) => ({
    id: u.id,
    parentId: u.parent_id,
    kind: u.kind,
    name: u.name,
    shortCode: u.short_code,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  }))
  const posts = loaded.posts.map((row) => {
    const post = mapPost(row)
    const version = versionByPost.get(row.id)
    return version
      ? {
          ...post,
          title: version.title,
          fte: Number(version.fte),
          taskArea: version.task_area,
          signingLevel: version.signing_level,
          signingLimitCents: version.signing_limit_cents,
        }
      : post
  })
  const people = loaded.people.map((p) => ({
    id: p.id,
    displayName: p.display_name,
    staffUserId: p.staff_user_id,
  }))
  const holdings = loaded.holdings.map((h) => ({
    id: h.id,
    postId: h.post_id,
    personId: h.person_id,
    validFrom: h.valid_from,
    validTo: h.valid_to,
  }))
  const absences = loaded.absences.map((a) => ({
    id: a.id,
    personId: a.person_id,
    validFrom: a.valid_from,
    validTo: a.valid_to,
  }))
  const deputyRules = loaded.deputyRules.map((r) => ({
    id: r.id,
    postId: r.post_id,
    deputyPostId: r.deputy_post_id,
    kind: r.kind,
    position: r.position,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }))
  const interimAssignments = loaded.interims.map((i) => ({
    id: i.id,
    postId: i.post_id,
    actingPostId: i.acting_post_id,
    actingPersonId: i.acting_person_id,
    validFrom: i.valid_from,
    validTo: i.valid_to,
  }))
  const snapshot: OrganisationSnapshot = {
    units: units.map((u) => ({ id: u.id, parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo })),
    posts: posts.map((p) => ({
      id: p.id,
      unitId: p.unitId,
      isHeadOfUnit: p.isHeadOfUnit,
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    people,
    holdings,
    absences,
    deputyRules,
    interimAssignments,
  }
  return {
    at,
    units,
    posts,
    people,
    holdings,
    absences,
    deputyRules,
    interimAssignments,
    resolution: resolveAll(snapshot, at),
  }
}

/** Who manages absences: the signed-in staff member (id = staff user id) and their role. */
export interface AbsenceManager {
  id: string
  role: string
  requestId?: string | null
}

const LEAD_ROLES = new Set(['team_lead', 'department_head', 'division_head'])

/**
 * The units whose people's absences `staff` may record and end at `at`: every unit for an administrator;
 * for a team lead, department or division head the units whose head post they hold then, with all units
 * below them; nothing for anyone else.
 * @returns 'all' or the set of unit ids
 */
export function absenceScope(org: OrganisationAt, staff: AbsenceManager): 'all' | Set<string> {
  if (staff.role === 'administrator') {
    return 'all'
  }
  const scope = new Set<string>()
  if (!LEAD_ROLES.has(staff.role)) {
    return scope
  }
  const me = org.people.find((p) => p.staffUserId === staff.id)
  if (!me) {
    return scope
  }
  const postsById = new Map(org.posts.map((p) => [p.id, p]))
  const children = new Map<string, string[]>()
  for (const unit of org.units) {
    if (unit.parentId) {
      children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id])
    }
  }
  const queue = org.holdings
    .filter((h) => h.personId === me.id)
    .map((h) => postsById.get(h.postId))
    .filter((p): p is Post => p?.isHeadOfUnit === true)
    .map((p) => p.unitId)
  while (queue.length > 0) {
    const unitId = queue.pop() ?? ''
    if (!scope.has(unitId)) {
      scope.add(unitId)
      queue.push(...(children.get(unitId) ?? []))
    }
  }
  return scope
}

/** True when the person holds a post, at the organisation's instant, in a unit of the scope. */
function personInScope(org: OrganisationAt, scope: 'all' | Set<string>, personId: string): boolean {
  if (scope === 'all') {
    return true
  }
  const unitByPost = new Map(org.posts.map((p) => [p.id, p.unitId]))
  return org.holdings.some((h) => h.personId === personId && scope.has(unitByPost.get(h.postId) ?? ''))
}

async function assertMayManageAbsence(db: Db, staff: AbsenceManager, personId: string, now: Date) {
  const org = await loadOrganisationAt(db, now)
  if (!personInScope(org, absenceScope(org, staff), personId)) {
    throw new ForbiddenError(`staff ${staff.id} may not manage absences of person ${personId}`)
  }
}

function staffActor(staff: AbsenceManager): OrganisationActor {
  return { type: 'staff', id: staff.id, requestId: staff.requestId ?? null }
}

/**
 * Records an absence on behalf of a signed-in staff member who may do so (see {@link absenceScope}: the
 * person must hold a post in the manager's units now).
 * @throws ForbiddenError when the person is outside the manager's units
 */
export async function recordAbsenceAs(
  db: Db,
  staff: AbsenceManager,
  input: PeriodInput & { personId: string },
  now: Date = new Date(),
): Promise<{ id: string }> {
  await assertMayManageAbsence(db, staff, input.personId, now)
  return recordAbsence(db, staffActor(staff), input)
}

/**
 * Whether `staff` may end this absence (the absent person holds a post in her units now). An absence outside
 * her units answers exactly like one that does not exist.
 * @throws OrganisationRecordNotFoundError
 */
export async function assertMayEndAbsence(
  db: Db,
  staff: AbsenceManager,
  absenceId: string,
  now: Date = new Date(),
): Promise<void> {
  const absence = isUuid(absenceId) ? await repo.findAbsence(db, absenceId) : undefined
  const org = absence ? await loadOrganisationAt(db, now) : undefined
  if (!absence || !org || !personInScope(org, absenceScope(org, staff), absence.person_id)) {
    throw new OrganisationRecordNotFoundError('absence', absenceId)
  }
}

/**
 * Ends an absence at `at` on behalf of a staff member who may manage the absent person's absences.
 * @throws OrganisationRecordNotFoundError, ForbiddenError, OrganisationChangeRefusedError
 */
export async function endAbsenceAs(
  db: Db,
  staff: AbsenceManager,
  absenceId: string,
  at: Date,
  now: Date = new Date(),
): Promise<{ id: string }> {
  await assertMayEndAbsence(db, staff, absenceId, now)
  return endRecord(db, staffActor(staff), 'absence', absenceId, at)
}
