// SPDX-License-Identifier: EUPL-1.2
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ActingResult,
  actingFor,
  createResolver,
  isValidAt,
  type OrganisationSnapshot,
  type Period,
  resolveAll,
} from './acting.js'

/**
 * Properties of the resolver on generated organisations: random unit trees, posts (some heads, some vacant,
 * some not in force), people (some absent), random deputy graphs (cycles included) and interim assignments.
 */

const AT = new Date('2026-12-01T08:00:00Z')
const IN_FORCE: Period = { validFrom: new Date('2026-01-01T00:00:00Z'), validTo: null }
const ENDED: Period = {
  validFrom: new Date('2025-01-01T00:00:00Z'),
  validTo: new Date('2026-06-01T00:00:00Z'),
}
const LATER: Period = { validFrom: new Date('2027-01-01T00:00:00Z'), validTo: null }

const periodArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(IN_FORCE) },
  { weight: 1, arbitrary: fc.constant(ENDED) },
  { weight: 1, arbitrary: fc.constant(LATER) },
)

/** A generated organisation: indices are turned into ids `u3`, `p7`, `h2`. */
const organisationArb = fc
  .record({
    unitCount: fc.integer({ min: 1, max: 6 }),
    postCount: fc.integer({ min: 1, max: 14 }),
    personCount: fc.integer({ min: 0, max: 10 }),
  })
  .chain(({ unitCount, postCount, personCount }) =>
    fc.record({
      // Parent of unit i is a unit with a smaller index (a tree), or none.
      parents: fc.tuple(
        ...Array.from({ length: unitCount }, (_, i) =>
          i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null }),
        ),
      ),
      posts: fc.array(
        fc.record({
          unit: fc.integer({ min: 0, max: unitCount - 1 }),
          head: fc.boolean(),
          period: periodArb,
        }),
        { minLength: postCount, maxLength: postCount },
      ),
      holdings: fc.array(
        fc.record({
          post: fc.integer({ min: 0, max: postCount - 1 }),
          person: fc.integer({ min: 0, max: Math.max(personCount - 1, 0) }),
          period: periodArb,
        }),
        { maxLength: personCount === 0 ? 0 : postCount },
      ),
      absent: fc.array(
        fc.record({ person: fc.integer({ min: 0, max: Math.max(personCount - 1, 0) }), period: periodArb }),
        {
          maxLength: personCount,
        },
      ),
      rules: fc.array(
        fc.record({
          post: fc.integer({ min: 0, max: postCount - 1 }),
          deputy: fc.integer({ min: 0, max: postCount - 1 }),
          permanent: fc.boolean(),
          position: fc.integer({ min: 1, max: 4 }),
          period: periodArb,
        }),
        { maxLength: postCount * 2 },
      ),
      interims: fc.array(
        fc.record({
          post: fc.integer({ min: 0, max: postCount - 1 }),
          actingPost: fc.option(fc.integer({ min: 0, max: postCount - 1 }), { nil: null }),
          actingPerson: fc.integer({ min: 0, max: Math.max(personCount - 1, 0) }),
          period: periodArb,
        }),
        { maxLength: 3 },
      ),
      personCount: fc.constant(personCount),
    }),
  )
  .map((g): OrganisationSnapshot => {
    const seen = new Set<string>()
    return {
      units: g.parents.map((parent, i) => ({
        id: `u${i}`,
        parentId: parent === null ? null : `u${parent}`,
        ...IN_FORCE,
      })),
      posts: g.posts.map((p, i) => ({
        id: `p${i}`,
        unitId: `u${p.unit}`,
        isHeadOfUnit: p.head,
        ...p.period,
      })),
      people: Array.from({ length: g.personCount }, (_, i) => ({
        id: `h${i}`,
        displayName: `Person ${i}`,
        staffUserId: null,
      })),
      holdings: g.holdings.map((h) => ({ postId: `p${h.post}`, personId: `h${h.person}`, ...h.period })),
      absences: g.absent.map((a) => ({ personId: `h${a.person}`, ...a.period })),
      deputyRules: g.rules
        .filter((r) => r.post !== r.deputy)
        .filter((r) => {
          // The database's constraints: one rule per pair; one permanent deputy / one rule per position.
          const key = r.permanent ? `${r.post}:perm` : `${r.post}:${r.position}`
          const pair = `${r.post}>${r.deputy}`
          if (seen.has(key) || seen.has(pair)) {
            return false
          }
          seen.add(key)
          seen.add(pair)
          return true
        })
        .map((r) => ({
          postId: `p${r.post}`,
          deputyPostId: `p${r.deputy}`,
          kind: r.permanent ? ('permanent' as const) : ('chain' as const),
          position: r.permanent ? null : r.position,
          ...r.period,
        })),
      interimAssignments: g.interims
        .filter((i) => i.actingPost !== i.post && (i.actingPost !== null || g.personCount > 0))
        .map((i) => ({
          postId: `p${i.post}`,
          actingPostId: i.actingPost === null ? null : `p${i.actingPost}`,
          actingPersonId: i.actingPost === null ? `h${i.actingPerson}` : null,
          ...i.period,
        })),
    }
  })

function absentAt(s: OrganisationSnapshot, personId: string): boolean {
  return s.absences.some((a) => a.personId === personId && isValidAt(a, AT))
}

function holderAt(s: OrganisationSnapshot, postId: string): string | undefined {
  // The resolver's tie-break for inconsistent data (two holders): the smallest person id.
  return s.holdings
    .filter((h) => h.postId === postId && isValidAt(h, AT))
    .map((h) => h.personId)
    .sort()[0]
}

function postsInForce(s: OrganisationSnapshot): string[] {
  return s.posts.filter((p) => isValidAt(p, AT)).map((p) => p.id)
}

const RUNS = { numRuns: 400 }

describe('resolver properties on generated organisations', () => {
  it('should always answer a present person who exists, or nobody', () => {
    fc.assert(
      fc.property(organisationArb, (s) => {
        for (const postId of postsInForce(s)) {
          const { result } = actingFor(s, postId, AT)
          if (result.kind === 'nobody') {
            expect(['nobody_available', 'cycle']).toContain(result.reason)
            continue
          }
          expect(s.people.map((p) => p.id)).toContain(result.person.id)
          expect(absentAt(s, result.person.id)).toBe(false)
          // Acting through a post means holding that post now.
          if (result.actingPostId !== null) {
            expect(holderAt(s, result.actingPostId)).toBe(result.person.id)
          }
        }
      }),
      RUNS,
    )
  })

  it('should let a present holder act for their own post unless an interim assignment is in force', () => {
    fc.assert(
      fc.property(organisationArb, (s) => {
        for (const postId of postsInForce(s)) {
          const holder = holderAt(s, postId)
          const interim = s.interimAssignments.some((i) => i.postId === postId && isValidAt(i, AT))
          if (holder && !absentAt(s, holder) && !interim) {
            expect(actingFor(s, postId, AT).result).toMatchObject({
              kind: 'holder',
              person: { id: holder },
              path: [postId],
            })
          }
        }
      }),
      RUNS,
    )
  })

  it('should let an interim assignment naming a present person override holder and chain', () => {
    fc.assert(
      fc.property(organisationArb, (s) => {
        for (const interim of s.interimAssignments.filter((i) => isValidAt(i, AT) && i.actingPersonId)) {
          if (!postsInForce(s).includes(interim.postId) || absentAt(s, interim.actingPersonId ?? '')) {
            continue
          }
          // Only the first interim of a post counts; the database allows one at a time.
          const first = s.interimAssignments.find((i) => i.postId === interim.postId && isValidAt(i, AT))
          if (first !== interim) {
            continue
          }
          expect(actingFor(s, interim.postId, AT).result).toMatchObject({
            kind: 'interim',
            person: { id: interim.actingPersonId },
            actingPostId: null,
          })
        }
      }),
      RUNS,
    )
  })

  it('should finish on random deputy graphs with cycles, with paths that never repeat a post', () => {
    fc.assert(
      fc.property(organisationArb, (s) => {
        for (const postId of postsInForce(s)) {
          const { result, cycles } = actingFor(s, postId, AT)
          expect(result.path[0]).toBe(postId)
          expect(new Set(result.path).size).toBe(result.path.length)
          if (result.kind !== 'nobody' && result.actingPostId !== null) {
            expect(result.path.at(-1)).toBe(result.actingPostId)
          }
          for (const cycle of cycles) {
            expect(cycle[0]).toBe(cycle.at(-1))
            expect(cycle.length).toBeGreaterThanOrEqual(3)
          }
        }
      }),
      RUNS,
    )
  })

  it('should give the same answer per post as for the whole organisation, memoised or not', () => {
    fc.assert(
      fc.property(organisationArb, (s) => {
        const all = resolveAll(s, AT)
        const plain = resolveAll(s, AT, { memoise: false })
        const single = createResolver(s, AT, { memoise: false })
        expect(new Set(all.results.keys())).toEqual(new Set(postsInForce(s)))
        for (const [postId, result] of all.results) {
          const one: ActingResult = actingFor(s, postId, AT).result
          expect(one).toEqual(result)
          expect(plain.results.get(postId)).toEqual(result)
          expect(single.resolve(postId).result).toEqual(result)
        }
        expect(all.unresolvable).toEqual(
          [...all.results].filter(([, r]) => r.kind === 'nobody').map(([id]) => id),
        )
      }),
      RUNS,
    )
  })

  it('should generate organisations that reach every kind of answer, so that the properties above are not vacuous', () => {
    const kinds = new Map<string, number>()
    let cycles = 0
    for (const s of fc.sample(organisationArb, { numRuns: 400, seed: 4 })) {
      const all = resolveAll(s, AT)
      cycles += all.cycles.length
      for (const result of all.results.values()) {
        const key = result.kind === 'nobody' ? `nobody:${result.reason}` : result.kind
        kinds.set(key, (kinds.get(key) ?? 0) + 1)
      }
    }
    for (const kind of [
      'holder',
      'deputy',
      'interim',
      'unit_head',
      'nobody:nobody_available',
      'nobody:cycle',
    ]) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(5)
    }
    expect(cycles).toBeGreaterThan(5)
  })
})
