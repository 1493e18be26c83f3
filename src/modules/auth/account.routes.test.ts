// SPDX-License-Identifier: EUPL-1.2
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient, type Transport } from '../../../test/support/test-client.js'
import { loadConfig } from '../../config/config.js'
import { ensureDemoStaff } from '../../demo/demo-staff.js'
import { resolveMfaSecretKey } from './secret-box.js'
import { totpCode } from './totp.js'

const LIST = '/sachbearbeitung/antraege'
const USERS = '/verwaltung/benutzer'
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})
afterEach(() => {
  vi.useRealTimers()
})

/** The app as seen from a browser that sends this User-Agent. */
function withUserAgent(userAgent: string): Transport {
  return {
    request: (p, init) => {
      const headers = new Headers(init?.headers)
      headers.set('user-agent', userAgent)
      return ctx.app.request(p, { ...init, headers })
    },
  }
}

function sessionsOf(userId: string) {
  return ctx.db.selectFrom('staff_session').selectAll().where('staff_user_id', '=', userId).execute()
}

describe('my sessions', () => {
  it('should list my active sessions with browser summary, times, the current one marked, and no full address', async () => {
    const user = await buildStaffUser(ctx.db)
    const office = await signIn(withUserAgent(FIREFOX), user)
    await signIn(withUserAgent(SAFARI), user)
    const other = await buildStaffUser(ctx.db)
    await signIn(ctx.app, other)

    const res = await office.get('/konto/sitzungen')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Meine Sitzungen')
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => m[1] ?? '').slice(1)
    expect(rows).toHaveLength(2)
    const firefox = rows.find((r) => r.includes('Firefox auf Windows')) ?? ''
    const safari = rows.find((r) => r.includes('Safari auf iOS')) ?? ''
    expect(firefox).toContain('diese Sitzung')
    expect(safari).not.toContain('diese Sitzung')
    expect(firefox).toMatch(/\d{2}\.\d{2}\.\d{4}/)
    expect(html).toContain('Überall abmelden')
    const stored = await sessionsOf(user.id)
    expect(stored.map((s) => s.user_agent).sort()).toEqual(['Firefox auf Windows', 'Safari auf iOS'])
    // The whole header is not kept.
    expect(JSON.stringify(stored)).not.toContain('Gecko')
  })

  it('should end one other session of mine, and refuse to end another person’s session', async () => {
    const user = await buildStaffUser(ctx.db)
    const here = await signIn(withUserAgent(FIREFOX), user)
    const there = await signIn(withUserAgent(SAFARI), user)
    const stranger = await buildStaffUser(ctx.db)
    const strangerClient = await signIn(ctx.app, stranger)
    const [strangerSession] = await sessionsOf(stranger.id)
    const thereSession = (await sessionsOf(user.id)).find((s) => s.user_agent === 'Safari auf iOS')

    const foreign = await here.post(`/konto/sitzungen/${strangerSession?.id}/beenden`, {})
    expect(foreign.status).toBe(404)
    expect((await strangerClient.get(LIST)).status).toBe(200)

    const res = await here.post(`/konto/sitzungen/${thereSession?.id}/beenden`, {})
    expect(redirectTarget(res)).toBe('/konto/sitzungen?beendet=1')
    expect(await (await here.get('/konto/sitzungen?beendet=1')).text()).toContain(
      'Die Sitzung wurde beendet.',
    )
    expect((await there.get(LIST)).status).toBe(303)
    expect((await here.get(LIST)).status).toBe(200)
    expect((await sessionsOf(user.id)).map((s) => s.user_agent)).toEqual(['Firefox auf Windows'])
  })

  it('should sign out everywhere: every session of mine ends, other people’s stay', async () => {
    const user = await buildStaffUser(ctx.db)
    const a = await signIn(ctx.app, user)
    const b = await signIn(ctx.app, user)
    const other = await buildStaffUser(ctx.db)
    const c = await signIn(ctx.app, other)
    const res = await a.post('/konto/sitzungen/ueberall-abmelden', {})
    expect(redirectTarget(res)).toBe('/anmelden')
    expect(a.cookies.has('lotse_session')).toBe(false)
    expect(await sessionsOf(user.id)).toEqual([])
    expect((await b.get(LIST)).status).toBe(303)
    expect((await c.get(LIST)).status).toBe(200)
  })

  it('should refuse the sessions page without a sign-in and "sign out everywhere" without CSRF token', async () => {
    expect(redirectTarget(await new TestClient(ctx.app).get('/konto/sitzungen'))).toBe(
      `/anmelden?weiter=${encodeURIComponent('/konto/sitzungen')}`,
    )
    const user = await buildStaffUser(ctx.db)
    const client = await signIn(ctx.app, user)
    const res = await client.post('/konto/sitzungen/ueberall-abmelden', {}, false)
    expect(res.status).toBe(403)
    expect(await sessionsOf(user.id)).toHaveLength(1)
  })
})

describe('session limits (15 minutes idle, 8 hours at most)', () => {
  it('should default to 15 minutes idle, 8 hours absolute and a lock after 5 failures for 15 minutes', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      sessionIdleMinutes: 15,
      sessionMaxHours: 8,
      loginLockoutAttempts: 5,
      loginLockoutMinutes: 15,
    })
  })

  it('should end a session idle for more than 15 minutes and keep one idle for 14', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-09-09T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    const client = await signIn(ctx.app, user)
    vi.setSystemTime(new Date('2031-09-09T08:14:00Z'))
    expect((await client.get(LIST)).status).toBe(200)
    vi.setSystemTime(new Date('2031-09-09T08:29:30Z'))
    const res = await client.get(LIST)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
    expect(client.cookies.has('lotse_session')).toBe(false)
  })

  it('should end a session 8 hours after sign-in even when it was used every 10 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-10-10T06:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    const client = await signIn(ctx.app, user)
    for (let minutes = 10; minutes < 8 * 60; minutes += 10) {
      vi.setSystemTime(new Date(Date.parse('2031-10-10T06:00:00Z') + minutes * 60_000))
      expect((await client.get('/konto/sitzungen')).status, `${minutes} min`).toBe(200)
    }
    vi.setSystemTime(new Date('2031-10-10T14:00:01Z'))
    expect((await client.get(LIST)).status).toBe(303)
  })

  it('should give a pending (password-only) session 10 minutes at most', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-11-11T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.post('/anmelden', { username: user.username, password: user.password })
    vi.setSystemTime(new Date('2031-11-11T08:10:01Z'))
    const res = await client.post('/anmelden/code', { code: totpCode(user.totpSecret ?? '', Date.now()) })
    expect(redirectTarget(res)).toMatch(/^\/anmelden\?weiter=/)
    expect((await sessionsOf(user.id)).filter((s) => s.stage === 'active')).toEqual([])
  })
})

describe('account administration', () => {
  it('should let only administrators see the accounts and reset a second factor', async () => {
    const target = await buildStaffUser(ctx.db, { displayName: 'Ziel Person' })
    for (const role of ['caseworker', 'team_lead', 'data_protection_officer', 'auditor'] as const) {
      const client = await signIn(ctx.app, await buildStaffUser(ctx.db, { role }))
      expect((await client.get(USERS)).status, role).toBe(403)
      const res = await client.post(`${USERS}/${target.id}/mfa-zuruecksetzen`, {})
      expect(res.status, role).toBe(403)
    }
    const row = await ctx.db
      .selectFrom('staff_user')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(row.mfa_enrolled_at).not.toBeNull()
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.mfa_reset')
      .execute()
    expect(audit).toEqual([])
  })

  it('should reset a second factor: secret and codes gone, sessions ended, audited, next sign-in re-enrols', async () => {
    const admin = await buildStaffUser(ctx.db, { role: 'administrator' })
    const target = await buildStaffUser(ctx.db, { displayName: 'Hinnerk Handyweg' })
    const targetClient = await signIn(ctx.app, target)
    const adminClient = await signIn(ctx.app, admin)

    const page = await (await adminClient.get(USERS)).text()
    expect(page).toContain('Hinnerk Handyweg')
    expect(page).toContain('Zweiten Faktor zurücksetzen: Hinnerk Handyweg')

    const res = await adminClient.post(`${USERS}/${target.id}/mfa-zuruecksetzen`, {})
    const back = redirectTarget(res)
    expect(await (await adminClient.get(back)).text()).toContain(
      'Der zweite Faktor von Hinnerk Handyweg wurde zurückgesetzt.',
    )
    const row = await ctx.db
      .selectFrom('staff_user')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ totp_secret_enc: null, totp_last_step: null, mfa_enrolled_at: null })
    expect(
      await ctx.db
        .selectFrom('staff_recovery_code')
        .selectAll()
        .where('staff_user_id', '=', target.id)
        .execute(),
    ).toEqual([])
    expect(await sessionsOf(target.id)).toEqual([])
    expect((await targetClient.get(LIST)).status).toBe(303)

    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.mfa_reset')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: admin.id,
      subject_type: 'staff_user',
      subject_id: target.id,
      request_id: res.headers.get('x-request-id'),
      details: { sessionsEnded: 1 },
    })

    const again = new TestClient(ctx.app)
    const password = await again.post('/anmelden', { username: target.username, password: target.password })
    expect(redirectTarget(password)).toMatch(/^\/anmelden\/einrichten/)
  })

  it('should end all sessions of a user whose role changes (their old session id no longer works), audited', async () => {
    const admin = await buildStaffUser(ctx.db, { role: 'administrator' })
    const target = await buildStaffUser(ctx.db, { role: 'caseworker', displayName: 'Rolf Rollenwechsel' })
    const targetClient = await signIn(ctx.app, target)
    const oldToken = targetClient.cookies.get('lotse_session') ?? ''
    const adminClient = await signIn(ctx.app, admin)

    const res = await adminClient.post(`${USERS}/${target.id}/rolle`, { role: 'team_lead' })
    expect(await (await adminClient.get(redirectTarget(res))).text()).toContain(
      'Die Rolle von Rolf Rollenwechsel wurde geändert.',
    )
    const replay = new TestClient(ctx.app)
    replay.cookies.set('lotse_session', oldToken)
    expect((await replay.get(LIST)).status).toBe(303)
    expect(await sessionsOf(target.id)).toEqual([])
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.role_change')
      .where('subject_id', '=', target.id)
      .execute()
    expect(audit.map((a) => [a.actor_id, a.details])).toEqual([
      [admin.id, { from: 'caseworker', to: 'team_lead', sessionsEnded: 1 }],
    ])
    // A new sign-in gets a new session with the new role.
    const fresh = await signIn(ctx.app, target)
    expect((await fresh.get(LIST)).status).toBe(200)
    expect(fresh.cookies.get('lotse_session')).not.toBe(oldToken)
    const row = await ctx.db
      .selectFrom('staff_user')
      .select('role')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(row.role).toBe('team_lead')
  })

  it('should end all sessions of a disabled account and refuse its sign-in with the usual message', async () => {
    const admin = await buildStaffUser(ctx.db, { role: 'administrator' })
    const target = await buildStaffUser(ctx.db, { displayName: 'Dora Deaktiviert' })
    const targetClient = await signIn(ctx.app, target)
    const adminClient = await signIn(ctx.app, admin)
    const res = await adminClient.post(`${USERS}/${target.id}/status`, { disabled: 'ja' })
    expect(await (await adminClient.get(redirectTarget(res))).text()).toContain(
      'Das Konto von Dora Deaktiviert wurde gesperrt.',
    )
    expect(await sessionsOf(target.id)).toEqual([])
    expect((await targetClient.get(LIST)).status).toBe(303)
    const login = await new TestClient(ctx.app).post('/anmelden', {
      username: target.username,
      password: target.password,
    })
    expect(login.status).toBe(422)
    expect(await login.text()).toContain('Benutzername oder Passwort sind falsch.')
    const audit = await ctx.db
      .selectFrom('audit_event')
      .select(['actor_id', 'action'])
      .where('subject_id', '=', target.id)
      .where('action', '=', 'auth.account_disabled')
      .execute()
    expect(audit).toEqual([{ actor_id: admin.id, action: 'auth.account_disabled' }])
  })
})

describe('MFA key and demo accounts', () => {
  it('should generate the key once into the data directory with mode 0600 and read it on the next start', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lotse-mfa-'))
    try {
      const config = loadConfig({ DATA_DIR: dir })
      const first = await resolveMfaSecretKey(config)
      expect(first).toHaveLength(32)
      const file = path.join(dir, 'mfa-secret.key')
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      expect((await resolveMfaSecretKey(config)).equals(first)).toBe(true)
      const fromEnv = Buffer.alloc(32, 3)
      expect(
        (
          await resolveMfaSecretKey(loadConfig({ DATA_DIR: dir, MFA_SECRET_KEY: fromEnv.toString('base64') }))
        ).equals(fromEnv),
      ).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('should refuse to start in production on an external database without MFA_SECRET_KEY, and refuse a short key', async () => {
    await expect(
      resolveMfaSecretKey(
        loadConfig({
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@localhost/lotse',
          DATA_DIR: '/nonexistent',
        }),
      ),
    ).rejects.toThrow('MFA_SECRET_KEY is required')
    expect(() => loadConfig({ MFA_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      'MFA_SECRET_KEY: must be 32 bytes',
    )
  })

  it('should enrol the demo accounts and write their TOTP secret and otpauth URI to demo-logins.json', async () => {
    const key = ctx.deps.config.mfaSecretKey ?? Buffer.alloc(0)
    const logins = await ensureDemoStaff(ctx.db, ctx.dataDir, key)
    const file = JSON.parse(await readFile(path.join(ctx.dataDir, 'demo-logins.json'), 'utf8'))
    expect(file).toEqual(logins)
    const caseworker = logins.find((l) => l.role === 'caseworker')
    expect(caseworker?.totpSecret).toMatch(/^[A-Z2-7]{32}$/)
    expect(caseworker?.otpauthUri).toContain(`secret=${caseworker?.totpSecret}`)
    expect(logins.map((l) => l.role).sort()).toEqual([
      'administrator',
      'caseworker',
      'complaints_coordinator',
      'data_protection_officer',
      'division_head',
      'team_lead',
    ])
    // The demo caseworker signs in with the password and a code from the secret in the file.
    const client = new TestClient(ctx.app)
    await client.post('/anmelden', {
      username: caseworker?.username ?? '',
      password: caseworker?.password ?? '',
    })
    const res = await client.post('/anmelden/code', {
      code: totpCode(caseworker?.totpSecret ?? '', Date.now()),
    })
    expect(redirectTarget(res)).toBe(LIST)
  })
})
