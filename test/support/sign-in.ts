// SPDX-License-Identifier: EUPL-1.2
import type { buildStaffUser } from '../factories/applications.factory.js'
import { redirectTarget, TestClient, type Transport } from './test-client.js'

/** A staff account as the factory returns it: the row plus the secrets needed to sign in. */
export type TestStaffUser = Awaited<ReturnType<typeof buildStaffUser>>

/**
 * Signs a staff member in through the real sign-in pages and returns the client holding the session. Every
 * test that needs a signed-in staff member goes through here, so a change of the sign-in flow (a second
 * factor, say) is made in one place.
 * @throws Error when the sign-in does not end in a session
 */
export async function signIn(transport: Transport, user: TestStaffUser): Promise<TestClient> {
  const client = new TestClient(transport)
  const res = await client.post('/anmelden', { username: user.username, password: user.password })
  if (res.status !== 303 || !client.cookies.has('lotse_session')) {
    throw new Error(
      `sign-in of ${user.username} failed: ${res.status} → ${res.status === 303 ? redirectTarget(res) : ''}`,
    )
  }
  return client
}
