// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildOrgUnit, buildPost } from '../../../test/factories/organisation.factory.js'
import { buildStaffHoldingPost } from '../../../test/factories/standards.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget } from '../../../test/support/test-client.js'
import { todayIso } from '../../shared/dates.js'
import * as service from './standards.service.js'

let ctx: TestContext
let approverPostId: string
let approver: Awaited<ReturnType<typeof buildStaffHoldingPost>>

const STEPS = `- key: eingang
  title: Eingang prüfen
  deadlineDays: 3
  items:
    - text: Antrag ist unterschrieben
      mandatory: true
      evidenceRequired: false
`

beforeAll(async () => {
  ctx = await freshTestContext()
  const unit = await buildOrgUnit(ctx.db, { kind: 'department' })
  approverPostId = (await buildPost(ctx.db, unit.id, { title: 'Abteilungsleitung', isHeadOfUnit: true })).id
  approver = await buildStaffHoldingPost(ctx.db, approverPostId, {
    role: 'department_head',
    displayName: 'Anke Abt',
  })
})

afterAll(async () => {
  await ctx?.close()
})

describe('standards pages', () => {
  it('should take a standard from creation to publication through the forms', async () => {
    const lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'team_lead' }))
    const created = await lead.post('/standards/neu', {
      key: 'erstantrag',
      title: 'Erstantrag Grundsicherung',
      description: '',
      approverPostId,
      steps: STEPS,
    })
    expect(redirectTarget(created)).toBe('/standards/erstantrag')
    const page = await (await lead.get('/standards/erstantrag')).text()
    expect(page).toContain('Abteilungsleitung')
    expect(page).toContain('Rechtliche Prüfung durch das Amt vor Verwendung erforderlich.')

    expect((await lead.post('/standards/erstantrag/versionen/1/aktion', { action: 'submit' })).status).toBe(
      303,
    )
    // The lead does not act for the approver post.
    expect((await lead.post('/standards/erstantrag/versionen/1/aktion', { action: 'approve' })).status).toBe(
      403,
    )

    const head = await signIn(ctx.app, approver.user)
    const view = await (await head.get('/standards/erstantrag/versionen/1')).text()
    expect(view).toContain('Freigeben als Anke Abt')
    expect((await head.post('/standards/erstantrag/versionen/1/aktion', { action: 'approve' })).status).toBe(
      303,
    )

    const badDate = await lead.post('/standards/erstantrag/versionen/1/aktion', {
      action: 'publish',
      validFrom: '31.02.2026',
    })
    expect(badDate.status).toBe(422)
    expect(await badDate.text()).toContain('Geben Sie das Datum „gültig ab“ als TT.MM.JJJJ ein')
    const [y, m, d] = todayIso().split('-')
    await lead.post('/standards/erstantrag/versionen/1/aktion', {
      action: 'publish',
      validFrom: `${d}.${m}.${y}`,
    })
    const published = await (await lead.get('/standards/erstantrag/versionen/1')).text()
    expect(published).toContain('Veröffentlicht')
    expect(published).toContain('Freigegeben von Anke Abt')
    expect((await service.getVersionInForce(ctx.db, 'erstantrag', new Date()))?.version).toBe(1)
  })

  it('should show line-precise errors for broken steps and keep the draft unchanged', async () => {
    const lead = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'team_lead' }))
    expect(redirectTarget(await lead.post('/standards/erstantrag/versionen', {}))).toBe(
      '/standards/erstantrag/versionen/2/bearbeiten',
    )
    const res = await lead.post('/standards/erstantrag/versionen/2/bearbeiten', {
      changeNote: 'kaputt',
      steps: STEPS.replace('deadlineDays: 3', 'deadlineDays: drei'),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Zeile 3, Spalte 17: [1].deadlineDays muss ein Wert vom Typ „ganze Zahl“ sein.')
    const v2 = (await service.getStandard(ctx.db, 'erstantrag')).versions[1]
    expect(v2?.changeNote).toBe('')
    expect(v2?.steps[0]?.deadlineDays).toBe(3)
  })

  it('should let caseworkers read but not edit, and only administrators import', async () => {
    const caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
    expect((await caseworker.get('/standards/erstantrag/versionen/1')).status).toBe(200)
    expect((await caseworker.get('/standards/neu')).status).toBe(403)
    expect(
      (await caseworker.post('/standards/erstantrag/versionen/2/aktion', { action: 'submit' })).status,
    ).toBe(403)
    expect((await caseworker.get('/standards/import')).status).toBe(403)
    const exported = await caseworker.get('/standards/export?format=json&standard=erstantrag')
    expect(exported.headers.get('content-type')).toContain('application/json')
    expect(JSON.parse(await exported.text()).standards[0].key).toBe('erstantrag')
  })

  it('should reject a malformed upload with line numbers and import a valid one', async () => {
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    const before = await ctx.db.selectFrom('process_standard').select('id').execute()
    const bad = await admin.upload('/standards/import', {
      name: 'standards.yaml',
      bytes: new TextEncoder().encode(
        'format: lotse-standards/1\nstandards:\n  - key: neu\n    title: [Neu\n',
      ),
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toMatch(/Zeile \d+, Spalte \d+: Die Datei ist kein gültiges JSON oder YAML/)
    expect(await ctx.db.selectFrom('process_standard').select('id').execute()).toHaveLength(before.length)

    const good = await admin.upload('/standards/import', {
      name: 'standards.yaml',
      bytes: new TextEncoder().encode(
        `format: lotse-standards/1\nstandards:\n  - key: neu-importiert\n    title: Neu\n    steps:\n${STEPS.replace(/^/gm, '      ')}`,
      ),
    })
    expect(good.status).toBe(200)
    expect(await good.text()).toContain('1 Prozessstandards wurden als Entwurf übernommen.')
    expect((await service.getStandard(ctx.db, 'neu-importiert')).versions[0]?.status).toBe('draft')
  })
})
