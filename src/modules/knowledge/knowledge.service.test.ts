// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildKnowledgeEntry } from '../../../test/factories/knowledge.factory.js'
import { buildOrgUnit, buildPost } from '../../../test/factories/organisation.factory.js'
import { buildStaffHoldingPost } from '../../../test/factories/standards.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { listAuditEvents } from '../audit/index.js'
import { MARK_END, MARK_START } from './knowledge.repository.js'
import * as service from './knowledge.service.js'

let ctx: TestContext
let grusiPost: string
let hluPost: string
let hluUnit: string
let owner: StaffPrincipal
let lead: StaffPrincipal
let caseworker: StaffPrincipal

beforeAll(async () => {
  ctx = await freshTestContext()
  const grusi = await buildOrgUnit(ctx.db, { name: 'Grundsicherung' })
  const hlu = await buildOrgUnit(ctx.db, { name: 'HLU' })
  hluUnit = hlu.id
  grusiPost = (await buildPost(ctx.db, grusi.id, { title: 'Fachkoordination Grundsicherung' })).id
  hluPost = (await buildPost(ctx.db, hlu.id)).id
  owner = (await buildStaffHoldingPost(ctx.db, grusiPost, { role: 'caseworker' })).principal
  const leadUser = await buildStaffUser(ctx.db, { role: 'team_lead' })
  lead = {
    id: leadUser.id,
    username: leadUser.username,
    displayName: leadUser.displayName,
    role: 'team_lead',
  }
  const cw = await buildStaffUser(ctx.db, { role: 'caseworker' })
  caseworker = { id: cw.id, username: cw.username, displayName: cw.displayName, role: 'caseworker' }

  await buildKnowledgeEntry(ctx.db, grusiPost, {
    title: 'Erstantrag Grundsicherung',
    kind: 'process',
    body: 'Der Antrag wird formlos oder mit dem Formular gestellt. Danach prüfen wir die Unterlagen.',
    standardKey: 'erstantrag-grundsicherung',
  })
  await buildKnowledgeEntry(ctx.db, hluPost, {
    title: 'Mietobergrenzen',
    kind: 'faq',
    body: 'Angemessene Kosten der Unterkunft in Lübeck.',
  })
  await buildKnowledgeEntry(ctx.db, hluPost, {
    title: 'Frau Dr. Schimanski-Kowalczyk',
    kind: 'contact',
    body: 'Ansprechpartnerin Widerspruchsstelle (Stelle, nicht Person).',
  })
})

afterAll(async () => {
  await ctx?.close()
})

describe('search', () => {
  it('should find an entry by another German word form (Anträge → Antrag) and highlight the hit', async () => {
    const hits = await service.searchEntries(ctx.db, 'Anträge', {})
    expect(hits.map((h) => h.title)).toEqual(['Erstantrag Grundsicherung'])
    expect(hits[0]?.headline).toContain(`${MARK_START}Antrag${MARK_END}`)
  })

  it('should find misspelt words and names by trigram similarity', async () => {
    expect((await service.searchEntries(ctx.db, 'Grundsicherng', {})).map((h) => h.title)).toEqual([
      'Erstantrag Grundsicherung',
    ])
    expect((await service.searchEntries(ctx.db, 'Schimanski Kowalzyk', {})).map((h) => h.title)).toEqual([
      'Frau Dr. Schimanski-Kowalczyk',
    ])
  })

  it('should rank a title hit above a body hit and filter by kind and unit', async () => {
    await buildKnowledgeEntry(ctx.db, hluPost, {
      title: 'Unterkunft und Heizung',
      kind: 'topic',
      body: 'Übersicht.',
    })
    const hits = await service.searchEntries(ctx.db, 'Unterkunft', {})
    expect(hits.map((h) => h.title)).toEqual(['Unterkunft und Heizung', 'Mietobergrenzen'])
    expect((await service.searchEntries(ctx.db, 'Unterkunft', { kind: 'faq' })).map((h) => h.title)).toEqual([
      'Mietobergrenzen',
    ])
    expect(await service.searchEntries(ctx.db, 'Grundsicherung', { unitId: hluUnit })).toEqual([])
    expect((await service.searchEntries(ctx.db, '', { unitId: hluUnit })).length).toBe(3)
  })

  it('should treat search syntax and markup in the query as plain text', async () => {
    expect(await service.searchEntries(ctx.db, "'); drop table knowledge_entry; --", {})).toEqual([])
    expect(await service.searchEntries(ctx.db, '!!! & | <script>', {})).toEqual([])
  })
})

describe('editing and history', () => {
  it('should keep every version, diff them and refuse a stale save', async () => {
    const entry = await buildKnowledgeEntry(ctx.db, grusiPost, {
      title: 'Mitwirkung',
      body: 'Zeile eins\nZeile zwei\n',
    })
    const input = {
      kind: entry.kind,
      title: 'Mitwirkungspflichten',
      body: 'Zeile eins\nZeile zwei geändert\n',
      ownerPostId: grusiPost,
      reviewDue: entry.review_due,
      standardKey: null,
    }
    // The owner post's holder may edit although a caseworker.
    const saved = await service.updateEntry(ctx.db, owner, entry.slug, {
      ...input,
      changeNote: 'präzisiert',
      expectedVersion: 1,
    })
    expect(saved.version).toBe(2)
    await expect(
      service.updateEntry(ctx.db, lead, entry.slug, { ...input, changeNote: '', expectedVersion: 1 }),
    ).rejects.toMatchObject({ refusal: 'stale', status: 409 })
    await expect(
      service.updateEntry(ctx.db, caseworker, entry.slug, { ...input, changeNote: '', expectedVersion: 2 }),
    ).rejects.toMatchObject({ refusal: 'not_editor', status: 403 })

    const { revisions } = await service.listRevisions(ctx.db, entry.slug)
    expect(revisions.map((r) => [r.version, r.title, r.change_note])).toEqual([
      [2, 'Mitwirkungspflichten', 'präzisiert'],
      [1, 'Mitwirkung', ''],
    ])
    const diff = await service.diffRevisions(ctx.db, entry.slug, 1, 2)
    expect(diff.body.filter((p) => p.removed).map((p) => p.value)).toEqual(['Zeile zwei\n'])
    expect(diff.body.filter((p) => p.added).map((p) => p.value)).toEqual(['Zeile zwei geändert\n'])
    expect(diff.title.filter((p) => p.added).map((p) => p.value)).toEqual(['Mitwirkungspflichten'])

    const events = await listAuditEvents(ctx.db, { type: 'knowledge_entry', id: entry.id })
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['knowledge.entry_create', null],
      ['knowledge.entry_update', owner.id],
    ])
  })

  it('should list overdue reviews for whoever acts for the owner post, and clear them when reviewed', async () => {
    const overdue = await buildKnowledgeEntry(ctx.db, grusiPost, {
      title: 'Alte Arbeitshilfe',
      reviewDue: '2025-01-31',
    })
    await buildKnowledgeEntry(ctx.db, hluPost, { title: 'Andere Stelle', reviewDue: '2025-01-31' })
    expect((await service.overdueReviewsFor(ctx.db, owner)).map((e) => e.title)).toEqual([
      'Alte Arbeitshilfe',
    ])
    expect(await service.overdueReviewsFor(ctx.db, lead)).toEqual([])
    await service.markReviewed(ctx.db, owner, overdue.slug, '2030-01-31')
    expect(await service.overdueReviewsFor(ctx.db, owner)).toEqual([])
  })

  it('should build the map from "is part of" links with the other links beside each node', async () => {
    const topic = await buildKnowledgeEntry(ctx.db, grusiPost, { title: 'Grundsicherung (Thema)' })
    await service.addLink(ctx.db, lead, 'erstantrag-grundsicherung', topic.slug, 'is_part_of')
    await service.addLink(ctx.db, lead, 'erstantrag-grundsicherung', 'mitwirkung', 'needs')
    await service.addLink(ctx.db, lead, 'erstantrag-grundsicherung', 'mitwirkung', 'needs')
    const map = await service.knowledgeMap(ctx.db)
    const node = map.find((n) => n.entry.slug === topic.slug)
    expect(node?.children.map((c) => c.entry.title)).toEqual(['Erstantrag Grundsicherung'])
    expect(node?.children[0]?.links).toEqual([
      { kind: 'needs', slug: 'mitwirkung', title: 'Mitwirkungspflichten' },
    ])
    expect(map.some((n) => n.entry.slug === 'erstantrag-grundsicherung')).toBe(false)
  })
})
