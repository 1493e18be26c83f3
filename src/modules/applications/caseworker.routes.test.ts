// SPDX-License-Identifier: EUPL-1.2
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  buildApplication,
  buildDocument,
  buildStaffUser,
} from '../../../test/factories/applications.factory.js'
import { nextSecondFactorCode, signIn as signInThroughPages } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { createApp } from '../../app.js'

// A minimal valid PDF: file-type recognises it by its first bytes.
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const NBSP = '\u00a0'
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

function addDocument(applicationId: string, name = 'Rentenbescheid.pdf', bytes = PDF): Promise<string> {
  return buildDocument(ctx.db, ctx.deps.fileStore, { applicationId }, { name, bytes })
}

/** Ids of the applications a list page links to, in page order. */
function listedIds(html: string): string[] {
  return [...html.matchAll(/href="\/sachbearbeitung\/antraege\/([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '')
}

/** The attributes of the Set-Cookie line for `name`, lower-cased, without the name=value pair. */
function cookieAttributes(res: Response, name: string): string[] | undefined {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`))
  return line
    ?.split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
}

function auditRows(action: string, subjectId: string) {
  return ctx.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
}

function history(applicationId: string) {
  return ctx.db
    .selectFrom('application_status_change')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()
}

// Runs first: it needs to know every application in the database.
describe('caseworker: application list', () => {
  it('should list applications newest first, 25 a page, with stable pages that do not overlap', async () => {
    const ids: string[] = []
    for (let i = 0; i < 30; i++) {
      ids.push((await buildApplication(ctx.db)).applicationId)
    }
    // The ten oldest arrived in the same instant, so the page boundary (25) falls among equal timestamps.
    const base = new Date('2026-11-02T08:00:00Z').getTime()
    for (const [i, id] of ids.entries()) {
      const submittedAt = new Date(i < 10 ? base : base + i * 60_000)
      await ctx.db
        .updateTable('application')
        .set({ submitted_at: submittedAt })
        .where('id', '=', id)
        .execute()
    }
    const newestFirst = [...ids.slice(10)].reverse()
    const tied = ids.slice(0, 10).sort().reverse()
    const expected = [...newestFirst, ...tied]

    const cw = await signIn(await buildStaffUser(ctx.db))
    const page1 = await cw.get(LIST)
    expect(page1.status).toBe(200)
    const html1 = await page1.text()
    expect(html1).toContain('30 Anträge')
    expect(html1).toContain('href="?seite=2"')
    const page2 = await cw.get(`${LIST}?seite=2`)
    const html2 = await page2.text()
    expect(html2).toContain('href="?seite=1"')
    expect(html2).not.toContain('href="?seite=3"')

    const first = listedIds(html1)
    const second = listedIds(html2)
    expect(first).toEqual(expected.slice(0, 25))
    expect(second).toEqual(expected.slice(25))
    expect(first.filter((id) => second.includes(id))).toEqual([])
    expect(new Set([...first, ...second])).toEqual(new Set(ids))
    // Asking again gives the same pages.
    expect(listedIds(await (await cw.get(LIST)).text())).toEqual(first)
    expect(listedIds(await (await cw.get(`${LIST}?seite=2`)).text())).toEqual(second)
  })

  it('should filter by status and ignore an unknown status', async () => {
    const all = await ctx.db.selectFrom('application').select('id').orderBy('id').execute()
    expect(all).toHaveLength(30)
    const inReview = all.slice(0, 7).map((a) => a.id)
    await ctx.db.updateTable('application').set({ status: 'in_review' }).where('id', 'in', inReview).execute()
    const cw = await signIn(await buildStaffUser(ctx.db))

    const reviewed = await (await cw.get(`${LIST}?status=in_review`)).text()
    expect(reviewed).toContain('7 Anträge')
    expect(new Set(listedIds(reviewed))).toEqual(new Set(inReview))
    expect(reviewed).not.toContain('kern-badge--info')

    const submitted = await (await cw.get(`${LIST}?status=submitted`)).text()
    expect(submitted).toContain('23 Anträge')
    const submittedIds = listedIds(submitted)
    expect(submittedIds).toHaveLength(23)
    expect(submittedIds.filter((id) => inReview.includes(id))).toEqual([])

    const unknown = await (await cw.get(`${LIST}?status=approved`)).text()
    expect(unknown).toContain('30 Anträge')
  })

  it('should audit each list view with the ids it showed', async () => {
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    const res = await cw.get(`${LIST}?status=in_review`)
    const shown = listedIds(await res.text())
    const rows = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_id', '=', user.id)
      .where('action', '=', 'application.list')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.details).toEqual({ page: 1, ids: shown })
    expect(rows[0]?.request_id).toBe(res.headers.get('x-request-id'))
  })
})

describe('caseworker: sign-in', () => {
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

describe('caseworker: application detail and documents', () => {
  it('should show names, birth date, amounts, the IBAN in groups of four and the documents', async () => {
    const { applicationId, reference } = await buildApplication(ctx.db)
    const documentId = await addDocument(applicationId)
    const cw = await signIn(await buildStaffUser(ctx.db))
    const res = await cw.get(`${LIST}/${applicationId}`)
    expect(res.status).toBe(200)
    const html = (await res.text()).replaceAll(NBSP, ' ')
    expect(html).toContain(`Antrag ${reference}`)
    expect(html).toContain('Erika')
    expect(html).toContain('Mustermann-Öztürk')
    expect(html).toContain('12.08.1957')
    expect(html).toContain('734,12 €')
    expect(html).toContain('DE02 1203 0000 0000 2020 51')
    expect(html).toContain('Eingegangen')
    expect(html).toContain(`href="${LIST}/${applicationId}/dokumente/${documentId}"`)
    expect(html).toContain('Rentenbescheid.pdf öffnen')
    expect(html).toContain('In Prüfung nehmen')
  })

  it('should write exactly one application.view audit row per detail view, with the viewer and the request id', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    const requestIds: Array<string | null> = []
    for (let i = 0; i < 3; i++) {
      const res = await cw.get(`${LIST}/${applicationId}`)
      expect(res.status).toBe(200)
      requestIds.push(res.headers.get('x-request-id'))
    }
    const rows = await auditRows('application.view', applicationId)
    expect(rows).toHaveLength(3)
    expect(rows.map((r) => r.request_id)).toEqual(requestIds)
    for (const row of rows) {
      expect(row.actor_type).toBe('staff')
      expect(row.actor_id).toBe(user.id)
      expect(row.subject_type).toBe('application')
    }
  })

  it('should show no social data when the audit record cannot be written (no view without a record)', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const cw = await signIn(await buildStaffUser(ctx.db))
    await sql`
      create function test_refuse_view_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'application.view' then
          raise exception 'audit store unavailable';
        end if;
        return new;
      end $$`.execute(ctx.db)
    await sql`create trigger test_refuse_view_audit before insert on audit_event
      for each row execute function test_refuse_view_audit()`.execute(ctx.db)
    try {
      const res = await cw.get(`${LIST}/${applicationId}`)
      expect(res.status).toBe(500)
      const html = await res.text()
      expect(html).toContain('Es ist ein technischer Fehler aufgetreten.')
      expect(html).not.toContain('Mustermann')
      expect(html).not.toContain('DE02')
    } finally {
      await sql`drop trigger test_refuse_view_audit on audit_event`.execute(ctx.db)
      await sql`drop function test_refuse_view_audit()`.execute(ctx.db)
    }
    expect(await auditRows('application.view', applicationId)).toEqual([])
  })

  it('should answer 404 for an unknown or malformed application id and write no audit row', async () => {
    const cw = await signIn(await buildStaffUser(ctx.db))
    for (const id of ['00000000-0000-4000-8000-000000000000', 'kein-uuid']) {
      const res = await cw.get(`${LIST}/${id}`)
      expect(res.status, id).toBe(404)
      expect(await res.text()).toContain('Die Seite wurde nicht gefunden.')
      expect(await auditRows('application.view', id)).toEqual([])
    }
  })

  it('should send a document as an attachment with nosniff and write a document.view audit row', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const documentId = await addDocument(applicationId, 'Miet vertrag "neu".pdf')
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    const res = await cw.get(`${LIST}/${applicationId}/dokumente/${documentId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Miet vertrag "neu".pdf')}`,
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
    const rows = await auditRows('document.view', applicationId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: user.id,
      subject_type: 'application',
      request_id: res.headers.get('x-request-id'),
      details: { documentId },
    })
  })

  it('should answer 404 for a document requested under another application and write no audit row', async () => {
    const owner = await buildApplication(ctx.db)
    const other = await buildApplication(ctx.db)
    const documentId = await addDocument(owner.applicationId)
    const cw = await signIn(await buildStaffUser(ctx.db))
    const res = await cw.get(`${LIST}/${other.applicationId}/dokumente/${documentId}`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('%PDF')
    expect(await auditRows('document.view', other.applicationId)).toEqual([])
    expect(await auditRows('document.view', owner.applicationId)).toEqual([])
  })
})

describe('caseworker: status change', () => {
  it('should move a submitted application to in review once and answer 409 to a second attempt, history unchanged', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const user = await buildStaffUser(ctx.db)
    const cw = await signIn(user)
    const res = await cw.post(`${LIST}/${applicationId}/status`, { status: 'in_review' })
    expect(redirectTarget(res)).toBe(`${LIST}/${applicationId}?geaendert=in_review`)
    const page = await (await cw.get(redirectTarget(res))).text()
    expect(page).toContain('Der Antrag ist jetzt „In Prüfung“.')
    expect(page).not.toContain('In Prüfung nehmen')

    const afterFirst = await history(applicationId)
    expect(afterFirst.map((h) => [h.from_status, h.to_status, h.changed_by])).toEqual([
      [null, 'submitted', null],
      ['submitted', 'in_review', user.id],
    ])
    const row = await ctx.db
      .selectFrom('application')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('in_review')
    expect(await auditRows('application.status_change', applicationId)).toHaveLength(1)

    const second = await cw.post(`${LIST}/${applicationId}/status`, { status: 'in_review' })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain('Dieser Schritt ist im aktuellen Status des Antrags nicht möglich.')
    expect(await history(applicationId)).toEqual(afterFirst)
    const unchanged = await ctx.db
      .selectFrom('application')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    expect(unchanged).toEqual(row)
    expect(await auditRows('application.status_change', applicationId)).toHaveLength(1)
  })

  it('should let only one of two simultaneous status changes through', async () => {
    const { applicationId } = await buildApplication(ctx.db)
    const [a, b] = await Promise.all([
      signIn(await buildStaffUser(ctx.db)),
      signIn(await buildStaffUser(ctx.db)),
    ])
    const results = await Promise.all([
      a.post(`${LIST}/${applicationId}/status`, { status: 'in_review' }),
      b.post(`${LIST}/${applicationId}/status`, { status: 'in_review' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([303, 409])
    const rows = await history(applicationId)
    expect(rows.map((h) => h.to_status)).toEqual(['submitted', 'in_review'])
  })
})

describe('caseworker: session', () => {
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

describe('caseworker: security headers', () => {
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
