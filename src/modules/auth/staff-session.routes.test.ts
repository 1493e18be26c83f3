// SPDX-License-Identifier: EUPL-1.2
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApplication, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { nextSecondFactorCode, signIn as signInThroughPages } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { createApp } from '../../app.js'

const LIST = '/sachbearbeitung/antraege'

type StaffUser = Awaited<ReturnType<typeof buildStaffUser>>

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

function signIn(user: StaffUser, app: TestContext['app'] = ctx.app): Promise<TestClient> {
  return signInThroughPages(app, user)
}

/** The attributes of the Set-Cookie line for `name`, lower-cased, without the name=value pair. */
function cookieAttributes(res: Response, name: string): string[] | undefined {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`))
  return line
    ?.split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
}

describe('staff: sign-in', () => {
  it('should answer 422 with "Benutzername oder Passwort sind falsch." for a wrong password or an unknown user', async () => {
    const user = await buildStaffUser(ctx.db)
    for (const username of [user.username, 'gibt-es-nicht']) {
      const client = new TestClient(ctx.app)
      const res = await client.post('/anmelden', { username, password: 'falsches-passwort' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Benutzername oder Passwort sind falsch.')
      expect(html).toContain('<title>Fehler:')
      expect(client.cookies.has('lotse_session')).toBe(false)
    }
    const sessions = await ctx.db
      .selectFrom('staff_session')
      .selectAll()
      .where('staff_user_id', '=', user.id)
      .execute()
    expect(sessions).toEqual([])
  })

  it('should answer 422 naming the missing fields when username and password are empty', async () => {
    const res = await new TestClient(ctx.app).post('/anmelden', { username: ' ', password: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Geben Sie Ihren Benutzernamen an.')
    expect(html).toContain('Geben Sie Ihr Passwort an.')
  })

  it('should answer 429 after ten failed attempts for one username, then refuse even the right password', async () => {
    // A fixed instant inside one rate-limit window, so that no window boundary can fall into the test.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:05:00Z') })
    try {
      const user = await buildStaffUser(ctx.db)
      const client = new TestClient(ctx.app)
      for (let i = 0; i < 10; i++) {
        const res = await client.post('/anmelden', { username: user.username, password: `falsch-${i}` })
        expect(res.status, `attempt ${i + 1}`).toBe(422)
      }
      const limited = await client.post('/anmelden', { username: user.username, password: `falsch-10` })
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('600')
      expect(await limited.text()).toContain('Zu viele Versuche. Bitte warten Sie 10 Minuten')

      const right = await client.post('/anmelden', {
        username: user.username.toUpperCase(),
        password: user.password,
      })
      expect(right.status).toBe(429)
      expect(client.cookies.has('lotse_session')).toBe(false)
      const sessions = await ctx.db
        .selectFrom('staff_session')
        .selectAll()
        .where('staff_user_id', '=', user.id)
        .execute()
      expect(sessions).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('should set the session cookie HttpOnly, SameSite=Lax, Path=/, without Secure over plain HTTP', async () => {
    const user = await buildStaffUser(ctx.db)
    const client = new TestClient(ctx.app)
    const res = await client.post('/anmelden', { username: user.username, password: user.password })
    expect(res.status).toBe(303)
    const attributes = cookieAttributes(res, 'lotse_session')
    expect(attributes).toBeDefined()
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']))
    expect(attributes).not.toContain('secure')
    // A session cookie: gone when the browser closes.
    expect(attributes?.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false)
    // The database holds only a hash of the token.
    const token = client.cookies.get('lotse_session') ?? ''
    const stored = await ctx.db
      .selectFrom('staff_session')
      .select('id_hash')
      .where('staff_user_id', '=', user.id)
      .execute()
    expect(stored.map((s) => s.id_hash.toString('hex'))).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ])
  })

  it('should set the session cookie Secure when secureCookies is on', async () => {
    const secureApp = createApp({ ...ctx.deps, config: { ...ctx.deps.config, secureCookies: true } })
    const user = await buildStaffUser(ctx.db)
    const client = new TestClient(secureApp)
    const res = await client.post('/anmelden', { username: user.username, password: user.password })
    expect(res.status).toBe(303)
    expect(cookieAttributes(res, 'lotse_session')).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']),
    )
  })

  it('should issue a new session token at sign-in and drop the one the browser had before', async () => {
    const user = await buildStaffUser(ctx.db)
    const client = await signIn(user)
    const before = client.cookies.get('lotse_session')
    const again = await client.post('/anmelden', { username: user.username, password: user.password })
    expect(again.status).toBe(303)
    const after = client.cookies.get('lotse_session')
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    const sessions = await ctx.db
      .selectFrom('staff_session')
      .selectAll()
      .where('staff_user_id', '=', user.id)
      .execute()
    expect(sessions).toHaveLength(1)
  })

  it('should lead back to the staff page asked for, and never to another site', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const user = await buildStaffUser(ctx.db)
    const cases: Array<[string, string]> = [
      [`${LIST}/${applicationId}`, `${LIST}/${applicationId}`],
      ['//evil.example/sachbearbeitung', LIST],
      ['https://evil.example', LIST],
      ['/sachbearbeitung/../antrag', LIST],
      ['/antrag/status', LIST],
    ]
    for (const [weiter, target] of cases) {
      const client = new TestClient(ctx.app)
      const res = await client.post('/anmelden', { username: user.username, password: user.password, weiter })
      // The return address travels through the second-factor step, checked again at each step.
      const codeStep = redirectTarget(res)
      expect(codeStep, weiter).toBe(`/anmelden/code?weiter=${encodeURIComponent(target)}`)
      const done = await client.post('/anmelden/code', { code: nextSecondFactorCode(user), weiter })
      expect(redirectTarget(done), weiter).toBe(target)
    }
  })
})

describe('staff: session', () => {
  it('should end the session on the server at sign-out so that the old cookie opens nothing', async () => {
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    const token = cw.cookies.get('lotse_session') ?? ''
    expect((await cw.get(LIST)).status).toBe(200)

    const out = await cw.post('/abmelden', {})
    expect(redirectTarget(out)).toBe('/anmelden')
    expect(cw.cookies.has('lotse_session')).toBe(false)
    expect(
      await ctx.db.selectFrom('staff_session').selectAll().where('staff_user_id', '=', user.id).execute(),
    ).toEqual([])

    // Someone who kept a copy of the cookie gets nowhere.
    const replay = await ctx.app.request(LIST, { headers: { cookie: `lotse_session=${token}` } })
    expect(replay.status).toBe(303)
    expect(replay.headers.get('location')).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
    const replayClient = new TestClient(ctx.app)
    await replayClient.get('/')
    replayClient.cookies.set('lotse_session', token)
    const replayPost = await replayClient.post(`${LIST}/00000000-0000-4000-8000-000000000000/status`, {
      status: 'in_review',
    })
    expect(replayPost.status).toBe(401)
  })

  it('should send a session idle for longer than the idle timeout back to sign-in and remove its cookie', async () => {
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    await ctx.db
      .updateTable('staff_session')
      .set({ last_seen_at: sql`now() - interval '16 minutes'` })
      .where('staff_user_id', '=', user.id)
      .execute()
    const res = await cw.get(LIST)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
    expect(cookieAttributes(res, 'lotse_session')).toEqual(expect.arrayContaining(['max-age=0']))
    expect(cw.cookies.has('lotse_session')).toBe(false)
  })

  it('should keep a session that was idle for less than the timeout and record the activity', async () => {
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    await ctx.db
      .updateTable('staff_session')
      .set({ last_seen_at: sql`now() - interval '14 minutes'` })
      .where('staff_user_id', '=', user.id)
      .execute()
    const res = await cw.get(LIST)
    expect(res.status).toBe(200)
    const session = await ctx.db
      .selectFrom('staff_session')
      .select(sql<number>`extract(epoch from now() - last_seen_at)`.as('idle'))
      .where('staff_user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(Number(session.idle)).toBeLessThan(60)
  })

  it('should use the configured idle timeout', async () => {
    const strictApp = createApp({ ...ctx.deps, config: { ...ctx.deps.config, sessionIdleMinutes: 2 } })
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user, strictApp)
    await ctx.db
      .updateTable('staff_session')
      .set({ last_seen_at: sql`now() - interval '3 minutes'` })
      .where('staff_user_id', '=', user.id)
      .execute()
    expect((await cw.get(LIST)).status).toBe(303)
  })

  it('should end a session past its maximum lifetime even while it is in use', async () => {
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    await ctx.db
      .updateTable('staff_session')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('staff_user_id', '=', user.id)
      .execute()
    const res = await cw.get(LIST)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
  })
})

describe('staff: security headers', () => {
  it('should send CSP without unsafe-inline, frame protection, nosniff and a referrer policy on every kind of page', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const cw = await signIn(await buildStaffUser(ctx.db))
    const pages = ['/anmelden', LIST, `${LIST}/${applicationId}`, '/', '/antrag/status', '/gibt-es-nicht']
    for (const path of pages) {
      const res = await cw.get(path)
      expect(res.status, path).toBeLessThan(500)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toMatch(/script-src [^;]*'nonce-/)
      expect(csp, path).not.toContain("'unsafe-inline'")
      expect(csp, path).not.toContain("'unsafe-eval'")
      const framing =
        csp.includes("frame-ancestors 'none'") ||
        /^(DENY|SAMEORIGIN)$/i.test(res.headers.get('x-frame-options') ?? '')
      expect(framing, `${path}: frame-ancestors or X-Frame-Options`).toBe(true)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
  })
})
