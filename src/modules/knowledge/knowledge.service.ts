// SPDX-License-Identifier: EUPL-1.2
import { type Change, diffLines, diffWords } from 'diff'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { parseGermanDate, todayIso } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import type { StaffRole } from '../auth/index.js'
import { organisationService } from '../organisation/index.js'
import { postsInForceWithUnits } from '../organisation/post-title.js'
import { KnowledgeRefusedError } from './knowledge.errors.js'
import * as repo from './knowledge.repository.js'
import {
  KNOWLEDGE_KINDS,
  KNOWLEDGE_LINK_KINDS,
  type KnowledgeEntryRow,
  type KnowledgeKind,
  type KnowledgeLinkKind,
} from './knowledge.table.js'

/** Roles that may create entries and edit any entry; the owner post's actor may edit its own entries. */
export const KNOWLEDGE_EDITOR_ROLES: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head']

export type KnowledgeEntry = Omit<KnowledgeEntryRow, 'search' | 'search_text'>

/** What the entry form sends, after validation. */
export interface EntryInput {
  kind: KnowledgeKind
  title: string
  body: string
  ownerPostId: string
  /** `YYYY-MM-DD`. */
  reviewDue: string
  standardKey: string | null
}

/** Raw form fields → EntryInput, or German messages per field. */
export function readEntryForm(
  fields: Record<string, string>,
  postIds: ReadonlySet<string>,
):
  | { input: EntryInput; errors: Record<string, never> }
  | { input: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const kind = fields.kind ?? ''
  if (!KNOWLEDGE_KINDS.includes(kind as KnowledgeKind)) {
    errors.kind = t('knowledge.form.error_kind')
  }
  const title = clean(fields.title ?? '').trim()
  if (title === '') {
    errors.title = t('knowledge.form.error_title')
  } else if (title.length > 200) {
    errors.title = t('knowledge.form.error_title_long')
  }
  const body = clean(fields.body ?? '')
  if (body.length > 50_000) {
    errors.body = t('knowledge.form.error_body_long')
  }
  const ownerPostId = fields.ownerPostId ?? ''
  if (!postIds.has(ownerPostId)) {
    errors.ownerPostId = t('knowledge.form.error_owner')
  }
  const reviewDue = parseGermanDate(fields.reviewDue ?? '')
  if (!reviewDue) {
    errors.reviewDue = t('knowledge.form.error_review_due')
  }
  const standardKey = (fields.standardKey ?? '').trim()
  if (standardKey !== '' && !/^[a-z0-9][a-z0-9-]{1,79}$/.test(standardKey)) {
    errors.standardKey = t('knowledge.form.error_standard_key')
  }
  if (Object.keys(errors).length > 0 || !reviewDue) {
    return { input: undefined, errors }
  }
  return {
    input: {
      kind: kind as KnowledgeKind,
      title,
      body,
      ownerPostId,
      reviewDue,
      standardKey: standardKey === '' ? null : standardKey,
    },
    errors: {},
  }
}

/** Line endings normalised; control characters (except tab and newline) removed, so the search sentinels stay unique. */
function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/** `Erstantrag Grundsicherung – Prüfung` → `erstantrag-grundsicherung-pruefung`. */
export function slugify(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '')
  return s === '' ? 'eintrag' : s
}

function audit(
  trx: Transaction<Database>,
  actor: StaffPrincipal | null,
  action: string,
  entryId: string,
  details: Record<string, unknown>,
) {
  return recordAuditEvent(trx, {
    actor: actor ? { type: 'staff', id: actor.id } : { type: 'system', id: null },
    action,
    subject: { type: 'knowledge_entry', id: entryId },
    details,
  })
}

/** True when `actor` may edit `entry`: an editor role, or whoever acts for the entry's owner post now. */
export async function canEdit(
  db: Db,
  actor: StaffPrincipal,
  entry: { owner_post_id: string },
): Promise<boolean> {
  if (KNOWLEDGE_EDITOR_ROLES.includes(actor.role)) {
    return true
  }
  const acting = await organisationService.whoActsFor(db, entry.owner_post_id, new Date())
  return acting.kind !== 'nobody' && acting.person.staffUserId === actor.id
}

/**
 * Creates an entry (first revision included); audited as `knowledge.entry_create`. `actor` null = the
 * system (demo data).
 * @throws KnowledgeRefusedError not_editor
 */
export async function createEntry(
  db: Db,
  actor: StaffPrincipal | null,
  input: EntryInput,
): Promise<KnowledgeEntry> {
  if (actor && !KNOWLEDGE_EDITOR_ROLES.includes(actor.role)) {
    throw new KnowledgeRefusedError('not_editor')
  }
  return db.transaction().execute(async (trx) => {
    const base = slugify(input.title)
    let slug = base
    for (let n = 2; await repo.slugExists(trx, slug); n++) {
      slug = `${base}-${n}`
    }
    const row = await repo.insertEntry(trx, {
      slug,
      kind: input.kind,
      title: input.title,
      body: input.body,
      standard_key: input.standardKey,
      owner_post_id: input.ownerPostId,
      review_due: input.reviewDue,
      updated_by: actor?.id ?? null,
    })
    await repo.insertRevision(trx, {
      entry_id: row.id,
      version: 1,
      kind: row.kind,
      title: row.title,
      body: row.body,
      changed_by: actor?.id ?? null,
    })
    await audit(trx, actor, 'knowledge.entry_create', row.id, { slug, kind: row.kind })
    return row
  })
}

/**
 * Saves a new version of an entry, refusing when someone else saved in between (`expectedVersion`);
 * audited as `knowledge.entry_update`.
 * @throws KnowledgeRefusedError not_found, not_editor, stale
 */
export async function updateEntry(
  db: Db,
  actor: StaffPrincipal,
  slug: string,
  input: EntryInput & { changeNote: string; expectedVersion: number },
): Promise<KnowledgeEntry> {
  const current = await getEntryRow(db, slug)
  if (!(await canEdit(db, actor, current))) {
    throw new KnowledgeRefusedError('not_editor')
  }
  return db.transaction().execute(async (trx) => {
    const locked = await repo.lockEntryBySlug(trx, slug)
    if (!locked) {
      throw new KnowledgeRefusedError('not_found')
    }
    if (locked.version !== input.expectedVersion) {
      throw new KnowledgeRefusedError('stale')
    }
    const version = locked.version + 1
    const row = await repo.updateEntry(trx, locked.id, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      standard_key: input.standardKey,
      owner_post_id: input.ownerPostId,
      review_due: input.reviewDue,
      version,
      updated_at: new Date(),
      updated_by: actor.id,
    })
    await repo.insertRevision(trx, {
      entry_id: row.id,
      version,
      kind: row.kind,
      title: row.title,
      body: row.body,
      change_note: clean(input.changeNote).trim().slice(0, 500),
      changed_by: actor.id,
    })
    await audit(trx, actor, 'knowledge.entry_update', row.id, { slug, version })
    return row
  })
}

/**
 * Records that the entry was reviewed and sets the next review date; audited as `knowledge.entry_review`.
 * @throws KnowledgeRefusedError not_found, not_editor
 */
export async function markReviewed(db: Db, actor: StaffPrincipal, slug: string, nextReviewDue: string) {
  const entry = await getEntryRow(db, slug)
  if (!(await canEdit(db, actor, entry))) {
    throw new KnowledgeRefusedError('not_editor')
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateEntry(trx, entry.id, {
      last_reviewed_at: new Date(),
      last_reviewed_by: actor.id,
      review_due: nextReviewDue,
    })
    await audit(trx, actor, 'knowledge.entry_review', entry.id, { slug, nextReviewDue })
  })
}

/**
 * Links entry `slug` to `targetSlug` (`slug` is part of / needs / see also target); audited as
 * `knowledge.link_add`. Adding an existing link changes nothing.
 * @throws KnowledgeRefusedError not_found (either entry), not_editor
 */
export async function addLink(
  db: Db,
  actor: StaffPrincipal | null,
  slug: string,
  targetSlug: string,
  kind: KnowledgeLinkKind,
): Promise<void> {
  const from = await getEntryRow(db, slug)
  const to = await getEntryRow(db, targetSlug)
  if (actor && !(await canEdit(db, actor, from))) {
    throw new KnowledgeRefusedError('not_editor')
  }
  if (from.id === to.id || !KNOWLEDGE_LINK_KINDS.includes(kind)) {
    return
  }
  await db.transaction().execute(async (trx) => {
    const link = await repo.insertLink(trx, { from_entry_id: from.id, to_entry_id: to.id, kind })
    if (link) {
      await audit(trx, actor, 'knowledge.link_add', from.id, { linkId: link.id, to: to.id, kind })
    }
  })
}

/** Removes a link of entry `slug`; audited as `knowledge.link_remove`. */
export async function removeLink(db: Db, actor: StaffPrincipal, slug: string, linkId: string): Promise<void> {
  const from = await getEntryRow(db, slug)
  if (!(await canEdit(db, actor, from))) {
    throw new KnowledgeRefusedError('not_editor')
  }
  if (!/^[0-9a-f-]{36}$/i.test(linkId)) {
    throw new KnowledgeRefusedError('not_found')
  }
  await db.transaction().execute(async (trx) => {
    const removed = await repo.deleteLink(trx, linkId, from.id)
    if (!removed) {
      throw new KnowledgeRefusedError('not_found')
    }
    await audit(trx, actor, 'knowledge.link_remove', from.id, {
      linkId,
      to: removed.to_entry_id,
      kind: removed.kind,
    })
  })
}

async function getEntryRow(db: Db, slug: string): Promise<KnowledgeEntry> {
  const row = await repo.findEntryBySlug(db, slug)
  if (!row) {
    throw new KnowledgeRefusedError('not_found')
  }
  return row
}

export interface LinkView {
  id: string
  kind: KnowledgeLinkKind
  /** `out`: this entry → other; `in`: other → this entry. */
  direction: 'out' | 'in'
  other: { slug: string; title: string; kind: KnowledgeKind }
}

/** An entry with its owner post's title and its links both ways. */
export async function getEntry(db: Db, slug: string) {
  const entry = await getEntryRow(db, slug)
  const [entries, links, posts] = await Promise.all([
    repo.listEntries(db),
    repo.listLinks(db),
    repo.postTitles(db, [entry.owner_post_id]),
  ])
  const byId = new Map(entries.map((e) => [e.id, e]))
  const view: LinkView[] = []
  for (const l of links) {
    const otherId =
      l.from_entry_id === entry.id ? l.to_entry_id : l.to_entry_id === entry.id ? l.from_entry_id : null
    const other = otherId ? byId.get(otherId) : undefined
    if (other) {
      view.push({
        id: l.id,
        kind: l.kind,
        direction: l.from_entry_id === entry.id ? 'out' : 'in',
        other: { slug: other.slug, title: other.title, kind: other.kind },
      })
    }
  }
  view.sort((a, b) => a.other.title.localeCompare(b.other.title, 'de'))
  return { entry, ownerPostTitle: posts[0]?.title ?? '', links: view, allEntries: entries }
}

/** Every saved version of an entry, newest first. */
export async function listRevisions(db: Db, slug: string) {
  const entry = await getEntryRow(db, slug)
  return { entry, revisions: await repo.listRevisions(db, entry.id) }
}

export interface RevisionDiff {
  from: number
  to: number
  title: Change[]
  body: Change[]
}

/**
 * Differences between two saved versions of an entry: the title by word, the body by line.
 * @throws KnowledgeRefusedError not_found when a version does not exist
 */
export async function diffRevisions(db: Db, slug: string, from: number, to: number): Promise<RevisionDiff> {
  const { revisions } = await listRevisions(db, slug)
  const a = revisions.find((r) => r.version === from)
  const b = revisions.find((r) => r.version === to)
  if (!a || !b) {
    throw new KnowledgeRefusedError('not_found')
  }
  return {
    from,
    to,
    title: diffWords(a.title, b.title),
    body: diffLines(
      a.body.endsWith('\n') ? a.body : `${a.body}\n`,
      b.body.endsWith('\n') ? b.body : `${b.body}\n`,
    ),
  }
}

export type SearchHit = Awaited<ReturnType<typeof repo.searchEntries>>[number]

/** Full-text search in German plus trigram similarity; without a query, the filtered list by title. */
export async function searchEntries(
  db: Db,
  query: string,
  filters: repo.SearchFilters,
): Promise<Array<KnowledgeEntry & { headline: string | null }>> {
  const q = query.trim().slice(0, 200)
  if (q === '') {
    return (await repo.filterEntries(db, filters)).map((e) => ({ ...e, headline: null }))
  }
  return repo.searchEntries(db, q, filters)
}

/** Entries whose review is overdue at `at` and whose owner post `actor` acts for at `at`. */
export async function overdueReviewsFor(db: Db, actor: StaffPrincipal, at: Date = new Date()) {
  const today = todayIso(at)
  const overdue = (await repo.listEntries(db)).filter((e) => e.review_due < today)
  if (overdue.length === 0) {
    return []
  }
  const resolution = await organisationService.resolveOrganisation(db, at)
  return overdue.filter((e) => {
    const acting = resolution.results.get(e.owner_post_id)
    return acting !== undefined && acting.kind !== 'nobody' && acting.person.staffUserId === actor.id
  })
}

export interface MapNode {
  entry: KnowledgeEntry
  children: MapNode[]
  /** Typed links other than "is part of", outgoing. */
  links: Array<{ kind: KnowledgeLinkKind; slug: string; title: string }>
}

/**
 * The knowledge map as a forest: every entry that is part of no other entry is a root (topics first), and
 * "is part of" links make the children. An entry part of several parents appears under each; a cycle of
 * "is part of" links is cut where it would repeat an entry on the current path.
 */
export async function knowledgeMap(db: Db): Promise<MapNode[]> {
  const [entries, links] = await Promise.all([repo.listEntries(db), repo.listLinks(db)])
  const byId = new Map(entries.map((e) => [e.id, e]))
  const children = new Map<string, KnowledgeEntry[]>()
  const hasParent = new Set<string>()
  for (const l of links) {
    if (l.kind === 'is_part_of' && byId.has(l.to_entry_id) && byId.has(l.from_entry_id)) {
      const list = children.get(l.to_entry_id) ?? []
      const child = byId.get(l.from_entry_id)
      if (child) {
        list.push(child)
      }
      children.set(l.to_entry_id, list)
      hasParent.add(l.from_entry_id)
    }
  }
  const build = (entry: KnowledgeEntry, path: Set<string>): MapNode => {
    const next = new Set(path).add(entry.id)
    return {
      entry,
      children: (children.get(entry.id) ?? [])
        .filter((c) => !next.has(c.id))
        .sort((a, b) => a.title.localeCompare(b.title, 'de'))
        .map((c) => build(c, next)),
      links: links
        .filter((l) => l.from_entry_id === entry.id && l.kind !== 'is_part_of')
        .flatMap((l) => {
          const to = byId.get(l.to_entry_id)
          return to ? [{ kind: l.kind, slug: to.slug, title: to.title }] : []
        }),
    }
  }
  return entries
    .filter((e) => !hasParent.has(e.id))
    .sort(
      (a, b) =>
        Number(b.kind === 'topic') - Number(a.kind === 'topic') || a.title.localeCompare(b.title, 'de'),
    )
    .map((e) => build(e, new Set()))
}

/** Posts in force now with their unit, for the owner select and the unit filter. */
export async function listPostOptions(db: Db) {
  return postsInForceWithUnits(db, new Date())
}
