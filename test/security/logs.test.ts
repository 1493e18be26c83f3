// SPDX-License-Identifier: EUPL-1.2
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grundsicherungForm } from '../../src/modules/applications/index.js'
import { grundsicherungFormInput } from '../factories/applications.factory.js'
import { buildRoutingRule, buildStaffWithPost } from '../factories/cases.factory.js'
import { signIn } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'
import { redirectTarget, TestClient } from '../support/test-client.js'

const lines: string[] = []
let ctx: TestContext

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  ctx = await freshTestContext({}, pino({ level: 'trace' }, sink))
})
afterAll(async () => {
  await ctx.close()
})

describe('structured logs', () => {
  it('should log each request as JSON without any of the personal data that passed through it', async () => {
    const staff = await buildStaffWithPost(ctx.db)
    await buildRoutingRule(ctx.db, staff.postId)
    const input = grundsicherungFormInput()
    const citizen = new TestClient(ctx.app)
    let location = redirectTarget(await citizen.post('/antrag/grundsicherung/starten', {}))
    for (const step of grundsicherungForm.steps) {
      location = redirectTarget(await citizen.post(location, { ...input[step.id], action: 'continue' }))
    }
    redirectTarget(await citizen.post('/antrag/grundsicherung/absenden', {}))
    await citizen.get('/antrag/eingangsbestaetigung')

    const caseworker = await signIn(ctx.app, staff)
    const list = await (await caseworker.get('/sachbearbeitung/antraege')).text()
    const id = /href="\/sachbearbeitung\/antraege\/([0-9a-f-]{36})"/.exec(list)?.[1]
    expect(id).toBeDefined()
    expect((await caseworker.get(`/sachbearbeitung/antraege/${id}`)).status).toBe(200)

    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request')
    expect(requests.length).toBeGreaterThan(12)
    expect(requests.every((r) => typeof r.requestId === 'string' && typeof r.status === 'number')).toBe(true)
    const all = lines.join('\n')
    for (const secret of [
      'Mustermann',
      'Erika',
      '12.08.1957',
      '1957-08-12',
      'DE02',
      '120300000000202051',
      'Burgstraße',
      staff.password,
      staff.totpSecret ?? 'no-secret',
      'lotse_session=',
      'lotse_draft=',
    ]) {
      expect(all, `log contains ${secret}`).not.toContain(secret)
    }
  })
})
