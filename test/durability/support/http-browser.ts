// SPDX-License-Identifier: EUPL-1.2
/**
 * A browser without JavaScript talking to a real server over HTTP: one cookie jar, forms sent urlencoded
 * with the CSRF field copied from the `lotse_csrf` cookie, redirects never followed (the tests look at
 * each 303 themselves).
 */
export class HttpBrowser {
  readonly cookies = new Map<string, string>()

  constructor(private readonly baseUrl: string) {}

  get csrf(): string {
    return decodeURIComponent(this.cookies.get('lotse_csrf') ?? '')
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(this.baseUrl + path, { headers: this.headers(), redirect: 'manual' })
    return this.remember(res)
  }

  /** Posts a form; fetches `/` first when the browser has no CSRF cookie yet, as a visitor would. */
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    if (!this.cookies.has('lotse_csrf')) {
      const home = await this.get('/')
      await home.arrayBuffer()
    }
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      redirect: 'manual',
    })
    return this.remember(res)
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return cookie ? { cookie } : {}
  }

  private remember(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      // Kept as sent (encoded): it goes back verbatim in the Cookie header.
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some(
        (a) => /^max-age=0$/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      )
      if (expired || value === '') {
        this.cookies.delete(name)
      } else {
        this.cookies.set(name, value)
      }
    }
    return res
  }
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
