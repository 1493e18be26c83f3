// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import {
  addPublishedVersion,
  buildMappedStandard,
  checklistSteps,
} from '../../../test/factories/checklists.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type TestClient } from '../../../test/support/test-client.js'

const LIST = '/sachbearbeitung/antraege'
let ctx: TestContext
let team: Awaited<ReturnType<typeof buildTeam>>
let client: TestClient
let benefitType: string
let standardId: string

const GRANT = {
  ergebnis: 'granted',
  regelbedarf: '563,00',
  unterkunft: '',
  mehrbedarf: '',
  von: '01.12.2026',
  bis: '30.11.2027',
  rechtsgrundlage: '§§ 41 ff. SGB XII',
  begruendung: 'Die Voraussetzungen der §§ 41 ff. SGB XII liegen vor.',
}

beforeAll(async () => {
  ctx = await freshTestContext()
  team = await buildTeam(ctx.db, { caseworkers: 1 })
  const me = team.caseworkers[0]
  if (!me) {
    throw new Error('no caseworker')
  }
  client = await signIn(ctx.app, me)
  const s = await buildMappedStandard(ctx.db, [
    {
      version: 1,
      validFrom: '2026-01-01',
      publishedAt: new Date('2025-12-15T10:00:00Z'),
      steps: checklistSteps(),
    },
  ])
  benefitType = s.benefitType
  standardId = s.standardId
})
afterAll(async () => {
  await ctx?.close()
})

async function readyCase() {
  const c = await buildCase(ctx.db, { postId: team.caseworkers[0]?.postId ?? null, benefitType })
  await ctx.db
    .updateTable('application')
    .set({ status: 'ready_for_decision' })
    .where('id', '=', c.applicationId)
    .execute()
  return c.applicationId
}

function marks(applicationId: string) {
  return ctx.db
    .selectFrom('case_checklist_mark as m')
    .innerJoin('case_checklist as c', 'c.id', 'm.checklist_id')
    .select(['m.step_key', 'm.item_index', 'm.state', 'm.reason'])
    .where('c.application_id', '=', applicationId)
    .orderBy('m.step_key')
    .orderBy('m.item_index')
    .execute()
}

describe('checklist on the case page', () => {
  it('should show the steps, due dates and the items to tick', async () => {
    const id = await readyCase()
    const res = await client.get(`${LIST}/${id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Checkliste: Prüfstandard')
    expect(html).toContain('(Version 1)')
    expect(html).toContain('Örtliche Zuständigkeit geprüft (Pflicht)')
    expect(html).toContain('Vor dem Bescheid offen: 3 Pflichtpunkte.')
    expect(html).toContain(`action="${LIST}/${id}/checkliste/punkt"`)
  })

  it('should tick an item, refuse the decision with the open items named, then decide once all are done', async () => {
    const id = await readyCase()
    const done = await client.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'eingang',
      punkt: '0',
      aktion: 'erledigt',
    })
    expect(done.status).toBe(303)
    expect(redirectTarget(done)).toBe(`${LIST}/${id}#checkliste`)
    expect(await marks(id)).toEqual([{ step_key: 'eingang', item_index: 0, state: 'done', reason: null }])

    const refused = await client.post(`${LIST}/${id}/entscheidung`, GRANT)
    expect(refused.status).toBe(409)
    const html = await refused.text()
    expect(html).toContain('Der Bescheid kann noch nicht erlassen werden.')
    expect(html).toContain('„Örtliche Zuständigkeit geprüft“, „Altersgrenze geprüft“')
    expect(
      await ctx.db.selectFrom('decision').select('id').where('application_id', '=', id).execute(),
    ).toEqual([])

    await client.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'eingang',
      punkt: '1',
      aktion: 'erledigt',
    })
    await client.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'pruefung',
      punkt: '0',
      aktion: 'verzichten',
      begruendung: 'Rentenbescheid liegt vor.',
    })
    const decided = await client.post(`${LIST}/${id}/entscheidung`, GRANT)
    expect(redirectTarget(decided)).toBe(`${LIST}/${id}?erledigt=entschieden`)
    const page = await (await client.get(`${LIST}/${id}`)).text()
    expect(page).toContain(
      'Checkliste: auf „Altersgrenze geprüft“ verzichtet. Begründung: Rentenbescheid liegt vor.',
    )
  })

  it('should refuse a waiver without a reason with 422 and a German message, storing nothing', async () => {
    const id = await readyCase()
    const res = await client.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'eingang',
      punkt: '0',
      aktion: 'verzichten',
      begruendung: ' ',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Bitte geben Sie eine Begründung für den Verzicht an.')
    expect(await marks(id)).toEqual([])
  })

  it('should refuse malformed item fields with 422', async () => {
    const id = await readyCase()
    for (const fields of [
      { schritt: 'eingang', punkt: 'x', aktion: 'erledigt' },
      { schritt: 'eingang', punkt: '0', aktion: 'loeschen' },
      { schritt: '', punkt: '0', aktion: 'erledigt' },
    ]) {
      const res = await client.post(`${LIST}/${id}/checkliste/punkt`, fields)
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('Diesen Punkt gibt es in der Checkliste dieses Falls nicht.')
    }
    expect(await marks(id)).toEqual([])
  })

  it("should answer another team's caseworker with 404 on the page and the actions, storing nothing", async () => {
    const id = await readyCase()
    const other = await buildTeam(ctx.db, { caseworkers: 1 })
    const otherWorker = other.caseworkers[0]
    if (!otherWorker) {
      throw new Error('no caseworker')
    }
    const stranger = await signIn(ctx.app, otherWorker)
    expect((await stranger.get(`${LIST}/${id}`)).status).toBe(404)
    const tick = await stranger.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'eingang',
      punkt: '0',
      aktion: 'erledigt',
    })
    expect(tick.status).toBe(404)
    expect((await stranger.post(`${LIST}/${id}/checkliste/version`, {})).status).toBe(404)
    expect(await marks(id)).toEqual([])
  })

  it('should let an auditor read the checklist but not change it', async () => {
    const id = await readyCase()
    const auditor = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'auditor' }))
    const page = await auditor.get(`${LIST}/${id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Örtliche Zuständigkeit geprüft')
    expect(html).not.toContain('checkliste/punkt')
    const res = await auditor.post(`${LIST}/${id}/checkliste/punkt`, {
      schritt: 'eingang',
      punkt: '0',
      aktion: 'erledigt',
    })
    expect(res.status).toBe(403)
    expect(await marks(id)).toEqual([])
  })

  it('should offer a newer version and adopt it only when the button is pressed', async () => {
    const id = await readyCase()
    await client.get(`${LIST}/${id}`)
    await addPublishedVersion(ctx.db, standardId, {
      version: 2,
      validFrom: new Date().toISOString().slice(0, 10),
      publishedAt: new Date(),
      steps: checklistSteps({ eingangTitle: 'Eingang erfassen, neu gefasst' }),
    })
    const offered = await (await client.get(`${LIST}/${id}`)).text()
    expect(offered).toContain('(Version 1)')
    expect(offered).toContain('Version 2 übernehmen')
    // Reading again does not adopt it.
    const row = () =>
      ctx.db
        .selectFrom('case_checklist')
        .select('version')
        .where('application_id', '=', id)
        .executeTakeFirst()
    expect((await row())?.version).toBe(1)
    const res = await client.post(`${LIST}/${id}/checkliste/version`, {})
    expect(redirectTarget(res)).toBe(`${LIST}/${id}#checkliste`)
    expect((await row())?.version).toBe(2)
    const after = await (await client.get(`${LIST}/${id}`)).text()
    expect(after).toContain('Eingang erfassen, neu gefasst')
    expect(after).toContain('Checkliste: Version 2 des Prozessstandards übernommen')
  })
})
