// SPDX-License-Identifier: EUPL-1.2
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { knowledgeService } from '../modules/knowledge/index.js'
import { standardsService } from '../modules/standards/index.js'
import { parseExchangeFile } from '../modules/standards/standards.exchange.js'
import { createLogger } from '../shared/logger.js'
import { loadKnowledgeDemo, STARTER_DIR } from './knowledge-demo.js'

let ctx: TestContext

beforeAll(async () => {
  ctx = await freshTestContext()
})

afterAll(async () => {
  await ctx?.close()
})

describe('starter set and demo knowledge map', () => {
  it('should ship four valid starter standards, each marked for legal review, with gesetze-im-internet links', async () => {
    const files = (await readdir(STARTER_DIR)).filter((f) => f.endsWith('.yaml')).sort()
    expect(files).toEqual([
      'aenderung-der-verhaeltnisse.yaml',
      'erstantrag-grundsicherung.yaml',
      'weiterbewilligung-grundsicherung.yaml',
      'widerspruch-grundsicherung.yaml',
    ])
    for (const file of files) {
      const text = await readFile(path.join(STARTER_DIR, file), 'utf8')
      const parsed = parseExchangeFile(text)
      expect(parsed.ok, `${file}: ${JSON.stringify(parsed.ok ? [] : parsed.errors)}`).toBe(true)
      expect(text).toContain('Rechtliche Prüfung durch das Amt vor Verwendung erforderlich')
    }
    const widerspruch = await readFile(path.join(STARTER_DIR, 'widerspruch-grundsicherung.yaml'), 'utf8')
    expect(widerspruch).toContain('https://www.gesetze-im-internet.de/sgg/__84.html')
  })

  it('should load the starter set as drafts and a linked map, once', async () => {
    await loadKnowledgeDemo(ctx.db, createLogger('silent'))
    await loadKnowledgeDemo(ctx.db, createLogger('silent'))
    const standards = await standardsService.listStandards(ctx.db)
    expect(standards.map((s) => s.key).sort()).toEqual([
      'aenderung-der-verhaeltnisse',
      'erstantrag-grundsicherung',
      'weiterbewilligung-grundsicherung',
      'widerspruch-grundsicherung',
    ])
    expect(standards.every((s) => s.versions.length === 1 && s.versions[0]?.status === 'draft')).toBe(true)
    const hits = await knowledgeService.searchEntries(ctx.db, 'Widersprüche', {})
    expect(hits.map((h) => h.title)).toEqual(['Widerspruchsstelle'])
    const map = await knowledgeService.knowledgeMap(ctx.db)
    expect(map[0]?.entry.title).toBe('Grundsicherung im Alter und bei Erwerbsminderung')
    expect(map[0]?.children).toHaveLength(4)
  })
})
