// SPDX-License-Identifier: EUPL-1.2

/** Where requests go: the app in-process (`app.request`) or a real server over HTTP ({@link overHttp}). */
export interface Transport {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** A transport to a running server; redirects are never followed, as for the in-process app. */
export function overHttp(baseUrl: string): Transport {
  return { request: (path, init) => fetch(baseUrl + path, { ...init, redirect: 'manual' }) }
}

/**
 * A minimal browser for app.request() or a real server: keeps cookies, sends forms the way a browser without JavaScript
 * does (with the CSRF field taken from the cookie it was given), and never follows redirects by itself.
 */
export class TestClient {
  readonly cookies = new Map<string, string>()

  constructor(private readonly app: Transport) {}

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

  /**
   * Posts a urlencoded form; adds the CSRF field unless `withCsrf` is false. Pairs may repeat a name, as
   * checkboxes do.
   */
  async post(
    path: string,
    fields: Record<string, string> | ReadonlyArray<readonly [string, string]>,
    withCsrf = true,
  ): Promise<Response> {
    if (!this.cookies.has('lotse_csrf')) {
      // Read the body: over HTTP an unread body holds its connection.
      await (await this.get('/')).arrayBuffer()
    }
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields)
    const body = new URLSearchParams(withCsrf ? [['_csrf', this.csrf], ...pairs] : [...pairs])
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
      // Read the body: over HTTP an unread body holds its connection.
      await (await this.get('/')).arrayBuffer()
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

/** The value a response sets for a cookie (decoded), if it sets one. */
export function setCookieValue(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? ''
    const eq = pair.indexOf('=')
    if (pair.slice(0, eq).trim() === name) {
      return decodeURIComponent(pair.slice(eq + 1).trim())
    }
  }
  return undefined
}
