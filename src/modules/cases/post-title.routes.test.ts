// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCase, buildStaffWithPost, type StaffWithPost } from '../../../test/factories/cases.factory.js'
import { buildAbsence, buildOrgUnit, SYSTEM_ACTOR } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'
import { organisationService } from '../organisation/index.js'
import { postTitleAt, postTitlesAt } from '../organisation/post-title.js'

const LIST = '/sachbearbeitung/antraege'
const DAY = 86_400_000
const OLD = 'Stelle Altname Grundsicherung'
const NEW = 'Stelle Neuname Grundsicherung Nord'
const LATER = 'Stelle Zukunftsname'

let ctx: TestContext
let absent: StaffWithPost
let deputy: StaffWithPost
let deputyClient: TestClient
let caseId: string
const renamedAt = new Date(Date.now() - 2 * DAY)

beforeAll(async () => {
  ctx = await freshTestContext()
  const unit = await buildOrgUnit(ctx.db)
  absent = await buildStaffWithPost(ctx.db, { unitId: unit.id, title: OLD })
  deputy = await buildStaffWithPost(ctx.db, { unitId: unit.id, title: 'Stelle der Vertretung' })
  await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
    postId: absent.postId,
    deputyPostId: deputy.postId,
    kind: 'permanent',
    validFrom: new Date('2020-01-01T00:00:00Z'),
  })
  const attributes = { fte: 1, taskArea: null, signingLevel: 'none' as const, signingLimitCents: null }
  await organisationService.changePost(ctx.db, SYSTEM_ACTOR, absent.postId, renamedAt, {
    ...attributes,
    title: NEW,
  })
  await organisationService.changePost(ctx.db, SYSTEM_ACTOR, absent.postId, new Date(Date.now() + 30 * DAY), {
    ...attributes,
    title: LATER,
  })
  await buildAbsence(ctx.db, absent.personId, new Date(Date.now() - DAY), new Date(Date.now() + 7 * DAY))
  caseId = (await buildCase(ctx.db, { postId: absent.postId, surname: 'Umbenannt-Fall' })).applicationId
  deputyClient = await signIn(ctx.app, deputy)
})

afterAll(async () => {
  await ctx?.close()
})

describe('workbench: a renamed post shows the title valid today', () => {
  it('should read the title in force at an instant, the post row’s own title before the first version', async () => {
    const before = await postTitlesAt(ctx.db, [absent.postId], new Date(renamedAt.getTime() - DAY))
    const now = await postTitlesAt(ctx.db, [absent.postId], new Date())
    const later = await postTitlesAt(ctx.db, [absent.postId], new Date(Date.now() + 31 * DAY))
    expect([before.get(absent.postId), now.get(absent.postId), later.get(absent.postId)]).toEqual([
      OLD,
      NEW,
      LATER,
    ])
  })

  it('should read the title in force at the instant a row holds (as the access log does)', async () => {
    const before = new Date(renamedAt.getTime() - DAY)
    const { rows } = await sql<{ title: string }>`
      select ${postTitleAt('p', { column: 'x.at' })} as title
      from post p, (values (${before}::timestamptz), (now())) as x(at)
      where p.id = ${absent.postId} order by x.at`.execute(ctx.db)
    expect(rows.map((r) => r.title)).toEqual([OLD, NEW])
  })

  it('should label the covered post in the inbox with today’s title, i.V.', async () => {
    const inbox = await (await deputyClient.get(LIST)).text()
    expect(inbox).toContain(`<abbr title="in Vertretung">i.V.</abbr> ${NEW}`)
    expect(inbox).not.toContain(OLD)
    expect(inbox).not.toContain(LATER)
  })

  it('should show today’s title on the case page: the assigned post, the cover notice and a note written i.V.', async () => {
    const note = await deputyClient.post(`${LIST}/${caseId}/notizen`, { notiz: 'Rückruf vereinbart.' })
    expect(note.status).toBe(303)
    const res = await deputyClient.get(`${LIST}/${caseId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`Sie bearbeiten diesen Fall in Vertretung (i.V.) für die Stelle „${NEW}“.`)
    expect(html.split(NEW).length - 1).toBeGreaterThanOrEqual(3)
    expect(html).not.toContain(OLD)
  })
})
