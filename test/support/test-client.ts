// SPDX-License-Identifier: EUPL-1.2
import type { TestContext } from './test-app.js'

/**
 * A minimal browser for app.request(): keeps cookies, sends forms the way a browser without JavaScript
 * does (with the CSRF field taken from the cookie it was given), and never follows redirects by itself.
 */
export class TestClient {
  readonly cookies = new Map<string, string>()

  constructor(private readonly app: TestContext['app']) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      )
      if (expired || value === '') {
        this.cookies.delete(name)
      } else {
        this.cookies.set(name, value)
      }
    }
    return res
  }

  /** The CSRF token the forms of this "browser" carry. */
  get csrf(): string {
    return this.cookies.get('lotse_csrf') ?? ''
  }

  async get(path: string): Promise<Response> {
    return this.remember(await this.app.request(path, { headers: { cookie: this.cookieHeader() } }))
  }

  /** Posts a urlencoded form; adds the CSRF field unless `withCsrf` is false. */
  async post(path: string, fields: Record<string, string>, withCsrf = true): Promise<Response> {
    if (!this.cookies.has('lotse_csrf')) {
      await this.get('/')
    }
    const body = new URLSearchParams(withCsrf ? { _csrf: this.csrf, ...fields } : fields)
    return this.remember(
      await this.app.request(path, {
        method: 'POST',
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      }),
    )
  }

  /** Posts a multipart form with one file, like the upload form. */
  async upload(
    path: string,
    file: { name: string; bytes: Uint8Array; type?: string },
    fields: Record<string, string> = {},
  ) {
    if (!this.cookies.has('lotse_csrf')) {
      await this.get('/')
    }
    const form = new FormData()
    form.set('_csrf', this.csrf)
    for (const [k, v] of Object.entries(fields)) {
      form.set(k, v)
    }
    form.set(
      'file',
      new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'application/octet-stream' }),
    )
    return this.remember(
      await this.app.request(path, { method: 'POST', headers: { cookie: this.cookieHeader() }, body: form }),
    )
  }
}

/** Location of a redirect response, asserting that it is one. */
export function redirectTarget(res: Response): string {
  if (res.status < 300 || res.status >= 400) {
    throw new Error(`expected a redirect, got ${res.status}`)
  }
  return res.headers.get('location') ?? ''
}
