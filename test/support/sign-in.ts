// SPDX-License-Identifier: EUPL-1.2
import { totpCode, totpStep } from '../../src/modules/auth/index.js'
import type { buildStaffUser } from '../factories/applications.factory.js'
import { redirectTarget, TestClient, type Transport } from './test-client.js'

/** A staff account as the factory returns it: the row plus the secrets needed to sign in. */
export type TestStaffUser = Awaited<ReturnType<typeof buildStaffUser>>

/** Per account: the last TOTP step this process used (the server accepts each step once). */
const usedSteps = new Map<string, number>()

/**
 * The second factor for the next sign-in of `user`: a TOTP code for a time step not used before (the server
 * accepts the current step and one either side, each once; this uses the current and the next), or, when both are used up, one of the
 * account's recovery codes.
 * @throws Error for an account without a second factor, or when its recovery codes are used up
 */
export function nextSecondFactorCode(user: TestStaffUser, now = Date.now()): string {
  if (!user.totpSecret) {
    throw new Error(`${user.username} has no second factor set up`)
  }
  const current = totpStep(now)
  const last = usedSteps.get(user.id) ?? Number.NEGATIVE_INFINITY
  // The current step first, then the next one: both stay inside the server's ±1 window even when a step
  // boundary passes before the code arrives (the previous step would not).
  const step = [current, current + 1].find((s) => s > last)
  if (step !== undefined) {
    usedSteps.set(user.id, step)
    return totpCode(user.totpSecret, step * 30_000)
  }
  const recovery = user.recoveryCodes.shift()
  if (!recovery) {
    throw new Error(`no second factor left for ${user.username} in this time step`)
  }
  return recovery
}

/**
 * Signs a staff member in through the real sign-in pages (password, then the second factor) and returns the
 * client holding the session. Every test that needs a signed-in staff member goes through here, so a change of
 * the sign-in flow is made in one place.
 * @throws Error when the sign-in does not end in an active session
 */
export async function signIn(transport: Transport, user: TestStaffUser): Promise<TestClient> {
  const client = new TestClient(transport)
  const res = await client.post('/anmelden', { username: user.username, password: user.password })
  const location = res.status === 303 ? redirectTarget(res) : ''
  if (!location.startsWith('/anmelden/code') || !client.cookies.has('lotse_session')) {
    throw new Error(`sign-in of ${user.username} failed at the password: ${res.status} → ${location}`)
  }
  const weiter = new URL(location, 'http://x').searchParams.get('weiter') ?? ''
  const second = await client.post('/anmelden/code', { code: nextSecondFactorCode(user), weiter })
  if (second.status !== 303 || !client.cookies.has('lotse_session')) {
    throw new Error(`sign-in of ${user.username} failed at the second factor: ${second.status}`)
  }
  return client
}
