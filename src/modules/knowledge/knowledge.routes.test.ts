// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildKnowledgeEntry } from '../../../test/factories/knowledge.factory.js'
import { buildOrgUnit, buildPost } from '../../../test/factories/organisation.factory.js'
import { buildStaffHoldingPost } from '../../../test/factories/standards.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget } from '../../../test/support/test-client.js'

let ctx: TestContext
let postId: string

beforeAll(async () => {
  ctx = await freshTestContext()
  const unit = await buildOrgUnit(ctx.db, { name: 'Grundsicherung A–K' })
  postId = (await buildPost(ctx.db, unit.id, { title: 'Fachkoordination' })).id
  await buildKnowledgeEntry(ctx.db, postId, {
    title: 'Erstantrag Grundsicherung',
    body: '## Ablauf\n\nDer Antrag wird geprüft. <script>alert(1)</script> [x](javascript:alert(1))',
  })
})

afterAll(async () => {
  await ctx?.close()
})

describe('knowledge pages', () => {
  it('should search by a German word form and show the hit highlighted and escaped', async () => {
    const caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
    const res = await caseworker.get('/wissen?q=Anträge')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('1 Einträge gefunden')
    expect(html).toContain('<mark>Antrag</mark>')
    expect(html).not.toContain('<script>alert(1)</script>')
    const entry = await (await caseworker.get('/wissen/eintrag/erstantrag-grundsicherung')).text()
    expect(entry).toContain('<h2>Ablauf</h2>')
    expect(entry).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(entry).not.toContain('href="javascript:')
    // A caseworker not acting for the owner post cannot edit.
    expect(entry).not.toContain('Eintrag bearbeiten')
    expect((await caseworker.get('/wissen/eintrag/erstantrag-grundsicherung/bearbeiten')).status).toBe(403)
    expect((await caseworker.get('/wissen/neu')).status).toBe(403)
  })

  it('should let a lead create and edit an entry, keep the history and show a diff', async () => {
    const lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'team_lead' }))
    const invalid = await lead.post('/wissen/neu', {
      kind: 'faq',
      title: '',
      body: '',
      ownerPostId: postId,
      reviewDue: '31.02.2027',
    })
    expect(invalid.status).toBe(422)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('Geben Sie einen Titel ein.')
    expect(invalidHtml).toContain('Geben Sie das Datum der nächsten Überprüfung als TT.MM.JJJJ ein')
    const created = await lead.post('/wissen/neu', {
      kind: 'faq',
      title: 'Wann endet der Bewilligungszeitraum?',
      body: 'In der Regel nach zwölf Monaten.\n',
      ownerPostId: postId,
      reviewDue: '31.12.2027',
      standardKey: '',
    })
    expect(redirectTarget(created)).toBe(
      '/wissen/eintrag/wann-endet-der-bewilligungszeitraum?hinweis=gespeichert',
    )
    const edited = await lead.post('/wissen/eintrag/wann-endet-der-bewilligungszeitraum/bearbeiten', {
      kind: 'faq',
      title: 'Wann endet der Bewilligungszeitraum?',
      body: 'In der Regel nach zwölf Monaten (§ 44 Abs. 3 SGB XII).\n',
      ownerPostId: postId,
      reviewDue: '31.12.2027',
      standardKey: '',
      changeNote: 'Fundstelle ergänzt',
      expectedVersion: '1',
    })
    expect(edited.status).toBe(303)
    const history = await (
      await lead.get('/wissen/eintrag/wann-endet-der-bewilligungszeitraum/verlauf')
    ).text()
    expect(history).toContain('Fundstelle ergänzt')
    const diff = await (
      await lead.get('/wissen/eintrag/wann-endet-der-bewilligungszeitraum/vergleich?von=1&bis=2')
    ).text()
    expect(diff).toMatch(
      /<del><span class="kern-sr-only">entfernt: <\/span>In der Regel nach zwölf Monaten\.\n<\/del>/,
    )
    expect(diff).toContain('(§ 44 Abs. 3 SGB XII)')
    // Saving again on the old version is refused, nothing changes.
    const stale = await lead.post('/wissen/eintrag/wann-endet-der-bewilligungszeitraum/bearbeiten', {
      kind: 'faq',
      title: 'Überschrieben',
      body: '',
      ownerPostId: postId,
      reviewDue: '31.12.2027',
      expectedVersion: '1',
    })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Jemand anderes hat den Eintrag inzwischen geändert.')
  })

  it('should let the owner post holder edit and link, and show the map with an SVG overview', async () => {
    const owner = await buildStaffHoldingPost(ctx.db, postId, { role: 'caseworker' })
    const client = await signIn(ctx.app, owner.user)
    expect((await client.get('/wissen/eintrag/erstantrag-grundsicherung/bearbeiten')).status).toBe(200)
    await buildKnowledgeEntry(ctx.db, postId, { title: 'Grundsicherung', kind: 'topic', body: 'Thema' })
    expect(
      (
        await client.post('/wissen/eintrag/erstantrag-grundsicherung/verknuepfungen', {
          kind: 'is_part_of',
          target: 'grundsicherung',
        })
      ).status,
    ).toBe(303)
    const map = await (await client.get('/wissen/karte')).text()
    expect(map).toContain('role="img"')
    expect(map).toContain('<title id="map-svg-title">Übersicht der Wissenslandkarte</title>')
    expect(map).toMatch(
      /<a class="kern-link" href="\/wissen\/eintrag\/grundsicherung">Grundsicherung<\/a>.*<ul class="kern-list knowledge-map"><li><a class="kern-link" href="\/wissen\/eintrag\/erstantrag-grundsicherung">/s,
    )
  })
})
