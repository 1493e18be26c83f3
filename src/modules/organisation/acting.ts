// SPDX-License-Identifier: EUPL-1.2
/**
 * Who acts for a post at an instant — pure, in memory, over a plain snapshot of the organisation. The
 * database layer (organisation.service.ts) loads the snapshot; everything here is testable without one.
 *
 * Rules, in order, for post P at instant t:
 * 1. interim: an interim assignment of P active at t names a person (who acts if present) or a post (whose
 *    own holder, interim or deputies act — never its unit head). If that yields nobody, the rules go on.
 * 2. holder: the person holding P at t, if not absent at t.
 * 3. deputy: the permanent deputy post, then the chain posts by position; each deputy post is resolved by
 *    rules 1–3 itself (its own deputies, recursively) before the next deputy of P is asked.
 * 4. unit_head: the head post of P's unit (or, when P is that head, of the nearest ancestor unit with a head
 *    post), resolved by rules 1–4 — so the search climbs to the grand-parent unit and further.
 *
 * Dates: every record is valid in [validFrom, validTo): from inclusive, to exclusive, validTo null =
 * open-ended. An absence ending at 2026-12-01T00:00 means the person is present at that instant.
 *
 * The search is a depth-first walk that never enters a post already on the current path (a cycle, which
 * is reported, never followed) and never enters a post twice per question (a post whose rules 1–3 found
 * nobody cannot find anybody later either), so one question costs at most O(posts + rules).
 * @module
 */

export type PostId = string
export type PersonId = string
export type OrgUnitId = string

/** A dated record: valid from `validFrom` (inclusive) to `validTo` (exclusive; null = open-ended). */
export interface Period {
  validFrom: Date
  validTo: Date | null
}

export interface SnapshotUnit extends Period {
  id: OrgUnitId
  parentId: OrgUnitId | null
}

export interface SnapshotPost extends Period {
  id: PostId
  unitId: OrgUnitId
  isHeadOfUnit: boolean
}

export interface SnapshotPerson {
  id: PersonId
  displayName: string
  staffUserId: string | null
}

export interface SnapshotHolding extends Period {
  postId: PostId
  personId: PersonId
}

export interface SnapshotAbsence extends Period {
  personId: PersonId
}

export interface SnapshotDeputyRule extends Period {
  postId: PostId
  deputyPostId: PostId
  kind: 'permanent' | 'chain'
  /** Order within the chain (ascending); null for the permanent deputy. */
  position: number | null
}

/** Exactly one of actingPostId and actingPersonId is set. */
export interface SnapshotInterimAssignment extends Period {
  postId: PostId
  actingPostId: PostId | null
  actingPersonId: PersonId | null
}

/**
 * The organisation as plain data. It may hold records of any period: only those valid at the instant asked
 * about count. The database loader passes just the records valid at that instant.
 */
export interface OrganisationSnapshot {
  units: SnapshotUnit[]
  posts: SnapshotPost[]
  people: SnapshotPerson[]
  holdings: SnapshotHolding[]
  absences: SnapshotAbsence[]
  deputyRules: SnapshotDeputyRule[]
  interimAssignments: SnapshotInterimAssignment[]
}

export type ActingKind = 'holder' | 'deputy' | 'interim' | 'unit_head'

/** Somebody acts for `onBehalfOf`. */
export interface Acting {
  /** How the way from `onBehalfOf` to the person began (its first step). */
  kind: ActingKind
  person: SnapshotPerson
  /** The post through which the person acts (they hold it); null when an interim assignment names them. */
  actingPostId: PostId | null
  onBehalfOf: PostId
  /** Posts from `onBehalfOf` to `actingPostId`, both included (just `[onBehalfOf]` for holder). */
  path: PostId[]
}

/**
 * `nobody_available`: nobody present along any way; `cycle`: the same, and a deputy cycle was met on the
 * way; `post_not_in_force`: the post does not exist at that instant.
 */
export type NobodyReason = 'nobody_available' | 'cycle' | 'post_not_in_force'

/** Nobody can act for `onBehalfOf`. */
export interface NobodyActs {
  kind: 'nobody'
  reason: NobodyReason
  onBehalfOf: PostId
  /** The post and the unit head posts asked in turn, upwards. */
  path: PostId[]
}

export type ActingResult = Acting | NobodyActs

/** One post's answer plus the deputy cycles met while finding it. */
export interface Resolved {
  result: ActingResult
  /** Each cycle as posts, first post repeated at the end: `[A, B, A]`. Only cycles of deputy/interim rules. */
  cycles: PostId[][]
}

/** The whole organisation at one instant. */
export interface OrganisationResolution {
  at: Date
  /** Every post in force at `at`. */
  results: Map<PostId, ActingResult>
  /** Posts for which nobody can act, in snapshot order. */
  unresolvable: PostId[]
  /** Distinct deputy cycles met (not an error by themselves: mutual deputies are common). */
  cycles: PostId[][]
}

/** True when `period` covers `at` (from inclusive, to exclusive). */
export function isValidAt(period: Period, at: Date): boolean {
  const t = at.getTime()
  return period.validFrom.getTime() <= t && (period.validTo === null || t < period.validTo.getTime())
}

type Edge = 'start' | 'interim' | 'deputy' | 'unit_head'
type Mode = 'local' | 'full'

interface Hit {
  kind: ActingKind
  person: SnapshotPerson
  actingPostId: PostId | null
  path: PostId[]
}

/** The snapshot reduced to what is valid at one instant, keyed for the search. */
class Structure {
  readonly posts = new Map<PostId, SnapshotPost>()
  private readonly units = new Map<OrgUnitId, SnapshotUnit>()
  private readonly headByUnit = new Map<OrgUnitId, PostId>()
  private readonly people = new Map<PersonId, SnapshotPerson>()
  private readonly absent = new Set<PersonId>()
  private readonly holderByPost = new Map<PostId, PersonId>()
  private readonly deputiesByPost = new Map<PostId, PostId[]>()
  private readonly interimByPost = new Map<PostId, SnapshotInterimAssignment>()
  private readonly supervisors = new Map<PostId, PostId | null>()

  constructor(snapshot: OrganisationSnapshot, at: Date) {
    const valid = <T extends Period>(records: T[]) => records.filter((r) => isValidAt(r, at))
    for (const unit of valid(snapshot.units)) {
      this.units.set(unit.id, unit)
    }
    // Sorted by id so that inconsistent input (two heads, two holders) still gives one stable answer.
    const posts = valid(snapshot.posts).sort((a, b) => compare(a.id, b.id))
    for (const post of posts) {
      this.posts.set(post.id, post)
      if (post.isHeadOfUnit && !this.headByUnit.has(post.unitId)) {
        this.headByUnit.set(post.unitId, post.id)
      }
    }
    for (const person of snapshot.people) {
      this.people.set(person.id, person)
    }
    for (const absence of valid(snapshot.absences)) {
      this.absent.add(absence.personId)
    }
    for (const holding of valid(snapshot.holdings).sort((a, b) => compare(a.personId, b.personId))) {
      if (!this.holderByPost.has(holding.postId)) {
        this.holderByPost.set(holding.postId, holding.personId)
      }
    }
    const rules = valid(snapshot.deputyRules)
      .filter((r) => this.posts.has(r.deputyPostId))
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (a.position ?? 0) - (b.position ?? 0) ||
          compare(a.deputyPostId, b.deputyPostId),
      )
    for (const rule of rules) {
      const list = this.deputiesByPost.get(rule.postId) ?? []
      if (!list.includes(rule.deputyPostId)) {
        list.push(rule.deputyPostId)
      }
      this.deputiesByPost.set(rule.postId, list)
    }
    for (const interim of valid(snapshot.interimAssignments)) {
      if (!this.interimByPost.has(interim.postId)) {
        this.interimByPost.set(interim.postId, interim)
      }
    }
  }

  /** The person if they exist and are not absent at the instant. */
  presentPerson(personId: PersonId | null | undefined): SnapshotPerson | undefined {
    if (!personId || this.absent.has(personId)) {
      return undefined
    }
    return this.people.get(personId)
  }

  holder(postId: PostId): PersonId | undefined {
    return this.holderByPost.get(postId)
  }

  deputies(postId: PostId): PostId[] {
    return this.deputiesByPost.get(postId) ?? []
  }

  interim(postId: PostId): SnapshotInterimAssignment | undefined {
    return this.interimByPost.get(postId)
  }

  /** The head post that steps in when nobody under rules 1–3 can act for `postId`, or null at the top. */
  supervisor(postId: PostId): PostId | null {
    const known = this.supervisors.get(postId)
    if (known !== undefined) {
      return known
    }
    const post = this.posts.get(postId)
    let unit = post ? this.units.get(post.unitId) : undefined
    if (post?.isHeadOfUnit && unit) {
      unit = unit.parentId ? this.units.get(unit.parentId) : undefined
    }
    let found: PostId | null = null
    // `seen` guards against a unit tree that loops through bad data.
    const seen = new Set<OrgUnitId>()
    while (unit && !seen.has(unit.id)) {
      seen.add(unit.id)
      const head = this.headByUnit.get(unit.id)
      if (head && head !== postId) {
        found = head
        break
      }
      unit = unit.parentId ? this.units.get(unit.parentId) : undefined
    }
    this.supervisors.set(postId, found)
    return found
  }
}

function rank(rule: SnapshotDeputyRule): number {
  return rule.kind === 'permanent' ? 0 : 1
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** What one full question found, kept for reuse by later questions. */
interface Outcome {
  hit: Hit | null
  /** Every post the search entered. */
  touched: Set<PostId>
  /** Unit head posts asked in turn (the nobody path). */
  chain: PostId[]
  cycles: PostId[][]
  cycleMet: boolean
}

/**
 * One question's depth-first search. With a memo, a unit head's answer found earlier is reused when its
 * search touched none of the posts this search has entered: then it would run exactly the same here.
 */
class Search {
  private readonly stack: { postId: PostId; via: Edge }[] = []
  private readonly onStack = new Map<PostId, number>()
  /** Posts whose rules 1–3 found nobody in this search. */
  private readonly exhausted = new Set<PostId>()
  readonly touched = new Set<PostId>()
  readonly chain: PostId[] = []
  readonly cycles: PostId[][] = []
  cycleMet = false

  constructor(
    private readonly structure: Structure,
    private readonly memo: Memo | undefined,
  ) {}

  visit(postId: PostId, mode: Mode, via: Edge): Hit | null {
    const index = this.onStack.get(postId)
    if (index !== undefined) {
      this.noteCycle(index, postId, via)
      return null
    }
    if (mode === 'local' && this.exhausted.has(postId)) {
      return null
    }
    if (mode === 'full' && via === 'unit_head' && this.memo) {
      const earlier = this.memo.outcome(postId)
      if (earlier && disjoint(earlier.touched, this.touched)) {
        for (const id of earlier.touched) {
          this.touched.add(id)
        }
        this.chain.push(...earlier.chain)
        this.cycles.push(...earlier.cycles)
        this.cycleMet ||= earlier.cycleMet
        return earlier.hit
      }
    }
    this.stack.push({ postId, via })
    this.onStack.set(postId, this.stack.length - 1)
    this.touched.add(postId)
    if (mode === 'full') {
      this.chain.push(postId)
    }
    let hit: Hit | null = null
    if (!this.exhausted.has(postId)) {
      hit = this.rulesOneToThree(postId)
      if (!hit) {
        this.exhausted.add(postId)
      }
    }
    if (!hit && mode === 'full') {
      const head = this.structure.supervisor(postId)
      const found = head ? this.visit(head, 'full', 'unit_head') : null
      if (found) {
        hit = { ...found, kind: 'unit_head', path: [postId, ...found.path] }
      }
    }
    this.stack.pop()
    this.onStack.delete(postId)
    return hit
  }

  private rulesOneToThree(postId: PostId): Hit | null {
    const s = this.structure
    const interim = s.interim(postId)
    if (interim) {
      if (interim.actingPersonId) {
        const person = s.presentPerson(interim.actingPersonId)
        if (person) {
          return { kind: 'interim', person, actingPostId: null, path: [postId] }
        }
      } else if (interim.actingPostId && s.posts.has(interim.actingPostId)) {
        const found = this.visit(interim.actingPostId, 'local', 'interim')
        if (found) {
          return { ...found, kind: 'interim', path: [postId, ...found.path] }
        }
      }
    }
    const holder = s.presentPerson(s.holder(postId))
    if (holder) {
      return { kind: 'holder', person: holder, actingPostId: postId, path: [postId] }
    }
    for (const deputy of s.deputies(postId)) {
      const found = this.visit(deputy, 'local', 'deputy')
      if (found) {
        return { ...found, kind: 'deputy', path: [postId, ...found.path] }
      }
    }
    return null
  }

  /** Reports a cycle made only of interim and deputy rules; ones through a unit head are the hierarchy. */
  private noteCycle(index: number, postId: PostId, via: Edge): void {
    const edges = [...this.stack.slice(index + 1).map((f) => f.via), via]
    if (edges.some((e) => e === 'unit_head')) {
      return
    }
    this.cycleMet = true
    this.cycles.push([...this.stack.slice(index).map((f) => f.postId), postId])
  }
}

function disjoint(a: Set<PostId>, b: Set<PostId>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const id of small) {
    if (large.has(id)) {
      return false
    }
  }
  return true
}

/** Answers already found at this instant, by post; each computed once on first need. */
class Memo {
  private readonly outcomes = new Map<PostId, Outcome>()
  private readonly inProgress = new Set<PostId>()

  constructor(private readonly structure: Structure) {}

  /** The post's own full answer, or undefined while it is being computed (a loop through bad unit data). */
  outcome(postId: PostId): Outcome | undefined {
    const known = this.outcomes.get(postId)
    if (known || this.inProgress.has(postId)) {
      return known
    }
    this.inProgress.add(postId)
    const outcome = runSearch(this.structure, postId, this)
    this.inProgress.delete(postId)
    this.outcomes.set(postId, outcome)
    return outcome
  }
}

function runSearch(structure: Structure, postId: PostId, memo: Memo | undefined): Outcome {
  const search = new Search(structure, memo)
  const hit = search.visit(postId, 'full', 'start')
  return {
    hit,
    touched: search.touched,
    chain: search.chain,
    cycles: search.cycles,
    cycleMet: search.cycleMet,
  }
}

function toResult(postId: PostId, outcome: Outcome): ActingResult {
  if (outcome.hit) {
    const { kind, person, actingPostId, path } = outcome.hit
    return { kind, person, actingPostId, onBehalfOf: postId, path }
  }
  return {
    kind: 'nobody',
    reason: outcome.cycleMet ? 'cycle' : 'nobody_available',
    onBehalfOf: postId,
    path: outcome.chain,
  }
}

/** Answers questions about one instant; build it once per instant and ask for as many posts as needed. */
export interface ActingResolver {
  readonly at: Date
  /** Posts in force at the instant, in id order. */
  postIds(): PostId[]
  resolve(postId: PostId): Resolved
}

/**
 * Indexes the snapshot for instant `at` and returns a resolver.
 * @param options.memoise reuse unit heads' answers across questions (default true); false runs every
 *   question on its own, which tests use as the reference
 */
export function createResolver(
  snapshot: OrganisationSnapshot,
  at: Date,
  options: { memoise?: boolean } = {},
): ActingResolver {
  const structure = new Structure(snapshot, at)
  const memo = options.memoise === false ? undefined : new Memo(structure)
  return {
    at,
    postIds: () => [...structure.posts.keys()],
    resolve(postId) {
      if (!structure.posts.has(postId)) {
        return {
          result: { kind: 'nobody', reason: 'post_not_in_force', onBehalfOf: postId, path: [postId] },
          cycles: [],
        }
      }
      const outcome = memo?.outcome(postId) ?? runSearch(structure, postId, undefined)
      return { result: toResult(postId, outcome), cycles: outcome.cycles }
    },
  }
}

/**
 * Who acts for `postId` at `at`, and in whose name.
 * @example actingFor(snapshot, 'post-2500-head', new Date('2026-12-01T08:00:00Z')).kind // 'deputy'
 */
export function actingFor(snapshot: OrganisationSnapshot, postId: PostId, at: Date): Resolved {
  return createResolver(snapshot, at).resolve(postId)
}

/**
 * Resolves every post in force at `at` in one go, sharing work between posts (unit heads are resolved
 * once and reused by every post below them).
 */
export function resolveAll(
  snapshot: OrganisationSnapshot,
  at: Date,
  options: { memoise?: boolean } = {},
): OrganisationResolution {
  const resolver = createResolver(snapshot, at, options)
  const results = new Map<PostId, ActingResult>()
  const unresolvable: PostId[] = []
  const cycles = new Map<string, PostId[]>()
  for (const postId of resolver.postIds()) {
    const resolved = resolver.resolve(postId)
    results.set(postId, resolved.result)
    if (resolved.result.kind === 'nobody') {
      unresolvable.push(postId)
    }
    for (const cycle of resolved.cycles) {
      const canonical = canonicalCycle(cycle)
      cycles.set(canonical.join(' '), canonical)
    }
  }
  return { at, results, unresolvable, cycles: [...cycles.values()] }
}

/**
 * One spelling per cycle: rotated to start at its smallest post id, first post repeated at the end, so that
 * `[B, A, B]` and `[A, B, A]` count once.
 */
export function canonicalCycle(cycle: PostId[]): PostId[] {
  const ring = cycle.slice(0, -1)
  let start = 0
  for (let i = 1; i < ring.length; i++) {
    if (compare(ring[i] ?? '', ring[start] ?? '') < 0) {
      start = i
    }
  }
  const rotated = [...ring.slice(start), ...ring.slice(0, start)]
  return [...rotated, ...rotated.slice(0, 1)]
}
