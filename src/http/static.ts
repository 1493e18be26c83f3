// SPDX-License-Identifier: EUPL-1.2
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Hono } from 'hono'
import { publicAccess } from './access.js'
import type { AppEnv } from './context.js'

const require = createRequire(import.meta.url)
const kernDist = path.join(path.dirname(require.resolve('@kern-ux/native/package.json')), 'dist')
const ownAssets = path.join(import.meta.dirname, '..', 'assets')

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/** Only these files are served: a fixed list, so no request can walk the file system. */
const FILES: Record<string, string> = {
  'kern.min.css': path.join(kernDist, 'kern.min.css'),
  'fonts/fira-sans.css': path.join(kernDist, 'fonts', 'fira-sans.css'),
  'app.css': path.join(ownAssets, 'app.css'),
}
for (const weight of ['Light', 'Regular', 'Medium', 'SemiBold', 'Bold']) {
  for (const style of ['', 'Italic']) {
    const font = `FiraSans-${weight === 'Regular' && style ? '' : weight}${style}.woff2`
    FILES[`fonts/fira-sans/${font}`] = path.join(kernDist, 'fonts', 'fira-sans', font)
  }
}
for (const weight of [] as string[]) {
  FILES[`fonts/fira-sans/FiraSans-${weight}.woff2`] = path.join(
    kernDist,
    'fonts',
    'fira-sans',
    `FiraSans-${weight}.woff2`,
  )
}

const cache = new Map<string, Buffer>()

/** Stylesheets and fonts (KERN UX, EUPL-1.2, and our own), cached in memory after the first read. */
export function staticRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/static/*', publicAccess, async (c) => {
    const name = c.req.path.slice('/static/'.length)
    const file = FILES[name]
    if (!file) {
      return c.notFound()
    }
    let bytes = cache.get(name)
    if (!bytes) {
      bytes = await readFile(file)
      cache.set(name, bytes)
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=86400',
    })
  })
  return app
}
