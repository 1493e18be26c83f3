// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { nextSecondFactorCode, signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { hashRecoveryCode } from './totp.js'

const PATH = '/konto/wiederherstellungscodes'
let ctx: TestContext

beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx?.close()
})

/** The stored code hashes of an account, as hex, sorted. */
async function storedHashes(staffUserId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('staff_recovery_code')
    .select('code_hash')
    .where('staff_user_id', '=', staffUserId)
    .execute()
  return rows.map((r) => r.code_hash.toString('hex')).sort()
}

const hex = (codes: string[]) => codes.map((c) => hashRecoveryCode(c).toString('hex')).sort()

function auditOf(staffUserId: string, action: string) {
  return ctx.db
    .selectFrom('audit_event')
    .selectAll()
    .where('actor_id', '=', staffUserId)
    .where('action', '=', action)
    .execute()
}

describe('self-service renewal of recovery codes under /konto', () => {
  it('should renew only after a fresh authenticator code, void the old codes at once and show the new ones once', async () => {
    const user = await buildStaffUser(ctx.db, { role: 'caseworker' })
    const oldCodes = [...user.recoveryCodes]
    expect(await storedHashes(user.id)).toEqual(hex(oldCodes))
    const client = await signIn(ctx.app, user)

    const page = await client.get(PATH)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Sie haben noch 10 unbenutzte Wiederherstellungscodes.')
    expect(html).toContain('Code aus der Authenticator-App')

    // A wrong code and a recovery code are both refused; nothing changes; each refusal is audited.
    const wrong = await client.post(PATH, { code: '000000' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Der Code ist falsch oder wurde schon verwendet.')
    const withRecovery = await client.post(PATH, { code: oldCodes[0] as string })
    expect(withRecovery.status).toBe(422)
    expect(await storedHashes(user.id)).toEqual(hex(oldCodes))
    expect(await auditOf(user.id, 'auth.recovery_codes_renew_failed')).toHaveLength(2)
    expect((await auditOf(user.id, 'auth.recovery_codes_renew_failed'))[0]?.outcome).toBe('denied')

    const code = nextSecondFactorCode(user)
    const renewed = await client.post(PATH, { code })
    expect(renewed.status).toBe(200)
    const shown = await renewed.text()
    expect(shown).toContain('Ihre neuen Wiederherstellungscodes')
    expect(renewed.headers.get('cache-control')).toContain('no-store')
    const newCodes = [...shown.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1] as string)
    expect(newCodes).toHaveLength(10)
    expect(newCodes.some((c) => oldCodes.includes(c))).toBe(false)
    // Only the new codes are stored (as hashes): every old code is void at once.
    expect(await storedHashes(user.id)).toEqual(hex(newCodes))
    expect((await storedHashes(user.id)).some((h) => hex(oldCodes).includes(h))).toBe(false)
    const [event] = await auditOf(user.id, 'auth.recovery_codes_renewed')
    expect(event).toMatchObject({ subject_type: 'staff_user', subject_id: user.id, outcome: 'success' })
    expect(event?.details).toEqual({ replaced: 10, issued: 10 })
    // The codes are never written to the audit log.
    expect(JSON.stringify(event)).not.toContain(newCodes[0])

    // The same authenticator code cannot be replayed; the page shows no codes afterwards.
    const replay = await client.post(PATH, { code })
    expect(replay.status).toBe(422)
    expect(await storedHashes(user.id)).toEqual(hex(newCodes))
    expect(await (await client.get(PATH)).text()).not.toContain(newCodes[0] as string)
  })

  it('should tell an account without a local second factor that its provider handles recovery, and change nothing', async () => {
    const user = await buildStaffUser(ctx.db, { role: 'team_lead' })
    const client = await signIn(ctx.app, user)
    // As for an account that signs in through single sign-on: no local authenticator secret.
    await ctx.db
      .updateTable('staff_user')
      .set({ totp_secret_enc: null, totp_last_step: null, mfa_enrolled_at: null })
      .where('id', '=', user.id)
      .execute()
    const page = await (await client.get(PATH)).text()
    expect(page).toContain('Ihr Konto meldet sich über die zentrale Anmeldung an.')
    expect(page).not.toContain('Neue Codes erzeugen')
    const before = await storedHashes(user.id)
    const res = await client.post(PATH, { code: '123456' })
    expect(res.status).toBe(422)
    expect(await storedHashes(user.id)).toEqual(before)
  })

  it('should refuse the page and the renewal without a session', async () => {
    const { TestClient } = await import('../../../test/support/test-client.js')
    const anonymous = new TestClient(ctx.app)
    expect((await anonymous.get(PATH)).status).toBe(303)
    expect((await anonymous.post(PATH, { code: '123456' })).status).toBe(401)
  })
})
