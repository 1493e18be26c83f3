// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { AuditActor } from '../../src/modules/audit/index.js'
import { type OrgUnitKind, organisationService } from '../../src/modules/organisation/index.js'

/** Factories act as the system; a test that cares about the actor calls the service itself. */
export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null }

/** Far enough back that every default record is in force at any date a test asks about. */
export const ORGANISATION_EPOCH = new Date('2020-01-01T00:00:00Z')

let counter = 0

/** Persists an org unit; valid from ORGANISATION_EPOCH, open-ended, unless overridden. */
export function buildOrgUnit(
  db: Db,
  overrides: {
    parentId?: string | null
    kind?: OrgUnitKind
    name?: string
    shortCode?: string
    validFrom?: Date
    validTo?: Date | null
  } = {},
) {
  counter += 1
  return organisationService.createOrgUnit(db, SYSTEM_ACTOR, {
    kind: 'team',
    name: `Team ${counter}`,
    shortCode: `T${counter}`,
    validFrom: ORGANISATION_EPOCH,
    ...overrides,
  })
}

/** Persists a post (1.0 FTE, no signing authority) in a unit. */
export function buildPost(
  db: Db,
  unitId: string,
  overrides: {
    title?: string
    isHeadOfUnit?: boolean
    fte?: number
    validFrom?: Date
    validTo?: Date | null
  } = {},
) {
  counter += 1
  return organisationService.createPost(db, SYSTEM_ACTOR, {
    unitId,
    title: `Sachbearbeitung ${counter}`,
    fte: 1,
    validFrom: ORGANISATION_EPOCH,
    ...overrides,
  })
}

/** Persists a staff person. */
export function buildPerson(db: Db, displayName?: string) {
  counter += 1
  return organisationService.createPerson(db, SYSTEM_ACTOR, {
    displayName: displayName ?? `Person ${counter}`,
  })
}

/**
 * Persists a post and, unless `vacant`, a person holding it for the post's whole period.
 * @returns the post and its holder (undefined when vacant)
 */
export async function buildHeldPost(
  db: Db,
  unitId: string,
  overrides: {
    title?: string
    holderName?: string
    isHeadOfUnit?: boolean
    vacant?: boolean
    validFrom?: Date
    validTo?: Date | null
  } = {},
) {
  const { holderName, vacant, ...postOverrides } = overrides
  const post = await buildPost(db, unitId, postOverrides)
  if (vacant) {
    return { post, holder: undefined }
  }
  const holder = await buildPerson(db, holderName)
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId: post.id,
    personId: holder.id,
    validFrom: post.validFrom,
    validTo: post.validTo,
  })
  return { post, holder }
}

/** Records an absence of a person for [from, to). */
export function buildAbsence(db: Db, personId: string, validFrom: Date, validTo: Date | null) {
  return organisationService.recordAbsence(db, SYSTEM_ACTOR, { personId, validFrom, validTo })
}

/** Instants of the interim plan below (UTC). */
export const PLAN = {
  /** The old head of department 2.500.1 hands over to the new one. */
  handover: new Date('2026-07-01T00:00:00Z'),
  /** The interim plan (Interimskonzept) for the vacant division head: [interimFrom, interimTo). */
  interimFrom: new Date('2026-10-01T00:00:00Z'),
  interimTo: new Date('2027-04-01T00:00:00Z'),
  /** Head of department 2.500.2 absent: [absentFrom, absentTo). */
  absentFrom: new Date('2026-12-01T00:00:00Z'),
  absentTo: new Date('2026-12-15T00:00:00Z'),
}

/**
 * A Lübeck-like interim plan: division 2.500 with a vacant head post and a vacant permanent deputy post; two
 * departments with heads; three teams of caseworkers, some posts vacant, some people absent; an old team that
 * was dissolved at the handover. The interim plan makes the head of 2.500.1 act for the division head.
 */
export async function buildInterimPlan(db: Db) {
  const division = await buildOrgUnit(db, { kind: 'division', name: 'Soziale Sicherung', shortCode: '2.500' })
  const grusiDept = await buildOrgUnit(db, {
    kind: 'department',
    parentId: division.id,
    name: 'Grundsicherung',
    shortCode: '2.500.1',
  })
  const hluDept = await buildOrgUnit(db, {
    kind: 'department',
    parentId: division.id,
    name: 'Hilfe zum Lebensunterhalt und AsylbLG',
    shortCode: '2.500.2',
  })
  const grusiTeam = await buildOrgUnit(db, {
    parentId: grusiDept.id,
    name: 'Grundsicherung A–K',
    shortCode: '2.500.11',
  })
  const hluTeam = await buildOrgUnit(db, { parentId: hluDept.id, name: 'HLU', shortCode: '2.500.21' })
  const oldTeam = await buildOrgUnit(db, {
    parentId: hluDept.id,
    name: 'Grundsicherung L–Z (aufgelöst)',
    shortCode: '2.500.12',
    validTo: PLAN.handover,
  })

  const divisionHead = await buildHeldPost(db, division.id, {
    title: 'Bereichsleitung',
    isHeadOfUnit: true,
    vacant: true,
  })
  const divisionDeputy = await buildHeldPost(db, division.id, {
    title: 'Stellv. Bereichsleitung',
    vacant: true,
  })
  await organisationService.addDeputyRule(db, SYSTEM_ACTOR, {
    postId: divisionHead.post.id,
    deputyPostId: divisionDeputy.post.id,
    kind: 'permanent',
    validFrom: ORGANISATION_EPOCH,
  })

  // The head of 2.500.1 changes at the handover: the post stays, the holder changes.
  const grusiHead = await buildPost(db, grusiDept.id, {
    title: 'Abteilungsleitung 2.500.1',
    isHeadOfUnit: true,
  })
  const formerGrusiHeadPerson = await buildPerson(db, 'Frühere Abteilungsleitung')
  const grusiHeadPerson = await buildPerson(db, 'Abteilungsleitung Grundsicherung')
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId: grusiHead.id,
    personId: formerGrusiHeadPerson.id,
    validFrom: ORGANISATION_EPOCH,
    validTo: PLAN.handover,
  })
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId: grusiHead.id,
    personId: grusiHeadPerson.id,
    validFrom: PLAN.handover,
  })
  const hluHead = await buildHeldPost(db, hluDept.id, {
    title: 'Abteilungsleitung 2.500.2',
    isHeadOfUnit: true,
    holderName: 'Abteilungsleitung HLU',
  })
  await buildAbsence(db, hluHead.holder?.id ?? '', PLAN.absentFrom, PLAN.absentTo)

  await organisationService.addInterimAssignment(db, SYSTEM_ACTOR, {
    postId: divisionHead.post.id,
    actingPostId: grusiHead.id,
    validFrom: PLAN.interimFrom,
    validTo: PLAN.interimTo,
  })

  const grusiLead = await buildHeldPost(db, grusiTeam.id, {
    title: 'Teamleitung 2.500.11',
    isHeadOfUnit: true,
  })
  const caseworkerA = await buildHeldPost(db, grusiTeam.id, { holderName: 'Sachbearbeitung A' })
  const caseworkerB = await buildHeldPost(db, grusiTeam.id, { holderName: 'Sachbearbeitung B' })
  const vacantCaseworker = await buildHeldPost(db, grusiTeam.id, { vacant: true })
  // A and B deputise each other (gegenseitige Vertretung); B is absent over Christmas.
  await organisationService.addDeputyRule(db, SYSTEM_ACTOR, {
    postId: caseworkerA.post.id,
    deputyPostId: caseworkerB.post.id,
    kind: 'chain',
    position: 1,
    validFrom: ORGANISATION_EPOCH,
  })
  await organisationService.addDeputyRule(db, SYSTEM_ACTOR, {
    postId: caseworkerB.post.id,
    deputyPostId: caseworkerA.post.id,
    kind: 'chain',
    position: 1,
    validFrom: ORGANISATION_EPOCH,
  })
  await buildAbsence(
    db,
    caseworkerB.holder?.id ?? '',
    new Date('2026-12-20T00:00:00Z'),
    new Date('2027-01-04T00:00:00Z'),
  )

  // The HLU team has no team lead post yet: its posts fall back to the head of 2.500.2.
  const hluCaseworker = await buildHeldPost(db, hluTeam.id, { holderName: 'Sachbearbeitung HLU' })
  await buildAbsence(db, hluCaseworker.holder?.id ?? '', PLAN.absentFrom, null)

  const oldTeamLead = await buildHeldPost(db, oldTeam.id, {
    title: 'Teamleitung 2.500.12',
    isHeadOfUnit: true,
    validTo: PLAN.handover,
    holderName: 'Teamleitung L–Z',
  })
  const oldVacantCaseworker = await buildHeldPost(db, oldTeam.id, { vacant: true, validTo: PLAN.handover })

  return {
    units: { division, grusiDept, hluDept, grusiTeam, hluTeam, oldTeam },
    posts: {
      divisionHead: divisionHead.post,
      divisionDeputy: divisionDeputy.post,
      grusiHead,
      hluHead: hluHead.post,
      grusiLead: grusiLead.post,
      caseworkerA: caseworkerA.post,
      caseworkerB: caseworkerB.post,
      vacantCaseworker: vacantCaseworker.post,
      hluCaseworker: hluCaseworker.post,
      oldTeamLead: oldTeamLead.post,
      oldVacantCaseworker: oldVacantCaseworker.post,
    },
    people: {
      formerGrusiHead: formerGrusiHeadPerson,
      grusiHead: grusiHeadPerson,
      hluHead: hluHead.holder,
      grusiLead: grusiLead.holder,
      caseworkerA: caseworkerA.holder,
      caseworkerB: caseworkerB.holder,
      oldTeamLead: oldTeamLead.holder,
    },
  }
}
