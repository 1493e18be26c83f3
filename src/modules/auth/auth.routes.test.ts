// SPDX-License-Identifier: EUPL-1.2
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { nextSecondFactorCode, signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { sha256 } from '../../shared/ids.js'
import { totpCode, totpStep } from './totp.js'

const LIST = '/sachbearbeitung/antraege'
const LOCKED = 'Die Anmeldung ist vorübergehend gesperrt'
const FAILED = 'Benutzername oder Passwort sind falsch.'

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

function sessionsOf(userId: string) {
  return ctx.db.selectFrom('staff_session').selectAll().where('staff_user_id', '=', userId).execute()
}

function auditOf(userId: string, action: string) {
  return ctx.db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_type', '=', 'staff_user')
    .where('subject_id', '=', userId)
    .where('action', '=', action)
    .orderBy('id')
    .execute()
}

/** Password step only; returns the client holding the pending session and where it was sent. */
async function passwordStep(user: { username: string; password: string }, weiter?: string) {
  const client = new TestClient(ctx.app)
  const res = await client.post('/anmelden', {
    username: user.username,
    password: user.password,
    ...(weiter ? { weiter } : {}),
  })
  return { client, res }
}

/** The page text with the per-response parts (CSRF token, CSP nonce, request id) blanked. */
function comparable(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"').replace(/nonce="[^"]*"/g, 'nonce="…"')
}

describe('sign-in: password, then second factor', () => {
  it('should open only a pending session after the password, which grants nothing', async () => {
    const user = await buildStaffUser(ctx.db)
    const { client, res } = await passwordStep(user)
    expect(redirectTarget(res)).toBe(`/anmelden/code?weiter=${encodeURIComponent(LIST)}`)
    const [pending] = await sessionsOf(user.id)
    expect(pending?.stage).toBe('second_factor')
    // Nothing of the staff area opens with it: pages ask for a sign-in, posts are refused.
    const list = await client.get(LIST)
    expect(list.status).toBe(303)
    expect(list.headers.get('location')).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
    expect((await client.get('/konto/sitzungen')).status).toBe(303)
    expect((await client.post('/konto/sitzungen/ueberall-abmelden', {})).status).toBe(401)
    // The pending session survives those requests: the code page still shows.
    const codePage = await client.get('/anmelden/code')
    expect(codePage.status).toBe(200)
    expect(await codePage.text()).toContain('Sicherheitscode')
    expect(await auditOf(user.id, 'auth.sign_in')).toEqual([])
  })

  it('should sign in with a valid code, replace the pending session id and audit the sign-in without secrets', async () => {
    const user = await buildStaffUser(ctx.db)
    const { client } = await passwordStep(user)
    const pendingToken = client.cookies.get('lotse_session') ?? ''
    const code = nextSecondFactorCode(user)
    const res = await client.post('/anmelden/code', { code, weiter: LIST })
    expect(redirectTarget(res)).toBe(LIST)
    const activeToken = client.cookies.get('lotse_session') ?? ''
    expect(activeToken).not.toBe(pendingToken)
    const sessions = await sessionsOf(user.id)
    expect(sessions.map((s) => [s.stage, s.id_hash.equals(sha256(activeToken))])).toEqual([['active', true]])
    expect((await client.get(LIST)).status).toBe(200)

    // The pending id is worthless now.
    const old = new TestClient(ctx.app)
    old.cookies.set('lotse_session', pendingToken)
    expect((await old.get(LIST)).status).toBe(303)
    expect((await old.post('/anmelden/code', { code: nextSecondFactorCode(user) })).status).toBe(303)

    const audit = await auditOf(user.id, 'auth.sign_in')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_type: 'staff', actor_id: user.id, details: { method: 'totp' } })
    const everything = JSON.stringify(await ctx.db.selectFrom('audit_event').select('details').execute())
    expect(everything).not.toContain(code)
    expect(everything).not.toContain(user.password)
    expect(everything).not.toContain(user.totpSecret ?? 'no-secret')
  })

  it('should accept a code once only: the same code in a second sign-in is refused (no replay)', async () => {
    const user = await buildStaffUser(ctx.db)
    const code = totpCode(user.totpSecret ?? '', Date.now())
    const first = await passwordStep(user)
    expect(redirectTarget(await first.client.post('/anmelden/code', { code }))).toBe(LIST)
    const second = await passwordStep(user)
    const replay = await second.client.post('/anmelden/code', { code })
    expect(replay.status).toBe(422)
    expect(await replay.text()).toContain('Der Code ist nicht gültig.')
    expect((await sessionsOf(user.id)).map((s) => s.stage).sort()).toEqual(['active', 'second_factor'])
  })

  it('should accept the codes of one step before and after, and refuse those two steps away', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-03-03T10:00:10Z') })
    const user = await buildStaffUser(ctx.db)
    const secret = user.totpSecret ?? ''
    const step = totpStep(Date.now())
    const at = (s: number) => totpCode(secret, s * 30_000)
    for (const [code, accepted] of [
      [at(step - 2), false],
      [at(step + 2), false],
      [at(step - 1), true],
      [at(step + 1), true],
    ] as const) {
      const { client } = await passwordStep(user)
      const res = await client.post('/anmelden/code', { code })
      expect(res.status, code).toBe(accepted ? 303 : 422)
    }
    // step + 1 was used: the current step is now too old to be used again.
    const { client } = await passwordStep(user)
    expect((await client.post('/anmelden/code', { code: at(step) })).status).toBe(422)
  })

  it('should sign in with a recovery code once, and refuse the same code the second time', async () => {
    const user = await buildStaffUser(ctx.db)
    const recovery = user.recoveryCodes[0] ?? ''
    const first = await passwordStep(user)
    // Typed in lower case with spaces: still the same code.
    const ok = await first.client.post('/anmelden/code', { code: recovery.toLowerCase().replace(/-/g, ' ') })
    expect(redirectTarget(ok)).toBe(LIST)
    const audit = await auditOf(user.id, 'auth.sign_in')
    expect(audit.at(-1)?.details).toMatchObject({ method: 'recovery_code', recoveryCodesLeft: 9 })
    const second = await passwordStep(user)
    const again = await second.client.post('/anmelden/code', { code: recovery })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('Der Code ist nicht gültig.')
  })

  it('should ask for the code again with 422 when the field is empty', async () => {
    const user = await buildStaffUser(ctx.db)
    const { client } = await passwordStep(user)
    const res = await client.post('/anmelden/code', { code: '  ' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Geben Sie den Code aus Ihrer Authenticator-App ein.')
  })

  it('should send the code page to the sign-in when there is no pending session', async () => {
    const res = await new TestClient(ctx.app).get('/anmelden/code')
    expect(redirectTarget(res)).toBe(`/anmelden?weiter=${encodeURIComponent(LIST)}`)
  })

  it('should land an administrator on the account administration', async () => {
    const admin = await buildStaffUser(ctx.db, { role: 'administrator' })
    const { client } = await passwordStep(admin)
    const res = await client.post('/anmelden/code', { code: nextSecondFactorCode(admin), weiter: LIST })
    expect(redirectTarget(res)).toBe('/verwaltung/benutzer')
  })
})

describe('enrolment at first sign-in', () => {
  it('should show the QR code as inline SVG and the secret, refuse a wrong code, then store the secret encrypted and show ten recovery codes once', async () => {
    const user = await buildStaffUser(ctx.db, { enrolled: false })
    const { client, res } = await passwordStep(user)
    expect(redirectTarget(res)).toBe(`/anmelden/einrichten?weiter=${encodeURIComponent(LIST)}`)
    const pendingToken = client.cookies.get('lotse_session') ?? ''
    // Only the code page of an enrolled account is closed to this session.
    expect(redirectTarget(await client.get('/anmelden/code'))).toBe(
      `/anmelden?weiter=${encodeURIComponent(LIST)}`,
    )

    const page = await client.get('/anmelden/einrichten')
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toMatch(/<svg role="img" aria-label="QR-Code zum Einrichten der Authenticator-App"/)
    expect(html).not.toContain('<script')
    const grouped = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(html)?.[1] ?? ''
    const secret = grouped.replace(/ /g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
    // The same secret on a reload (it lives with the pending session until confirmed).
    expect(await (await client.get('/anmelden/einrichten')).text()).toContain(grouped)

    const wrong = await client.post('/anmelden/einrichten', {
      code: totpCode(secret, Date.now() - 120_000),
    })
    expect(wrong.status).toBe(422)
    const wrongHtml = await wrong.text()
    expect(wrongHtml).toContain('Der Code passt nicht zum Schlüssel.')
    expect(wrongHtml).toContain(grouped)
    expect(
      (
        await ctx.db
          .selectFrom('staff_user')
          .select('mfa_enrolled_at')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).mfa_enrolled_at,
    ).toBeNull()

    const done = await client.post('/anmelden/einrichten', {
      code: totpCode(secret, Date.now()),
      weiter: LIST,
    })
    expect(done.status).toBe(200)
    expect(done.headers.get('cache-control')).toBe('no-store')
    const codesHtml = await done.text()
    expect(codesHtml).toContain('Ihre Wiederherstellungscodes')
    expect(codesHtml).toContain(`href="${LIST}"`)
    const codes = [...codesHtml.matchAll(/<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/code>/g)].map(
      (m) => m[1] ?? '',
    )
    expect(new Set(codes).size).toBe(10)

    // Rotated: a new active session, the pending one gone.
    const token = client.cookies.get('lotse_session') ?? ''
    expect(token).not.toBe(pendingToken)
    expect((await sessionsOf(user.id)).map((s) => s.stage)).toEqual(['active'])
    expect((await client.get(LIST)).status).toBe(200)

    const row = await ctx.db
      .selectFrom('staff_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.mfa_enrolled_at).not.toBeNull()
    expect(row.totp_secret_enc?.toString('latin1')).not.toContain(secret)
    const stored = await ctx.db
      .selectFrom('staff_recovery_code')
      .selectAll()
      .where('staff_user_id', '=', user.id)
      .execute()
    expect(stored).toHaveLength(10)
    expect(stored.every((s) => s.used_at === null && s.code_hash.length === 32)).toBe(true)
    expect(JSON.stringify(stored)).not.toContain(codes[0] ?? '')
    expect(await auditOf(user.id, 'auth.mfa_enrolled')).toHaveLength(1)

    // The next sign-in asks for a code, not for enrolment; a shown recovery code works.
    const next = await passwordStep(user)
    expect(redirectTarget(next.res)).toMatch(/^\/anmelden\/code/)
    expect(redirectTarget(await next.client.post('/anmelden/code', { code: codes[3] ?? '' }))).toBe(LIST)
  })

  it('should send the enrolment page to the sign-in without a pending enrolment', async () => {
    const user = await buildStaffUser(ctx.db)
    const { client } = await passwordStep(user)
    expect(redirectTarget(await client.get('/anmelden/einrichten'))).toMatch(/^\/anmelden\?weiter=/)
  })
})

describe('lockout after consecutive failures', () => {
  it('should lock an existing and an unknown username alike after five wrong passwords, with the same German answer', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-05-05T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    const answers: Record<string, Array<{ status: number; html: string }>> = {}
    for (const username of [user.username, 'niemand-hier']) {
      answers[username] = []
      for (let i = 1; i <= 6; i++) {
        const res = await new TestClient(ctx.app).post('/anmelden', { username, password: `falsch-${i}` })
        answers[username]?.push({ status: res.status, html: comparable(await res.text()) })
      }
    }
    const known = answers[user.username] ?? []
    const unknown = answers['niemand-hier'] ?? []
    expect(known.map((a) => a.status)).toEqual([422, 422, 422, 422, 422, 422])
    expect(known.slice(0, 4).every((a) => a.html.includes(FAILED))).toBe(true)
    expect(known.slice(4).every((a) => a.html.includes(`${LOCKED}, weil zu oft`))).toBe(true)
    expect(known[5]?.html).toContain('Versuchen Sie es in 15 Minuten noch einmal.')
    // No enumeration: page for page, the unknown name gets exactly the same answer (apart from its value).
    expect(unknown.map((a) => a.html.replaceAll('niemand-hier', 'NAME'))).toEqual(
      known.map((a) => a.html.replaceAll(user.username, 'NAME')),
    )

    // Locked: even the right password opens nothing.
    const right = await passwordStep(user)
    expect(right.res.status).toBe(422)
    expect(await right.res.text()).toContain(LOCKED)
    expect(await sessionsOf(user.id)).toEqual([])

    // 15 minutes later the right password works again.
    vi.setSystemTime(new Date('2031-05-05T08:15:01Z'))
    expect(redirectTarget((await passwordStep(user)).res)).toMatch(/^\/anmelden\/code/)

    expect(await auditOf(user.id, 'auth.locked')).toHaveLength(1)
    const failed = await auditOf(user.id, 'auth.sign_in_failed')
    expect(failed.map((f) => f.details)).toEqual([
      ...Array(5).fill(expect.objectContaining({ step: 'password', reason: 'invalid' })),
      expect.objectContaining({ step: 'password', reason: 'locked' }),
      expect.objectContaining({ step: 'password', reason: 'locked' }),
    ])
    expect(JSON.stringify(failed)).not.toContain('falsch-')
    expect(JSON.stringify(failed)).not.toContain(user.password)
  })

  it('should count wrong codes too: the fifth ends the pending session and locks the account', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-06-06T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    const { client } = await passwordStep(user)
    for (let i = 1; i <= 4; i++) {
      const res = await client.post('/anmelden/code', { code: '000000' })
      expect(res.status, `attempt ${i}`).toBe(422)
      expect(await res.text()).toContain('Der Code ist nicht gültig.')
    }
    const fifth = await client.post('/anmelden/code', { code: '000000' })
    expect(fifth.status).toBe(422)
    expect(await fifth.text()).toContain(LOCKED)
    expect(client.cookies.has('lotse_session')).toBe(false)
    expect(await sessionsOf(user.id)).toEqual([])
    // The password alone does not help while locked.
    expect((await passwordStep(user)).res.status).toBe(422)
  })

  it('should not let a correct password reset the count of wrong codes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-07-07T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    for (let round = 0; round < 2; round++) {
      const { client } = await passwordStep(user)
      for (let i = 0; i < 2; i++) {
        expect((await client.post('/anmelden/code', { code: '000000' })).status).toBe(422)
      }
    }
    // 4 wrong codes so far over two password entries; the fifth locks.
    const { client } = await passwordStep(user)
    const res = await client.post('/anmelden/code', { code: '000000' })
    expect(await res.text()).toContain(LOCKED)
  })

  it('should forget earlier failures after a complete sign-in', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-08-08T08:00:00Z') })
    const user = await buildStaffUser(ctx.db)
    for (let i = 0; i < 4; i++) {
      await new TestClient(ctx.app).post('/anmelden', { username: user.username, password: 'falsch' })
    }
    await signIn(ctx.app, user)
    for (let i = 0; i < 4; i++) {
      const res = await new TestClient(ctx.app).post('/anmelden', {
        username: user.username,
        password: 'falsch',
      })
      expect(await res.text()).toContain(FAILED)
    }
  })
})
