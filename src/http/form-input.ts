// SPDX-License-Identifier: EUPL-1.2
import type { Context } from 'hono'

/**
 * The text fields of a submitted form (urlencoded or multipart) as name → value. Files and repeated
 * names are ignored: our forms never send a text field twice, and a value that is not text is no answer.
 */
export async function formText(c: Context): Promise<Record<string, string>> {
  // `all`: a repeated name arrives as an array and is dropped below, instead of the last value silently winning.
  const body = await c.req.parseBody({ all: true })
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') {
      out[name] = value
    }
  }
  return out
}
