// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../support/test-app.js'

/**
 * The browser security headers that docs/security.md lists as controls (ASVS V3/V14, OPS.1.2.4): each is
 * asserted here on a public page, a staff redirect and an error page, so that a change of the middleware
 * that drops one fails.
 */
let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext({ secureCookies: true })
})
afterAll(async () => {
  await ctx.close()
})

describe('security headers', () => {
  it.each(['/', '/dsb/loeschung', '/gibt-es-nicht'])('should send the strict headers on %s', async (path) => {
    const res = await ctx.app.request(path)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('should give each response its own script nonce', async () => {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec((await ctx.app.request('/')).headers.get('content-security-policy') ?? '')?.[1]
    const [a, b] = [await nonce(), await nonce()]
    expect(a).toBeDefined()
    expect(a).not.toBe(b)
  })
})
