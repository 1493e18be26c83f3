// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase, buildTeam } from '../../../test/factories/cases.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, type Transport } from '../../../test/support/test-client.js'
import { sealAllAuditEvents, verifyAuditChain } from '../audit/index.js'
import { withVisibleCase } from '../cases/cases.service.js'

let ctx: TestContext
/** The app as reached over a socket from 192.0.2.77 (app.request() alone has no client address). */
let fromOffice: Transport
beforeAll(async () => {
  ctx = await freshTestContext()
  fromOffice = {
    request: (path, init) =>
      ctx.app.request(path, init, {
        incoming: { socket: { remoteAddress: '192.0.2.77', remoteFamily: 'IPv4', remotePort: 50000 } },
      }),
  }
})
afterAll(async () => {
  await ctx.close()
})

const CASE = (id: string) => `/sachbearbeitung/antraege/${id}`
const REASON = 'Die Person steht am Schalter, Zahlung fehlt, zuständige Stelle nicht erreichbar.'

function rows(action: string, subjectId?: string) {
  let q = ctx.db.selectFrom('audit_event').selectAll().where('action', '=', action)
  if (subjectId) {
    q = q.where('subject_id', '=', subjectId)
  }
  return q.orderBy('id').execute()
}

/** Two teams; a case of team A; a caseworker of team B who has no need-to-know for it. */
async function scenario() {
  const teamA = await buildTeam(ctx.db, { caseworkers: 1 })
  const teamB = await buildTeam(ctx.db, { caseworkers: 1 })
  const owner = teamA.caseworkers[0]
  const outsider = teamB.caseworkers[0]
  if (!owner || !outsider) {
    throw new Error('team without caseworker')
  }
  const created = await buildCase(ctx.db, { postId: owner.postId })
  const app = await ctx.db
    .selectFrom('application')
    .select(['id', 'reference'])
    .where('id', '=', created.applicationId)
    .executeTakeFirstOrThrow()
  return { teamA, teamB, owner, outsider, app }
}

describe('audit context', () => {
  it('should record network, session, purpose and outcome on every case read without the call site passing them', async () => {
    const { owner, app } = await scenario()
    const client = await signIn(fromOffice, owner)
    expect((await client.get(CASE(app.id))).status).toBe(200)
    const [view] = await rows('application.view', app.id)
    const session = await ctx.db
      .selectFrom('staff_session')
      .select('id')
      .where('staff_user_id', '=', owner.id)
      .executeTakeFirstOrThrow()
    expect(view).toMatchObject({
      actor_id: owner.id,
      client_address: '192.0.2.0/24',
      session_id: session.id,
      outcome: 'success',
      purpose: 'case_processing',
      acting_for_post_id: null,
    })
    expect(view?.request_id).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('denied access', () => {
  it('should leave a denied entry and answer with the same 404 page as for a case that does not exist', async () => {
    const { outsider, app } = await scenario()
    const client = await signIn(fromOffice, outsider)
    const denied = await client.get(CASE(app.id))
    const missing = await client.get(CASE('00000000-0000-4000-8000-000000000000'))
    expect(denied.status).toBe(404)
    expect(missing.status).toBe(404)
    const [deniedBody, missingBody] = [await denied.text(), await missing.text()]
    expect(deniedBody).toBe(missingBody)
    expect(deniedBody).toContain('Notfallzugriff beantragen')
    const [entry] = await rows('case.denied', app.id)
    expect(entry).toMatchObject({ actor_id: outsider.id, outcome: 'denied', client_address: '192.0.2.0/24' })
    expect(await rows('application.view', app.id)).toHaveLength(0)
  })

  it('should record a role refusal as denied and still answer 403', async () => {
    const admin = await buildStaffUser(ctx.db, { role: 'administrator' })
    const client = await signIn(fromOffice, admin)
    const res = await client.get('/notfallzugriff')
    expect(res.status).toBe(403)
    const entries = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'route.denied')
      .where('actor_id', '=', admin.id)
      .execute()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ subject_id: '/notfallzugriff', outcome: 'denied' })
  })

  it('should not offer break-glass to a role that may not break glass', async () => {
    const { app } = await scenario()
    const dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
    const client = await signIn(ctx.app, dpo)
    const res = await client.get(CASE(app.id))
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('Notfallzugriff beantragen')
  })
})

describe('break-glass', () => {
  it('should refuse without a reason and keep the case closed', async () => {
    const { outsider, app } = await scenario()
    const client = await signIn(ctx.app, outsider)
    const res = await client.post('/notfallzugriff', { reference: app.reference, reason: 'kurz' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Die Begründung muss mindestens 20 Zeichen lang sein.')
    const empty = await client.post('/notfallzugriff', { reference: app.reference, reason: '' })
    expect(await empty.text()).toContain('Geben Sie eine Begründung ein.')
    expect(
      await ctx.db.selectFrom('break_glass_grant').selectAll().where('application_id', '=', app.id).execute(),
    ).toHaveLength(0)
    expect((await client.get(CASE(app.id))).status).toBe(404)
  })

  it('should say so for an unknown file number and record the attempt as denied', async () => {
    const { outsider } = await scenario()
    const client = await signIn(ctx.app, outsider)
    const res = await client.post('/notfallzugriff', { reference: 'GS-2026-9999999', reason: REASON })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Es gibt keinen Fall mit diesem Aktenzeichen.')
    expect(await rows('break_glass.open', 'GS-2026-9999999')).toMatchObject([{ outcome: 'denied' }])
  })

  it('should open the case with a reason, mark every page, audit with purpose break_glass, notify the lead and queue it for the DPO', async () => {
    const { teamA, outsider, app } = await scenario()
    const client = await signIn(fromOffice, outsider)
    const res = await client.post('/notfallzugriff', { reference: app.reference, reason: REASON })
    expect(redirectTarget(res)).toBe(CASE(app.id))
    const page = await client.get(CASE(app.id))
    expect(page.status).toBe(200)
    const banner = `Notfallzugriff aktiv: Aktenzeichen ${app.reference}`
    expect(await page.text()).toContain(banner)
    expect(await (await client.get('/sachbearbeitung/antraege')).text()).toContain(banner)
    expect(await (await client.get('/konto/sitzungen')).text()).toContain(banner)

    const grant = await ctx.db
      .selectFrom('break_glass_grant')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    expect(grant.expires_at.getTime() - grant.granted_at.getTime()).toBe(30 * 60_000)
    expect(grant).toMatchObject({ staff_user_id: outsider.id, reason: REASON, review_status: 'pending' })
    expect(await rows('break_glass.open', app.id)).toMatchObject([
      { purpose: 'break_glass', outcome: 'success' },
    ])
    expect(await rows('application.view', app.id)).toMatchObject([
      { actor_id: outsider.id, purpose: 'break_glass', client_address: '192.0.2.0/24' },
    ])

    // The lead of the case's team is told on her inbox page.
    const lead = await signIn(ctx.app, teamA.lead)
    const inbox = await (await lead.get('/sachbearbeitung/antraege')).text()
    expect(inbox).toContain('Es gibt 1 neue Notfallzugriffe auf Fälle Ihrer Einheit.')
    const notices = await (await lead.get('/notfallzugriff/hinweise')).text()
    expect(notices).toContain(app.reference)
    expect(notices).toContain(REASON)
    const notification = await ctx.db
      .selectFrom('break_glass_notification')
      .selectAll()
      .where('grant_id', '=', grant.id)
      .executeTakeFirstOrThrow()
    expect(notification).toMatchObject({ recipient_staff_user_id: teamA.lead.id, read_at: null })
    expect(redirectTarget(await lead.post(`/notfallzugriff/hinweise/${notification.id}/gelesen`, {}))).toBe(
      '/notfallzugriff/hinweise',
    )
    expect(await (await lead.get('/sachbearbeitung/antraege')).text()).not.toContain('neue Notfallzugriffe')

    // Administrators see that it happened, not which case or why.
    const admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
    const adminList = await (await admin.get('/verwaltung/notfallzugriffe')).text()
    expect(adminList).toContain(outsider.displayName)
    expect(adminList).not.toContain(app.reference)
    expect(adminList).not.toContain(REASON)

    // The DPO's review queue.
    const dpo = await buildStaffUser(ctx.db, { role: 'data_protection_officer' })
    const dpoClient = await signIn(ctx.app, dpo)
    const queue = await (await dpoClient.get('/datenschutz/notfallzugriffe')).text()
    expect(queue).toContain(app.reference)
    expect(queue).toContain(REASON)
    const flagWithoutNote = await dpoClient.post(`/datenschutz/notfallzugriffe/${grant.id}`, {
      decision: 'flagged',
      note: '',
    })
    expect(flagWithoutNote.status).toBe(422)
    expect(await flagWithoutNote.text()).toContain('Begründen Sie die Beanstandung in einem Vermerk.')
    const flagged = await dpoClient.post(`/datenschutz/notfallzugriffe/${grant.id}`, {
      decision: 'flagged',
      note: 'Zuständige Stelle war erreichbar.',
    })
    expect(redirectTarget(flagged)).toBe('/datenschutz/notfallzugriffe?geprueft=1')
    expect(
      await ctx.db
        .selectFrom('break_glass_grant')
        .selectAll()
        .where('id', '=', grant.id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({
      review_status: 'flagged',
      reviewed_by: dpo.id,
      review_note: 'Zuständige Stelle war erreichbar.',
    })
    expect(await rows('break_glass.review', app.id)).toMatchObject([
      { actor_id: dpo.id, purpose: 'data_protection_control', details: { decision: 'flagged' } },
    ])
    expect(await rows('break_glass.review_queue_view')).not.toHaveLength(0)
    // A reviewed grant cannot be reviewed again.
    expect(
      (await dpoClient.post(`/datenschutz/notfallzugriffe/${grant.id}`, { decision: 'confirmed', note: '' }))
        .status,
    ).toBe(404)
  })

  it('should end the access when the period is over', async () => {
    const { outsider, app } = await scenario()
    const client = await signIn(ctx.app, outsider)
    await client.post('/notfallzugriff', { reference: app.reference, reason: REASON })
    const grant = await ctx.db
      .selectFrom('break_glass_grant')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    const see = (at: Date) =>
      withVisibleCase(ctx.db, { ...outsider, role: 'caseworker' }, app.id, async () => true, at)
    expect(await see(new Date(grant.granted_at.getTime() + 29 * 60_000))).toBe(true)
    await expect(see(new Date(grant.granted_at.getTime() + 30 * 60_000))).rejects.toThrow(
      'no such application',
    )

    // Moving the clock over HTTP: the grant's period lies in the past, the case is closed again, no banner.
    await ctx.db
      .updateTable('break_glass_grant')
      .set({
        granted_at: new Date(grant.granted_at.getTime() - 31 * 60_000),
        expires_at: new Date(grant.expires_at.getTime() - 31 * 60_000),
      })
      .where('id', '=', grant.id)
      .execute()
    const res = await client.get(CASE(app.id))
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('Notfallzugriff aktiv')
  })

  it('should keep the hash chain valid over entries with the new columns', async () => {
    await sealAllAuditEvents(ctx.db)
    const denied = await ctx.db
      .selectFrom('audit_event')
      .select('id')
      .where('outcome', '=', 'denied')
      .where('client_address', 'is not', null)
      .executeTakeFirst()
    expect(denied).toBeDefined()
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true })
  })
})
