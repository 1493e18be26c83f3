// SPDX-License-Identifier: EUPL-1.2
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'

export interface TestServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: string
  /** The database, deps and app behind the server, for arranging data and checking rows. */
  ctx: TestContext
  close(): Promise<void>
}

/** The real app on a fresh database, listening on a free port on the loopback interface. */
export async function startTestServer(): Promise<TestServer> {
  const ctx = await freshTestContext()
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // keep-alive connections of the browser must not hold the server open
        if ('closeAllConnections' in server) {
          server.closeAllConnections()
        }
      })
      await ctx.close()
    },
  }
}
