// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import {
  type ActingResult,
  actingFor,
  canonicalCycle,
  createResolver,
  isValidAt,
  type OrganisationSnapshot,
  type PostId,
  resolveAll,
  type SnapshotDeputyRule,
} from './acting.js'

const BEGIN = new Date('2026-01-01T00:00:00Z')
const AT = new Date('2026-12-01T08:00:00Z')

/** A small builder over the plain snapshot; every record is valid from BEGIN unless given a period. */
function organisation() {
  const s: OrganisationSnapshot = {
    units: [],
    posts: [],
    people: [],
    holdings: [],
    absences: [],
    deputyRules: [],
    interimAssignments: [],
  }
  const period = (from?: Date, to?: Date | null) => ({ validFrom: from ?? BEGIN, validTo: to ?? null })
  const api = {
    snapshot: s,
    unit(id: string, parentId: string | null = null) {
      s.units.push({ id, parentId, ...period() })
      return api
    },
    /** A post held by a person of the same name (`p:<post>`), or vacant. */
    post(
      id: string,
      unitId: string,
      options: { head?: boolean; vacant?: boolean; from?: Date; to?: Date } = {},
    ) {
      s.posts.push({ id, unitId, isHeadOfUnit: options.head ?? false, ...period(options.from, options.to) })
      if (!options.vacant) {
        api.person(`p:${id}`)
        s.holdings.push({ postId: id, personId: `p:${id}`, ...period() })
      }
      return api
    },
    person(id: string) {
      s.people.push({ id, displayName: `Person ${id}`, staffUserId: null })
      return api
    },
    absent(personId: string, from?: Date, to?: Date | null) {
      s.absences.push({ personId, ...period(from, to) })
      return api
    },
    permanentDeputy(postId: string, deputyPostId: string) {
      s.deputyRules.push({ postId, deputyPostId, kind: 'permanent', position: null, ...period() })
      return api
    },
    chainDeputy(postId: string, deputyPostId: string, position: number) {
      s.deputyRules.push({ postId, deputyPostId, kind: 'chain', position, ...period() })
      return api
    },
    interim(postId: string, acting: { post: string } | { person: string }, from: Date, to: Date | null) {
      s.interimAssignments.push({
        postId,
        actingPostId: 'post' in acting ? acting.post : null,
        actingPersonId: 'person' in acting ? acting.person : null,
        ...period(from, to),
      })
      return api
    },
  }
  return api
}

function who(s: OrganisationSnapshot, postId: string, at: Date = AT): ActingResult {
  return actingFor(s, postId, at).result
}

/** Team T (lead TL, caseworkers A, B, C) in department D (head DH) in division V (head VH). */
function team() {
  return organisation()
    .unit('V')
    .unit('D', 'V')
    .unit('T', 'D')
    .post('VH', 'V', { head: true })
    .post('DH', 'D', { head: true })
    .post('TL', 'T', { head: true })
    .post('A', 'T')
    .post('B', 'T')
    .post('C', 'T')
}

describe('actingFor', () => {
  it('should answer the holder when the holder is present', () => {
    const org = team()
    expect(who(org.snapshot, 'A')).toEqual({
      kind: 'holder',
      person: { id: 'p:A', displayName: 'Person p:A', staffUserId: null },
      actingPostId: 'A',
      onBehalfOf: 'A',
      path: ['A'],
    })
  })

  it('should ask the permanent deputy first when the holder is absent', () => {
    const org = team().chainDeputy('A', 'C', 1).permanentDeputy('A', 'B').absent('p:A')
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'deputy', actingPostId: 'B', path: ['A', 'B'] })
  })

  it('should go on along the chain when the deputy is absent too', () => {
    const org = team().permanentDeputy('A', 'B').chainDeputy('A', 'C', 1).absent('p:A').absent('p:B')
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'deputy', actingPostId: 'C', path: ['A', 'C'] })
  })

  it("should follow the deputy's own deputy before the next deputy in the chain", () => {
    const org = team()
      .chainDeputy('A', 'B', 1)
      .chainDeputy('A', 'TL', 2)
      .chainDeputy('B', 'C', 1)
      .absent('p:A')
      .absent('p:B')
    expect(who(org.snapshot, 'A')).toMatchObject({
      kind: 'deputy',
      person: { id: 'p:C' },
      actingPostId: 'C',
      onBehalfOf: 'A',
      path: ['A', 'B', 'C'],
    })
  })

  it('should treat a vacant post like an absent holder', () => {
    const org = team().post('N', 'T', { vacant: true }).chainDeputy('N', 'B', 1)
    expect(who(org.snapshot, 'N')).toMatchObject({ kind: 'deputy', actingPostId: 'B', path: ['N', 'B'] })
  })

  it('should let an interim assignment override holder and chain only within its period', () => {
    const from = new Date('2026-12-01T00:00:00Z')
    const to = new Date('2026-12-15T00:00:00Z')
    const org = team()
      .person('X')
      .permanentDeputy('A', 'B')
      .absent('p:A')
      .interim('A', { person: 'X' }, from, to)
    expect(who(org.snapshot, 'A', new Date('2026-11-30T23:59:59.999Z'))).toMatchObject({ kind: 'deputy' })
    expect(who(org.snapshot, 'A', from)).toMatchObject({
      kind: 'interim',
      person: { id: 'X' },
      actingPostId: null,
      path: ['A'],
    })
    expect(who(org.snapshot, 'A', to)).toMatchObject({ kind: 'deputy', actingPostId: 'B' })
  })

  it('should win over a present holder and may name a post, which is resolved by its own deputies', () => {
    const org = team().chainDeputy('C', 'B', 1).absent('p:C').interim('A', { post: 'C' }, BEGIN, null)
    expect(who(org.snapshot, 'A')).toMatchObject({
      kind: 'interim',
      actingPostId: 'B',
      path: ['A', 'C', 'B'],
    })
  })

  it('should fall back to the ordinary rules when the interim person is absent', () => {
    const org = team().person('X').absent('X').interim('A', { person: 'X' }, BEGIN, null)
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'holder', actingPostId: 'A' })
  })

  it('should fall back to the unit head, then the parent and grand-parent unit heads', () => {
    const org = team().absent('p:A')
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'unit_head', actingPostId: 'TL', path: ['A', 'TL'] })
    org.absent('p:TL')
    expect(who(org.snapshot, 'A')).toMatchObject({
      kind: 'unit_head',
      actingPostId: 'DH',
      path: ['A', 'TL', 'DH'],
    })
    // The head of the team is itself covered by the head of the parent unit.
    expect(who(org.snapshot, 'TL')).toMatchObject({
      kind: 'unit_head',
      actingPostId: 'DH',
      path: ['TL', 'DH'],
    })
    org.absent('p:DH')
    expect(who(org.snapshot, 'A')).toMatchObject({
      kind: 'unit_head',
      actingPostId: 'VH',
      path: ['A', 'TL', 'DH', 'VH'],
    })
  })

  it("should ask the unit head only after the post's whole chain", () => {
    const org = team()
      .chainDeputy('A', 'B', 1)
      .chainDeputy('B', 'C', 1)
      .absent('p:A')
      .absent('p:B')
      .absent('p:C')
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'unit_head', actingPostId: 'TL', path: ['A', 'TL'] })
  })

  it('should skip a unit whose head post is missing and ask the next unit up', () => {
    const org = organisation()
      .unit('V')
      .unit('T', 'V')
      .post('VH', 'V', { head: true })
      .post('A', 'T')
      .absent('p:A')
    expect(who(org.snapshot, 'A')).toMatchObject({ kind: 'unit_head', actingPostId: 'VH', path: ['A', 'VH'] })
  })

  it('should report a deputy cycle A→B→A with both absent, and nobody', () => {
    const org = organisation()
      .unit('U')
      .post('A', 'U')
      .post('B', 'U')
      .permanentDeputy('A', 'B')
      .permanentDeputy('B', 'A')
      .absent('p:A')
      .absent('p:B')
    const resolved = actingFor(org.snapshot, 'A', AT)
    expect(resolved.result).toEqual({ kind: 'nobody', reason: 'cycle', onBehalfOf: 'A', path: ['A'] })
    expect(resolved.cycles).toEqual([['A', 'B', 'A']])
    const all = resolveAll(org.snapshot, AT)
    expect(all.unresolvable).toEqual(['A', 'B'])
    expect(all.cycles).toEqual([['A', 'B', 'A']])
  })

  it('should not call a unit head whose deputy is the asking post a cycle', () => {
    const org = team().permanentDeputy('TL', 'A').absent('p:A').absent('p:TL')
    const resolved = actingFor(org.snapshot, 'A', AT)
    expect(resolved.result).toMatchObject({ kind: 'unit_head', actingPostId: 'DH', path: ['A', 'TL', 'DH'] })
    expect(resolved.cycles).toEqual([])
  })

  it('should answer nobody with the unit heads asked when everyone is absent', () => {
    const org = team().absent('p:A').absent('p:TL').absent('p:DH').absent('p:VH')
    expect(who(org.snapshot, 'A')).toEqual({
      kind: 'nobody',
      reason: 'nobody_available',
      onBehalfOf: 'A',
      path: ['A', 'TL', 'DH', 'VH'],
    })
  })

  it('should answer post_not_in_force for a post outside its period', () => {
    const org = team().post('OLD', 'T', { to: new Date('2026-06-01T00:00:00Z') })
    expect(who(org.snapshot, 'OLD')).toMatchObject({ kind: 'nobody', reason: 'post_not_in_force' })
    expect(who(org.snapshot, 'OLD', new Date('2026-05-31T23:59:59Z'))).toMatchObject({ kind: 'holder' })
  })

  // Periods are half-open: valid_from inclusive, valid_to exclusive. An absence "until 1 December" that ends at
  // 2026-12-01T00:00 means the person is back at that instant.
  it('should count from inclusive and to exclusive at exact boundaries', () => {
    const from = new Date('2026-11-20T00:00:00Z')
    const to = new Date('2026-12-01T00:00:00Z')
    const org = team().absent('p:A', from, to)
    expect(who(org.snapshot, 'A', new Date(from.getTime() - 1))).toMatchObject({ kind: 'holder' })
    expect(who(org.snapshot, 'A', from)).toMatchObject({ kind: 'unit_head' })
    expect(who(org.snapshot, 'A', new Date(to.getTime() - 1))).toMatchObject({ kind: 'unit_head' })
    expect(who(org.snapshot, 'A', to)).toMatchObject({ kind: 'holder' })
    expect(isValidAt({ validFrom: from, validTo: to }, from)).toBe(true)
    expect(isValidAt({ validFrom: from, validTo: to }, to)).toBe(false)
    expect(isValidAt({ validFrom: from, validTo: null }, new Date('9999-01-01'))).toBe(true)
  })

  it('should hand a post over between two holders at the same instant', () => {
    const handover = new Date('2026-07-01T00:00:00Z')
    const org = organisation().unit('U').post('P', 'U', { vacant: true }).person('old').person('new')
    org.snapshot.holdings.push(
      { postId: 'P', personId: 'old', validFrom: BEGIN, validTo: handover },
      { postId: 'P', personId: 'new', validFrom: handover, validTo: null },
    )
    expect(who(org.snapshot, 'P', new Date(handover.getTime() - 1))).toMatchObject({ person: { id: 'old' } })
    expect(who(org.snapshot, 'P', handover)).toMatchObject({ person: { id: 'new' } })
  })
})

// ---------------------------------------------------------------------------------------------------------
// Property-based: random structures from a seeded generator (no dependency needed for this size; a failing
// seed is printed and reproduces exactly).

/** mulberry32: small, fast, good enough to spread test cases. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: T[]): T => {
      const x = xs[Math.floor(next() * xs.length)]
      if (x === undefined) {
        throw new Error('pick from empty list')
      }
      return x
    },
  }
}

const DAY = 86_400_000
const day = (n: number) => new Date(BEGIN.getTime() + n * DAY)
/** Instants asked about: day boundaries (where periods start and end) and a moment inside a day. */
const INSTANTS = [day(0), day(3), day(5), new Date(day(5).getTime() + DAY / 2), day(8), day(10)]

/** A random organisation that respects what the database's constraints guarantee. */
function randomOrganisation(seed: number): OrganisationSnapshot {
  const r = rng(seed)
  const org = organisation()
  const s = org.snapshot
  const randomPeriod = () => {
    if (r.chance(0.5)) {
      return { validFrom: BEGIN, validTo: null }
    }
    const from = r.int(0, 8)
    return { validFrom: day(from), validTo: r.chance(0.3) ? null : day(from + r.int(1, 5)) }
  }
  org.unit('U0')
  const units = ['U0']
  const unitCount = r.int(1, 5)
  for (let i = 1; i <= unitCount; i++) {
    const id = `U${i}`
    // Occasionally a unit whose parent is missing or not in force.
    s.units.push({ id, parentId: r.chance(0.05) ? 'GONE' : r.pick(units), ...randomPeriod() })
    units.push(id)
  }
  const posts: PostId[] = []
  const postCount = r.int(2, 12)
  for (let i = 0; i < postCount; i++) {
    const id = `P${i}`
    const unitId = r.pick(units)
    const head = r.chance(0.35) && !s.posts.some((p) => p.unitId === unitId && p.isHeadOfUnit)
    s.posts.push({
      id,
      unitId,
      isHeadOfUnit: head,
      ...(r.chance(0.85) ? { validFrom: BEGIN, validTo: null } : randomPeriod()),
    })
    posts.push(id)
  }
  const people = Array.from({ length: r.int(1, postCount + 2) }, (_, i) => `H${i}`)
  for (const id of people) {
    org.person(id)
    for (let k = r.int(0, 2); k > 0; k--) {
      s.absences.push({ personId: id, ...randomPeriod() })
    }
  }
  for (const postId of posts) {
    // Holdings of one post follow each other without overlap (the exclusion constraint's guarantee).
    let t = 0
    while (t < 10 && r.chance(0.8)) {
      const length = r.int(1, 10)
      s.holdings.push({
        postId,
        personId: r.pick(people),
        validFrom: day(t),
        validTo: t + length >= 10 ? null : day(t + length),
      })
      t += length + r.int(0, 2)
    }
    const deputies = posts.filter((p) => p !== postId)
    const count = Math.min(deputies.length, r.int(0, 3))
    const chosen = new Set<PostId>()
    while (chosen.size < count) {
      chosen.add(r.pick(deputies))
    }
    let position = 1
    let permanent = false
    for (const deputyPostId of chosen) {
      const rule: SnapshotDeputyRule =
        !permanent && r.chance(0.4)
          ? { postId, deputyPostId, kind: 'permanent', position: null, ...randomPeriod() }
          : { postId, deputyPostId, kind: 'chain', position: position++, ...randomPeriod() }
      permanent ||= rule.kind === 'permanent'
      s.deputyRules.push(rule)
    }
  }
  // Interim assignments may point at posts that do not exist yet at the time.
  for (const postId of posts) {
    if (r.chance(0.15)) {
      const acting = r.chance(0.5)
        ? { post: r.pick(posts.filter((p) => p !== postId)) ?? postId }
        : { person: r.pick(people) }
      if ('post' in acting && acting.post === postId) {
        continue
      }
      const p = randomPeriod()
      org.interim(postId, acting, p.validFrom, p.validTo)
    }
  }
  return s
}

interface OracleHit {
  kind: string
  personId: string
  actingPostId: string | null
  path: string[]
}

/**
 * The rules written down as plainly as possible, straight from the raw records: a depth-first search that only
 * refuses posts on the current path and remembers nothing. Exponential in the worst case, fine at this size.
 */
function oracle(s: OrganisationSnapshot, at: Date, start: PostId): OracleHit | { nobody: string[] } {
  const valid = <T extends { validFrom: Date; validTo: Date | null }>(xs: T[]) =>
    xs.filter((x) => isValidAt(x, at))
  const posts = valid(s.posts)
  const units = valid(s.units)
  const present = (personId: string | null) =>
    personId !== null &&
    s.people.some((p) => p.id === personId) &&
    !valid(s.absences).some((a) => a.personId === personId)
  const postInForce = (id: string) => posts.some((p) => p.id === id)
  const headOf = (unitId: string) => posts.find((p) => p.unitId === unitId && p.isHeadOfUnit)?.id
  const supervisor = (postId: string): string | undefined => {
    const post = posts.find((p) => p.id === postId)
    let unit = units.find((u) => u.id === post?.unitId)
    if (post?.isHeadOfUnit) {
      unit = units.find((u) => u.id === unit?.parentId)
    }
    const seen = new Set<string>()
    while (unit && !seen.has(unit.id)) {
      seen.add(unit.id)
      const head = headOf(unit.id)
      if (head && head !== postId) {
        return head
      }
      unit = units.find((u) => u.id === unit?.parentId)
    }
    return undefined
  }
  const deputies = (postId: string) =>
    valid(s.deputyRules)
      .filter((d) => d.postId === postId && postInForce(d.deputyPostId))
      .sort((a, b) =>
        a.kind === 'permanent' ? -1 : b.kind === 'permanent' ? 1 : (a.position ?? 0) - (b.position ?? 0),
      )
      .map((d) => d.deputyPostId)

  const local = (postId: string, stack: string[]): OracleHit | null => {
    if (stack.includes(postId)) {
      return null
    }
    const inner = [...stack, postId]
    const interim = valid(s.interimAssignments).find((i) => i.postId === postId)
    if (interim?.actingPersonId && present(interim.actingPersonId)) {
      return { kind: 'interim', personId: interim.actingPersonId, actingPostId: null, path: [postId] }
    }
    if (interim?.actingPostId && postInForce(interim.actingPostId)) {
      const h = local(interim.actingPostId, inner)
      if (h) {
        return { ...h, kind: 'interim', path: [postId, ...h.path] }
      }
    }
    const holder = valid(s.holdings).find((h) => h.postId === postId)?.personId ?? null
    if (holder !== null && present(holder)) {
      return { kind: 'holder', personId: holder, actingPostId: postId, path: [postId] }
    }
    for (const d of deputies(postId)) {
      const h = local(d, inner)
      if (h) {
        return { ...h, kind: 'deputy', path: [postId, ...h.path] }
      }
    }
    return null
  }
  const chain: string[] = []
  const full = (postId: string, stack: string[]): OracleHit | null => {
    if (stack.includes(postId)) {
      return null
    }
    chain.push(postId)
    const own = local(postId, stack)
    if (own) {
      return own
    }
    const head = supervisor(postId)
    const h = head ? full(head, [...stack, postId]) : null
    return h ? { ...h, kind: 'unit_head', path: [postId, ...h.path] } : null
  }
  return full(start, []) ?? { nobody: chain }
}

describe('actingFor on random organisations', () => {
  const SEEDS = 400

  it('should satisfy the invariants and agree with the plain reading of the rules', () => {
    let answers = 0
    for (let seed = 1; seed <= SEEDS; seed++) {
      const s = randomOrganisation(seed)
      for (const at of INSTANTS) {
        const context = `seed ${seed} at ${at.toISOString()}`
        const all = resolveAll(s, at)
        const plain = createResolver(s, at, { memoise: false })
        const allCycles = new Set<string>()
        for (const postId of plain.postIds()) {
          const result = all.results.get(postId)
          const alone = plain.resolve(postId)
          // Memoised whole-organisation answers equal one-post-at-a-time answers, cycles included.
          expect(result, context).toEqual(alone.result)
          expect(result, context).toEqual(actingFor(s, postId, at).result)
          for (const c of alone.cycles) {
            allCycles.add(canonicalCycle(c).join(' '))
          }
          if (!result) {
            throw new Error(context)
          }
          answers += 1
          const expected = oracle(s, at, postId)
          if (result.kind === 'nobody') {
            expect(expected, `${context} ${postId}`).toEqual({ nobody: result.path })
            expect(all.unresolvable, context).toContain(postId)
            continue
          }
          expect(
            {
              kind: result.kind,
              personId: result.person.id,
              actingPostId: result.actingPostId,
              path: result.path,
            },
            `${context} ${postId}`,
          ).toEqual(expected)
          // The person who acts is present at t.
          expect(
            s.absences.some((a) => a.personId === result.person.id && isValidAt(a, at)),
            context,
          ).toBe(false)
          // They hold the post they act through at t.
          if (result.actingPostId !== null) {
            expect(
              s.holdings.some(
                (h) =>
                  h.postId === result.actingPostId && h.personId === result.person.id && isValidAt(h, at),
              ),
              context,
            ).toBe(true)
          }
          // The path is simple and starts at the post asked about.
          expect(result.path[0]).toBe(postId)
          expect(new Set(result.path).size, context).toBe(result.path.length)
          // holder iff the holder is present and no interim assignment acts.
          const holding = s.holdings.find((h) => h.postId === postId && isValidAt(h, at))
          const holderPresent =
            holding !== undefined &&
            !s.absences.some((a) => a.personId === holding.personId && isValidAt(a, at))
          if (result.kind !== 'interim') {
            expect(result.kind === 'holder', context).toBe(holderPresent)
          }
        }
        // Every cycle met by a single question is listed once by the whole-organisation run.
        expect(new Set(all.cycles.map((c) => c.join(' '))), context).toEqual(allCycles)
        expect(all.cycles.length, context).toBe(allCycles.size)
      }
    }
    expect(answers).toBeGreaterThan(5_000)
  })
})
