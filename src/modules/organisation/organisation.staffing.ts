// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../db/database.js'
import { isValidAt } from './acting.js'
import * as repo from './organisation.repository.js'
import { loadOrganisationAt, type OrganisationAt, type OrgUnit } from './organisation.service.js'

/** Where a unit's caseload stands against the norm band. */
export type CaseloadBand = 'below' | 'within' | 'above' | 'no_staff'

/** The staffing figures of one unit; `total` includes every unit below it. */
export interface StaffingFigures {
  postsPlanned: number
  postsFilled: number
  postsVacant: number
  ftePlanned: number
  fteFilled: number
  /** People holding a post of the unit who are absent at the instant. */
  absentPeople: number
  /** FTE of filled posts whose holder is present. */
  ftePresent: number
  /** FTE of filled posts that are not head-of-unit posts: who carries the caseload. */
  fteCaseload: number
  /** Cases assigned to the unit's posts whose status is neither decided nor closed. */
  openCases: number
  /** openCases / fteCaseload; null without caseload FTE. */
  casesPerFte: number | null
  band: CaseloadBand
}

export interface StaffingRow {
  unit: OrgUnit
  /** 0 for a division, 1 for its departments, … */
  depth: number
  own: StaffingFigures
  total: StaffingFigures
}

export interface Staffing {
  at: Date
  norm: { min: number; max: number }
  /** Units in tree order (each unit followed by its sub-units). */
  rows: StaffingRow[]
}

function empty(): Omit<StaffingFigures, 'casesPerFte' | 'band'> {
  return {
    postsPlanned: 0,
    postsFilled: 0,
    postsVacant: 0,
    ftePlanned: 0,
    fteFilled: 0,
    absentPeople: 0,
    ftePresent: 0,
    fteCaseload: 0,
    openCases: 0,
  }
}

function finish(
  f: Omit<StaffingFigures, 'casesPerFte' | 'band'>,
  norm: { min: number; max: number },
): StaffingFigures {
  const round = (n: number) => Math.round(n * 100) / 100
  const casesPerFte = f.fteCaseload > 0 ? Math.round((f.openCases / f.fteCaseload) * 10) / 10 : null
  const band: CaseloadBand =
    casesPerFte === null
      ? 'no_staff'
      : casesPerFte < norm.min
        ? 'below'
        : casesPerFte > norm.max
          ? 'above'
          : 'within'
  return {
    ...f,
    ftePlanned: round(f.ftePlanned),
    fteFilled: round(f.fteFilled),
    ftePresent: round(f.ftePresent),
    fteCaseload: round(f.fteCaseload),
    casesPerFte,
    band,
  }
}

/** Staffing figures per unit from an organisation at one instant and the open cases per post (pure). */
export function computeStaffing(
  org: OrganisationAt,
  openCases: Map<string, number>,
  norm: { min: number; max: number },
): Staffing {
  const holder = new Map(org.holdings.map((h) => [h.postId, h.personId]))
  const absent = new Set(org.absences.filter((a) => isValidAt(a, org.at)).map((a) => a.personId))
  const own = new Map(org.units.map((u) => [u.id, empty()]))
  const absentByUnit = new Map<string, Set<string>>()
  for (const post of org.posts) {
    const f = own.get(post.unitId)
    if (!f) {
      continue
    }
    const person = holder.get(post.id)
    f.postsPlanned += 1
    f.ftePlanned += post.fte
    f.openCases += openCases.get(post.id) ?? 0
    if (person) {
      f.postsFilled += 1
      f.fteFilled += post.fte
      if (!post.isHeadOfUnit) {
        f.fteCaseload += post.fte
      }
      if (absent.has(person)) {
        absentByUnit.set(post.unitId, (absentByUnit.get(post.unitId) ?? new Set()).add(person))
      } else {
        f.ftePresent += post.fte
      }
    } else {
      f.postsVacant += 1
    }
  }
  for (const [unitId, people] of absentByUnit) {
    const f = own.get(unitId)
    if (f) {
      f.absentPeople = people.size
    }
  }
  const unitIds = new Set(org.units.map((u) => u.id))
  const children = new Map<string | null, OrgUnit[]>()
  for (const unit of org.units) {
    const parent = unit.parentId && unitIds.has(unit.parentId) ? unit.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), unit])
  }
  const rows: StaffingRow[] = []
  const walk = (
    unit: OrgUnit,
    depth: number,
    seen: Set<string>,
  ): Omit<StaffingFigures, 'casesPerFte' | 'band'> => {
    const mine = own.get(unit.id) ?? empty()
    const total = { ...mine }
    const row: StaffingRow = { unit, depth, own: finish(mine, norm), total: finish(total, norm) }
    rows.push(row)
    for (const child of children.get(unit.id) ?? []) {
      if (seen.has(child.id)) {
        continue
      }
      seen.add(child.id)
      const sub = walk(child, depth + 1, seen)
      for (const key of Object.keys(total) as Array<keyof typeof total>) {
        total[key] += sub[key]
      }
    }
    row.total = finish(total, norm)
    return total
  }
  const seen = new Set<string>()
  for (const root of children.get(null) ?? []) {
    seen.add(root.id)
    walk(root, 0, seen)
  }
  return { at: org.at, norm, rows }
}

/** The staffing view's numbers at `at`: the organisation then, and the cases open now. */
export async function staffingAt(db: Db, at: Date, norm: { min: number; max: number }): Promise<Staffing> {
  const [org, openCases] = await Promise.all([loadOrganisationAt(db, at), repo.openCasesByPost(db)])
  return computeStaffing(org, openCases, norm)
}
